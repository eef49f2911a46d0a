#include "output/chunk_codec.h"

#include <libdeflate.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace krapte::h5 {

namespace {

constexpr int kDeflateLevel = 1;
// A byte plane is stored (not compressed) when a sample of it deflates to more than this
// share of its size: the low mantissa bytes of sums of FTE are noise, and deflating noise
// costs as much time as deflating anything else for nothing.
constexpr double kStoredAboveShare = 0.9;
constexpr size_t kSampleBytes = 4096;
constexpr size_t kMaxStoredBlock = 65535;  // deflate's stored-block limit (RFC 1951 3.2.4)

// One compressor per thread: allocating one costs more than encoding a small chunk.
struct Codec {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(kDeflateLevel);
  libdeflate_compressor* sampler = libdeflate_alloc_compressor(1);
  libdeflate_decompressor* decompressor = libdeflate_alloc_decompressor();
  std::vector<unsigned char> shuffled;
  std::vector<unsigned char> sample_out;
  std::vector<int32_t> counts;
  Codec() {
    if (compressor == nullptr || sampler == nullptr || decompressor == nullptr)
      throw std::runtime_error("libdeflate: cannot allocate a compressor");
  }
  ~Codec() {
    libdeflate_free_compressor(compressor);
    libdeflate_free_compressor(sampler);
    libdeflate_free_decompressor(decompressor);
  }
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;
};

Codec& codec() {
  thread_local Codec c;
  return c;
}

void shuffle(const unsigned char* raw, size_t element_size, size_t count, unsigned char* shuffled) {
  // HDF5's shuffle filter: byte k of every element, for k = 0..size-1, one plane after another.
  for (size_t k = 0; k < element_size; ++k)
    for (size_t i = 0; i < count; ++i) shuffled[k * count + i] = raw[i * element_size + k];
}

void append_stored_blocks(const unsigned char* data, size_t bytes, bool final, std::vector<unsigned char>& out) {
  // Each block: a header byte (BFINAL, BTYPE 00, padding to the byte), LEN and NLEN
  // little-endian, the bytes. Blocks start and end on byte boundaries.
  size_t done = 0;
  do {
    const size_t length = std::min(kMaxStoredBlock, bytes - done);
    const bool last = final && done + length == bytes;
    out.push_back(last ? 0x01 : 0x00);
    out.push_back(static_cast<unsigned char>(length & 0xFF));
    out.push_back(static_cast<unsigned char>(length >> 8));
    out.push_back(static_cast<unsigned char>(~length & 0xFF));
    out.push_back(static_cast<unsigned char>((~length >> 8) & 0xFF));
    out.insert(out.end(), data + done, data + done + length);
    done += length;
  } while (done < bytes);
}

}  // namespace

namespace detail {

size_t stored_planes(const unsigned char* shuffled, size_t element_size, size_t count) {
  if (count < kSampleBytes) return 0;  // small chunks: compress all, the time is nothing
  Codec& c = codec();
  c.sample_out.resize(kSampleBytes);
  size_t planes = 0;
  for (; planes < element_size; ++planes) {
    // The sample is the middle of the plane: the first points of a run are the least typical.
    const unsigned char* sample = shuffled + planes * count + (count - kSampleBytes) / 2;
    const size_t size = libdeflate_deflate_compress(c.sampler, sample, kSampleBytes, c.sample_out.data(), kSampleBytes);
    const bool shrinks = size != 0 && static_cast<double>(size) <= kStoredAboveShare * kSampleBytes;
    if (shrinks) break;
  }
  return planes;
}

// A zlib stream (RFC 1950) of the shuffled bytes that HDF5's deflate filter (zlib's inflate)
// reads back: the leading planes that do not compress as stored deflate blocks, the rest
// deflated by libdeflate (a raw deflate stream starts on a byte boundary, where the stored
// blocks end), then the Adler-32 of all of it.
EncodedChunk shuffle_and_deflate(const unsigned char* raw, size_t element_size, size_t count) {
  Codec& c = codec();
  const size_t bytes = count * element_size;
  c.shuffled.resize(bytes);
  shuffle(raw, element_size, count, c.shuffled.data());
  const size_t stored_bytes = stored_planes(c.shuffled.data(), element_size, count) * count;
  const size_t compressed_input = bytes - stored_bytes;

  EncodedChunk chunk;
  const size_t bound = libdeflate_deflate_compress_bound(c.compressor, compressed_input);
  chunk.bytes.reserve(2 + stored_bytes + 5 * (stored_bytes / kMaxStoredBlock + 1) + bound + 4);
  chunk.bytes.push_back(0x78);  // deflate, 32 KiB window
  chunk.bytes.push_back(0x5E);  // "fast" level, and 0x785E % 31 == 0 (RFC 1950)
  if (stored_bytes > 0 || compressed_input == 0)
    append_stored_blocks(c.shuffled.data(), stored_bytes, compressed_input == 0, chunk.bytes);
  if (compressed_input > 0) {
    const size_t at = chunk.bytes.size();
    chunk.bytes.resize(at + bound);
    const size_t size = libdeflate_deflate_compress(c.compressor, c.shuffled.data() + stored_bytes, compressed_input,
                                                    chunk.bytes.data() + at, bound);
    if (size == 0) throw std::runtime_error("libdeflate: cannot compress a chunk");
    chunk.bytes.resize(at + size);
  }
  const uint32_t adler = libdeflate_adler32(1, c.shuffled.data(), bytes);
  for (int shift = 24; shift >= 0; shift -= 8) chunk.bytes.push_back(static_cast<unsigned char>(adler >> shift));
  return chunk;
}

}  // namespace detail

EncodedChunk encode_chunk(const double* data, size_t count) {
  return detail::shuffle_and_deflate(reinterpret_cast<const unsigned char*>(data), sizeof(double), count);
}

EncodedChunk encode_chunk_int32(const double* data, size_t count) {
  std::vector<int32_t>& values = codec().counts;
  values.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const double v = data[i];
    if (!(v >= INT32_MIN && v <= INT32_MAX) || v != std::trunc(v))
      throw std::logic_error("a count stored as int32 is not a whole number in range: " + std::to_string(v));
    values[i] = static_cast<int32_t>(v);
  }
  return detail::shuffle_and_deflate(reinterpret_cast<const unsigned char*>(values.data()), sizeof(int32_t), count);
}

std::vector<double> decode_chunk(const EncodedChunk& chunk, size_t count) {
  Codec& c = codec();
  const size_t bytes = count * sizeof(double);
  c.shuffled.resize(bytes);
  size_t produced = 0;
  const libdeflate_result result =
      libdeflate_zlib_decompress(c.decompressor, chunk.bytes.data(), chunk.bytes.size(), c.shuffled.data(), bytes, &produced);
  if (result != LIBDEFLATE_SUCCESS || produced != bytes)
    throw std::runtime_error("libdeflate: a stored chunk does not decompress to " + std::to_string(count) + " doubles");
  std::vector<double> values(count);
  auto* raw = reinterpret_cast<unsigned char*>(values.data());
  for (size_t k = 0; k < sizeof(double); ++k)
    for (size_t i = 0; i < count; ++i) raw[i * sizeof(double) + k] = c.shuffled[k * count + i];
  return values;
}

}  // namespace krapte::h5

// The filter pipeline of krapte's result datasets (HDF5's shuffle, then deflate) done on
// worker threads, so that only the write of the finished bytes is serialised. No HDF5 call
// here: every function is thread-safe.
#pragma once

#include <cstddef>
#include <vector>

namespace krapte::h5 {

/// A chunk already passed through the dataset's filters (shuffle, then deflate): a zlib
/// stream of the shuffled bytes, as HDF5's deflate filter writes and reads it.
struct EncodedChunk {
  std::vector<unsigned char> bytes;
};

/// The filters of a float64 dataset on one chunk of `count` doubles.
EncodedChunk encode_chunk(const double* data, size_t count);
/// The same for an int32 dataset: `data` holds whole numbers in int32's range (std::logic_error if not).
EncodedChunk encode_chunk_int32(const double* data, size_t count);
/// The inverse of encode_chunk; `count` doubles.
std::vector<double> decode_chunk(const EncodedChunk& chunk, size_t count);

namespace detail {
/// Shuffle and deflate of `count` elements of `element_size` bytes (exposed for tests).
EncodedChunk shuffle_and_deflate(const unsigned char* raw, size_t element_size, size_t count);
/// How many leading byte planes (least significant bytes first) of a shuffled buffer are
/// stored without compression: those that a sample shows deflate cannot shrink.
size_t stored_planes(const unsigned char* shuffled, size_t element_size, size_t count);
}  // namespace detail

}  // namespace krapte::h5

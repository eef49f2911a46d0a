// The chunk codec: what it writes is what HDF5's own filters (shuffle, zlib inflate) read
// back, bit for bit, whichever byte planes it stored without compression.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "output/chunk_codec.h"
#include "output/hdf5_handles.h"

namespace krapte {

namespace {

std::vector<double> noise(size_t count, unsigned seed) {
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<double> fte(100.0, 5000.0);
  std::vector<double> values(count);
  for (double& v : values) v = fte(generator);
  return values;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // memcmp must not be given the null data() of empty vectors (UBSan), even for 0 bytes.
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Writes the encoded chunk as the only chunk of a dataset and reads it with H5Dread, that
// is through HDF5's filter pipeline as h5py and h5dump read it.
template <typename T>
std::vector<T> read_through_hdf5(const h5::EncodedChunk& chunk, size_t count, h5::StoredType type) {
  // One file per test: ctest runs the tests of this file as parallel processes.
  const std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const auto path = std::filesystem::temp_directory_path() /
                    ("krapte_test_chunk_codec_" + test_name + "_" + std::to_string(::getpid()) + ".h5");
  std::vector<T> values(count);
  {
    const h5::Handle file = h5::create_file(path.string());
    const h5::Handle dataset = h5::create_chunked(file, "values", {1, static_cast<hsize_t>(count)}, type, 1, false);
    h5::write_encoded_chunk(dataset, {0, 0}, chunk);
    const hid_t memory = type == h5::StoredType::kInt32 ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE;
    h5::check(H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "read the test dataset");
  }
  std::filesystem::remove(path);
  return values;
}

}  // namespace

TEST(ChunkCodec, NoiseInTheLowBytesIsStoredAndReadsBackThroughHdf5) {
  // 100,000 doubles: each plane is more than one stored block (65,535 bytes).
  const std::vector<double> values = noise(100000, 1);
  const h5::EncodedChunk chunk = h5::encode_chunk(values.data(), values.size());
  EXPECT_TRUE(same_bits(h5::decode_chunk(chunk, values.size()), values));
  EXPECT_TRUE(same_bits(read_through_hdf5<double>(chunk, values.size(), h5::StoredType::kFloat64), values));

  std::vector<unsigned char> shuffled(values.size() * sizeof(double));
  const auto* raw = reinterpret_cast<const unsigned char*>(values.data());
  for (size_t k = 0; k < sizeof(double); ++k)
    for (size_t i = 0; i < values.size(); ++i) shuffled[k * values.size() + i] = raw[i * sizeof(double) + k];
  const size_t stored = h5::detail::stored_planes(shuffled.data(), sizeof(double), values.size());
  // Values in [100, 5000): the six low mantissa bytes are noise, the exponent bytes are not.
  EXPECT_GE(stored, 5u);
  EXPECT_LE(stored, 6u);
  // Storing noise loses next to nothing against compressing it: the chunk is at most raw
  // size plus the stored blocks' headers.
  EXPECT_LT(chunk.bytes.size(), values.size() * sizeof(double));
}

TEST(ChunkCodec, RegularValuesAreAllCompressed) {
  std::vector<double> values(50000, 0.0);
  for (size_t i = 0; i < values.size(); i += 7) values[i] = 1.5;
  const h5::EncodedChunk chunk = h5::encode_chunk(values.data(), values.size());
  EXPECT_LT(chunk.bytes.size(), values.size() * sizeof(double) / 50);
  EXPECT_TRUE(same_bits(read_through_hdf5<double>(chunk, values.size(), h5::StoredType::kFloat64), values));
}

TEST(ChunkCodec, CountsAsInt32ReadBackThroughHdf5) {
  std::mt19937 generator(3);
  std::uniform_int_distribution<int> headcount(0, 100000);
  std::vector<double> counts(30000);
  for (double& c : counts) c = headcount(generator);
  const h5::EncodedChunk chunk = h5::encode_chunk_int32(counts.data(), counts.size());
  const std::vector<int32_t> read = read_through_hdf5<int32_t>(chunk, counts.size(), h5::StoredType::kInt32);
  for (size_t i = 0; i < counts.size(); ++i) ASSERT_EQ(read[i], static_cast<int32_t>(counts[i])) << "at " << i;
  const double fraction = 0.5;
  EXPECT_THROW(h5::encode_chunk_int32(&fraction, 1), std::logic_error);
}

TEST(ChunkCodec, SmallAndEmptyChunks) {
  for (const size_t count : {size_t{0}, size_t{1}, size_t{10}, size_t{4095}, size_t{4096}}) {
    const std::vector<double> values = noise(count, static_cast<unsigned>(count));
    const h5::EncodedChunk chunk = h5::encode_chunk(values.data(), values.size());
    EXPECT_TRUE(same_bits(h5::decode_chunk(chunk, count), values)) << count << " values";
    if (count == 0) continue;  // HDF5 has no empty chunks
    EXPECT_TRUE(same_bits(read_through_hdf5<double>(chunk, count, h5::StoredType::kFloat64), values)) << count;
  }
}

}  // namespace krapte

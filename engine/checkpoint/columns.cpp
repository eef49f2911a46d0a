#include "checkpoint/columns.h"

#include <algorithm>

#include "output/hdf5_handles.h"

namespace krapte::checkpoint {

namespace {

template <class T>
hid_t memory_type();
template <>
hid_t memory_type<uint8_t>() { return H5T_NATIVE_UINT8; }
template <>
hid_t memory_type<int16_t>() { return H5T_NATIVE_INT16; }
template <>
hid_t memory_type<int32_t>() { return H5T_NATIVE_INT32; }
template <>
hid_t memory_type<int64_t>() { return H5T_NATIVE_INT64; }
template <>
hid_t memory_type<uint64_t>() { return H5T_NATIVE_UINT64; }
template <>
hid_t memory_type<double>() { return H5T_NATIVE_DOUBLE; }

constexpr hsize_t kChunkElements = 1 << 18;

}  // namespace

template <class T>
void write_column(hid_t parent, const std::string& name, const std::vector<T>& values) {
  const hsize_t n = values.size();
  const h5::Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "dataspace " + name);
  const h5::Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "properties " + name);
  if (n > 0) {  // an empty column has no chunk
    const hsize_t chunk = std::min(n, kChunkElements);
    h5::check(H5Pset_chunk(properties, 1, &chunk), "chunk " + name);
    h5::check(H5Pset_fletcher32(properties), "checksum " + name);
    h5::check(H5Pset_shuffle(properties), "shuffle " + name);
    h5::check(H5Pset_deflate(properties, 1), "deflate " + name);
  }
  const h5::Handle dataset(H5Dcreate2(parent, name.c_str(), memory_type<T>(), space, H5P_DEFAULT, properties, H5P_DEFAULT),
                           H5Dclose, "create " + name);
  if (n > 0) h5::check(H5Dwrite(dataset, memory_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
}

template <class T>
std::vector<T> read_column(hid_t parent, const std::string& name) {
  h5::silence_errors();
  const h5::Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  const h5::Handle space(H5Dget_space(dataset), H5Sclose, "dataspace " + name);
  if (H5Sget_simple_extent_ndims(space) != 1) throw h5::Error(name + " is not a column");
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) throw h5::last_error("size of " + name);
  std::vector<T> values(static_cast<size_t>(n));
  if (n > 0) h5::check(H5Dread(dataset, memory_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "read " + name);
  return values;
}

template <class T>
std::vector<T> read_column(hid_t parent, const std::string& name, size_t expected) {
  std::vector<T> values = read_column<T>(parent, name);
  if (values.size() != expected)
    throw h5::Error(name + " has " + std::to_string(values.size()) + " values, not " + std::to_string(expected));
  return values;
}

#define KRAPTE_CHECKPOINT_COLUMN(T)                                                          \
  template void write_column<T>(hid_t, const std::string&, const std::vector<T>&);          \
  template std::vector<T> read_column<T>(hid_t, const std::string&);                         \
  template std::vector<T> read_column<T>(hid_t, const std::string&, size_t);
KRAPTE_CHECKPOINT_COLUMN(uint8_t)
KRAPTE_CHECKPOINT_COLUMN(int16_t)
KRAPTE_CHECKPOINT_COLUMN(int32_t)
KRAPTE_CHECKPOINT_COLUMN(int64_t)
KRAPTE_CHECKPOINT_COLUMN(uint64_t)
KRAPTE_CHECKPOINT_COLUMN(double)
#undef KRAPTE_CHECKPOINT_COLUMN

}  // namespace krapte::checkpoint

// Helpers for the sweep tests: sweep files written on the fly, every dataset of an HDF5 file
// as bytes (for bit-for-bit comparisons), and a scratch folder per test.
#pragma once

#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "output/hdf5_handles.h"
#include "cli_support.h"

namespace krapte::test {

/// A scratch folder removed at the end of the test.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("krapte_sweep_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `text` to `name` in the folder; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name)) << text;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

/// A 2 x 2 grid of 3 replications each, the body of a tiny sweep file (tiny_sweep_text).
inline constexpr const char* kGrid = R"(replications: 3
seed: 11
axes:
  - {key: exits.move_share, values: [0.2, 0.4]}
  - {key: recruitment.mode, values: [competitive, collective]}
)";

/// A sweep file over tests/data/tiny/tiny.yaml: `body` holds everything after `scenario:`.
inline std::string tiny_sweep_text(const std::string& body) {
  return "scenario: " + data_path("tiny/tiny.yaml") + "\n" + body;
}

inline std::vector<double> read_doubles_of(const std::string& path, const std::string& name, std::vector<hsize_t>& dims) {
  const h5::Handle file = h5::open_file_read(path);
  return h5::read_doubles(file, name, dims);
}

/// Every dataset of a file, by path, as the bytes of its stored type.
inline std::map<std::string, std::vector<char>> dataset_bytes(const std::string& path) {
  const h5::Handle file = h5::open_file_read(path);
  std::vector<std::string> names;
  auto collect = [](hid_t group, const char* name, const H5L_info_t*, void* data) -> herr_t {
    const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
    if (object >= 0 && H5Iget_type(object) == H5I_DATASET) static_cast<std::vector<std::string>*>(data)->push_back(name);
    if (object >= 0) H5Oclose(object);
    return 0;
  };
  H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC, collect, &names);
  std::map<std::string, std::vector<char>> bytes;
  for (const std::string& name : names) {
    const h5::Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
    const h5::Handle type(H5Dget_type(dataset), H5Tclose, "type of " + name);
    const h5::Handle space(H5Dget_space(dataset), H5Sclose, "space of " + name);
    if (H5Tis_variable_str(type) > 0) {  // coordinates (dimension scales): compare the text, not the pointers
      std::vector<char*> strings(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
      h5::check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, strings.data()), "read " + name);
      std::vector<char> text;
      for (const char* s : strings) text.insert(text.end(), s, s + std::strlen(s) + 1);
      H5Dvlen_reclaim(type, space, H5P_DEFAULT, strings.data());
      bytes[name] = std::move(text);
      continue;
    }
    std::vector<char> data(static_cast<size_t>(H5Sget_simple_extent_npoints(space)) * H5Tget_size(type) + 1);
    h5::check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "read " + name);
    bytes[name] = std::move(data);
  }
  return bytes;
}

/// Expects two files to hold the same datasets with the same bytes; returns how many.
inline size_t expect_same_datasets(const std::string& a, const std::string& b) {
  const auto x = dataset_bytes(a);
  const auto y = dataset_bytes(b);
  EXPECT_EQ(x.size(), y.size());
  for (const auto& [name, data] : x) {
    const auto other = y.find(name);
    if (other == y.end()) {
      ADD_FAILURE() << name << " is in " << a << " only";
      continue;
    }
    EXPECT_TRUE(data == other->second) << name << " differs between " << a << " and " << b;
  }
  return x.size();
}

}  // namespace krapte::test

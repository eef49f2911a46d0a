// Thin RAII wrappers over the HDF5 C API: one owner per hid_t, closed in the destructor,
// and every failing call turned into an exception with a message (HDF5's own error stack
// printing is switched off).
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

namespace krapte::h5 {

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer, const std::string& what);
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  ~Handle();
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT: used as hid_t with the C API
  void close();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Silences HDF5's automatic error printing (errors are reported by exceptions instead).
void silence_errors();
void check(herr_t status, const std::string& what);

Handle create_file(const std::string& path);
/// Opens a file read-only; throws InputError if it is missing or not an HDF5 file.
Handle open_file_read(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& path);

void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, int64_t value);
std::string read_string_attribute(hid_t object, const std::string& name);
int64_t read_int_attribute(hid_t object, const std::string& name);

/// A 1-D dataset of fixed-length UTF-8 strings.
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);
/// A scalar fixed-length UTF-8 string dataset.
void write_text(hid_t parent, const std::string& name, const std::string& text);
std::string read_text(hid_t parent, const std::string& name);
/// A compound dataset of string columns (e.g. /axes/municipality: code, name, ...).
void write_string_table(hid_t parent, const std::string& name, const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows);
std::vector<std::vector<std::string>> read_string_table(hid_t parent, const std::string& name,
                                                        const std::vector<std::string>& columns);

/// A chunked, compressed float64 dataset of the given dimensions; chunk = one slice of the
/// leading dimension (one replication).
Handle create_chunked_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims);
/// A chunk already passed through the dataset's filters (shuffle, then deflate), so that
/// compression can run on worker threads and only the write itself is serialised.
struct EncodedChunk {
  std::vector<unsigned char> bytes;
};
/// Thread-safe (no HDF5 call): the filter pipeline of create_chunked_doubles on one chunk.
EncodedChunk encode_chunk(const double* data, size_t count);
/// Writes an encoded chunk as the slice `index` of the leading dimension (H5Dwrite_chunk).
void write_encoded_slice(hid_t dataset, hsize_t index, size_t rank, const EncodedChunk& chunk);
/// Reads a whole float64 dataset; `dims` receives its shape.
std::vector<double> read_doubles(hid_t parent, const std::string& name, std::vector<hsize_t>& dims);

}  // namespace krapte::h5

#include "output/hdf5_handles.h"


#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/errors.h"
#include "scenario/schema.h"

namespace krapte::h5 {

Handle::Handle(hid_t id, Closer closer, const std::string& what) : id_(id), closer_(closer) {
  if (id_ < 0) throw last_error(what);
}
Handle::Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = H5I_INVALID_HID; }
Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close();
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}
Handle::~Handle() { close(); }
void Handle::close() {
  if (id_ >= 0 && closer_ != nullptr) closer_(id_);
  id_ = H5I_INVALID_HID;
}

void silence_errors() {
  thread_local bool silenced = false;
  if (silenced) return;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  silenced = true;
}

namespace {
struct StackReport {
  std::string innermost;
  int system_errno = 0;
};

herr_t read_stack_entry(unsigned depth, const H5E_error2_t* entry, void* data) {
  auto* report = static_cast<StackReport*>(data);
  const std::string desc = entry->desc != nullptr ? entry->desc : "";
  if (depth == 0) report->innermost = desc;
  // The POSIX drivers put "errno = 28, error message = '...'" in their message.
  if (const size_t at = desc.find("errno = "); at != std::string::npos && report->system_errno == 0)
    report->system_errno = std::atoi(desc.c_str() + at + 8);
  return 0;
}
}  // namespace

Error last_error(const std::string& what) {
  StackReport report;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, read_stack_entry, &report);
  H5Eclear2(H5E_DEFAULT);
  std::string message = "HDF5: cannot " + what;
  if (report.system_errno != 0) {
    message += ": " + std::string(std::strerror(report.system_errno));
  } else if (!report.innermost.empty()) {
    message += " (" + report.innermost + ")";
  }
  return Error(message, report.system_errno);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) throw last_error(what);
}

void close_and_rename(Handle& file, const std::string& temporary, const std::string& path, const std::string& what) {
  try {
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush " + temporary);
    check(H5Fclose(file.release()), "close " + temporary);
  } catch (const Error& e) {
    throw write_failure(path, e);
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) throw InputError(SourceLocation{path, 0, 0}, "cannot rename the finished " + what + " into place: " + error.message());
}

InputError write_failure(const std::string& path, const std::exception& e) {
  int code = 0;
  if (const auto* error = dynamic_cast<const Error*>(&e)) code = error->system_errno();
  std::string cause;
  if (code == ENOSPC) {
    cause = "the disk is full (no space left on device)";
  } else if (code == EFBIG) {
    cause = "the file would exceed the file-size limit (ulimit -f)";
  } else if (code == EDQUOT) {
    cause = "the disk quota is exceeded";
  } else if (code != 0) {
    cause = std::strerror(code);
  } else {
    cause = e.what();
  }
  return InputError(SourceLocation{path, 0, 0}, "cannot write the file: " + cause + "; allowed: a file system with room for it");
}

Handle create_file(const std::string& path) {
  silence_errors();
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) throw InputError(SourceLocation{path, 0, 0}, "cannot create the output file (check that its folder exists and is writable)");
  return Handle(id, H5Fclose, "create " + path);
}

namespace {
std::mutex g_memory_images_mutex;
std::map<std::string, std::shared_ptr<const std::vector<char>>> g_memory_images;

std::shared_ptr<const std::vector<char>> memory_image(const std::string& name) {
  const std::lock_guard lock(g_memory_images_mutex);
  const auto found = g_memory_images.find(name);
  return found == g_memory_images.end() ? nullptr : found->second;
}

Handle core_driver_access(const std::string& name) {
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "make file access properties for " + name);
  check(H5Pset_fapl_core(access, 1 << 20, /*backing_store=*/0), "choose the in-memory driver for " + name);
  return access;
}
}  // namespace

Handle create_memory_file(const std::string& name) {
  silence_errors();
  const Handle access = core_driver_access(name);
  return Handle(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access), H5Fclose, "create " + name + " in memory");
}

std::vector<char> file_image(hid_t file) {
  const ssize_t size = H5Fget_file_image(file, nullptr, 0);
  if (size < 0) throw last_error("read the size of a file image");
  std::vector<char> image(static_cast<size_t>(size));
  if (H5Fget_file_image(file, image.data(), image.size()) != size) throw last_error("read a file image");
  return image;
}

void register_memory_image(const std::string& name, std::vector<char> image) {
  const std::lock_guard lock(g_memory_images_mutex);
  if (image.empty()) g_memory_images.erase(name);
  else g_memory_images[name] = std::make_shared<const std::vector<char>>(std::move(image));
}

Handle open_file_read(const std::string& path) {
  silence_errors();
  if (const auto image = memory_image(path)) {  // HDF5 copies the image: it may be removed once open
    const Handle access = core_driver_access(path);
    check(H5Pset_file_image(access, const_cast<char*>(image->data()), image->size()), "open the image " + path);
    return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, access), H5Fclose, "open the image " + path);
  }
  if (!std::filesystem::exists(path)) throw InputError(SourceLocation{path, 0, 0}, "no such file");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(SourceLocation{path, 0, 0}, "not an HDF5 file");
  hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    const std::string why = last_error("open").what();
    // A sweep file marked open for writing (its sweep runs, or was killed): read it as an
    // SWMR reader, which sees the runs flushed so far.
    id = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT);
    if (id >= 0) return Handle(id, H5Fclose, "open " + path);
    H5Eclear2(H5E_DEFAULT);
    if (why.find("lock") != std::string::npos && why.find("truncated") == std::string::npos)
      throw InputError(SourceLocation{path, 0, 0}, "cannot open the HDF5 file (is a krapte sweep still writing it?)");
    throw InputError(SourceLocation{path, 0, 0}, "the HDF5 file is damaged or incomplete (" + why +
                                                     "); a resume cannot repair it: remove it and write it again");
  }
  return Handle(id, H5Fclose, "open " + path);
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "create group " + name);
}

bool exists(hid_t parent, const std::string& path) {
  // Check each component so that a missing group is not an error.
  std::string partial;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    partial += (partial.empty() ? "" : "/") + part;
    if (H5Lexists(parent, partial.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

namespace {
Handle string_type(size_t length) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "make a string type");
  check(H5Tset_size(type, std::max<size_t>(1, length)), "set string size");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set string charset");
  check(H5Tset_strpad(type, H5T_STR_NULLPAD), "set string padding");
  return type;
}
}  // namespace

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  const Handle type = string_type(value.size());
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose, "make a scalar space");
  const Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                         "create attribute " + name);
  std::string padded = value.empty() ? std::string(1, '\0') : value;
  check(H5Awrite(attribute, type, padded.data()), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, int64_t value) {
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose, "make a scalar space");
  const Handle attribute(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                         "create attribute " + name);
  check(H5Awrite(attribute, H5T_NATIVE_INT64, &value), "write attribute " + name);
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  const Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  const Handle type(H5Aget_type(attribute), H5Tclose, "read the type of " + name);
  if (H5Tget_class(type) != H5T_STRING) throw Error("HDF5: attribute " + name + " is not a string");
  if (H5Tis_variable_str(type) > 0) throw Error("HDF5: attribute " + name + " is a variable-length string");
  const size_t size = H5Tget_size(type);
  std::string value(size, '\0');
  check(H5Aread(attribute, type, value.data()), "read attribute " + name);
  value.resize(std::strlen(value.c_str()));
  return value;
}

int64_t read_int_attribute(hid_t object, const std::string& name) {
  const Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  int64_t value = 0;
  check(H5Aread(attribute, H5T_NATIVE_INT64, &value), "read attribute " + name);
  return value;
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buffer(values.size() * width, '\0');
  for (size_t i = 0; i < values.size(); ++i) std::memcpy(&buffer[i * width], values[i].data(), values[i].size());
  const Handle type = string_type(width);
  const hsize_t dims[1] = {values.size()};
  const Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "make a space");
  const Handle dataset(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                       "create dataset " + name);
  if (!values.empty()) check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "write " + name);
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  const Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
  const Handle type(H5Dget_type(dataset), H5Tclose, "read the type of " + name);
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) > 0)
    throw Error("HDF5: " + name + " is not a fixed-length string dataset");
  const auto count = static_cast<size_t>(H5Sget_simple_extent_npoints(space));
  const size_t width = H5Tget_size(type);
  std::vector<char> buffer(count * width + 1, '\0');
  if (count > 0) check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "read " + name);
  std::vector<std::string> values;
  for (size_t i = 0; i < count; ++i) {
    std::string v(&buffer[i * width], width);
    v.resize(std::strlen(v.c_str()));
    values.push_back(v);
  }
  return values;
}

void write_text(hid_t parent, const std::string& name, const std::string& text) {
  const Handle type = string_type(text.size());
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose, "make a scalar space");
  const Handle dataset(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                       "create dataset " + name);
  std::string padded = text.empty() ? std::string(1, '\0') : text;
  check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, padded.data()), "write " + name);
}

std::string read_text(hid_t parent, const std::string& name) {
  const Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
  const Handle type(H5Dget_type(dataset), H5Tclose, "read the type of " + name);
  std::string text(H5Tget_size(type), '\0');
  check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()), "read " + name);
  text.resize(std::strlen(text.c_str()));
  return text;
}

void write_string_table(hid_t parent, const std::string& name, const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(columns.size(), 1);
  for (const auto& row : rows)
    for (size_t c = 0; c < columns.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  size_t record = 0;
  std::vector<size_t> offsets;
  for (size_t w : widths) {
    offsets.push_back(record);
    record += w;
  }
  const Handle compound(H5Tcreate(H5T_COMPOUND, record), H5Tclose, "make a compound type");
  std::vector<Handle> member_types;
  for (size_t c = 0; c < columns.size(); ++c) {
    member_types.push_back(string_type(widths[c]));
    check(H5Tinsert(compound, columns[c].c_str(), offsets[c], member_types.back()), "add column " + columns[c]);
  }
  std::vector<char> buffer(rows.size() * record, '\0');
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < columns.size(); ++c)
      std::memcpy(&buffer[r * record + offsets[c]], rows[r][c].data(), rows[r][c].size());
  const hsize_t dims[1] = {rows.size()};
  const Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "make a space");
  const Handle dataset(H5Dcreate2(parent, name.c_str(), compound, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                       H5Dclose, "create dataset " + name);
  if (!rows.empty()) check(H5Dwrite(dataset, compound, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "write " + name);
}

bool has_column(hid_t parent, const std::string& name, const std::string& column) {
  const Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
  const Handle file_type(H5Dget_type(dataset), H5Tclose, "read the type of " + name);
  return H5Tget_class(file_type) == H5T_COMPOUND && H5Tget_member_index(file_type, column.c_str()) >= 0;
}

std::vector<std::vector<std::string>> read_string_table(hid_t parent, const std::string& name,
                                                        const std::vector<std::string>& columns) {
  const Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
  const Handle file_type(H5Dget_type(dataset), H5Tclose, "read the type of " + name);
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const auto count = static_cast<size_t>(H5Sget_simple_extent_npoints(space));
  std::vector<std::vector<std::string>> rows(count, std::vector<std::string>(columns.size()));
  for (size_t c = 0; c < columns.size(); ++c) {
    const int member = H5Tget_member_index(file_type, columns[c].c_str());
    if (member < 0) throw Error("HDF5: " + name + " has no column " + columns[c]);
    const Handle member_type(H5Tget_member_type(file_type, static_cast<unsigned>(member)), H5Tclose, "read a column type");
    const size_t width = H5Tget_size(member_type);
    const Handle memory(H5Tcreate(H5T_COMPOUND, width), H5Tclose, "make a compound type");
    check(H5Tinsert(memory, columns[c].c_str(), 0, member_type), "select column " + columns[c]);
    std::vector<char> buffer(count * width + 1, '\0');
    if (count > 0) check(H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "read " + name);
    for (size_t r = 0; r < count; ++r) {
      std::string v(&buffer[r * width], width);
      v.resize(std::strlen(v.c_str()));
      rows[r][c] = v;
    }
  }
  return rows;
}

namespace {
// The level recorded in the deflate filter's parameters (chunk_codec.cpp compresses with it).
constexpr int kDeflateLevel = 4;
}  // namespace

void write_encoded_chunk(hid_t dataset, const std::vector<hsize_t>& offset, const EncodedChunk& chunk) {
  silence_errors();
  check(H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, offset.data(), chunk.bytes.size(), chunk.bytes.data()),
        "write a compressed chunk");
}

EncodedChunk read_encoded_chunk(hid_t dataset, const std::vector<hsize_t>& offset) {
  silence_errors();
  hsize_t stored_bytes = 0;
  check(H5Dget_chunk_storage_size(dataset, offset.data(), &stored_bytes), "find a stored chunk");
  EncodedChunk chunk;
  chunk.bytes.resize(stored_bytes);
  uint32_t filters_skipped = 0;
  check(H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &filters_skipped, chunk.bytes.data()), "read a stored chunk");
  if (filters_skipped != 0) throw Error("HDF5: a stored chunk skipped its filters");
  return chunk;
}

Handle create_chunked(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, StoredType type, size_t leading,
                      bool nan_fill) {
  const Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, "make a space");
  const Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "make dataset properties");
  std::vector<hsize_t> chunk = dims;
  for (size_t d = 0; d < leading && d < chunk.size(); ++d) chunk[d] = 1;
  check(H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data()), "set chunking");
  check(H5Pset_shuffle(properties), "set shuffle");
  check(H5Pset_deflate(properties, kDeflateLevel), "set compression");
  if (nan_fill) {
    if (type != StoredType::kFloat64) throw std::logic_error("HDF5: a NaN fill needs a float64 dataset (" + name + ")");
    const double fill = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(properties, H5T_NATIVE_DOUBLE, &fill), "set the fill value");
  }
  const hid_t file_type = type == StoredType::kInt32 ? H5T_STD_I32LE : H5T_IEEE_F64LE;
  return Handle(H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, properties, H5P_DEFAULT), H5Dclose,
                "create dataset " + name);
}

Handle create_chunked_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, size_t leading,
                              bool nan_fill) {
  return create_chunked(parent, name, dims, StoredType::kFloat64, leading, nan_fill);
}

Handle open_dataset(hid_t parent, const std::string& name) {
  return Handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
}

std::vector<double> read_doubles_block(hid_t parent, const std::string& name, const std::vector<hsize_t>& start,
                                       const std::vector<hsize_t>& count) {
  const Handle dataset = open_dataset(parent, name);
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  if (H5Sget_simple_extent_ndims(space) != static_cast<int>(start.size()))
    throw Error("HDF5: " + name + " does not have " + std::to_string(start.size()) + " dimensions");
  check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), "select a block of " + name);
  size_t total = 1;
  for (hsize_t c : count) total *= c;
  std::vector<double> data(total);
  const Handle memory(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose, "make a space");
  if (total > 0) check(H5Dread(dataset, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, data.data()), "read a block of " + name);
  return data;
}

std::vector<double> read_doubles(hid_t parent, const std::string& name, std::vector<hsize_t>& dims) {
  const Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  dims.assign(static_cast<size_t>(std::max(rank, 0)), 0);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  std::vector<double> data(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
  if (!data.empty()) check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "read " + name);
  return data;
}

Handle open_file_write(const std::string& path) {
  silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(SourceLocation{path, 0, 0}, "exists but is not an HDF5 file");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (id < 0)
    throw InputError(SourceLocation{path, 0, 0},
                     "cannot open the file for writing (is another krapte writing it, or is it read-only?)");
  return Handle(id, H5Fclose, "open " + path);
}

void update_attribute(hid_t object, const std::string& name, int64_t value) {
  const Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  check(H5Awrite(attribute, H5T_NATIVE_INT64, &value), "write attribute " + name);
}

namespace {
/// File access in the format SWMR needs (the latest HDF5 1.10 knows).
Handle swmr_access() {
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "make file access properties");
  check(H5Pset_libver_bounds(access, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), "set the SWMR file format");
  return access;
}
}  // namespace

Handle create_swmr_file(const std::string& path) {
  silence_errors();
  const Handle access = swmr_access();
  check(H5Pset_file_locking(access, /*use_file_locking=*/0, /*ignore_when_disabled=*/1), "switch off HDF5's file lock");
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access);
  if (id < 0) throw InputError(SourceLocation{path, 0, 0}, "cannot create the output file (check that its folder exists and is writable)");
  return Handle(id, H5Fclose, "create " + path);
}

Handle open_file_swmr_write(const std::string& path) {
  silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(SourceLocation{path, 0, 0}, "exists but is not an HDF5 file");
  const Handle access = swmr_access();
  check(H5Pset_file_locking(access, /*use_file_locking=*/0, /*ignore_when_disabled=*/1), "switch off HDF5's file lock");
  // HDF5 1.10's h5clear property: drop the "open for writing" mark a killed writer left.
  hbool_t clear_marks = 1;
  check(H5Pset(access, "clear_status_flags", &clear_marks), "set clear_status_flags");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR | H5F_ACC_SWMR_WRITE, access);
  if (id < 0) {
    const std::string why = last_error("open").what();
    throw InputError(SourceLocation{path, 0, 0}, "cannot open the sweep file for writing (" + why +
                                                     "); allowed: a sweep file of this krapte version on a writable file system");
  }
  return Handle(id, H5Fclose, "open " + path);
}

bool closed_by_its_writer(const std::string& path) {
  silence_errors();
  const Handle access = swmr_access();
  check(H5Pset_file_locking(access, /*use_file_locking=*/0, /*ignore_when_disabled=*/1), "switch off HDF5's file lock");
  // Without clear_status_flags HDF5 refuses to open for writing a file whose mark is set.
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR | H5F_ACC_SWMR_WRITE, access);
  if (id < 0) return false;
  H5Fclose(id);
  return true;
}

void set_attribute(hid_t object, const std::string& name, int64_t value) {
  if (H5Aexists(object, name.c_str()) > 0) check(H5Adelete(object, name.c_str()), "replace attribute " + name);
  write_attribute(object, name, value);
}

Handle create_flags(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims) {
  const Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, "make a space");
  const Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "make dataset properties");
  check(H5Pset_alloc_time(properties, H5D_ALLOC_TIME_EARLY), "allocate early");
  const uint8_t zero = 0;
  check(H5Pset_fill_value(properties, H5T_NATIVE_UINT8, &zero), "set the fill value");
  return Handle(H5Dcreate2(parent, name.c_str(), H5T_STD_U8LE, space, H5P_DEFAULT, properties, H5P_DEFAULT), H5Dclose,
                "create dataset " + name);
}

void write_flag(hid_t dataset, const std::vector<hsize_t>& offset, uint8_t value) {
  silence_errors();
  const Handle space(H5Dget_space(dataset), H5Sclose, "read a shape");
  const std::vector<hsize_t> one(offset.size(), 1);
  check(H5Sselect_hyperslab(space, H5S_SELECT_SET, offset.data(), nullptr, one.data(), nullptr), "select a flag");
  const hsize_t single = 1;
  const Handle memory(H5Screate_simple(1, &single, nullptr), H5Sclose, "make a space");
  check(H5Dwrite(dataset, H5T_NATIVE_UINT8, memory, space, H5P_DEFAULT, &value), "write a flag");
}

std::vector<uint8_t> read_flags(hid_t parent, const std::string& name, std::vector<hsize_t>& dims) {
  const Handle dataset = open_dataset(parent, name);
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  dims.assign(static_cast<size_t>(std::max(rank, 0)), 0);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  std::vector<uint8_t> flags(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
  if (!flags.empty()) check(H5Dread(dataset, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, flags.data()), "read " + name);
  return flags;
}

std::string TableColumn::text(size_t row) const {
  switch (type) {
    case Type::kInt64:
      return std::to_string(integers[row]);
    case Type::kFloat64:
      return format_number(reals[row]);
    default:
      return texts[row];
  }
}

void write_table(hid_t parent, const std::string& name, const std::vector<TableColumn>& columns) {
  const size_t rows = columns.empty() ? 0 : columns.front().size();
  std::vector<size_t> widths, offsets;
  std::vector<Handle> member_types;
  size_t record = 0;
  for (const TableColumn& column : columns) {
    if (column.size() != rows) throw std::runtime_error("table " + name + ": columns of different lengths");
    size_t width = sizeof(double);
    if (column.type == TableColumn::Type::kString) {
      width = 1;
      for (const auto& text : column.texts) width = std::max(width, text.size());
      member_types.push_back(string_type(width));
    } else {
      const hid_t file_type = column.type == TableColumn::Type::kInt64 ? H5T_STD_I64LE : H5T_IEEE_F64LE;
      member_types.emplace_back(H5Tcopy(file_type), H5Tclose, "copy a number type");
    }
    widths.push_back(width);
    offsets.push_back(record);
    record += width;
  }
  const Handle compound(H5Tcreate(H5T_COMPOUND, std::max<size_t>(record, 1)), H5Tclose, "make a compound type");
  for (size_t c = 0; c < columns.size(); ++c)
    check(H5Tinsert(compound, columns[c].name.c_str(), offsets[c], member_types[c]), "add column " + columns[c].name);
  // Little-endian hosts only (as the rest of the writer): numbers are copied as stored.
  std::vector<char> buffer(rows * record + 1, '\0');
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < columns.size(); ++c) {
      char* cell = &buffer[r * record + offsets[c]];
      const TableColumn& column = columns[c];
      if (column.type == TableColumn::Type::kInt64) std::memcpy(cell, &column.integers[r], sizeof(int64_t));
      if (column.type == TableColumn::Type::kFloat64) std::memcpy(cell, &column.reals[r], sizeof(double));
      if (column.type == TableColumn::Type::kString) std::memcpy(cell, column.texts[r].data(), column.texts[r].size());
    }
  const hsize_t dims[1] = {rows};
  const Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "make a space");
  const Handle dataset(H5Dcreate2(parent, name.c_str(), compound, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                       H5Dclose, "create dataset " + name);
  if (rows > 0) check(H5Dwrite(dataset, compound, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "write " + name);
}

std::vector<TableColumn> read_table(hid_t parent, const std::string& name) {
  const Handle dataset = open_dataset(parent, name);
  const Handle file_type(H5Dget_type(dataset), H5Tclose, "read the type of " + name);
  if (H5Tget_class(file_type) != H5T_COMPOUND) throw Error("HDF5: " + name + " is not a table");
  const Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const auto rows = static_cast<size_t>(H5Sget_simple_extent_npoints(space));
  const int members = H5Tget_nmembers(file_type);
  std::vector<TableColumn> columns;
  for (int c = 0; c < members; ++c) {
    TableColumn column;
    char* member_name = H5Tget_member_name(file_type, static_cast<unsigned>(c));
    column.name = member_name;
    H5free_memory(member_name);
    const Handle member_type(H5Tget_member_type(file_type, static_cast<unsigned>(c)), H5Tclose, "read a column type");
    const H5T_class_t member_class = H5Tget_class(member_type);
    Handle memory_member;
    size_t width = sizeof(double);
    if (member_class == H5T_STRING) {
      column.type = TableColumn::Type::kString;
      width = H5Tget_size(member_type);
      memory_member = Handle(H5Tcopy(member_type), H5Tclose, "copy a column type");
    } else if (member_class == H5T_INTEGER) {
      column.type = TableColumn::Type::kInt64;
      memory_member = Handle(H5Tcopy(H5T_NATIVE_INT64), H5Tclose, "copy a column type");
    } else if (member_class == H5T_FLOAT) {
      column.type = TableColumn::Type::kFloat64;
      memory_member = Handle(H5Tcopy(H5T_NATIVE_DOUBLE), H5Tclose, "copy a column type");
    } else {
      throw Error("HDF5: column " + column.name + " of " + name + " is not a number or a string");
    }
    const Handle memory(H5Tcreate(H5T_COMPOUND, width), H5Tclose, "make a compound type");
    check(H5Tinsert(memory, column.name.c_str(), 0, memory_member), "select column " + column.name);
    std::vector<char> buffer(rows * width + 1, '\0');
    if (rows > 0) check(H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "read " + name);
    for (size_t r = 0; r < rows; ++r) {
      const char* cell = &buffer[r * width];
      if (column.type == TableColumn::Type::kInt64) {
        int64_t value = 0;
        std::memcpy(&value, cell, sizeof value);
        column.integers.push_back(value);
      } else if (column.type == TableColumn::Type::kFloat64) {
        double value = 0;
        std::memcpy(&value, cell, sizeof value);
        column.reals.push_back(value);
      } else {
        std::string text(cell, width);
        text.resize(std::strlen(text.c_str()));
        column.texts.push_back(text);
      }
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace krapte::h5

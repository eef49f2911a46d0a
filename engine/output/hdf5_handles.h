// Thin RAII wrappers over the HDF5 C API: one owner per hid_t, closed in the destructor,
// and every failing call turned into an exception with a message (HDF5's own error stack
// printing is switched off).
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.h"
#include "output/chunk_codec.h"

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
  /// Gives up ownership (to close the id with its result checked).
  hid_t release() {
    const hid_t id = id_;
    id_ = H5I_INVALID_HID;
    return id;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Every failing HDF5 call becomes this one error: what was attempted, the innermost
/// message of HDF5's error stack and, where a system call failed underneath (a full disk,
/// a file-size limit), its errno.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, int system_errno = 0) : std::runtime_error(what), system_errno_(system_errno) {}
  int system_errno() const { return system_errno_; }

 private:
  int system_errno_ = 0;
};

/// Silences HDF5's automatic error printing (errors are reported by exceptions instead).
/// HDF5 keeps one error stack per thread: every thread that calls HDF5 must call this
/// (the wrappers below do; it is cheap after the first call on a thread).
void silence_errors();
/// Throws Error (with the error stack's message and errno) if status < 0.
void check(herr_t status, const std::string& what);
/// The Error of the failed call just made, from the current thread's error stack.
Error last_error(const std::string& what);
/// A failed write to `path` as the user's problem: one line naming the file and the cause
/// (the disk is full, the file-size limit, ...), exit code 2 (InputError).
InputError write_failure(const std::string& path, const std::exception& e);

/// Flushes and closes `file`, written at `temporary`, and renames it to `path`: the last step
/// of every output written to a temporary file first. InputError naming `path` (and
/// `what`, e.g. "file" or "checkpoint") on any failure; the temporary file stays for the
/// caller to remove.
void close_and_rename(Handle& file, const std::string& temporary, const std::string& path, const std::string& what);

Handle create_file(const std::string& path);
/// Opens a file read-only; throws InputError if it is missing or not an HDF5 file. A sweep
/// file that a krapte sweep is writing (or that one killed left open) is opened as an SWMR
/// reader: it reads as the runs flushed so far.
Handle open_file_read(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);

// Files in memory (the Python module, issue 15): HDF5's core driver without a backing store,
// so nothing touches the disk. An image registered under a name is what open_file_read
// opens for that name (compare and summary then read it like a file).
/// A new file in memory; `name` only labels it in messages.
Handle create_memory_file(const std::string& name);
/// The bytes of an open file: a complete HDF5 file once everything is flushed.
std::vector<char> file_image(hid_t file);
/// Thread-safe. Registers (or with an empty image removes) the image opened for `name`.
void register_memory_image(const std::string& name, std::vector<char> image);
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
/// Whether the compound dataset `name` has the member `column`.
bool has_column(hid_t parent, const std::string& name, const std::string& column);

/// A chunked, compressed float64 dataset of the given dimensions; chunk = one slice of the
/// first `leading` dimensions (one replication; in a sweep file one point and replication).
/// `nan_fill`: chunks never written read as NaN instead of 0 (runs a sweep has not done yet).
Handle create_chunked_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                              size_t leading = 1, bool nan_fill = false);
/// What a chunked dataset stores: float64, or int32 for whole counts (persons) of agent runs.
enum class StoredType { kFloat64, kInt32 };
/// create_chunked_doubles with the stored type chosen (a NaN fill needs float64).
Handle create_chunked(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, StoredType type,
                      size_t leading = 1, bool nan_fill = false);
Handle open_dataset(hid_t parent, const std::string& name);
/// Writes an encoded chunk at `offset` (one entry per dimension, a chunk's first element).
void write_encoded_chunk(hid_t dataset, const std::vector<hsize_t>& offset, const EncodedChunk& chunk);
/// The stored bytes of the chunk at `offset`, still encoded (H5Dread_chunk): for copying
/// chunks between files and for decoding on worker threads.
EncodedChunk read_encoded_chunk(hid_t dataset, const std::vector<hsize_t>& offset);
/// Reads the block of a float64 dataset that starts at `start` with `count` elements per dimension.
std::vector<double> read_doubles_block(hid_t parent, const std::string& name, const std::vector<hsize_t>& start,
                                       const std::vector<hsize_t>& count);
/// Reads a whole float64 dataset; `dims` receives its shape.
std::vector<double> read_doubles(hid_t parent, const std::string& name, std::vector<hsize_t>& dims);

/// Opens an existing file for reading and writing (resuming a sweep). InputError if it
/// cannot be opened (e.g. another process has it open).
Handle open_file_write(const std::string& path);
/// Replaces (or creates) an integer attribute.
void set_attribute(hid_t object, const std::string& name, int64_t value);
/// Overwrites an existing integer attribute in place (allowed while a file is in SWMR mode,
/// where adding or deleting attributes is not).
void update_attribute(hid_t object, const std::string& name, int64_t value);

/// Sweep files (docs/sweeps.md, "Crash safety"): created in the format HDF5's single-writer /
/// multiple-reader (SWMR) mode needs (superblock 3, HDF5 1.10's object formats). While a
/// file is open for SWMR writing, HDF5 writes its metadata in dependency order, so a file
/// whose writer is killed at any moment is still one HDF5 can open.
/// HDF5's file lock is off here too (the caller locks the new file with a FileLock).
Handle create_swmr_file(const std::string& path);
/// Opens such a file for SWMR writing. HDF5's own file lock is off: the caller holds a lock
/// of its own (FileLock), which is what makes clearing the "open for writing" mark that a
/// killed writer leaves behind safe. InputError if the file cannot be opened this way.
Handle open_file_swmr_write(const std::string& path);
/// Whether the file's last writer closed it (false: it was killed with the file open, and
/// the superblock still carries HDF5's "open for writing" mark).
bool closed_by_its_writer(const std::string& path);

/// A contiguous uint8 dataset of zeros (e.g. which runs of a sweep are done).
Handle create_flags(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims);
/// Sets one element of a uint8 dataset.
void write_flag(hid_t dataset, const std::vector<hsize_t>& offset, uint8_t value);
std::vector<uint8_t> read_flags(hid_t parent, const std::string& name, std::vector<hsize_t>& dims);

/// A column of a compound table: int64, float64 or fixed-length UTF-8 string.
struct TableColumn {
  enum class Type { kInt64, kFloat64, kString };
  std::string name;
  Type type = Type::kString;
  std::vector<int64_t> integers;
  std::vector<double> reals;
  std::vector<std::string> texts;
  size_t size() const { return type == Type::kInt64 ? integers.size() : type == Type::kFloat64 ? reals.size() : texts.size(); }
  /// The value of `row` as text (numbers as format_number would write them).
  std::string text(size_t row) const;
};
/// A 1-D compound dataset with one member per column (all columns of equal length).
void write_table(hid_t parent, const std::string& name, const std::vector<TableColumn>& columns);
std::vector<TableColumn> read_table(hid_t parent, const std::string& name);

}  // namespace krapte::h5

// An advisory lock (flock) on a sweep file while a krapte sweep writes it. Held shared, so
// that SWMR readers (krapte summary, h5py with swmr=True; HDF5 takes a shared lock for
// them) can read alongside; taken exclusive first, so that a second writer, or a writer
// while a program has the file open, is refused. The kernel drops it when the process ends,
// however it ends: a lock never outlives a killed sweep.
#pragma once

#include <string>

namespace krapte {

class FileLock {
 public:
  FileLock() = default;
  /// InputError naming `path` if another process holds a lock on it.
  explicit FileLock(const std::string& path);
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  ~FileLock();
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace krapte

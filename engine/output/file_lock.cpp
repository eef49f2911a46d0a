#include "output/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/errors.h"

namespace krapte {

FileLock::FileLock(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw InputError(SourceLocation{path, 0, 0}, std::string("cannot open the file: ") + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int code = errno;
    release();
    if (code == EWOULDBLOCK)
      throw InputError(SourceLocation{path, 0, 0}, "another program has the file open (another krapte sweep writing it, "
                                                   "or a reader); allowed: one krapte sweep per output file, started "
                                                   "when no program has the file open");
    throw InputError(SourceLocation{path, 0, 0}, std::string("cannot lock the file: ") + std::strerror(code));
  }
  // Shared from now on: readers may come, a second writer's exclusive request still fails.
  // (The conversion is not atomic: if another process took the lock in between, refuse.)
  if (::flock(fd_, LOCK_SH | LOCK_NB) != 0) {
    release();
    throw InputError(SourceLocation{path, 0, 0}, "another program opened the file at the same moment; allowed: one "
                                                 "krapte sweep per output file");
  }
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor drops its lock
  fd_ = -1;
}

}  // namespace krapte

#include "output/text_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "core/errors.h"
#include "output/output_path.h"

namespace krapte {

namespace {

std::string cause_of(int code) {
  if (code == ENOSPC) return "the disk is full (no space left on device)";
  if (code == EFBIG) return "the file would exceed the file-size limit (ulimit -f)";
  if (code == EDQUOT) return "the disk quota is exceeded";
  return std::strerror(code);
}

}  // namespace

void check_text_output(const std::string& path, const std::string& example) {
  if (path != "-") check_output_path(path, example);
}

void write_text_file(const std::string& path, const std::string& text, const std::string& example) {
  if (path == "-") {
    std::cout << text << std::flush;
    if (!std::cout) throw InputError(SourceLocation{"standard output", 0, 0}, "cannot write the CSV; allowed: a writable output");
    return;
  }
  check_output_path(path, example);
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr)
    throw InputError(SourceLocation{path, 0, 0}, "cannot create the file: " + cause_of(errno) + "; allowed: a file in a writable folder");
  errno = 0;
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0;
  int code = errno;
  // close() reports what a deferred write-back (NFS, quotas) only finds then.
  const bool closed = std::fclose(out) == 0;
  if (written && !closed) code = errno;
  if (!written || !closed) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw InputError(SourceLocation{path, 0, 0},
                     "cannot write the file: " + cause_of(code == 0 ? EIO : code) + "; allowed: a file system with room for it");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw InputError(SourceLocation{path, 0, 0}, "cannot write the file: " + error.message());
  }
}

}  // namespace krapte

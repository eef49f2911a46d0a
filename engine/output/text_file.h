// The one writer of text outputs (CSV tables of summary, check and compare): checked
// before any work, written through a temporary name, every write, flush and close
// checked, so a full disk is an error and never a silently short or half-written file.
#pragma once

#include <string>

namespace krapte {

/// InputError now, before the work that produces the text, if `path` cannot be written
/// (check_output_path: a missing folder, a folder, a device such as /dev/full). "-" is
/// standard output and always passes.
void check_text_output(const std::string& path, const std::string& example);

/// Writes `text` to `path` ("-": standard output) through `path`.tmp-PID and a rename.
/// InputError naming the file and the cause (e.g. the disk is full); the temporary file is
/// removed and an earlier file at `path` is left as it was.
void write_text_file(const std::string& path, const std::string& text, const std::string& example);

}  // namespace krapte

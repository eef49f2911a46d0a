// Checks every writer does before it creates its output (run file, sweep file, report
// page, CSV), so that a bad output path is one clear error before any work starts.
#pragma once

#include <string>

namespace krapte {

/// InputError unless `path` names a file in an existing folder: not a folder, not a
/// device or other non-regular file. `example` completes "allowed: a file name such as ...".
void check_output_path(const std::string& path, const std::string& example);

}  // namespace krapte

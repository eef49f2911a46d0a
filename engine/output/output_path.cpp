#include "output/output_path.h"

#include <filesystem>

#include "core/errors.h"

namespace krapte {

void check_output_path(const std::string& path, const std::string& example) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.parent_path();
  std::error_code error;
  if (!folder.empty() && !fs::is_directory(folder, error))
    throw InputError(SourceLocation{path, 0, 0}, "the output folder '" + folder.string() + "' " +
                                                     (fs::exists(folder, error) ? "is not a folder" : "does not exist") +
                                                     "; allowed: a file in an existing folder");
  if (fs::is_directory(target, error))
    throw InputError(SourceLocation{path, 0, 0}, "the output path is a folder; allowed: a file name such as " + example);
  // Outputs replace the target by a rename: never a device, pipe or the like (/dev/stdout).
  if (fs::exists(target, error) && !fs::is_regular_file(target, error))
    throw InputError(SourceLocation{path, 0, 0},
                     "the output path exists and is not a regular file; allowed: a new or regular file such as " + example);
}

}  // namespace krapte

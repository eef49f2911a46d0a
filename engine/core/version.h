#pragma once

namespace krapte {
const char* version();
const char* git_commit();  // generated at build time (cmake/WriteGitCommit.cmake)
}  // namespace krapte

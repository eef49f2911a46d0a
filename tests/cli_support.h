// Running the krapte binary from the system tests: a /bin/sh command line, stdin empty,
// stdout and stderr captured through files.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace krapte::test {

/// Single-quoted for /bin/sh.
inline std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CliResult {
  int exit_code = -1;  // -1 if the command did not exit normally
  std::string out;
  std::string err;
};

/// Runs the shell line `command`; its stdout and stderr go to files in `io_folder`.
inline CliResult run_shell(const std::string& command, const std::filesystem::path& io_folder) {
  const std::filesystem::path out = io_folder / "stdout";
  const std::filesystem::path err = io_folder / "stderr";
  const std::string full = command + " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  const int status = std::system(full.c_str());
  return CliResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
}

/// Runs krapte with `args` (a shell line: quote what has spaces) in the folder `work`,
/// after the variable assignments in `environment`, if any.
inline CliResult run_krapte(const std::string& args, const std::filesystem::path& work,
                            const std::filesystem::path& io_folder, const std::string& environment = "") {
  return run_shell("cd " + quote(work.string()) + " && " + environment + (environment.empty() ? "" : " ") +
                       quote(KRAPTE_BINARY) + " " + args,
                   io_folder);
}

/// Starts krapte with `args` (after the program name) in the background, its stdout and
/// stderr into `log`; the pid, or -1 if it could not be started. The caller waits for it.
inline pid_t spawn_krapte(std::vector<std::string> args, const std::string& log) {
  args.insert(args.begin(), KRAPTE_BINARY);
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, KRAPTE_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return spawned == 0 ? pid : -1;
}

}  // namespace krapte::test

// The subcommands of the krapte executable.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace krapte {

struct RunCommand {
  std::string scenario;
  std::string output;
  std::optional<int> replications;
  std::optional<long long> seed;
  int threads = 0;
  std::vector<std::string> overrides;
  bool quiet = false;
};

struct ValidateCommand {
  std::string scenario;
  std::vector<std::string> overrides;
};

struct CompareCommand {
  std::string base;
  std::string other;
  std::string at;
  std::string level = "national";
  std::string csv;  // "" = none, "-" = stdout instead of the table
};

int run_command(const RunCommand& command);
int compare_command(const CompareCommand& command);
int summary_command(const std::string& file);
int validate_command(const ValidateCommand& command);
/// docs/scenario.md, or with `output_reference` docs/output.md.
int schema_command(bool output_reference);

}  // namespace krapte

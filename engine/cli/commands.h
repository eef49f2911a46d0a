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
  std::string mode = "agents";  // or "expected": the expected-value projection (check_command.cpp)
  std::string checkpoint_at;    // --checkpoint-at YYYY-MM: write the state at the end of that month
  std::string checkpoint;       // --checkpoint FILE (docs/sweeps.md, "Checkpoints")
  std::string from_checkpoint;  // --from-checkpoint FILE: continue from it
};

/// `krapte check`: agents against the expected-value projection (docs/validation.md).
struct CheckCommand {
  std::string scenario;
  std::optional<int> replications;
  std::optional<long long> seed;
  int threads = 0;
  std::vector<std::string> overrides;
  std::string csv;  // "" = no CSV
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
  std::string from, to;  // cost window (issue 12); "" = the whole run
  std::string costs_csv;  // "" = none
};

struct ReportCommand {
  std::vector<std::string> files;
  std::string output;
  bool quiet = false;
};

/// `krapte sweep` (docs/sweeps.md).
struct SweepCommand {
  std::string file;
  std::string output;  // "" = results/<sweep name>.h5
  int threads = 0;
  bool yes = false;    // allow more than 1,000,000 points
  bool quiet = false;
};

/// `krapte summary`: a run file, or a sweep file (one row per point; the options are for those).
struct SummaryCommand {
  std::string file;
  std::string at;    // YYYY-MM; "" = the last month
  std::string sort;  // metric; "" = point order
  bool descending = false;
  std::string csv;   // "" = none, "-" = CSV on stdout instead of the table
};

/// `krapte optimise` (issue 12, docs/optimise.md).
struct OptimiseCommand {
  std::string file;
  std::string output;  // "" = results/<name>-package.yaml
  int threads = 0;
  bool quiet = false;
};
int optimise_command(const OptimiseCommand& command);

/// `krapte calibrate` (docs/backcast.md).
struct CalibrateCommand {
  std::string file;
  std::string output;  // the fitted scenario; "" = results/<calibration name>-fitted.yaml
  std::string csv;     // "" = none: the residual table as CSV
  std::optional<int> check_replications;
  std::optional<int> bootstrap;
  int threads = 0;
  bool quiet = false;
};

/// `given`, or results/<default_name> (creating results/) when none was given.
std::string output_path(const std::string& given, const std::string& default_name);

int run_command(const RunCommand& command);
int sweep_command(const SweepCommand& command);
int summary_command(const SummaryCommand& command);
/// `run --mode expected`: writes the projection in the run-file layout (one replication).
int expected_run_command(const RunCommand& command);
/// Exit code 0 on PASS, 1 on FAIL.
int check_command(const CheckCommand& command);
int compare_command(const CompareCommand& command);
int summary_command(const std::string& file);
int validate_command(const ValidateCommand& command);
/// docs/scenario.md, or with `output_reference` docs/output.md.
int schema_command(bool output_reference);
/// The levers the schema declares (scenario/schema.h LeverTag), one a line: number, measure,
/// scenario, page and keys, tab-separated; with `scenarios_only` only the scenario names
/// (what tools/lever_results.sh and tools/validation_results.sh run).
int levers_command(bool scenarios_only);
/// One self-contained HTML page of charts and maps from one or more result files (docs/report.md).
int report_command(const ReportCommand& command);
int calibrate_command(const CalibrateCommand& command);

}  // namespace krapte

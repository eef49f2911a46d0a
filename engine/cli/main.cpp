// The krapte executable: thin subcommands over the engine. Every bad input ends here as
// one line on stderr and exit code 2.
#include <CLI/CLI.hpp>
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/errors.h"
#include "core/version.h"
#include "output/hdf5_handles.h"
#include "output/run_file.h"
#include "checkpoint/checkpoint_file.h"

namespace {

extern "C" void on_interrupt(int signal_number) {
  // Only async-signal-safe calls: remove the unfinished output, then leave.
  const char* pending = krapte::pending_temporary_file();
  if (pending[0] != '\0') ::unlink(pending);
  const char* checkpoint = krapte::pending_checkpoint_file();
  if (checkpoint[0] != '\0') ::unlink(checkpoint);
  ::_exit(128 + signal_number);
}

// CLI11's Range reports "Value 2.5 not in range 1 to 1024" for 2.5 or abc; say what is wrong.
CLI::Validator whole_number(long long lo, long long hi) {
  const std::string allowed = "; allowed: a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, allowed](std::string& text) -> std::string {
        long long value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec == std::errc::result_out_of_range) return text + " is out of range" + allowed;
        if (ec != std::errc() || ptr != end || text.empty()) return "'" + text + "' is not a whole number" + allowed;
        if (value < lo || value > hi) return text + " is out of range" + allowed;
        return "";
      },
      "INT in [" + std::to_string(lo) + ".." + std::to_string(hi) + "]");
}

CLI::Validator run_mode() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text == "agents" || text == "expected" ? "" : "'" + text + "' is not a mode; allowed: agents, expected";
      },
      "agents|expected");
}

constexpr const char* kCommands = "run, sweep, check, summary, compare, report, validate, schema, levers, optimise, calibrate";

// CLI11 reports a missing or misspelt command as "A subcommand is required"; name it.
std::string command_problem(int argc, char** argv) {
  if (argc < 2) return "no command given; allowed: " + std::string(kCommands);
  const std::string first = argv[1];
  for (const char* known : {"run", "sweep", "check", "summary", "compare", "report", "validate", "schema", "levers", "optimise", "calibrate", "--help", "-h", "--version"})
    if (first == known) return "";
  if (!first.empty() && first[0] == '-')
    return "unknown option '" + first + "'; allowed: --help, --version or a command: " + kCommands;
  return "unknown command '" + first + "'; allowed: " + kCommands;
}

}  // namespace

int main(int argc, char** argv) {
  // No HDF5 clean-up at exit: every file is closed (and checked) by its owner, and after a
  // failed write (a full disk) HDF5's own exit-time close of that file crashes.
  H5dont_atexit();
  krapte::h5::silence_errors();
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);

  CLI::App app{"krapte: where municipal staff shortages land by 2030, and which joint measures close them"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("krapte ") + krapte::version() + " (git " + krapte::git_commit() + ")");

  krapte::RunCommand run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario and write its HDF5 result file");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output, "Output file (default: results/<scenario name>.h5)");
  run_cmd->add_option("--replications", run.replications, "Number of replications (overrides the scenario)")
      ->check(whole_number(1, 100000));
  run_cmd->add_option("--seed", run.seed, "Random seed, 0..4294967295 (overrides the scenario)")
      ->check(whole_number(0, 4294967295LL));
  run_cmd->add_option("--threads", run.threads, "Worker threads (default: all cores)")->check(whole_number(1, 1024));
  run_cmd->add_option("--set", run.overrides, "Override a scenario key: key.path=VALUE (repeatable)");
  run_cmd->add_flag("--quiet", run.quiet, "No progress line and no closing message");
  run_cmd->add_option("--mode", run.mode, "agents (default) or expected: the expected-value projection, one replication")
      ->check(run_mode());
  run_cmd->add_option("--checkpoint-at", run.checkpoint_at, "Write every replication's state at the end of this month (YYYY-MM) to --checkpoint");
  run_cmd->add_option("--checkpoint", run.checkpoint, "Checkpoint file written at --checkpoint-at (HDF5)");
  run_cmd->add_option("--from-checkpoint", run.from_checkpoint, "Continue from a checkpoint; the scenario may differ only after its month");

  krapte::CheckCommand check;
  auto* check_cmd = app.add_subcommand("check", "Run the agents and the expected-value projection and compare them (docs/validation.md)");
  check_cmd->add_option("scenario", check.scenario, "Scenario YAML file")->required();
  check_cmd->add_option("--replications", check.replications, "Agent replications (overrides the scenario)")
      ->check(whole_number(2, 100000));
  check_cmd->add_option("--seed", check.seed, "Random seed, 0..4294967295 (overrides the scenario)")
      ->check(whole_number(0, 4294967295LL));
  check_cmd->add_option("--threads", check.threads, "Worker threads (default: all cores)")->check(whole_number(1, 1024));
  check_cmd->add_option("--set", check.overrides, "Override a scenario key: key.path=VALUE (repeatable)");
  check_cmd->add_option("--csv", check.csv, "Also write every month of every series to this CSV file");

  krapte::SweepCommand sweep;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run a policy sweep: many scenario variants, each with replications, into one file (docs/sweeps.md)");
  sweep_cmd->add_option("sweep", sweep.file, "Sweep YAML file")->required();
  sweep_cmd->add_option("-o,--output", sweep.output, "Output file (default: results/<sweep name>.h5); an unfinished one is finished");
  sweep_cmd->add_option("--threads", sweep.threads, "Worker threads per process (default: all cores)")->check(whole_number(1, 1024));
  sweep_cmd->add_flag("--yes", sweep.yes, "Run a sweep of more than 1,000,000 points");
  sweep_cmd->add_flag("--quiet", sweep.quiet, "No progress line and no closing message");

  krapte::SummaryCommand summary;
  auto* summary_cmd = app.add_subcommand("summary", "Print national figures per job family from a result file, or one row per point of a sweep file");
  summary_cmd->add_option("file", summary.file, "Result file (.h5)")->required();
  summary_cmd->add_option("--at", summary.at, "Sweep files: the month, YYYY-MM (default: the last)");
  summary_cmd->add_option("--sort", summary.sort, "Sweep files: sort the points by this metric's mean");
  summary_cmd->add_flag("--descending", summary.descending, "Sweep files: sort largest first");
  summary_cmd->add_option("--csv", summary.csv, "Sweep files: also write the table as CSV to this file ('-': CSV on stdout only)");

  krapte::ValidateCommand validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario and print it fully resolved");
  validate_cmd->add_option("scenario", validate.scenario, "Scenario YAML file")->required();
  validate_cmd->add_option("--set", validate.overrides, "Override a scenario key: key.path=VALUE (repeatable)");

  krapte::CompareCommand compare;
  auto* compare_cmd = app.add_subcommand("compare", "Compare the vacancies of two result files at one month");
  compare_cmd->add_option("base", compare.base, "Base result file (.h5)")->required();
  compare_cmd->add_option("other", compare.other, "Result file to compare with the base")->required();
  compare_cmd->add_option("--at", compare.at, "Month YYYY-MM (default: the last)");
  compare_cmd->add_option("--level", compare.level, "national | region | municipality (default: national)");
  compare_cmd->add_option("--csv", compare.csv, "Also write the table as CSV to this file ('-': CSV on stdout only)");
  compare_cmd->add_option("--from", compare.from, "Costs: first month of the window YYYY-MM (default: the first)");
  compare_cmd->add_option("--to", compare.to, "Costs: last month of the window YYYY-MM (default: the last)");
  compare_cmd->add_option("--costs-csv", compare.costs_csv, "Also write the cost comparison as CSV to this file");

  krapte::ReportCommand report;
  auto* report_cmd = app.add_subcommand("report", "Write one self-contained HTML page of charts and maps (docs/report.md)");
  report_cmd->add_option("files", report.files, "Result files (.h5); with two or more: overlaid, differences against the first")
      ->required();
  report_cmd->add_option("-o,--output", report.output, "Output page (.html)")->required();
  report_cmd->add_flag("--quiet", report.quiet, "No closing message");

  krapte::CalibrateCommand calibrate;
  auto* calibrate_cmd = app.add_subcommand("calibrate", "Fit scenario keys to published figures on the expected-value projection (docs/backcast.md)");
  calibrate_cmd->add_option("calibration", calibrate.file, "Calibration YAML file")->required();
  calibrate_cmd->add_option("-o,--output", calibrate.output, "Fitted scenario (default: results/<name>-fitted.yaml)");
  calibrate_cmd->add_option("--csv", calibrate.csv, "Also write the residual per target as CSV");
  calibrate_cmd->add_option("--check-replications", calibrate.check_replications,
                            "Agent replications of the fitted scenario (overrides the file; 0 = no check)")
      ->check(whole_number(0, 100000));
  calibrate_cmd->add_option("--bootstrap", calibrate.bootstrap, "Bootstrap refits (overrides the file)")->check(whole_number(0, 10000));
  calibrate_cmd->add_option("--threads", calibrate.threads, "Worker threads (default: all cores)")->check(whole_number(1, 1024));
  calibrate_cmd->add_flag("--quiet", calibrate.quiet, "No closing message");

  bool output_reference = false;
  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario reference (docs/scenario.md)");
  schema_cmd->add_flag("--output", output_reference, "Print the output file reference instead (docs/output.md)");

  bool lever_scenarios_only = false;
  auto* levers_cmd = app.add_subcommand("levers", "List the levers the scenario schema declares (docs/levers/README.md)");
  levers_cmd->add_flag("--scenarios", lever_scenarios_only, "Only each lever's scenario name, one a line");

  krapte::OptimiseCommand optimise;
  auto* optimise_cmd = app.add_subcommand("optimise", "Search the cheapest package that meets the constraints (docs/optimise.md)");
  optimise_cmd->add_option("file", optimise.file, "Optimisation YAML file")->required();
  optimise_cmd->add_option("-o,--output", optimise.output, "The chosen package as a scenario file (default: results/<name>-package.yaml)");
  optimise_cmd->add_option("--threads", optimise.threads, "Worker threads (default: all cores)")->check(whole_number(1, 1024));
  optimise_cmd->add_flag("--quiet", optimise.quiet, "No progress on stderr");

  if (const std::string problem = command_problem(argc, argv); !problem.empty()) {
    std::cerr << "krapte: error: " << krapte::one_line(problem) << " (see krapte --help)\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    std::cerr << "krapte: error: " << krapte::one_line(message) << " (see krapte --help)\n";
    return 2;
  }

  try {
    if (*run_cmd) return krapte::run_command(run);
    if (*check_cmd) return krapte::check_command(check);
    if (*calibrate_cmd) return krapte::calibrate_command(calibrate);
    if (*sweep_cmd) return krapte::sweep_command(sweep);
    if (*summary_cmd) return krapte::summary_command(summary);
    if (*compare_cmd) return krapte::compare_command(compare);
    if (*report_cmd) return krapte::report_command(report);
    if (*validate_cmd) return krapte::validate_command(validate);
    if (*schema_cmd) return krapte::schema_command(output_reference);
    if (*levers_cmd) return krapte::levers_command(lever_scenarios_only);
    if (*optimise_cmd) return krapte::optimise_command(optimise);
  } catch (const krapte::InputError& e) {
    std::cerr << "krapte: error: " << krapte::one_line(e.what()) << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "krapte: internal error: " << krapte::one_line(e.what()) << "\n";
    return 1;
  }
  return 0;
}

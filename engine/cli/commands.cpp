#include "cli/commands.h"

#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>

#include "cli/resources.h"
#include "checkpoint/checkpoint_file.h"
#include "core/errors.h"
#include "output/cost_datasets.h"
#include "output/run_file.h"
#include "output/summary.h"
#include "population/hr_import.h"
#include "population/initial_population.h"
#include "scenario/resolve.h"
#include "metrics/catalogue.h"
#include "scenario/schema.h"
#include "sim/replication.h"
#include "sim/run.h"

namespace krapte {

namespace {

/// Progress on stderr, only when it is a terminal: replications done, agent-steps per
/// second, time left.
class Progress {
 public:
  Progress(bool enabled, int replications, double agent_steps_per_replication)
      : enabled_(enabled && ::isatty(STDERR_FILENO)),
        replications_(replications),
        agent_steps_per_replication_(agent_steps_per_replication),
        start_(std::chrono::steady_clock::now()) {}

  /// Thread-safe: replications finish on worker threads.
  void replication_done() {
    const std::lock_guard lock(mutex_);
    ++done_;
    if (!enabled_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = done_ * agent_steps_per_replication_ / std::max(seconds, 1e-9);
    const double left = seconds / done_ * (replications_ - done_);
    std::fprintf(stderr, "\rreplications %d/%d  %.1f M agent-steps/s  %.0f s left   ", done_, replications_, rate / 1e6, left);
    if (done_ == replications_) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  int replications_;
  double agent_steps_per_replication_;
  std::chrono::steady_clock::time_point start_;
  int done_ = 0;
  std::mutex mutex_;
};

}  // namespace

std::string output_path(const std::string& given, const std::string& default_name) {
  if (!given.empty()) return given;
  const std::string output = "results/" + default_name;
  std::error_code error;
  std::filesystem::create_directories("results", error);
  if (error)
    throw InputError(SourceLocation{output, 0, 0}, "cannot create the default output folder 'results': " +
                                                       error.message() + "; allowed: pass -o FILE");
  return output;
}

namespace {

/// --checkpoint-at / --checkpoint / --from-checkpoint, checked before any work.
void check_checkpoint_options(const RunCommand& command) {
  const bool any = !command.checkpoint_at.empty() || !command.checkpoint.empty() || !command.from_checkpoint.empty();
  if (any && command.mode == "expected")
    throw InputError(std::string(command.from_checkpoint.empty() ? "--checkpoint" : "--from-checkpoint") +
                     ": checkpoints hold the agents' state; the expected-value projection has none to keep (it takes "
                     "seconds: run it whole); allowed: --mode agents");
  if (command.checkpoint_at.empty() != command.checkpoint.empty())
    throw InputError(std::string(command.checkpoint.empty() ? "--checkpoint-at" : "--checkpoint") +
                     ": needs its partner; allowed: --checkpoint-at YYYY-MM --checkpoint FILE together");
  if (!command.checkpoint.empty() && (command.checkpoint == command.output || command.checkpoint == command.from_checkpoint))
    throw InputError("--checkpoint: " + command.checkpoint + " is also the run's " +
                     (command.checkpoint == command.output ? "output" : "--from-checkpoint") + "; allowed: a file of its own");
}

}  // namespace

int run_command(const RunCommand& command) {
  check_checkpoint_options(command);
  if (command.mode == "expected") return expected_run_command(command);
  std::vector<std::string> overrides = command.overrides;
  if (command.replications) overrides.push_back("replications=" + std::to_string(*command.replications));
  if (command.seed) overrides.push_back("seed=" + std::to_string(*command.seed));
  const ResolvedScenario scenario = load_scenario(command.scenario, overrides);

  const std::string output = output_path(command.output, scenario.name + ".h5");
  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const auto started = std::chrono::steady_clock::now();

  // A checkpoint to continue from is checked against the scenario before any work.
  std::unique_ptr<CheckpointReader> from;
  if (!command.from_checkpoint.empty()) from = std::make_unique<CheckpointReader>(command.from_checkpoint, scenario);
  RunFileWriter writer(output, scenario);  // fails early on a bad output path
  RunSetup setup = prepare_run(scenario);
  const size_t initial_agents = setup.initial_population.total_agents();
  // Before any replication: refuse what would not fit in memory (docs/model.md, "Resource limits").
  const auto agents = static_cast<double>(initial_agents);
  refuse_if_out_of_memory(command.scenario, replication_bytes(scenario, agents), std::min(threads, scenario.replications),
                          replication_bytes(scenario, agents) - replication_bytes(scenario, 0), threads);
  if (from) from->check_setup(setup);
  std::unique_ptr<CheckpointWriter> checkpoint;
  int pause_after_step = 0;
  if (!command.checkpoint_at.empty()) {
    pause_after_step = checkpoint_step(scenario, command.checkpoint_at, "--checkpoint-at");
    if (from && pause_after_step <= from->step())
      throw InputError("--checkpoint-at: " + command.checkpoint_at + " is not after the month continued from (" +
                       from->month() + "); allowed: a later month");
    checkpoint = std::make_unique<CheckpointWriter>(command.checkpoint, scenario, setup, pause_after_step);
  }
  Progress progress(!command.quiet, scenario.replications,
                    agents * scenario.time.steps());
  RunOptions options;
  options.threads = threads;
  options.on_replication_done = [&](ReplicationSeries&& series) {
    writer.write_replication(series);
    progress.replication_done();
  };
  if (checkpoint) {
    options.pause_after_step = pause_after_step;
    options.on_pause = [&](const ReplicationProgress& state) { checkpoint->write(state); };
  }
  if (from) options.resume = [&](int replication) { return from->read(replication, scenario, setup); };
  options.consumable_initial_population = &setup.initial_population;  // not read after the run
  run_replications(scenario, setup, options);
  if (checkpoint) checkpoint->commit();
  writer.commit();

  if (!command.quiet) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "krapte: wrote %s (%d replications, %d municipalities, %zu initial agents, %.1f s on %d threads)\n",
                 output.c_str(), scenario.replications, scenario.municipality_count(),
                 initial_agents, seconds, threads);
  }
  return 0;
}

int summary_command(const std::string& file) {
  const auto rows = summarize_run_file(file);
  std::cout << format_summary(file, rows);
  return 0;
}

int validate_command(const ValidateCommand& command) {
  const ResolvedScenario scenario = load_scenario(command.scenario, command.overrides);
  // The employee file is part of the input: "valid" must mean that `run` can start.
  if (scenario.population.source == PopulationSource::kFile) (void)read_employee_file(scenario, scenario.population.file);
  std::string import_summary;
  if (scenario.population.has_files()) {  // HR extracts: the summary first, bad rows listed in it
    Population population;
    population.by_municipality.resize(scenario.municipality_count());
    const ImportSummary summary = import_population_files(scenario, population);
    import_summary = format_import_summary(scenario, summary);
    if (summary.rejected_rows() > 0) std::cout << import_summary << std::flush;
    throw_if_rejected(summary);
  }
  std::cout << import_summary;
  std::cout << "# " << command.scenario << ": valid. Resolved scenario (every default filled in):\n";
  std::cout << scenario.canonical_yaml;
  return 0;
}

int schema_command(bool output_reference) {
  std::cout << (output_reference ? output_reference_markdown() + cost_reference_markdown() : scenario_reference_markdown());
  return 0;
}

int levers_command(bool scenarios_only) {
  for (const LeverInfo& lever : scenario_levers()) {
    if (scenarios_only) {
      std::cout << lever.tag.scenario << "\n";
      continue;
    }
    std::string keys;
    for (const std::string& key : lever.keys) keys += (keys.empty() ? "" : ",") + key;
    std::cout << lever.tag.number << '\t' << lever.tag.measure << '\t' << lever.tag.scenario << '\t'
              << lever.tag.page << '\t' << keys << "\n";
  }
  return 0;
}

}  // namespace krapte

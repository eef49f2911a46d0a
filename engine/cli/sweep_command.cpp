// `krapte sweep` (docs/sweeps.md) and `krapte summary`, which reads run files and sweep files.
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "cli/commands.h"
#include "cli/resources.h"
#include "core/errors.h"
#include "output/sweep_file.h"
#include "output/sweep_summary.h"
#include "output/text_file.h"
#include "sim/run.h"
#include "sweep/local_runner.h"
#include "sweep/mpi_runner.h"
#include "sweep/plan.h"
#include "sweep/stop.h"

namespace krapte {

namespace {

std::string duration_text(double seconds) {
  char buffer[32];
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole >= 3600) std::snprintf(buffer, sizeof buffer, "%lldh %02lldm", whole / 3600, whole / 60 % 60);
  else if (whole >= 60) std::snprintf(buffer, sizeof buffer, "%lldm %02llds", whole / 60, whole % 60);
  else std::snprintf(buffer, sizeof buffer, "%llds", whole);
  return buffer;
}

/// Progress on stderr, only when it is a terminal: points and runs done, runs per second
/// (of this invocation), time left.
class SweepProgress {
 public:
  SweepProgress(bool enabled, const SweepPlan& plan, const SweepFile& file)
      : enabled_(enabled && ::isatty(STDERR_FILENO)),
        replications_(plan.replications()),
        runs_per_point_(static_cast<size_t>(plan.points()), 0),
        start_(std::chrono::steady_clock::now()) {
    for (int64_t p = 0; p < plan.points(); ++p)
      for (int r = 0; r < replications_; ++r) runs_per_point_[p] += file.done(p, r) ? 1 : 0;
    for (int count : runs_per_point_) {
      runs_done_ += count;
      points_done_ += count == replications_ ? 1 : 0;
    }
    runs_total_ = plan.points() * replications_;
  }

  /// Thread-safe.
  void run_written(const SweepRun& run) {
    const std::lock_guard lock(mutex_);
    ++runs_done_;
    ++runs_now_;
    if (++runs_per_point_[run.point] == replications_) ++points_done_;
    if (!enabled_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = static_cast<double>(runs_now_) / std::max(seconds, 1e-9);
    std::fprintf(stderr, "\rpoints %lld/%zu  runs %lld/%lld  %.2f runs/s  %s left   ", static_cast<long long>(points_done_),
                 runs_per_point_.size(), static_cast<long long>(runs_done_), static_cast<long long>(runs_total_), rate,
                 duration_text(static_cast<double>(runs_total_ - runs_done_) / std::max(rate, 1e-9)).c_str());
    if (runs_done_ == runs_total_) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

  void end_line() const {
    if (enabled_ && runs_done_ != runs_total_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  int replications_;
  std::vector<int> runs_per_point_;
  std::chrono::steady_clock::time_point start_;
  int64_t runs_done_ = 0, runs_total_ = 0, runs_now_ = 0, points_done_ = 0;
  std::mutex mutex_;
};

/// mpirun with a krapte built without MPI would start N copies that each run everything.
void refuse_mpirun_without_mpi() {
  if (built_with_mpi()) return;
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* size = std::getenv(variable);
    if (size != nullptr && std::atoi(size) > 1)
      throw InputError("this krapte was built without MPI (KRAPTE_MPI=OFF), so every process under mpirun would run the "
                       "whole sweep; allowed: run krapte sweep without mpirun, or build with -DKRAPTE_MPI=ON");
  }
}


/// Every rank learns whether every rank got past a step; rank 0 reports its own error, any
/// other rank only an error rank 0 did not have. Returns false when the sweep must end.
bool agreed(const MpiSession& mpi, const std::exception_ptr& error) {
  const MpiSession::Agreement agreement = mpi.agree(error == nullptr);
  if (agreement.all_ok) return true;
  if (error && mpi.rank() == 0) std::rethrow_exception(error);
  if (error && agreement.rank0_ok) {
    try {
      std::rethrow_exception(error);
    } catch (const InputError& e) {
      throw InputError("rank " + std::to_string(mpi.rank()) + ": " + e.what());
    }
  }
  return false;
}

void print_start(const SweepPlan& plan, const SweepFile& file, const std::string& output, int threads, int processes) {
  const int64_t runs = plan.points() * plan.replications();
  std::string kept;
  const SweepResume& resume = file.resume();
  if (resume.kind == SweepResume::Kind::kInPlace)
    kept = "; resuming " + output + ": " + std::to_string(resume.runs_kept) + " runs already done";
  if (resume.kind == SweepResume::Kind::kRebuilt)
    kept = "; " + output + " held another sweep (" + resume.why_rebuilt + "): " + std::to_string(resume.runs_kept) +
           " of its runs kept";
  std::fprintf(stderr, "krapte: sweep '%s': %lld points x %d replications = %lld runs%s; %d thread%s x %d process%s\n",
               plan.spec().name.c_str(), static_cast<long long>(plan.points()), plan.replications(),
               static_cast<long long>(runs), kept.c_str(), threads, threads == 1 ? "" : "s", processes,
               processes == 1 ? "" : "es");
  const BranchPlan& branches = plan.branches();  // issue 13: branch_at
  if (branches.step > 0)
    std::fprintf(stderr, "krapte: branching at %s: %lld points in %zu group%s run their shared past once per replication%s\n",
                 branches.month.to_string().c_str(), static_cast<long long>(branches.branched_points()),
                 branches.groups.size(), branches.groups.size() == 1 ? "" : "s",
                 processes > 1 ? " (within a process; MPI ranks run whole runs)" : "");
  else if (!plan.spec().branch_at.empty())
    std::fprintf(stderr, "krapte: branch_at %s: no two points share their past; every run is whole\n",
                 plan.spec().branch_at.c_str());
}

}  // namespace

int sweep_command(const SweepCommand& command) {
  refuse_mpirun_without_mpi();
  const MpiSession mpi;
  const bool root = mpi.rank() == 0;
  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const auto started = std::chrono::steady_clock::now();

  // Every rank plans (deterministic, and each needs the points); nothing runs unless all can.
  std::optional<SweepPlan> plan;
  std::exception_ptr error;
  try {
    plan.emplace(load_sweep_spec(command.file, command.yes), threads);
  } catch (const InputError&) {
    error = std::current_exception();
  }
  if (!agreed(mpi, error)) return 2;

  std::string output = command.output;
  std::unique_ptr<SweepFile> file;
  try {
    if (root) {
      // Before the file and any run: refuse what would not fit in memory (docs/model.md,
      // "Resource limits"): a run per thread, threads + 1 prepared points, the done flags.
      const ResolvedScenario& layout = plan->layout();
      const double agents = estimated_agents(layout);
      const double population = replication_bytes(layout, agents) - replication_bytes(layout, 0);
      const double flags = static_cast<double>(plan->points()) * plan->replications();
      refuse_if_out_of_memory(command.file, replication_bytes(layout, agents), threads, population * (threads + 1) + flags,
                              threads);
      output = output_path(output, plan->spec().name + ".h5");
      file = std::make_unique<SweepFile>(output, plan->description());
    }
  } catch (const InputError&) {
    error = std::current_exception();
  }
  if (!agreed(mpi, error)) return 2;

  const StopOnSignals stop_signals;
  const std::atomic<bool>& stop = StopOnSignals::flag();
  std::optional<SweepProgress> progress;
  if (root) {
    if (!command.quiet) print_start(*plan, *file, output, threads, mpi.size());
    progress.emplace(!command.quiet, *plan, *file);
  }
  SweepRunOptions options;
  options.threads = threads;
  options.on_run_written = [&](const SweepRun& run) {
    if (progress) progress->run_written(run);
  };
  if (root && file->complete() && !command.quiet)
    std::fprintf(stderr, "krapte: %s already holds every run of this sweep; nothing to do\n", output.c_str());
  const int64_t ran = mpi.active() ? run_sweep_mpi(*plan, file.get(), options, mpi, stop)
                                   : run_sweep_locally(*plan, *file, options, stop);
  // Read when returning, not before: a signal may arrive at any line below (the kill trials
  // caught a SIGINT reported as 143 when it came after an earlier read).
  auto stopped_exit = [] { return 128 + (StopOnSignals::signal_number() != 0 ? StopOnSignals::signal_number() : SIGTERM); };
  if (!root) return stop ? stopped_exit() : 0;

  progress->end_line();
  const int64_t runs = plan->points() * plan->replications();
  if (!stop && !file->complete() && file->runs_done() == runs) finish_sweep(*file, threads, stop);
  const int64_t done = file->runs_done();
  file->close();
  if (stop) {
    std::fprintf(stderr, "krapte: stopped: %lld of %lld runs are in %s (it stays readable); run the same command again to finish\n",
                 static_cast<long long>(done), static_cast<long long>(runs), output.c_str());
    return stopped_exit();
  }
  if (!command.quiet && ran > 0) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "krapte: wrote %s: %lld points x %d replications; %lld runs now (%.2f runs/s), %lld already there; %.1f s\n",
                 output.c_str(), static_cast<long long>(plan->points()), plan->replications(), static_cast<long long>(ran),
                 static_cast<double>(ran) / std::max(seconds, 1e-9), static_cast<long long>(runs - ran), seconds);
  }
  return 0;
}

int summary_command(const SummaryCommand& command) {
  if (!is_sweep_file(command.file)) {
    if (!command.at.empty() || !command.sort.empty() || command.descending || !command.csv.empty())
      throw InputError(SourceLocation{command.file, 0, 0},
                       "--at, --sort, --descending and --csv are for sweep files; allowed: krapte summary FILE for a run file");
    return summary_command(command.file);
  }
  if (!command.csv.empty()) check_text_output(command.csv, "results/points.csv");
  const SweepSummary summary = summarize_sweep_file(command.file, {command.at, command.sort, command.descending});
  if (command.csv == "-") {
    write_text_file("-", sweep_summary_csv(summary), "results/points.csv");
    return 0;
  }
  // The CSV first: a failure to write it leaves nothing printed but the error.
  if (!command.csv.empty()) write_text_file(command.csv, sweep_summary_csv(summary), "results/points.csv");
  std::cout << format_sweep_summary(command.file, summary);
  return 0;
}

}  // namespace krapte

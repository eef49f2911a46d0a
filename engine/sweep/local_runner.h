// Running the runs of a sweep on the threads of one process with oneTBB: one puller per
// thread takes (point, replication) runs from a source and runs each isolated, with the
// engine's own parallelism (municipalities, regions) nested inside, so that threads left
// without a run of their own help the runs still going. Memory is bounded by the runs in
// flight: one series per thread, and the prepared points of a small cache.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "metrics/series.h"
#include "output/sweep_file.h"
#include "sim/replication.h"
#include "sweep/plan.h"
#include "sweep/run_queue.h"

namespace krapte {

/// A point ready to run: its scenario and what all its replications share (prepare_run).
struct PreparedPoint {
  ResolvedScenario scenario;
  RunSetup setup;
};

/// The prepared points of the last few points used, built once by whichever thread asks
/// first (the others wait for it). Thread-safe.
class PointCache {
 public:
  PointCache(const SweepPlan& plan, size_t capacity) : plan_(plan), capacity_(capacity) {}
  std::shared_ptr<const PreparedPoint> get(int64_t point);

 private:
  using Entry = std::shared_future<std::shared_ptr<const PreparedPoint>>;
  const SweepPlan& plan_;
  size_t capacity_;
  std::list<int64_t> recent_;  // most recent first
  std::unordered_map<int64_t, Entry> entries_;
  std::mutex mutex_;
};

struct RunLoop {
  /// The next run, or nothing when there is none left; may block. Called from worker threads.
  std::function<std::optional<SweepRun>()> next;
  /// A finished run; called from worker threads, possibly concurrently.
  std::function<void(const SweepRun&, ReplicationSeries&&)> done;
};

/// Runs until `loop.next` gives nothing or `stop` is raised; a run finishing after the stop
/// is dropped. Exceptions of a run (internal errors) reach the caller.
void run_loop(const SweepPlan& plan, int threads, const RunLoop& loop, const std::atomic<bool>& stop);

struct SweepRunOptions {
  int threads = 1;
  /// After each run is written (progress); from any thread, possibly concurrently.
  std::function<void(const SweepRun&)> on_run_written;
};

/// This process's share of a sweep: runs taken from `queue` (as rank 0), each written to
/// `file` as it finishes and counted in `written`.
RunLoop writing_loop(RunQueue& queue, SweepFile& file, const SweepRunOptions& options, std::atomic<int64_t>& written);

/// The runs `file` lacks, on this process's threads, each written as it finishes. Returns
/// the number of runs written.
int64_t run_sweep_locally(const SweepPlan& plan, SweepFile& file, const SweepRunOptions& options,
                          const std::atomic<bool>& stop);

/// Once every run is done: the statistics pass and `complete` (SweepFile::finish) on
/// `threads` threads. Returns false if stopped first.
bool finish_sweep(SweepFile& file, int threads, const std::atomic<bool>& stop);

}  // namespace krapte

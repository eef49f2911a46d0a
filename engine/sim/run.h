// Running all replications of a scenario on a fixed number of threads. Replications run
// in parallel (each isolated, so a waiting thread never starts a second replication on
// its stack); inside each, municipalities and regions run in parallel. Finished
// replications are handed to a sink in any order, possibly concurrently: the sink puts
// each at its own index, so the result does not depend on the order.
#pragma once

#include <functional>

#include "metrics/series.h"
#include "scenario/resolved.h"
#include "sim/progress.h"
#include "sim/replication.h"

namespace krapte {

struct RunOptions {
  int threads = 0;  // 0 = all cores
  /// Called once per replication, from worker threads, possibly concurrently: it must be
  /// thread-safe (so that, e.g., compression of finished replications runs in parallel).
  std::function<void(ReplicationSeries&&)> on_replication_done;
  /// Checkpoints (docs/sweeps.md): after step `pause_after_step` (> 0) each replication is
  /// handed to `on_pause` (thread-safe, like on_replication_done), then goes on.
  int pause_after_step = 0;
  std::function<void(const ReplicationProgress&)> on_pause;
  /// Continuing from a checkpoint: each replication starts from `resume(replication)`
  /// (thread-safe) instead of its initial state.
  std::function<ReplicationProgress(int)> resume;
};

void run_replications(const ResolvedScenario& scenario, const RunSetup& setup, const RunOptions& options);

/// Threads used for `requested` (0 = the machine's cores).
int effective_threads(int requested);

}  // namespace krapte

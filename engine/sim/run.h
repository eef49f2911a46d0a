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
  /// Set to &setup.initial_population when the caller needs it no more after the run: the
  /// last replication to start then takes it instead of copying it, so that a run of one
  /// replication holds one population, not two (issue 10, bytes per agent). Every copy
  /// is made before the move (both under one lock); after the run it is empty.
  Population* consumable_initial_population = nullptr;
};

void run_replications(const ResolvedScenario& scenario, const RunSetup& setup, const RunOptions& options);

/// Threads used for `requested` (0 = the machine's cores).
int effective_threads(int requested);

}  // namespace krapte

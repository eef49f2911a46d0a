// A sweep with branching (docs/sweeps.md) on the threads of one process: the work is a
// group of points that share their past and one replication; its past is run once (with
// the group's first point, whose initial state every point of the group has), then
// copied and continued as each point whose run the file lacks. Points outside any group
// run whole, as in run_sweep_locally. Every run is bit-identical to its unbranched run.
#pragma once

#include <atomic>
#include <cstdint>

#include "output/sweep_file.h"
#include "sweep/local_runner.h"
#include "sweep/plan.h"

namespace krapte {

/// run_sweep_locally for a plan with branches. Returns the number of runs written.
int64_t run_branched_sweep(const SweepPlan& plan, SweepFile& file, const SweepRunOptions& options,
                           const std::atomic<bool>& stop);

}  // namespace krapte

// A replication that can stop after any step and go on later (checkpoints, branched
// sweeps; docs/sweeps.md). Random123 draws are keyed by (seed, replication, step, entity):
// there is no generator state, so the state below and the step reached are all that a
// continuation needs to give the bits of the uninterrupted replication.
#pragma once

#include "metrics/series.h"
#include "sim/month_step.h"
#include "sim/replication.h"

namespace krapte {

struct ReplicationProgress {
  int step = 0;  // steps done: point `step` is recorded (0 = the initial state only)
  SimState state;
  ReplicationSeries series;

  ReplicationProgress(const ResolvedScenario& scenario, const RunSetup& setup) : state(scenario, setup) {}
  ReplicationProgress(const ResolvedScenario& scenario, const RunSetup& setup, Population initial)
      : state(scenario, setup, std::move(initial)) {}
};

/// Point 0 recorded, no step done.
ReplicationProgress start_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication);
/// The same from `initial`, setup's initial population (a copy, or the one itself moved).
ReplicationProgress start_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication,
                                      Population initial);
/// Steps progress.step + 1 .. last_step (at most the scenario's T).
void advance_replication(const ResolvedScenario& scenario, const RunSetup& setup, ReplicationProgress& progress,
                         int last_step);
/// The series sized for `scenario`'s time axis (a continuation may end later or earlier);
/// the points recorded so far are kept, later points are zero until recorded.
void fit_series_to(const ResolvedScenario& scenario, ReplicationSeries& series);
/// A progress made under one scenario, to go on under `scenario` (the same past): what the
/// state derives from the scenario (the trainee programmes' productivity) rebuilt, the series
/// fitted to its time axis.
void continue_as(const ResolvedScenario& scenario, ReplicationProgress& progress);

}  // namespace krapte

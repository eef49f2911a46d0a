// MODEL.md §4: one month step, the model's steps as ordered calls.
#pragma once

#include <vector>

#include "metrics/series.h"
#include "population/agents.h"
#include "processes/exits.h"
#include "processes/policies.h"
#include "processes/step_context.h"
#include "sim/replication.h"

namespace krapte {

/// The mutable state of one replication between steps, with per-municipality scratch.
struct SimState {
  Population population;
  std::vector<double> demand_fte;             // D(m, j, k) [m * F + j]
  std::vector<double> vacancy_fte;            // V during the step [m * F + j]
  std::vector<double> previous_vacancy_rate;  // recorded at point k-1, read by pressure
  std::vector<CellFlows> flows;               // flows of the current step [m * F + j]
  std::vector<std::vector<Mover>> movers;         // per municipality
  std::vector<std::vector<Mover>> region_movers;  // the same regrouped per region
  std::vector<std::vector<double>> region_scratch;  // placement weights per region
  std::vector<ExitTable> exit_tables;         // per municipality
  std::vector<double> flexpool_fte;           // deployed this month [m * F + j] (lever 6)
  std::vector<double> supply_scratch;         // effective FTE per cell, for flexpool deployment
  std::vector<double> histogram_scratch;      // [m][family][band]
  std::vector<double> trainee_productivity;   // [trainee programme index + 1], entry 0 unused
  /// The record's sums per cell [m * F + j] over a municipality's first tallied_agents[m]
  /// agents (the exit pass's stayers), continued by the recorder over the arrivals.
  std::vector<CellTally> tallies;
  std::vector<size_t> tallied_agents;  // per municipality; 0 = record tallies afresh
  std::vector<double> work_kept;              // lever 4: share of its work a cell kept [m * F + j]
  std::vector<std::vector<CentreWork>> centre_work;  // lever 4: the work each unit took over

  SimState(const ResolvedScenario& scenario, const RunSetup& setup);
  /// The same with `population` (a copy of setup's initial one, or that one itself, moved).
  SimState(const ResolvedScenario& scenario, const RunSetup& setup, Population population);
};

/// Records point k (0 = initial state) into `series`.
void record_point(const ResolvedScenario& scenario, int point, SimState& state, ReplicationSeries& series, bool with_flows);

/// Steps 1-9 of MODEL.md §4 for step k, then records point k.
void month_step(const StepContext& ctx, const RunSetup& setup, SimState& state, ReplicationSeries& series);

}  // namespace krapte

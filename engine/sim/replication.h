// One replication: the initial state (point 0), then the month steps of MODEL.md §4.
#pragma once

#include <vector>

#include "metrics/series.h"
#include "population/agents.h"
#include "scenario/resolved.h"

namespace krapte {

/// What every replication of a run shares; depends on the scenario and seed only.
struct RunSetup {
  Population initial_population;
  std::vector<double> demand0_fte;      // D(m, j, 0) [m * families + j] (MODEL.md §3)
  std::vector<double> size_weight;      // size(m)^size_attraction, size = headcount at point 0
  std::vector<int> region_of_municipality;
};

RunSetup prepare_run(const ResolvedScenario& scenario);
/// The same from a given initial population (tests build populations by hand).
RunSetup prepare_run(const ResolvedScenario& scenario, Population initial_population);

/// Runs replication `replication` from point 0 to point T. Parallel over municipalities
/// and regions inside; bit-identical at any thread count.
ReplicationSeries run_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication);

}  // namespace krapte

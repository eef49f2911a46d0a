// Helpers for tests that run the engine in-process.
#pragma once

#include <oneapi/tbb/global_control.h>

#include <vector>

#include "metrics/series.h"
#include "sim/replication.h"
#include "sim/run.h"

namespace krapte::test {

/// All replications of a scenario, indexed by replication, on `threads` threads.
inline std::vector<ReplicationSeries> run_all(const ResolvedScenario& scenario, const RunSetup& setup, int threads) {
  std::vector<ReplicationSeries> all(scenario.replications);
  RunOptions options;
  options.threads = threads;
  options.on_replication_done = [&](ReplicationSeries&& series) { all[series.replication] = std::move(series); };
  run_replications(scenario, setup, options);
  return all;
}

inline double cell(const ReplicationSeries& s, int point, int m, int j, Metric metric) {
  return s.cell_sums[s.shape.cell_offset(point, m, j) + static_cast<int>(metric)];
}

/// Sum of a metric over all cells at a point.
inline double national(const ReplicationSeries& s, int point, Metric metric) {
  double total = 0;
  for (int m = 0; m < s.shape.municipalities; ++m)
    for (int j = 0; j < s.shape.families; ++j) total += cell(s, point, m, j, metric);
  return total;
}

/// A hand-built population: `per_municipality` agents of family 0 in every municipality.
inline Population uniform_population(const ResolvedScenario& scenario, int per_municipality, int age_months,
                                     int tenure_months, double contract_fte) {
  Population population;
  population.by_municipality.resize(scenario.municipality_count());
  uint64_t index = 0;
  for (auto& agents : population.by_municipality)
    for (int i = 0; i < per_municipality; ++i) {
      AgentRecord agent;
      agent.id = index++;
      agent.age_months = age_months;
      agent.tenure_months = tenure_months;
      agent.contract_fte = contract_fte;
      agents.append(agent);
    }
  return population;
}

}  // namespace krapte::test

namespace krapte::test {
inline std::vector<int> sim_support_region_of(const ResolvedScenario& s) {
  std::vector<int> region_of;
  for (const auto& m : s.municipalities.municipalities) region_of.push_back(m.region);
  return region_of;
}
}  // namespace krapte::test

// Agents against the expected-value projection (MODEL.md §7, docs/validation.md): per job
// family and for all families together, national series of the agents' mean over N
// replications, its standard error, and the projection; the largest difference over time
// in standard errors and in percent, and PASS or FAIL against the documented tolerance.
#pragma once

#include <string>
#include <vector>

#include "metrics/series.h"
#include "scenario/resolved.h"
#include "sim/replication.h"

namespace krapte {

/// The national series of each replication of the agents (derive_level, Level::kNational).
std::vector<LevelValues> run_agents_national(const ResolvedScenario& scenario, const RunSetup& setup, int threads);

/// Whether agents and projection must agree exactly in expectation: no recruitment, no
/// workload pressure and no moves (MODEL.md §7). Otherwise the two should stay close.
bool has_feedbacks(const ResolvedScenario& scenario);

struct ComparedPoint {
  int point = 0;
  double agents_mean = 0;
  double agents_se = 0;  // standard error of the mean over replications
  double projection = 0;
  double z = 0;          // (mean - projection) / se; 0 if both sides agree to rounding, inf if se is 0
  double percent = 0;    // 100 (mean - projection) / |projection|; 0 where both are 0
  bool within = true;    // within the tolerance
};

struct ComparedSeries {
  std::string group;  // a job family, or "all families"
  Metric metric = Metric::kHeadcount;
  double tolerance_percent = 0;  // 0: sampling error only
  std::vector<ComparedPoint> points;
  double max_abs_z = 0;
  int max_z_point = 0;
  double max_abs_percent = 0;
  int max_percent_point = 0;
  bool pass = true;
};

struct CheckResult {
  int replications = 0;
  bool feedbacks = false;
  double z_tolerance = 4;
  std::vector<ComparedSeries> series;
  bool pass() const;
};

/// The metrics `krapte check` compares: headcount, FTE, vacancy FTE, hires and each exit flow.
const std::vector<Metric>& checked_metrics();

/// The approximation tolerance (percent of the projection) of a metric when the scenario
/// has feedbacks; docs/validation.md gives the reasons for each.
double feedback_tolerance_percent(Metric metric);

/// Compares `agents` (one LevelValues per replication, national) with `projection`
/// (national). A point is within tolerance if |mean - projection| <= z_tolerance x se or,
/// with feedbacks, <= tolerance_percent of |projection|. Flows are compared from point 1.
CheckResult compare_national(const ResolvedScenario& scenario, const std::vector<LevelValues>& agents,
                             const LevelValues& projection, double z_tolerance = 4);

/// The per-series summary table `krapte check` prints.
std::string format_check(const ResolvedScenario& scenario, const CheckResult& result);

/// Every point of every series as CSV (group, metric, time, agents_mean, agents_se,
/// projection, difference, z, percent, within).
std::string check_csv(const ResolvedScenario& scenario, const CheckResult& result);

}  // namespace krapte

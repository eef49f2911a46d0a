// Agents against the expected-value projection (MODEL.md §7, docs/validation.md): per job
// family and for all families together, national series of the agents' mean over N
// replications, its standard error, and the projection; the largest difference over time
// in standard errors and in percent, and PASS or FAIL against the documented tolerance.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "metrics/series.h"
#include "scenario/resolved.h"
#include "sim/replication.h"

namespace krapte {

/// The national series of each replication of the agents (derive_level, Level::kNational).
std::vector<LevelValues> run_agents_national(const ResolvedScenario& scenario, const RunSetup& setup, int threads);

/// Whether the scenario has feedbacks: recruitment, workload pressure or moves (MODEL.md
/// §7). Without them agents and projection agree exactly in expectation, except for
/// vacancies (max(0, D - S) of a random supply).
bool has_feedbacks(const ResolvedScenario& scenario);

/// The approximation tolerance of a metric: a fraction of the projection, or for vacancy
/// FTE of the demand (points of vacancy rate). 0 = sampling error only.
struct Tolerance {
  double fraction = 0;
  bool of_demand = false;
};
/// docs/validation.md gives the reasons for each value.
Tolerance approximation_tolerance(Metric metric, bool feedbacks);

/// P(|T| > t) for Student's t with `dof` degrees of freedom.
double student_t_two_sided_tail(double t, double dof);

/// The threshold in standard errors that all `comparisons` differences stay within with
/// probability 1 - `family_error` when agents and projection agree in expectation
/// (Bonferroni, Student's t with replications - 1 degrees of freedom); never below 4.
double bonferroni_z(int replications, size_t comparisons, double family_error);

struct ComparedPoint {
  int point = 0;
  double agents_mean = 0;
  double agents_se = 0;  // standard error of the mean over replications
  double projection = 0;
  double z = 0;          // (mean - projection) / max(se, 1/N); 0 if both sides agree to rounding
  double percent = 0;    // 100 (mean - projection) / |projection|; 0 where both agree to rounding
  double allowed = 0;    // the largest |mean - projection| within tolerance
  bool within = true;
};

struct ComparedSeries {
  std::string group;  // a job family, or "all families"
  Metric metric = Metric::kHeadcount;
  Tolerance tolerance;
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
  double family_error = 0.01;
  size_t comparisons = 0;
  std::vector<ComparedSeries> series;
  bool pass() const;
};

/// The metrics `krapte check` compares: headcount, FTE, vacancy FTE, hires and each exit
/// flow; with trainee programmes also trainees, trainee hires and trainee exits, with
/// flexpools the FTE they deploy.
std::vector<Metric> checked_metrics(const ResolvedScenario& scenario);

/// Compares `agents` (one LevelValues per replication, national) with `projection`
/// (national). A month agrees if |mean - projection| <= z x se, with z = bonferroni_z(N,
/// comparisons, 1%), or <= the metric's approximation tolerance. Flows from point 1.
CheckResult compare_national(const ResolvedScenario& scenario, const std::vector<LevelValues>& agents,
                             const LevelValues& projection);

/// The per-series summary table `krapte check` prints.
std::string format_check(const ResolvedScenario& scenario, const CheckResult& result);

/// Every month of every series as CSV (group, metric, time, agents_mean, agents_se,
/// projection, difference, z, percent, allowed, within).
std::string check_csv(const ResolvedScenario& scenario, const CheckResult& result);

}  // namespace krapte

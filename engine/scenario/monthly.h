// The scenario read month by month: every pure function of (scenario, step[, cell]) that
// both models need, written once. The agents (processes/StepContext) draw against these
// values; the expected-value projection (projection/levers.cpp step_rates) takes their
// expectations. Neither model recomputes any of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "scenario/resolved.h"

namespace krapte {

/// The age from which an employee counts in headcount_55plus (completed years).
inline constexpr int kAged55PlusMonths = 55 * 12;

/// The growth of one family's demand compounded up to the last change of its rate: a lever
/// that changes the rate from a month on (lever 9's growth paths, levers/new_tasks.cpp)
/// compounds `rate` to that month and sets the new one.
struct DemandGrowth {
  double rate;            // annual rate in force from months_done on
  double factor = 1;      // growth of the months before months_done
  int months_done = 0;
};

/// Demand growth factor of family j from point 0 to point k: (1 + g)^(k/12) (MODEL.md §4.3),
/// each rate of the family's growth paths (lever 9) for its own months.
double demand_growth_factor(const ResolvedScenario& scenario, int family, int k);

/// D(m, j, k) / D(m, j, 0) of every cell [unit * families + j] in month c = point k:
/// municipalities grow (demand_growth_factor) with demand shocks (lever 9) and productivity
/// gains (lever 3); a flexpool has its fixed size while its window is open and none outside;
/// a shared-service centre has no demand of its own (0): its demand is the work it took over,
/// which follows its sources' factors.
std::vector<double> cell_demand_factors(const ResolvedScenario& scenario, YearMonth c, int k);

/// Matching efficiency in force in month c: matching_efficiency x
/// attractiveness(c)^(match_elasticity) x (1 + efficiency_bonus while collective mode acts).
double matching_efficiency(const ResolvedScenario& scenario, YearMonth c);

/// Applicants per month for family j in a region of `inhabitants` in month c (MODEL.md §4.7).
double applicants_per_month(const ResolvedScenario& scenario, int family, int64_t inhabitants, YearMonth c);

/// What the levers in force set for the quit rule of month c (levers 1, 2, 7).
struct QuitRulesOfMonth {
  bool collective = false;                 // lever 1 in force
  double attractiveness_factor = 1;        // attractiveness(c)^(-quit_elasticity), lever 2
  /// Probability that a quit is a move candidate (the no-poaching factor while lever 1 acts).
  double move_share = 0;
  /// Extension `collective.prevented_moves: stay`: a quit drawn below this (the move share
  /// without the no-poaching factor) but not below move_share stays with its employer;
  /// = move_share when the extension is off or lever 1 is not in force.
  double stay_below = 0;
  /// Lever 7: age in months from which a family's staff count as retained (INT_MAX: none).
  std::vector<int> retention_from_age_months;  // [family]
};
QuitRulesOfMonth quit_rules_of_month(const ResolvedScenario& scenario, YearMonth c);

/// Lever 7's multipliers of a family: those of its last retention entry, whatever its window
/// (the window sets only the age from which they apply).
struct RetentionMultipliers {
  double quit = 1;
  double early_retirement = 1;
};
RetentionMultipliers retention_multipliers(const ResolvedScenario& scenario, int family);

/// The annual quit rate of a family's age band before the first-year factor (MODEL.md §4.4):
/// band rate x family multiplier x workload pressure x attractiveness factor, in that order.
double quit_annual_rate(const ResolvedScenario& scenario, int family, int band, double pressure,
                        double attractiveness_factor);

/// The index of an exit row [band][first year][retained] within a family's rows.
constexpr size_t exit_row_index(int band, bool first_year, bool retained) {
  return (static_cast<size_t>(band) * 2 + (first_year ? 1 : 0)) * 2 + (retained ? 1 : 0);
}
constexpr size_t exit_rows_per_band = 4;

/// Productivity of a trainee, indexed by trainee programme + 1 (entry 0: not a trainee, 1).
std::vector<double> trainee_productivity_table(const ResolvedScenario& scenario);

/// The labour-market region of every unit [unit] (shared-service centres and flexpools are
/// in their region's list like municipalities).
std::vector<int> region_of_unit(const ResolvedScenario& scenario);

}  // namespace krapte

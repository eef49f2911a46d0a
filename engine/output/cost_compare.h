// `krapte compare` on costs (issue 12, docs/costs.md): the cost items of two runs summed
// over a window of months, their difference with a 90% interval, vacancy FTE-years avoided
// and the cost-effectiveness: euros per vacancy FTE-year avoided. Paired by replication
// under common random numbers (same seed and replication count), as compare.h.
#pragma once

#include <string>
#include <vector>

#include "output/compare.h"

namespace krapte {

struct CostCompareOptions {
  std::string from;  // "YYYY-MM"; "" = the first month of the run
  std::string to;    // "YYYY-MM"; "" = the last
  Level level = Level::kNational;
};

struct CostCompareRow {
  std::string unit;                       // "national" or a region
  std::vector<Difference> items;          // per cost item (catalogue order), euros (FTE-months for unfilled)
  Difference vacancy_fte_years;           // base - other: FTE-years avoided (> 0 = fewer vacancies)
  double euros_per_fte_year = 0;          // ratio of the mean differences; NaN if none avoided
  double euros_per_fte_year_half_width_90 = 0;  // delta method over replications; NaN without
};

struct CostCompareResult {
  bool available = false;  // both files have /costs
  std::string from, to;
  bool paired = false;
  std::vector<std::string> item_names;
  std::vector<CostCompareRow> rows;
};

/// `available` is false when either file has no /costs (a run without costs: section).
CostCompareResult compare_run_costs(const std::string& base, const std::string& other, const CostCompareOptions& options);
std::string format_cost_compare(const CostCompareResult& result);
std::string cost_compare_csv(const CostCompareResult& result);

/// Ratio of mean differences cost / avoided with a 90% interval by the delta method:
/// var(R) ~ var(c_r - R a_r) / (n mean(a)^2) for paired samples.
void ratio_with_interval(const std::vector<double>& cost, const std::vector<double>& avoided, double& ratio, double& half_width_90);

}  // namespace krapte

// Costs (issue 12, docs/costs.md): prices laid over the recorded cell series of one
// replication (agents) or of the projection (--mode expected), after the run. Nothing here
// feeds back into the model, so costs never change a result.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "metrics/series.h"
#include "scenario/resolved.h"

namespace krapte {

enum class CostItem : int {
  kSalary,
  kVacancyExternal,
  kVacancyUnfilledFte,  // not money: FTE of work not done
  kMeasureCollective,
  kMeasureAttractiveness,
  kMeasureProductivityGains,
  kMeasureSharedServices,
  kMeasureTraineeProgrammes,
  kMeasureFlexpools,
  kMeasureRetention,
  kMeasureMoreHours,
  kTotal,  // salary + vacancy_external + every measure
  kCount
};
inline constexpr int kCostItemCount = static_cast<int>(CostItem::kCount);

struct CostItemInfo {
  CostItem item;
  std::string_view name;
  std::string_view units;             // per month
  std::string_view cumulative_units;  // summed from the first month
  std::string_view description;
  bool is_money;
};

const std::array<CostItemInfo, kCostItemCount>& cost_catalogue();

/// Salary cost of one FTE-month of family j in calendar month c: gross x (1 + employer
/// charges) x (1 + annual_increase)^(year - price_year).
double salary_cost_per_fte_month(const CostSpec& costs, int family, YearMonth c);

/// Cost cells of one replication: [point][unit][family][item], point 0 all zero (costs are
/// flows of the month simulated at point k, as the catalogue's flows).
struct CostCells {
  SeriesShape shape;
  std::vector<double> values;
  size_t offset(int point, int unit, int family) const {
    return ((static_cast<size_t>(point) * shape.municipalities + unit) * shape.families + family) * kCostItemCount;
  }
};

/// Requires scenario.costs.enabled. Deterministic: a fixed loop order, no threads.
CostCells compute_cost_cells(const ResolvedScenario& scenario, const ReplicationSeries& series);

/// One level [item][point][unit][family], summed over cells in unit order like
/// derive_level; `cumulative` sums each cell's series over points 1..k.
struct CostLevel {
  int units = 0;
  SeriesShape shape;
  std::vector<double> values;
  size_t item_size() const { return static_cast<size_t>(shape.points) * units * shape.families; }
  const double* item(CostItem i) const { return values.data() + static_cast<size_t>(i) * item_size(); }
};
CostLevel derive_cost_level(const CostCells& cells, Level level, const std::vector<int>& region_of_unit, bool cumulative);

}  // namespace krapte

#include "optimise/evaluate.h"

#include <cmath>

#include "costs/cost_series.h"
#include "projection/projection.h"
#include "scenario/resolve.h"
#include "sim/replication.h"

namespace krapte {

namespace {

/// Point range [first, last] of the objective's window (steps 1..T when not given).
void window_points(const OptimiseSpec& spec, const ResolvedScenario& s, int& first, int& last) {
  first = 1;
  last = s.time.points() - 1;
  if (!spec.from.empty()) first = parse_year_month(spec.from)->index - s.time.start.index + 1;
  if (!spec.to.empty()) last = parse_year_month(spec.to)->index - s.time.start.index + 1;
}

double cell(const ReplicationSeries& series, int k, int m, int j, Metric metric) {
  return series.cell_sums[series.shape.cell_offset(k, m, j) + static_cast<size_t>(metric)];
}

double total_cost(const OptimiseSpec& spec, const ResolvedScenario& s, const ReplicationSeries& series) {
  int first = 0, last = 0;
  window_points(spec, s, first, last);
  const CostCells costs = compute_cost_cells(s, series);
  double total = 0;
  for (int k = first; k <= last; ++k)
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < s.family_count(); ++j) total += costs.values[costs.offset(k, m, j) + static_cast<size_t>(CostItem::kTotal)];
  return total;
}

double vacancy_fte_years(const OptimiseSpec& spec, const ResolvedScenario& s, const ReplicationSeries& series) {
  int first = 0, last = 0;
  window_points(spec, s, first, last);
  double months = 0;
  for (int k = first; k <= last; ++k)
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < s.family_count(); ++j) months += cell(series, k, m, j, Metric::kVacancyFte);
  return months / 12.0;
}

double metric_value(const OptimiseSpec& spec, OptimiseMetric metric, const ResolvedScenario& s, const ReplicationSeries& series) {
  return metric == OptimiseMetric::kTotalCost ? total_cost(spec, s, series) : vacancy_fte_years(spec, s, series);
}

}  // namespace

double constraint_scale(const OptimiseConstraint& constraint) { return constraint.max != 0 ? std::abs(constraint.max) : 1.0; }

PointValues measure_point(const OptimiseSpec& spec, const ResolvedScenario& s, const ReplicationSeries& series) {
  PointValues values;
  values.objective = metric_value(spec, spec.objective, s, series);
  for (const OptimiseConstraint& c : spec.constraints) {
    double value = 0;
    std::string where;
    if (c.metric != OptimiseMetric::kVacancyRate) {
      value = metric_value(spec, c.metric, s, series);
    } else {
      // Summed vacancy over summed demand, as the /region and /national datasets.
      const int k = parse_year_month(c.at)->index - s.time.start.index + 1;
      const int family = c.family.empty() ? -1 : s.family_index(c.family);
      const int groups = c.per_region ? s.region_count() : 1;
      std::vector<double> vacancy(static_cast<size_t>(groups), 0.0), demand(static_cast<size_t>(groups), 0.0);
      for (int m = 0; m < s.municipality_count(); ++m) {
        const int g = c.per_region ? s.municipalities.municipalities[static_cast<size_t>(m)].region : 0;
        for (int j = 0; j < s.family_count(); ++j) {
          if (family >= 0 && j != family) continue;
          vacancy[static_cast<size_t>(g)] += cell(series, k, m, j, Metric::kVacancyFte);
          demand[static_cast<size_t>(g)] += cell(series, k, m, j, Metric::kDemandFte);
        }
      }
      value = -1;
      for (int g = 0; g < groups; ++g) {
        const double rate = demand[static_cast<size_t>(g)] > 0 ? vacancy[static_cast<size_t>(g)] / demand[static_cast<size_t>(g)] : 0.0;
        if (rate > value) {
          value = rate;
          where = c.per_region ? s.municipalities.regions[static_cast<size_t>(g)].name : "";
        }
      }
    }
    values.constraint_values.push_back(value);
    values.margins.push_back(c.max - value);
    values.worst_region.push_back(where);
  }
  return values;
}

ResolvedScenario point_scenario(const OptimiseSpec& spec, const std::vector<double>& x, int replications) {
  std::vector<std::string> overrides = point_overrides(spec, x);
  overrides.push_back("replications=" + std::to_string(replications));
  return load_scenario(spec.scenario, overrides);
}

SearchEvaluation evaluate_on_projection(const OptimiseSpec& spec, const std::vector<double>& x, double objective_scale,
                                        PointValues* values_out) {
  const ResolvedScenario s = point_scenario(spec, x);
  const RunSetup setup = prepare_run(s);
  const ReplicationSeries series = run_projection(s, setup);
  const PointValues values = measure_point(spec, s, series);
  SearchEvaluation evaluation;
  evaluation.x = x;
  evaluation.objective = values.objective / objective_scale;
  for (size_t i = 0; i < spec.constraints.size(); ++i)
    evaluation.constraints.push_back(-values.margins[i] / constraint_scale(spec.constraints[i]));
  if (values_out) *values_out = values;
  return evaluation;
}

}  // namespace krapte

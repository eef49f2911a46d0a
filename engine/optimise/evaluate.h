// What `krapte optimise` measures at a point (docs/optimise.md): the objective and the
// constraint values from one series (the projection while searching, each agent
// replication when verifying), computed the same way for both.
#pragma once

#include <string>
#include <vector>

#include "metrics/series.h"
#include "optimise/spec.h"
#include "scenario/resolved.h"

namespace krapte {

/// The measured values at a point: the objective, and per constraint its value (for a
/// per-region vacancy rate: the worst region's) and its margin max - value (>= 0 holds).
struct PointValues {
  double objective = 0;
  std::vector<double> constraint_values;
  std::vector<double> margins;
  std::vector<std::string> worst_region;  // per constraint: the region that binds ("" if national)
};

PointValues measure_point(const OptimiseSpec& spec, const ResolvedScenario& scenario, const ReplicationSeries& series);

/// The scenario of a point (base + fixed overrides + the variables, integers rounded).
ResolvedScenario point_scenario(const OptimiseSpec& spec, const std::vector<double>& x, int replications = 1);

/// A projection evaluation for the search: the objective scaled by `objective_scale` and
/// constraints scaled by their bounds (|max|, or 1 for 0), so COBYLA weighs them alike.
SearchEvaluation evaluate_on_projection(const OptimiseSpec& spec, const std::vector<double>& x, double objective_scale,
                                        PointValues* values = nullptr);

/// How far a constraint's scaled value is from its bound: (value - max) / scale.
double constraint_scale(const OptimiseConstraint& constraint);

}  // namespace krapte

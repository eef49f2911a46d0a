// The optimisation file of `krapte optimise` (docs/optimise.md): a base scenario, decision
// variables (any --set path with bounds, optionally whole numbers), an objective over a
// window of months and constraints, the search and the verification. Parsed and checked
// here: every problem is one located InputError (exit 2).
#pragma once

#include <string>
#include <vector>

#include "core/errors.h"
#include "optimise/nlopt_search.h"

namespace krapte {

struct DecisionVariable {
  std::string path;  // a --set key path
  double lower = 0, upper = 0;
  bool integer = false;  // rounded to the nearest whole number before every evaluation
  SourceLocation where;
};

enum class OptimiseMetric { kTotalCost, kVacancyFteYears, kVacancyRate };

struct OptimiseConstraint {
  OptimiseMetric metric = OptimiseMetric::kVacancyRate;
  bool per_region = false;  // vacancy_rate: every region must meet it (else nationally)
  std::string family;       // "" = all families together
  std::string at;           // vacancy_rate: the month
  double max = 0;
  SourceLocation where;
  std::string label() const;
};

struct OptimiseSpec {
  std::string path;      // the file as given
  std::string name;
  std::string scenario;  // resolved path of the base scenario
  std::vector<std::string> set;  // fixed overrides
  std::vector<DecisionVariable> variables;
  OptimiseMetric objective = OptimiseMetric::kTotalCost;
  std::string from, to;  // objective (and budget) window; "" = the run's months
  std::vector<OptimiseConstraint> constraints;
  SearchOptions search;
  std::vector<double> start;  // in the variables' units; default: each lower bound
  int verify_candidates = 3;
  int verify_replications = 10;
};

/// Reads, parses and checks the file: keys, types, bounds (lower < upper), months, that
/// every variable's path is a key of the scenario at both bounds, that cost objectives and
/// budgets have a scenario with costs. InputError on the first problem.
OptimiseSpec load_optimise_spec(const std::string& path);

/// The overrides of one point: the fixed ones, then each variable (integers rounded).
std::vector<std::string> point_overrides(const OptimiseSpec& spec, const std::vector<double>& x);
/// x with the integer variables rounded.
std::vector<double> rounded_point(const OptimiseSpec& spec, const std::vector<double>& x);

}  // namespace krapte

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
  // On/off item of a list-valued path (`choose:`): 0 or 1, the item is in the list when 1.
  // The items of one path are consecutive variables; `when_none` is the override used
  // instead of the list when no item is on (an empty list means "all" in most keys).
  std::string choice;
  std::string when_none;
  bool on_off() const { return !choice.empty(); }
  SourceLocation where;
};

/// How on/off variables are searched (docs/optimise.md): every combination, or one flip
/// at a time from the start; each combination gets its own search of the continuous ones.
enum class OnOffSearch { kExhaustive, kGreedy };

/// A cost-versus-gap front (`front:`): the search repeated with one constraint's max at
/// each level, ascending.
struct FrontSpec {
  bool enabled = false;
  int constraint = 0;
  std::vector<double> levels;
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
  OnOffSearch on_off = OnOffSearch::kExhaustive;
  FrontSpec front;
  int verify_candidates = 3;
  int verify_replications = 10;
};

/// Reads, parses and checks the file: keys, types, bounds (lower < upper), months, that
/// every variable's path is a key of the scenario at both bounds, that cost objectives and
/// budgets have a scenario with costs. InputError on the first problem.
OptimiseSpec load_optimise_spec(const std::string& path);

/// The overrides of one point: the fixed ones, then each variable (integers rounded).
std::vector<std::string> point_overrides(const OptimiseSpec& spec, const std::vector<double>& x);
/// x with the integer variables rounded (on/off ones to 0 or 1).
std::vector<double> rounded_point(const OptimiseSpec& spec, const std::vector<double>& x);

}  // namespace krapte

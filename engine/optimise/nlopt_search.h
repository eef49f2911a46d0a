// A small wrapper over NLopt's derivative-free local optimisers (Debian's libnlopt-cxx-dev),
// shared by `krapte optimise` (docs/optimise.md) and calibration: bounds, an objective and
// inequality constraints computed by ONE evaluation of an expensive model (the wrapper
// caches the last point, since NLopt asks for objective and constraints separately), the
// variables scaled to [0, 1] so one initial step fits all, and every evaluation recorded.
// Deterministic: NLopt's local algorithms draw no random numbers.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace krapte {

enum class SearchAlgorithm {
  kCobyla,      // constraints by linear approximations (NLopt LN_COBYLA)
  kBobyqa,      // bounds only, quadratic models (LN_BOBYQA): no constraints
  kNelderMead,  // bounds only (LN_NELDERMEAD)
};

struct SearchOptions {
  SearchAlgorithm algorithm = SearchAlgorithm::kCobyla;
  int max_evaluations = 100;
  double x_tolerance = 1e-4;     // relative to each variable's range (the scaled space)
  double initial_step = 0.25;    // of each variable's range
  double constraint_tolerance = 0;  // a point is feasible when every g <= this
};

struct SearchEvaluation {
  std::vector<double> x;            // in the variables' own units
  double objective = 0;
  std::vector<double> constraints;  // g_i(x) <= 0 is feasible
  bool feasible(double tolerance = 0) const {
    for (double g : constraints)
      if (g > tolerance) return false;
    return true;
  }
  double worst_violation() const {
    double worst = 0;
    for (double g : constraints) worst = g > worst ? g : worst;
    return worst;
  }
};

struct SearchProblem {
  std::vector<double> lower, upper, start;  // start inside the bounds
  int constraint_count = 0;
  /// One model evaluation at x (own units). Exceptions propagate out of nlopt_search.
  std::function<SearchEvaluation(const std::vector<double>& x)> evaluate;
  /// Called after each evaluation (progress); may return false to stop the search early.
  std::function<bool(const SearchEvaluation&, int evaluations)> on_evaluation;
};

struct SearchResult {
  std::vector<SearchEvaluation> history;  // every evaluation, in order
  int best = -1;             // index into history: the best feasible one, else the least infeasible
  bool feasible = false;
  std::string stop_reason;   // NLopt's reason in words
};

/// Runs the search; the best point is chosen from the whole history (feasible first, then
/// the lowest objective; without a feasible point, the smallest worst violation).
SearchResult nlopt_search(const SearchProblem& problem, const SearchOptions& options);

/// "cobyla" | "bobyqa" | "neldermead"; false if unknown.
bool parse_search_algorithm(const std::string& name, SearchAlgorithm& algorithm);

}  // namespace krapte

// The search of `krapte optimise` over all its decision variables (docs/optimise.md, "Method"):
// the continuous and whole-number variables by one NLopt search, the on/off items (`choose:`)
// by an outer loop over their combinations, every combination with its own NLopt search of
// the others. Used once for the file's problem and once per level of a front.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "optimise/nlopt_search.h"
#include "optimise/spec.h"

namespace krapte {

struct SolveResult {
  std::vector<SearchEvaluation> history;  // every evaluation (full x), in order
  int best = -1;                          // as SearchResult::best, over the whole history
  bool feasible = false;
  int searches = 0;                       // NLopt searches run (one per on/off combination tried)
  std::string stop_reason;                // of the last search, or a summary of the outer loop
};

/// Whether evaluation a is better than b: feasible first, then the lower objective; between
/// infeasible ones, the smaller worst violation.
bool better_evaluation(const SearchEvaluation& a, const SearchEvaluation& b);

/// Searches `spec`'s problem. `evaluate` takes a full point (own units, every variable);
/// `on_evaluation` is told of each, numbered across all searches.
SolveResult solve_optimisation(const OptimiseSpec& spec, const std::function<SearchEvaluation(const std::vector<double>&)>& evaluate,
                               const std::function<void(const SearchEvaluation&, int evaluations, int search)>& on_evaluation);

}  // namespace krapte

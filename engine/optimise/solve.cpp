#include "optimise/solve.h"

#include <map>

namespace krapte {

bool better_evaluation(const SearchEvaluation& a, const SearchEvaluation& b) {
  if (a.feasible() != b.feasible()) return a.feasible();
  return a.feasible() ? a.objective < b.objective : a.worst_violation() < b.worst_violation();
}

SolveResult solve_optimisation(const OptimiseSpec& spec, const std::function<SearchEvaluation(const std::vector<double>&)>& evaluate,
                               const std::function<void(const SearchEvaluation&, int, int)>& on_evaluation) {
  std::vector<size_t> continuous, on_off;
  for (size_t i = 0; i < spec.variables.size(); ++i) (spec.variables[i].on_off() ? on_off : continuous).push_back(i);
  SolveResult result;
  std::vector<double> start = rounded_point(spec, spec.start);
  for (size_t i : continuous) start[i] = spec.start[i];  // only the on/off items are fixed to 0/1 here

  // One combination of the on/off items: the best evaluation of an NLopt search over the
  // others (a single evaluation when there are none). Combinations are remembered.
  std::map<std::vector<double>, SearchEvaluation> tried;
  auto search = [&](const std::vector<double>& items) -> SearchEvaluation {
    if (const auto known = tried.find(items); known != tried.end()) return known->second;
    std::vector<double> base = start;
    for (size_t k = 0; k < on_off.size(); ++k) base[on_off[k]] = items[k];
    const int number = ++result.searches;
    auto record = [&](SearchEvaluation e) {
      result.history.push_back(e);
      if (on_evaluation) on_evaluation(result.history.back(), static_cast<int>(result.history.size()), number);
      return e;
    };
    SearchEvaluation best;
    if (continuous.empty()) {
      best = record(evaluate(base));
      result.stop_reason = "every on/off combination evaluated once (no continuous variable)";
    } else {
      SearchProblem problem;
      for (size_t i : continuous) {
        problem.lower.push_back(spec.variables[i].lower);
        problem.upper.push_back(spec.variables[i].upper);
        problem.start.push_back(base[i]);
      }
      problem.constraint_count = static_cast<int>(spec.constraints.size());
      problem.evaluate = [&](const std::vector<double>& u) {
        std::vector<double> x = base;
        for (size_t c = 0; c < continuous.size(); ++c) x[continuous[c]] = u[c];
        SearchEvaluation e = record(evaluate(x));
        e.x = u;  // NLopt's own history is in the searched coordinates
        return e;
      };
      const SearchResult r = nlopt_search(problem, spec.search);
      result.stop_reason = r.stop_reason;
      best = r.history[static_cast<size_t>(r.best)];
      std::vector<double> x = base;
      for (size_t c = 0; c < continuous.size(); ++c) x[continuous[c]] = best.x[c];
      best.x = x;
    }
    tried.emplace(items, best);
    return best;
  };

  std::vector<double> items(on_off.size());
  for (size_t k = 0; k < on_off.size(); ++k) items[k] = start[on_off[k]];
  if (on_off.empty()) {
    (void)search(items);
  } else if (spec.on_off == OnOffSearch::kExhaustive) {
    // Every combination, the start's first; the rest in binary order of the items.
    (void)search(items);
    for (unsigned mask = 0; mask < (1u << on_off.size()); ++mask) {
      std::vector<double> combination(on_off.size());
      for (size_t k = 0; k < on_off.size(); ++k) combination[k] = (mask >> k) & 1u ? 1.0 : 0.0;
      (void)search(combination);
    }
  } else {
    // Greedy: from the start, flip the one item whose flip gives the best result; stop when
    // no flip improves on the current combination (a local optimum over the items).
    SearchEvaluation current = search(items);
    for (;;) {
      std::vector<double> best_items;
      SearchEvaluation best_flip;
      for (size_t k = 0; k < on_off.size(); ++k) {
        std::vector<double> flipped = items;
        flipped[k] = 1.0 - flipped[k];
        const SearchEvaluation e = search(flipped);
        if (best_items.empty() || better_evaluation(e, best_flip)) {
          best_items = flipped;
          best_flip = e;
        }
      }
      if (!better_evaluation(best_flip, current)) break;
      items = best_items;
      current = best_flip;
    }
  }
  if (!on_off.empty()) result.stop_reason = std::to_string(result.searches) + " on/off combinations searched (" +
                                            (spec.on_off == OnOffSearch::kExhaustive ? "exhaustive" : "greedy") + "); last search: " +
                                            result.stop_reason;
  for (size_t i = 0; i < result.history.size(); ++i)
    if (result.best < 0 || better_evaluation(result.history[i], result.history[static_cast<size_t>(result.best)])) result.best = static_cast<int>(i);
  result.feasible = result.history[static_cast<size_t>(result.best)].feasible();
  return result;
}

}  // namespace krapte

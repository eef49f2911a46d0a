// The NLopt wrapper (engine/optimise/nlopt_search.h): known optima of small problems, one
// model evaluation per point however often NLopt asks, and the best point from the history.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "optimise/nlopt_search.h"

namespace krapte {
namespace {

TEST(NloptSearch, CobylaFindsAConstrainedOptimum) {
  // min (x-2)^2 + (y-1)^2 subject to x + y <= 2, 0 <= x, y <= 3: the optimum is (1.5, 0.5).
  SearchProblem problem;
  problem.lower = {0, 0};
  problem.upper = {3, 3};
  problem.start = {0, 0};
  problem.constraint_count = 1;
  int calls = 0;
  problem.evaluate = [&](const std::vector<double>& x) {
    ++calls;
    SearchEvaluation e;
    e.x = x;
    e.objective = (x[0] - 2) * (x[0] - 2) + (x[1] - 1) * (x[1] - 1);
    e.constraints = {x[0] + x[1] - 2};
    return e;
  };
  SearchOptions options;
  options.max_evaluations = 500;
  options.x_tolerance = 1e-7;
  const SearchResult result = nlopt_search(problem, options);
  ASSERT_TRUE(result.feasible);
  const SearchEvaluation& best = result.history[static_cast<size_t>(result.best)];
  EXPECT_NEAR(best.x[0], 1.5, 1e-4);
  EXPECT_NEAR(best.x[1], 0.5, 1e-4);
  EXPECT_EQ(calls, static_cast<int>(result.history.size()));  // one evaluation per point
}

TEST(NloptSearch, BobyqaOnBoundsAndTheBoundIsActive) {
  // min (x - 5)^2 on [0, 3]: the optimum is the upper bound.
  SearchProblem problem;
  problem.lower = {0};
  problem.upper = {3};
  problem.start = {1};
  problem.evaluate = [](const std::vector<double>& x) {
    SearchEvaluation e;
    e.x = x;
    e.objective = (x[0] - 5) * (x[0] - 5);
    return e;
  };
  SearchOptions options;
  options.algorithm = SearchAlgorithm::kBobyqa;
  options.max_evaluations = 200;
  const SearchResult result = nlopt_search(problem, options);
  EXPECT_NEAR(result.history[static_cast<size_t>(result.best)].x[0], 3.0, 1e-4);
}

TEST(NloptSearch, InfeasibleGivesTheLeastViolation) {
  // x >= 5 on [0, 3] cannot hold: the closest point is x = 3 (violation 2).
  SearchProblem problem;
  problem.lower = {0};
  problem.upper = {3};
  problem.start = {0};
  problem.constraint_count = 1;
  problem.evaluate = [](const std::vector<double>& x) {
    SearchEvaluation e;
    e.x = x;
    e.objective = x[0];
    e.constraints = {5 - x[0]};
    return e;
  };
  SearchOptions options;
  options.max_evaluations = 100;
  const SearchResult result = nlopt_search(problem, options);
  EXPECT_FALSE(result.feasible);
  EXPECT_NEAR(result.history[static_cast<size_t>(result.best)].worst_violation(), 2.0, 1e-3);
}

TEST(NloptSearch, ModelErrorsPropagateAndStopEarly) {
  SearchProblem problem;
  problem.lower = {0};
  problem.upper = {1};
  problem.start = {0.5};
  problem.evaluate = [](const std::vector<double>&) -> SearchEvaluation { throw std::runtime_error("model failed"); };
  EXPECT_THROW(nlopt_search(problem, SearchOptions{}), std::runtime_error);
  int seen = 0;
  problem.evaluate = [](const std::vector<double>& x) {
    SearchEvaluation e;
    e.x = x;
    e.objective = x[0] * x[0];
    return e;
  };
  problem.on_evaluation = [&](const SearchEvaluation&, int n) { seen = n; return n < 3; };
  const SearchResult stopped = nlopt_search(problem, SearchOptions{SearchAlgorithm::kNelderMead, 100});
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(stopped.history.size(), 3u);
  EXPECT_EQ(stopped.stop_reason, "stopped");
}

}  // namespace
}  // namespace krapte

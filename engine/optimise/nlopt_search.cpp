#include "optimise/nlopt_search.h"

#include <nlopt.hpp>

#include <exception>
#include <stdexcept>

namespace krapte {

bool parse_search_algorithm(const std::string& name, SearchAlgorithm& algorithm) {
  if (name == "cobyla") algorithm = SearchAlgorithm::kCobyla;
  else if (name == "bobyqa") algorithm = SearchAlgorithm::kBobyqa;
  else if (name == "neldermead") algorithm = SearchAlgorithm::kNelderMead;
  else return false;
  return true;
}

namespace {

struct Context {
  const SearchProblem& problem;
  const SearchOptions& options;
  SearchResult& result;
  std::vector<double> cached_unit_x;
  bool has_cache = false;
  std::exception_ptr error;
  bool stop_requested = false;
  nlopt::opt* opt = nullptr;

  std::vector<double> own_units(const double* u) const {
    std::vector<double> x(problem.lower.size());
    for (size_t i = 0; i < x.size(); ++i) x[i] = problem.lower[i] + u[i] * (problem.upper[i] - problem.lower[i]);
    return x;
  }

  /// The evaluation at scaled point u, evaluated once however often NLopt asks.
  const SearchEvaluation* at(const double* u) {
    const size_t n = problem.lower.size();
    if (has_cache && std::equal(u, u + n, cached_unit_x.begin())) return &result.history.back();
    try {
      SearchEvaluation evaluation = problem.evaluate(own_units(u));
      if (static_cast<int>(evaluation.constraints.size()) != problem.constraint_count)
        throw std::logic_error("nlopt_search: evaluate returned the wrong number of constraints");
      result.history.push_back(std::move(evaluation));
      cached_unit_x.assign(u, u + n);
      has_cache = true;
      if (problem.on_evaluation && !problem.on_evaluation(result.history.back(), static_cast<int>(result.history.size()))) {
        stop_requested = true;
        opt->force_stop();
      }
    } catch (...) {
      error = std::current_exception();
      opt->force_stop();
      return nullptr;
    }
    return &result.history.back();
  }
};

double objective(unsigned n, const double* u, double* gradient, void* data) {
  (void)n;
  (void)gradient;  // derivative-free algorithms only
  auto* context = static_cast<Context*>(data);
  const SearchEvaluation* evaluation = context->at(u);
  return evaluation ? evaluation->objective : 0.0;
}

void constraints(unsigned m, double* result, unsigned n, const double* u, double* gradient, void* data) {
  (void)n;
  (void)gradient;
  auto* context = static_cast<Context*>(data);
  const SearchEvaluation* evaluation = context->at(u);
  for (unsigned i = 0; i < m; ++i) result[i] = evaluation ? evaluation->constraints[i] : 0.0;
}

std::string reason(nlopt::result code) {
  switch (code) {
    case nlopt::SUCCESS: return "success";
    case nlopt::STOPVAL_REACHED: return "objective target reached";
    case nlopt::FTOL_REACHED: return "objective tolerance reached";
    case nlopt::XTOL_REACHED: return "step below x_tolerance (converged)";
    case nlopt::MAXEVAL_REACHED: return "max_evaluations reached";
    case nlopt::MAXTIME_REACHED: return "time limit reached";
    case nlopt::ROUNDOFF_LIMITED: return "round-off limited";
    case nlopt::FORCED_STOP: return "stopped";
    default: return "failed (NLopt code " + std::to_string(static_cast<int>(code)) + ")";
  }
}

}  // namespace

SearchResult nlopt_search(const SearchProblem& problem, const SearchOptions& options) {
  const size_t n = problem.lower.size();
  if (n == 0 || problem.upper.size() != n || problem.start.size() != n)
    throw std::logic_error("nlopt_search: bounds and start must have one entry per variable");
  if (options.algorithm != SearchAlgorithm::kCobyla && problem.constraint_count > 0)
    throw std::logic_error("nlopt_search: only COBYLA handles constraints");
  SearchResult result;
  const nlopt::algorithm algorithm = options.algorithm == SearchAlgorithm::kCobyla   ? nlopt::LN_COBYLA
                                     : options.algorithm == SearchAlgorithm::kBobyqa ? nlopt::LN_BOBYQA
                                                                                     : nlopt::LN_NELDERMEAD;
  nlopt::opt opt(algorithm, static_cast<unsigned>(n));
  Context context{problem, options, result, {}, false, nullptr, false, &opt};
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_min_objective(objective, &context);
  if (problem.constraint_count > 0)
    opt.add_inequality_mconstraint(constraints, &context, std::vector<double>(static_cast<size_t>(problem.constraint_count), 0.0));
  opt.set_maxeval(options.max_evaluations);
  opt.set_xtol_rel(0);
  opt.set_xtol_abs(options.x_tolerance);
  opt.set_initial_step(std::vector<double>(n, options.initial_step));
  std::vector<double> u(n);
  for (size_t i = 0; i < n; ++i)
    u[i] = problem.upper[i] > problem.lower[i] ? (problem.start[i] - problem.lower[i]) / (problem.upper[i] - problem.lower[i]) : 0.0;
  double best = 0;
  nlopt::result code = nlopt::FAILURE;
  try {
    code = opt.optimize(u, best);
  } catch (const nlopt::forced_stop&) {
    code = nlopt::FORCED_STOP;
  } catch (const nlopt::roundoff_limited&) {
    code = nlopt::ROUNDOFF_LIMITED;
  }
  if (context.error) std::rethrow_exception(context.error);
  result.stop_reason = reason(code);
  // The best of the whole history: NLopt's own answer may be an infeasible point of COBYLA.
  for (size_t i = 0; i < result.history.size(); ++i) {
    const SearchEvaluation& e = result.history[i];
    const bool feasible = e.feasible(options.constraint_tolerance);
    if (result.best < 0) {
      result.best = static_cast<int>(i);
      result.feasible = feasible;
      continue;
    }
    const SearchEvaluation& b = result.history[static_cast<size_t>(result.best)];
    const bool better = feasible ? (!result.feasible || e.objective < b.objective)
                                 : (!result.feasible && e.worst_violation() < b.worst_violation());
    if (better) {
      result.best = static_cast<int>(i);
      result.feasible = feasible;
    }
  }
  return result;
}

}  // namespace krapte

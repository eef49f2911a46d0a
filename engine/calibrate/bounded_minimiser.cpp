#include "calibrate/bounded_minimiser.h"

#include <nlopt.hpp>

#include <algorithm>
#include <exception>
#include <limits>

namespace krapte {

namespace {

struct Objective {
  const std::function<double(const std::vector<double>&)>* f = nullptr;
  int evaluations = 0;
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> best_x;
  std::exception_ptr error;  // an error of f, rethrown after NLopt has unwound
};

double call(const std::vector<double>& x, std::vector<double>& /*gradient: derivative-free*/, void* data) {
  auto* objective = static_cast<Objective*>(data);
  ++objective->evaluations;
  double value = 0;
  try {
    value = (*objective->f)(x);
  } catch (...) {
    objective->error = std::current_exception();
    throw nlopt::forced_stop();
  }
  // Keep the best point seen: NLopt's returned x is that point too, but not when it stops
  // by an exception or the evaluation limit in some algorithms.
  if (value < objective->best) {
    objective->best = value;
    objective->best_x = x;
  }
  return value;
}

nlopt::algorithm to_nlopt(FitAlgorithm algorithm) {
  switch (algorithm) {
    case FitAlgorithm::kBobyqa: return nlopt::LN_BOBYQA;
    case FitAlgorithm::kNelderMead: return nlopt::LN_NELDERMEAD;
    case FitAlgorithm::kSubplex: return nlopt::LN_SBPLX;
  }
  return nlopt::LN_BOBYQA;
}

std::string reason(nlopt::result result) {
  switch (result) {
    case nlopt::SUCCESS: return "converged";
    case nlopt::STOPVAL_REACHED: return "objective reached the stop value";
    case nlopt::FTOL_REACHED: return "objective change below tolerance";
    case nlopt::XTOL_REACHED: return "parameter change below 1e-6 of the bounds";
    case nlopt::MAXEVAL_REACHED: return "evaluation limit reached";
    case nlopt::MAXTIME_REACHED: return "time limit reached";
    default: return "stopped (NLopt code " + std::to_string(static_cast<int>(result)) + ")";
  }
}

}  // namespace

MinimiserResult minimise_bounded(const std::function<double(const std::vector<double>&)>& f, FitAlgorithm algorithm,
                                 const std::vector<double>& start, const std::vector<double>& lower,
                                 const std::vector<double>& upper, int max_evaluations) {
  const size_t n = start.size();
  nlopt::opt optimiser(to_nlopt(algorithm), static_cast<unsigned>(n));
  optimiser.set_lower_bounds(lower);
  optimiser.set_upper_bounds(upper);
  std::vector<double> step(n), tolerance(n);
  for (size_t i = 0; i < n; ++i) {
    const double width = upper[i] - lower[i];
    // The first step must stay inside the bounds from the start point.
    step[i] = std::max(1e-3 * width, std::min(0.1 * width, std::max(upper[i] - start[i], start[i] - lower[i])));
    tolerance[i] = 1e-6 * width;
  }
  optimiser.set_initial_step(step);
  optimiser.set_xtol_abs(tolerance);
  optimiser.set_ftol_abs(1e-14);
  optimiser.set_maxeval(max_evaluations);
  Objective objective;
  objective.f = &f;
  optimiser.set_min_objective(call, &objective);
  std::vector<double> x = start;
  double value = 0;
  MinimiserResult result;
  try {
    result.stop_reason = reason(optimiser.optimize(x, value));
  } catch (const nlopt::roundoff_limited&) {
    result.stop_reason = "stopped by round-off (the best point is kept)";
  } catch (const nlopt::forced_stop&) {
    if (objective.error) std::rethrow_exception(objective.error);
    throw;
  }
  if (objective.error) std::rethrow_exception(objective.error);
  result.x = objective.best_x.empty() ? x : objective.best_x;
  result.value = objective.best_x.empty() ? value : objective.best;
  result.evaluations = objective.evaluations;
  return result;
}

}  // namespace krapte

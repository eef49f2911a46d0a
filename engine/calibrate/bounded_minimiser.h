// A bounded derivative-free minimiser over NLopt's C++ header (BOBYQA, Nelder-Mead, Subplex).
// engine/optimise/nlopt_search (the shared wrapper) landed after the backcast was fitted with
// this one; moving onto it changes the optimiser's steps, so it waits for a refit
// (docs/backcast.md). Kept small so that the switch is easy.
#pragma once

#include <functional>
#include <vector>

#include "calibrate/calibration_spec.h"

namespace krapte {

struct MinimiserResult {
  std::vector<double> x;
  double value = 0;
  int evaluations = 0;
  std::string stop_reason;  // NLopt's result, in words
};

/// Minimises f over [lower, upper] from `start`. Steps and tolerances are relative to each
/// bound's width, so parameters of different sizes (a growth rate of 0.01, a factor of 1)
/// are treated alike: initial step 10% of the width, stop when no coordinate moves by
/// more than 1e-6 of its width or after max_evaluations.
MinimiserResult minimise_bounded(const std::function<double(const std::vector<double>&)>& f, FitAlgorithm algorithm,
                                 const std::vector<double>& start, const std::vector<double>& lower,
                                 const std::vector<double>& upper, int max_evaluations);

}  // namespace krapte

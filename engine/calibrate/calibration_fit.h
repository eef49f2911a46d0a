// `krapte calibrate` (docs/backcast.md): least squares of the expected-value projection
// (MODEL.md §7) against published figures, over chosen scenario keys within bounds; the
// uncertainty of the fitted values by a bootstrap over the published figures' rounding.
#pragma once

#include <string>
#include <vector>

#include "calibrate/calibration_spec.h"
#include "metrics/series.h"
#include "scenario/resolved.h"

namespace krapte {

/// The scenario overrides (key=value, as --set) that parameter values x stand for.
std::vector<std::string> fit_overrides(const CalibrationSpec& spec, const std::vector<double>& x);

/// The model's value of every target from a run's national series. InputError at the
/// target when its year is not a whole calendar year of the run.
std::vector<double> target_values(const CalibrationSpec& spec, const ResolvedScenario& scenario,
                                  const LevelValues& national);

/// Relative residuals (model - observed) / observed x weight: the least-squares terms.
std::vector<double> weighted_residuals(const CalibrationSpec& spec, const std::vector<double>& model,
                                       const std::vector<double>& observed);

/// The projection's target values at parameter values x (loads the scenario with the
/// overrides, draws its initial population, projects).
std::vector<double> projected_targets(const CalibrationSpec& spec, const std::vector<double>& x);

struct ParameterUncertainty {
  double standard_deviation = 0;
  double p05 = 0, p95 = 0;  // of the bootstrap refits
};

struct CalibrationResult {
  std::vector<double> fitted;           // per parameter
  std::vector<double> model;            // per target, at the fitted values
  double sum_of_squares = 0;
  int evaluations = 0;
  std::string stop_reason;
  std::vector<std::vector<double>> bootstrap_fits;  // [refit][parameter]
  std::vector<ParameterUncertainty> uncertainty;    // per parameter (empty without bootstrap)
  int bootstrap_evaluations = 0;
  double seconds = 0;
};

/// The published figures of bootstrap sample b: each figure redrawn uniformly within
/// +- half its rounding unit (Philox, keyed by the bootstrap seed: reproducible).
std::vector<double> bootstrap_observed(const CalibrationSpec& spec, int sample);

/// Fits, then refits `spec.bootstrap` times from the fit with redrawn figures.
CalibrationResult calibrate(const CalibrationSpec& spec);

}  // namespace krapte

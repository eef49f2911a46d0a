#include "calibrate/calibration_fit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "calibrate/bounded_minimiser.h"
#include "core/rng.h"
#include "output/summary.h"  // percentile()
#include "projection/projection.h"
#include "scenario/resolve.h"
#include "sim/replication.h"

namespace krapte {

namespace {

std::string exact(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

double national_total(const LevelValues& national, Metric metric, int point) {
  double total = 0;
  for (int j = 0; j < national.shape.families; ++j) total += national.at(metric, point, 0, j);
  return total;
}

}  // namespace

std::vector<std::string> fit_overrides(const CalibrationSpec& spec, const std::vector<double>& x) {
  std::vector<std::string> overrides;
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const FitParameter& p = spec.parameters[i];
    for (size_t k = 0; k < p.keys.size(); ++k) {
      const double base = p.base_values[k];
      const double value = p.action == FitAction::kSet ? x[i] : p.action == FitAction::kAdd ? base + x[i] : base * x[i];
      overrides.push_back(p.keys[k] + "=" + exact(value));
    }
  }
  return overrides;
}

std::vector<double> target_values(const CalibrationSpec& spec, const ResolvedScenario& scenario, const LevelValues& national) {
  std::vector<double> values;
  const int points = national.shape.points;
  for (const FitTarget& t : spec.targets) {
    // Points of the target's year: the 12 month-end states of January..December.
    int first = -1, last = -1;
    for (int k = 1; k < points; ++k) {
      if (scenario.time.month_of_point(k).year() != t.year) continue;
      if (first < 0) first = k;
      last = k;
    }
    const bool stock = t.quantity == TargetQuantity::kHeadcount || t.quantity == TargetQuantity::kFte;
    const bool has_december = last > 0 && scenario.time.month_of_point(last).month() == 12;
    const bool whole_year = has_december && last - first == 11;
    // A stock needs the December point (point 0 is the December before the start).
    int december = has_december ? last : -1;
    if (stock && december < 0 && scenario.time.month_of_point(0).year() == t.year) december = 0;
    if ((stock && december < 0) || (!stock && !whole_year))
      throw InputError(t.where, "year: " + std::to_string(t.year) + " is not " +
                                    (stock ? "a December" : "a whole calendar year") + " of the scenario (" +
                                    scenario.time.month_of_point(0).to_string() + " .. " + scenario.time.end.to_string() +
                                    "); allowed: a year the run covers");
    if (t.quantity == TargetQuantity::kHeadcount) {
      values.push_back(national_total(national, Metric::kHeadcount, december));
    } else if (t.quantity == TargetQuantity::kFte) {
      values.push_back(national_total(national, Metric::kFte, december));
    } else {
      double flow = 0, headcount = 0;
      for (int k = first; k <= last; ++k) {
        headcount += national_total(national, Metric::kHeadcount, k) / 12.0;
        if (t.quantity == TargetQuantity::kInflowPct) {
          for (Metric m : {Metric::kHiresExternal, Metric::kHiresTrainee, Metric::kMovesIn}) flow += national_total(national, m, k);
        } else {
          for (Metric m : {Metric::kExitsRetirement, Metric::kExitsEarlyRetirement, Metric::kExitsQuit, Metric::kExitsOther,
                           Metric::kExitsTrainee, Metric::kMovesOut})
            flow += national_total(national, m, k);
        }
      }
      values.push_back(headcount > 0 ? 100.0 * flow / headcount : 0.0);
    }
  }
  return values;
}

std::vector<double> weighted_residuals(const CalibrationSpec& spec, const std::vector<double>& model,
                                       const std::vector<double>& observed) {
  std::vector<double> residuals(model.size());
  for (size_t i = 0; i < model.size(); ++i)
    residuals[i] = spec.targets[i].weight * (model[i] - observed[i]) / spec.targets[i].observed;
  return residuals;
}

std::vector<double> projected_targets(const CalibrationSpec& spec, const std::vector<double>& x) {
  std::vector<std::string> overrides = fit_overrides(spec, x);
  overrides.push_back("replications=1");
  const ResolvedScenario scenario = load_scenario(spec.scenario, overrides);
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries series = run_projection(scenario, setup);
  return target_values(spec, scenario, derive_level(series, Level::kNational, setup.region_of_municipality));
}

std::vector<double> bootstrap_observed(const CalibrationSpec& spec, int sample) {
  std::vector<double> observed;
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const auto bits = RandomStreams::philox_block({static_cast<uint32_t>(sample), static_cast<uint32_t>(i), 0xCA1Bu, 0},
                                                  {spec.bootstrap_seed, 0xB00757u});
    const double u = static_cast<double>((static_cast<uint64_t>(bits[0]) << 21) ^ (bits[1] >> 11)) * 0x1.0p-53;
    observed.push_back(spec.targets[i].observed + (u - 0.5) * spec.targets[i].rounding);
  }
  return observed;
}

CalibrationResult calibrate(const CalibrationSpec& spec) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<double> start, lower, upper;
  for (const FitParameter& p : spec.parameters) {
    start.push_back(p.start);
    lower.push_back(p.lower);
    upper.push_back(p.upper);
  }
  const auto sum_of_squares = [&](const std::vector<double>& observed) {
    return [&spec, observed](const std::vector<double>& x) {
      double total = 0;
      for (double r : weighted_residuals(spec, projected_targets(spec, x), observed)) total += r * r;
      return total;
    };
  };
  std::vector<double> observed;
  for (const FitTarget& t : spec.targets) observed.push_back(t.observed);

  CalibrationResult result;
  const MinimiserResult fit = minimise_bounded(sum_of_squares(observed), spec.algorithm, start, lower, upper, spec.max_evaluations);
  result.fitted = fit.x;
  result.sum_of_squares = fit.value;
  result.evaluations = fit.evaluations;
  result.stop_reason = fit.stop_reason;
  result.model = projected_targets(spec, fit.x);

  for (int b = 0; b < spec.bootstrap; ++b) {
    const MinimiserResult refit = minimise_bounded(sum_of_squares(bootstrap_observed(spec, b)), spec.algorithm, fit.x, lower,
                                                   upper, spec.bootstrap_max_evaluations);
    result.bootstrap_fits.push_back(refit.x);
    result.bootstrap_evaluations += refit.evaluations;
  }
  if (spec.bootstrap >= 2) {
    for (size_t i = 0; i < spec.parameters.size(); ++i) {
      std::vector<double> values;
      double mean = 0;
      for (const auto& refit : result.bootstrap_fits) {
        values.push_back(refit[i]);
        mean += refit[i] / spec.bootstrap;
      }
      double variance = 0;
      for (double v : values) variance += (v - mean) * (v - mean) / (spec.bootstrap - 1);
      result.uncertainty.push_back({std::sqrt(variance), percentile(values, 0.05), percentile(values, 0.95)});
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace krapte

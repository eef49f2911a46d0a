// The calibration file of `krapte calibrate` (docs/backcast.md): a scenario, the scenario
// keys to fit (the key paths of --set, with `*` for every item of a list), how a fitted
// value acts on them, bounds, and the published figures to fit against (rows of a series
// CSV with metric,period,value), with the rounding of each published figure.
#pragma once

#include <string>
#include <vector>

#include "core/errors.h"

namespace krapte {

/// How a fitted value x acts on each of its keys.
enum class FitAction {
  kSet,    // key = x
  kAdd,    // key = base + x (keeps the differences between families)
  kScale,  // key = base * x
};

struct FitParameter {
  std::string name;
  std::vector<std::string> keys;  // concrete key paths (the `*` expanded, list items by index)
  std::vector<double> base_values; // each key's value in the scenario (defaults filled)
  FitAction action = FitAction::kSet;
  double start = 0, lower = 0, upper = 0;
  SourceLocation where;
};

/// A model quantity of the national series, for one calendar year.
enum class TargetQuantity {
  kHeadcount,   // persons at the end of December
  kFte,         // FTE at the end of December
  kInflowPct,   // 100 x (external + trainee hires + moves in) over the year / mean headcount of its 12 months
  kOutflowPct,  // 100 x (exits + moves out) over the year / mean headcount (A&O counts per employer)
};

struct FitTarget {
  TargetQuantity quantity = TargetQuantity::kHeadcount;
  std::string observed_metric;  // the series CSV's metric
  int year = 0;
  double observed = 0;          // from the series CSV
  double rounding = 0;          // the published figure's rounding unit (bootstrap: +- half of it)
  double weight = 1;
  SourceLocation where;
  std::string label() const;    // e.g. "headcount 2020"
};

enum class FitAlgorithm { kBobyqa, kNelderMead, kSubplex };

struct CalibrationSpec {
  std::string path;
  std::string name;
  std::string scenario;   // resolved against the file's folder
  std::string series;     // resolved against the file's folder
  FitAlgorithm algorithm = FitAlgorithm::kBobyqa;
  int max_evaluations = 300;
  int bootstrap = 0;      // refits with the published figures redrawn within their rounding
  int bootstrap_max_evaluations = 100;
  unsigned bootstrap_seed = 1;
  int check_replications = 0;  // agent replications of the fitted scenario (0 = no check)
  std::vector<FitParameter> parameters;
  std::vector<FitTarget> targets;
};

/// Reads and checks a calibration file: every problem is an InputError naming the file,
/// line and column (keys, bounds, scenario keys that do not exist, series rows that are
/// missing). Does not run anything.
CalibrationSpec load_calibration_spec(const std::string& path);

std::string algorithm_name(FitAlgorithm algorithm);
std::string quantity_name(TargetQuantity quantity);

}  // namespace krapte

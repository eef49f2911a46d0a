// The sweep file (docs/sweeps.md): a base scenario, overrides for every point, axes of
// values for scenario keys (the same key paths as --set), combined as a full grid or
// zipped, named points (whole override sets), and the replications per point. Parsed and
// checked here; expanded into points without materialising them, so that the size check
// comes before anything that grows with the number of points.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"

namespace krapte {

/// One override "key=value" with where the sweep file gives it.
struct SweepAssignment {
  std::string key;         // key path as for --set
  std::string value;       // YAML text of the value (flow style, one line)
  SourceLocation where;    // the value in the sweep file
  std::string text() const { return key + "=" + value; }
};

/// Values of one key: a list, or a numeric range {from, to, step | count}.
struct SweepAxis {
  std::string key;
  SourceLocation key_where;
  std::vector<std::string> listed;  // YAML text per value (empty for a range)
  std::vector<SourceLocation> listed_where;
  bool is_range = false;
  double from = 0, step = 0;
  int64_t range_count = 0;
  SourceLocation range_where;

  int64_t size() const { return is_range ? range_count : static_cast<int64_t>(listed.size()); }
  /// The i-th value as YAML text (a range's values rounded to 12 significant digits, so
  /// 0.1 steps give 0.3 rather than 0.30000000000000004).
  std::string value(int64_t i) const;
  SourceLocation value_where(int64_t i) const { return is_range ? range_where : listed_where[i]; }
};

struct NamedSweepPoint {
  std::string name;
  SourceLocation where;
  std::vector<SweepAssignment> set;
};

enum class SweepCombine { kGrid, kZip };

/// More points than this need --yes.
inline constexpr int64_t kLargeSweepPoints = 1000000;
/// No sweep may have more (the plan keeps a row per point in memory).
inline constexpr int64_t kMaxSweepPoints = 100000000;

struct SweepSpec {
  std::string path;           // the sweep file as given
  std::string text;           // its text, stored in the output
  std::string name;           // `name`, or the file name without .yaml
  std::string scenario_path;  // the base scenario, relative to the current folder
  SourceLocation scenario_where;
  std::optional<int> replications;
  std::optional<int64_t> seed;
  std::vector<SweepAssignment> set;  // applied to every point, before the point's own
  SweepCombine combine = SweepCombine::kGrid;
  SourceLocation axes_where;
  std::vector<SweepAxis> axes;
  std::vector<NamedSweepPoint> named;
  /// Branching (docs/sweeps.md): "" = none, "auto" = the latest month all points share,
  /// or a month "YYYY-MM" (points that share their past up to it run it once).
  std::string branch_at;
  SourceLocation branch_at_where;

  /// Points from the axes (grid product or zip length; 0 without axes).
  int64_t axis_points() const;
  int64_t points() const { return axis_points() + static_cast<int64_t>(named.size()); }
  /// A named point's name, or "" for a point of the axes.
  std::string point_name(int64_t point) const;
  /// The point's own assignments: one per axis (grid: the last axis varies fastest), or the
  /// named point's set.
  std::vector<SweepAssignment> point_assignments(int64_t point) const;
  /// What every point starts from: `set`, then replications and seed when given.
  std::vector<std::string> common_overrides() const;
  /// Where a failing point is reported when no single value is to blame.
  SourceLocation point_where(int64_t point) const;
};

/// Reads and checks a sweep file: its keys, axes (non-empty; ranges that end; zip axes of
/// one length; `replications` is not an axis), named points, and the number of points
/// (more than kLargeSweepPoints only with `allow_large`). InputError, located, on the first
/// problem. Scenario keys and values are checked later, by planning (plan.h).
SweepSpec load_sweep_spec(const std::string& path, bool allow_large);

}  // namespace krapte

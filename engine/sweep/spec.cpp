#include "sweep/spec.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/calendar.h"
#include "data/csv.h"
#include "scenario/schema.h"
#include "scenario/tree.h"

namespace krapte {

namespace {

constexpr size_t kMaxSweepFileBytes = size_t{16} << 20;
const std::vector<std::string> kTopKeys = {"scenario", "name", "description", "replications", "seed",
                                           "set", "combine", "axes", "points", "branch_at"};

class SpecReader {
 public:
  SpecReader(std::string path, const YAML::Node& root) : path_(std::move(path)), root_(root) {}

  SweepSpec read() {
    SweepSpec spec;
    spec.path = path_;
    if (!root_.IsMap()) fail(root_, "a sweep file must be a YAML map (scenario, axes, points, ...)");
    check_keys(root_, "", kTopKeys);
    read_scenario(spec);
    spec.name = root_["name"] ? scalar(root_["name"], "name") : std::filesystem::path(path_).stem().string();
    if (spec.name.empty()) fail(root_["name"], "name: must not be empty");
    if (root_["replications"]) spec.replications = static_cast<int>(whole(root_["replications"], "replications", 1, 100000));
    if (root_["seed"]) spec.seed = whole(root_["seed"], "seed", 0, 4294967295LL);
    if (root_["set"]) spec.set = assignments(root_["set"], "set");
    read_combine(spec);
    if (root_["branch_at"]) read_branch_at(spec);
    if (root_["axes"]) read_axes(spec);
    if (root_["points"]) read_named(spec);
    if (spec.axes.empty() && spec.named.empty())
      fail(root_, "the sweep has no points; allowed: `axes:` (values of scenario keys) and/or `points:` (named override sets)");
    return spec;
  }

 private:
  SourceLocation where(const YAML::Node& node) const {
    if (!node.IsDefined() || node.Mark().is_null()) return SourceLocation{path_, 0, 0};
    return SourceLocation{path_, node.Mark().line + 1, node.Mark().column + 1};
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const { throw InputError(where(node), message); }

  void check_keys(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& allowed) const {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (!seen.insert(key).second) fail(it->first, prefix + key + ": appears twice; allowed: each key once");
      bool known = false;
      std::string best, list;
      int best_distance = 1 << 20;
      for (const auto& candidate : allowed) {
        known = known || candidate == key;
        list += (list.empty() ? "" : ", ") + candidate;
        const int d = edit_distance(key, candidate);
        if (d < best_distance) {
          best_distance = d;
          best = candidate;
        }
      }
      if (known) continue;
      const bool close = best_distance <= std::max<int>(2, static_cast<int>(key.size()) / 3);
      fail(it->first, "unknown sweep key '" + prefix + key + "'" +
                          (close ? "; did you mean '" + best + "'? (allowed: " + list + ")" : "; allowed: " + list));
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, key + ": expected a single value");
    return node.Scalar();
  }

  double number(const YAML::Node& node, const std::string& key) const {
    const std::string text = scalar(node, key);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
      fail(node, key + ": '" + text + "' is not a number");
    return value;
  }

  int64_t whole(const YAML::Node& node, const std::string& key, int64_t lo, int64_t hi) const {
    const double value = number(node, key);
    if (value != std::floor(value) || value < static_cast<double>(lo) || value > static_cast<double>(hi))
      fail(node, key + ": " + node.Scalar() + " is not allowed; allowed: a whole number from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
    return static_cast<int64_t>(value);
  }

  void read_scenario(SweepSpec& spec) const {
    const YAML::Node node = root_["scenario"];
    if (!node) fail(root_, "missing key 'scenario' (the base scenario file, relative to the sweep file)");
    const std::string given = scalar(node, "scenario");
    const std::filesystem::path base(given);
    const auto folder = std::filesystem::path(path_).parent_path();
    spec.scenario_path = base.is_absolute() ? given : (folder / base).lexically_normal().string();
    spec.scenario_where = where(node);
    if (!std::filesystem::is_regular_file(spec.scenario_path))
      fail(node, "scenario: '" + given + "' (" + spec.scenario_path +
                     ") is not a file; allowed: a scenario file, relative to the sweep file");
  }

  void read_branch_at(SweepSpec& spec) const {
    const YAML::Node node = root_["branch_at"];
    spec.branch_at = scalar(node, "branch_at");
    spec.branch_at_where = where(node);
    if (spec.branch_at != "auto" && !parse_year_month(spec.branch_at))
      fail(node, "branch_at: '" + spec.branch_at + "' is not allowed; allowed: a month YYYY-MM (the points that share "
                 "their past up to its end run it once) | auto (the latest month every point shares)");
  }

  void read_combine(SweepSpec& spec) const {
    const YAML::Node node = root_["combine"];
    if (!node) return;
    const std::string text = scalar(node, "combine");
    if (text == "grid") spec.combine = SweepCombine::kGrid;
    else if (text == "zip") spec.combine = SweepCombine::kZip;
    else fail(node, "combine: '" + text + "' is not allowed; allowed: grid (every combination) | zip (the i-th values together)");
  }

  /// A value as one line of YAML, as apply_override parses it.
  static std::string flow_text(const YAML::Node& node) {
    if (node.IsScalar()) {
      // Quoted in the file ("2025-01", "abc"): keep it a string.
      if (node.Tag() == "!") {
        YAML::Emitter out;
        out << YAML::DoubleQuoted << node.Scalar();
        return out.c_str();
      }
      return node.Scalar();
    }
    YAML::Emitter out;
    out << YAML::Flow << node;
    return out.c_str();
  }

  std::vector<SweepAssignment> assignments(const YAML::Node& map, const std::string& key) const {
    if (!map.IsMap() || map.size() == 0)
      fail(map, key + ": expected a map of key.path: value (the same paths as --set)");
    std::vector<SweepAssignment> out;
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string path = scalar(it->first, key);
      if (!seen.insert(path).second) fail(it->first, key + ": '" + path + "' appears twice; allowed: each key once");
      if (it->second.IsNull()) fail(it->first, key + ": '" + path + "' has no value");
      out.push_back({path, flow_text(it->second), where(it->second)});
    }
    return out;
  }

  SweepAxis axis(const YAML::Node& node, size_t index) const {
    const std::string label = "axes[" + std::to_string(index) + "]";
    if (!node.IsMap()) fail(node, label + ": expected a map {key, values} or {key, range}");
    check_keys(node, label + ".", {"key", "values", "range"});
    SweepAxis axis;
    if (!node["key"]) fail(node, label + ": missing 'key' (a scenario key path, as for --set)");
    axis.key = scalar(node["key"], label + ".key");
    axis.key_where = where(node["key"]);
    if (axis.key.empty()) fail(node["key"], label + ".key: must not be empty");
    if (axis.key == "replications")
      fail(node["key"], label + ".key: replications is set for the whole sweep (top-level `replications:`), not per point");
    const bool has_values = static_cast<bool>(node["values"]);
    const bool has_range = static_cast<bool>(node["range"]);
    if (has_values == has_range)
      fail(node, label + " (" + axis.key + "): give exactly one of 'values' (a list) or 'range' {from, to, step | count}");
    if (has_values) {
      const YAML::Node values = node["values"];
      if (!values.IsSequence()) fail(values, label + ".values (" + axis.key + "): expected a list of values");
      if (values.size() == 0) fail(values, label + ".values (" + axis.key + "): the axis is empty; allowed: at least one value");
      for (size_t i = 0; i < values.size(); ++i) {
        if (values[i].IsNull()) fail(values[i], label + ".values[" + std::to_string(i) + "] (" + axis.key + "): empty value");
        axis.listed.push_back(flow_text(values[i]));
        axis.listed_where.push_back(where(values[i]));
      }
      return axis;
    }
    read_range(node["range"], label + ".range (" + axis.key + ")", axis);
    return axis;
  }

  void read_range(const YAML::Node& range, const std::string& label, SweepAxis& axis) const {
    if (!range.IsMap()) fail(range, label + ": expected {from, to, step} or {from, to, count}");
    check_keys(range, "range.", {"from", "to", "step", "count"});
    if (!range["from"] || !range["to"]) fail(range, label + ": needs from and to");
    if (static_cast<bool>(range["step"]) == static_cast<bool>(range["count"]))
      fail(range, label + ": give exactly one of step or count");
    axis.is_range = true;
    axis.range_where = where(range);
    axis.from = number(range["from"], label + ".from");
    const double to = number(range["to"], label + ".to");
    if (range["count"]) {
      axis.range_count = whole(range["count"], label + ".count", 1, kMaxSweepPoints);
      if (axis.range_count == 1 && to != axis.from)
        fail(range["count"], label + ".count: 1 value needs from == to; allowed: 2 or more");
      axis.step = axis.range_count > 1 ? (to - axis.from) / static_cast<double>(axis.range_count - 1) : 0;
      return;
    }
    axis.step = number(range["step"], label + ".step");
    if (axis.step == 0 || (to - axis.from) * axis.step < 0)
      fail(range["step"], label + ".step: " + range["step"].Scalar() + " never reaches " + range["to"].Scalar() +
                              " from " + range["from"].Scalar() + "; allowed: a step with the sign of to - from, not 0");
    // The small tolerance keeps `to` in the range when (to - from) / step is whole in decimal
    // but not in binary (0.5 to 1.0 by 0.1).
    const double steps = std::floor((to - axis.from) / axis.step + 1e-9);
    if (steps + 1 > static_cast<double>(kMaxSweepPoints))
      fail(range, label + ": more than " + std::to_string(kMaxSweepPoints) + " values");
    axis.range_count = static_cast<int64_t>(steps) + 1;
  }

  void read_axes(SweepSpec& spec) const {
    const YAML::Node axes = root_["axes"];
    spec.axes_where = where(axes);
    if (!axes.IsSequence()) fail(axes, "axes: expected a list of {key, values} or {key, range}");
    std::set<std::string> keys;
    for (size_t i = 0; i < axes.size(); ++i) {
      spec.axes.push_back(axis(axes[i], i));
      if (!keys.insert(spec.axes.back().key).second)
        fail(axes[i]["key"], "axes[" + std::to_string(i) + "].key: '" + spec.axes.back().key +
                                 "' is already an axis; allowed: each key once");
    }
    if (spec.combine != SweepCombine::kZip) return;
    for (size_t i = 1; i < spec.axes.size(); ++i)
      if (spec.axes[i].size() != spec.axes[0].size())
        fail(axes[i], "axes[" + std::to_string(i) + "] (" + spec.axes[i].key + ") has " + std::to_string(spec.axes[i].size()) +
                          " values but axes[0] (" + spec.axes[0].key + ") has " + std::to_string(spec.axes[0].size()) +
                          "; allowed with combine: zip: axes of the same length");
  }

  void read_named(SweepSpec& spec) const {
    const YAML::Node points = root_["points"];
    if (!points.IsSequence()) fail(points, "points: expected a list of {name, set}");
    std::set<std::string> names;
    for (size_t i = 0; i < points.size(); ++i) {
      const std::string label = "points[" + std::to_string(i) + "]";
      const YAML::Node node = points[i];
      if (!node.IsMap()) fail(node, label + ": expected a map {name, set}");
      check_keys(node, label + ".", {"name", "set"});
      if (!node["name"] || !node["set"]) fail(node, label + ": needs a name and a set of overrides");
      NamedSweepPoint point;
      point.name = scalar(node["name"], label + ".name");
      point.where = where(node["name"]);
      if (point.name.empty()) fail(node["name"], label + ".name: must not be empty");
      if (!names.insert(point.name).second)
        fail(node["name"], label + ".name: '" + point.name + "' is used twice; allowed: unique names");
      point.set = assignments(node["set"], label + ".set");
      for (const SweepAssignment& a : point.set)
        if (a.key == "replications") fail(node["set"], label + ".set: replications is set for the whole sweep, not per point");
      spec.named.push_back(std::move(point));
    }
  }

  std::string path_;
  YAML::Node root_;
};

std::string with_thousands(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
  return digits;
}

/// Grid size, saturating at kMaxSweepPoints + 1 so that the product cannot overflow.
int64_t grid_size(const std::vector<SweepAxis>& axes) {
  int64_t product = 1;
  for (const SweepAxis& axis : axes) {
    if (axis.size() > (kMaxSweepPoints + 1) / std::max<int64_t>(product, 1)) return kMaxSweepPoints + 1;
    product *= axis.size();
  }
  return product;
}

}  // namespace

std::string SweepAxis::value(int64_t i) const {
  if (!is_range) return listed[i];
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12g", from + static_cast<double>(i) * step);
  return format_number(std::stod(buffer));
}

int64_t SweepSpec::axis_points() const {
  if (axes.empty()) return 0;
  return combine == SweepCombine::kZip ? axes[0].size() : grid_size(axes);
}

std::string SweepSpec::point_name(int64_t point) const {
  const int64_t first_named = axis_points();
  return point < first_named ? std::string() : named[point - first_named].name;
}

std::vector<SweepAssignment> SweepSpec::point_assignments(int64_t point) const {
  const int64_t first_named = axis_points();
  if (point >= first_named) return named[point - first_named].set;
  std::vector<SweepAssignment> out(axes.size());
  int64_t rest = point;
  for (size_t a = axes.size(); a-- > 0;) {
    const int64_t i = combine == SweepCombine::kZip ? point : rest % axes[a].size();
    if (combine == SweepCombine::kGrid) rest /= axes[a].size();
    out[a] = {axes[a].key, axes[a].value(i), axes[a].value_where(i)};
  }
  return out;
}

std::vector<std::string> SweepSpec::common_overrides() const {
  std::vector<std::string> out;
  for (const SweepAssignment& a : set) out.push_back(a.text());
  if (replications) out.push_back("replications=" + std::to_string(*replications));
  if (seed) out.push_back("seed=" + std::to_string(*seed));
  return out;
}

SourceLocation SweepSpec::point_where(int64_t point) const {
  const int64_t first_named = axis_points();
  return point < first_named ? axes_where : named[point - first_named].where;
}

SweepSpec load_sweep_spec(const std::string& path, bool allow_large) {
  const std::string text = read_input_file(path, kMaxSweepFileBytes, "sweep file");
  const YAML::Node root = parse_yaml_text(path, text, "sweep file");
  SweepSpec spec = SpecReader(path, root).read();
  spec.text = text;
  const int64_t points = spec.axis_points() + static_cast<int64_t>(spec.named.size());
  if (points > kMaxSweepPoints)
    throw InputError(SourceLocation{path, 0, 0}, "the sweep has more than " + with_thousands(kMaxSweepPoints) +
                                                     " points; allowed: fewer (split it into several sweeps)");
  if (points > kLargeSweepPoints && !allow_large)
    throw InputError(SourceLocation{path, 0, 0}, "the sweep has " + with_thousands(points) + " points, more than " +
                                                     with_thousands(kLargeSweepPoints) +
                                                     "; allowed: pass --yes to run it anyway, or fewer values");
  return spec;
}

}  // namespace krapte

#include "sweep/plan.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include "output/result_datasets.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"
#include "scenario/tree.h"

namespace krapte {

namespace {

/// A deep copy of `tree` with the overrides applied, validated and defaulted.
ScenarioTree patched_tree(const ScenarioTree& tree, const std::vector<std::string>& overrides) {
  ScenarioTree patched = tree;
  patched.root.reset(YAML::Clone(tree.root));  // "=" would write the clone into the shared base node
  if (!patched.marked_root.IsMap()) patched.marked_root.reset(tree.root);  // the clone has no marks: errors look here
  for (const std::string& assignment : overrides) apply_override(patched, assignment);
  validate_and_fill_defaults(patched);
  return patched;
}

/// The node at a --set key path (list items by index or by name); undefined if absent.
YAML::Node find_path(const YAML::Node& root, const std::string& key_path) {
  std::vector<YAML::Node> trail = {root};  // yaml-cpp nodes rebind on assignment: keep a trail
  std::istringstream in(key_path);
  std::string segment;
  while (std::getline(in, segment, '.')) {
    const YAML::Node node = trail.back();
    if (node.IsSequence()) {
      const long index = list_item_index(node, segment);
      if (index < 0) return YAML::Node(YAML::NodeType::Undefined);
      trail.push_back(node[static_cast<size_t>(index)]);
    } else if (node.IsMap() && node[segment]) {
      trail.push_back(node[segment]);
    } else {
      return YAML::Node(YAML::NodeType::Undefined);
    }
  }
  return trail.back();
}

/// A value for the points table: numbers as the canonical scenario writes them.
std::string value_text(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value)) return format_number(value);
    return text;
  }
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

/// An override's error as the scenario loader words it, without its "(--set ...)" location
/// (the sweep file's location replaces it); an error in a file keeps its location.
std::string without_override_location(const InputError& error) { return error.from_override() ? error.message() : error.what(); }

/// What differs between two points' file layouts, or "".
std::string layout_difference(const ResolvedScenario& a, const ResolvedScenario& b) {
  if (a.replications != b.replications) return "its replications";
  if (a.write_municipality_level != b.write_municipality_level) return "its output.municipality_level";
  const RunAxes x = run_axes(a);
  const RunAxes y = run_axes(b);
  if (x.time != y.time) return "its time axis (start, end)";
  if (x.job_families != y.job_families) return "its job families";
  if (x.regions != y.regions) return "its regions";
  if (x.units != y.units)
    return "its units (municipalities, plus the shared-service centres and flexpools that levers with strength add)";
  return "";
}

std::string joined(const std::vector<SweepAssignment>& assignments) {
  std::string text;
  for (const SweepAssignment& a : assignments) text += (text.empty() ? "" : ", ") + a.text();
  return text;
}

}  // namespace

ResolvedScenario resolve_with_overrides(const ScenarioTree& tree, const std::vector<std::string>& overrides) {
  return resolve_scenario(patched_tree(tree, overrides));
}

SweepPlan::SweepPlan(SweepSpec spec, int threads) : spec_(std::move(spec)) {
  base_tree_ = load_scenario_tree(spec_.scenario_path);
  // The sweep-wide overrides one at a time, so that an error names the one to blame.
  std::vector<std::string> applied;
  for (const SweepAssignment& a : spec_.set) {
    applied.push_back(a.text());
    try {
      (void)resolve_with_overrides(base_tree_, applied);
    } catch (const InputError& e) {
      throw InputError(a.where, "set " + a.key + ": " + without_override_location(e));
    }
  }
  base_ = resolve_with_overrides(base_tree_, spec_.common_overrides());

  std::set<std::string> seen;
  for (const SweepAxis& axis : spec_.axes)
    if (seen.insert(axis.key).second) keys_.push_back(axis.key);
  for (const NamedSweepPoint& point : spec_.named)
    for (const SweepAssignment& a : point.set)
      if (seen.insert(a.key).second) keys_.push_back(a.key);

  const int64_t count = spec_.points();
  rows_.resize(count);
  try {
    Checked first = check_point(0);
    layout_ = std::move(first.scenario);
    rows_[0] = std::move(first.row);
  } catch (const InputError& e) {
    report(0, e);
  }
  // The other points in parallel; the first failure in point order is reported, whatever
  // order the threads found them in.
  std::atomic<int64_t> first_failure{count};
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(int64_t{1}, count, [&](int64_t p) {
      if (p > first_failure.load()) return;
      bool failed = false;
      try {
        Checked checked = check_point(p);
        failed = !layout_difference(layout_, checked.scenario).empty();
        rows_[p] = std::move(checked.row);
      } catch (const InputError&) {
        failed = true;
      }
      for (int64_t seen_first = first_failure.load(); failed && p < seen_first;)
        if (first_failure.compare_exchange_weak(seen_first, p)) break;
    });
  });
  if (first_failure.load() == count) {
    branches_ = plan_branches(spec_, layout_, count, [this](int64_t point) { return resolve_point(point); }, threads);
    return;
  }
  const int64_t p = first_failure.load();
  std::string difference;
  try {
    difference = layout_difference(layout_, check_point(p).scenario);
  } catch (const InputError& e) {
    report(p, e);
  }
  throw InputError(spec_.point_where(p), "point " + std::to_string(p) + " (" + joined(spec_.point_assignments(p)) + "): " +
                                             difference + " differs from point 0's; allowed: values that give every point "
                                             "the same file layout (docs/sweeps.md)");
}

SweepPlan::Checked SweepPlan::check_point(int64_t point) const {
  ScenarioTree tree = patched_tree(base_tree_, overrides(point));
  Checked checked{resolve_scenario(tree), SweepPoint{}};
  checked.row.name = spec_.point_name(point);
  checked.row.scenario_hash = checked.scenario.hash;
  // The identity of the point's runs: replication r does not depend on how many there are.
  tree.root["replications"] = 1;
  checked.row.point_hash = fnv1a_64(canonical_yaml(tree.root));
  for (const std::string& key : keys_) checked.row.values.push_back(value_text(find_path(tree.root, key)));
  return checked;
}

void SweepPlan::report(int64_t point, const InputError& error) const {
  const std::vector<SweepAssignment> assignments = spec_.point_assignments(point);
  // A value that fails on its own is the one to blame: point at it in the sweep file.
  for (const SweepAssignment& a : assignments) {
    std::vector<std::string> alone = spec_.common_overrides();
    alone.push_back(a.text());
    try {
      (void)resolve_with_overrides(base_tree_, alone);
    } catch (const InputError& e) {
      throw InputError(a.where, a.key + " = " + a.value + ": " + without_override_location(e));
    }
  }
  throw InputError(spec_.point_where(point), "point " + std::to_string(point) + " (" + joined(assignments) + "): " +
                                                 without_override_location(error));
}

std::vector<std::string> SweepPlan::overrides(int64_t point) const {
  std::vector<std::string> all = spec_.common_overrides();
  for (const SweepAssignment& a : spec_.point_assignments(point)) all.push_back(a.text());
  return all;
}

ResolvedScenario SweepPlan::resolve_point(int64_t point) const { return resolve_with_overrides(base_tree_, overrides(point)); }

SweepDescription SweepPlan::description() const {
  SweepDescription description;
  description.name = spec_.name;
  description.spec_path = spec_.path;
  description.spec_text = spec_.text;
  description.base = &base_;
  description.layout = &layout_;
  description.replications = replications();
  description.keys = keys_;
  description.points = rows_;
  return description;
}

}  // namespace krapte

#include "calibrate/calibration_spec.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "data/csv.h"
#include "scenario/tree.h"

namespace krapte {

namespace {

constexpr size_t kMaxCalibrationBytes = size_t{1} << 20;

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  SourceLocation where(const YAML::Node& node) const {
    if (!node.IsDefined() || node.Mark().is_null()) return SourceLocation{path_, 0, 0};
    return SourceLocation{path_, node.Mark().line + 1, node.Mark().column + 1};
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const { throw InputError(where(node), message); }

  void only_keys(const YAML::Node& map, const std::string& context, const std::set<std::string>& allowed) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (allowed.count(key)) continue;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(it->first, context + key + ": unknown key; allowed: " + list);
    }
  }
  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar() || node.Scalar().empty()) fail(node, key + ": expected a non-empty text");
    return node.Scalar();
  }
  double number(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, key + ": expected a number");
    const std::string& s = node.Scalar();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value))
      fail(node, key + ": '" + s + "' is not a number; allowed: a finite number such as 0.02");
    return value;
  }
  long long whole(const YAML::Node& node, const std::string& key, long long lo, long long hi) const {
    const double value = number(node, key);
    if (value != std::floor(value) || value < static_cast<double>(lo) || value > static_cast<double>(hi))
      fail(node, key + ": " + node.Scalar() + " is out of range; allowed: a whole number from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
    return static_cast<long long>(value);
  }

 private:
  std::string path_;
};

std::vector<std::string> split_path(const std::string& text) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    const size_t dot = text.find('.', begin);
    parts.push_back(text.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
    if (dot == std::string::npos) return parts;
    begin = dot + 1;
  }
}

/// Expands a key pattern over the scenario tree: `*` names every item of a list, a name
/// or index one item. Each match is a concrete path (list items by index) and its value.
void expand_key(const YAML::Node& node, const std::vector<std::string>& segments, size_t at, const std::string& concrete,
                std::vector<std::pair<std::string, YAML::Node>>& out, std::string& problem) {
  if (at == segments.size()) {
    out.emplace_back(concrete, node);
    return;
  }
  const std::string& segment = segments[at];
  const std::string prefix = concrete.empty() ? "" : concrete + ".";
  if (node.IsSequence()) {
    if (segment == "*") {
      if (node.size() == 0) problem = "'" + concrete + "' is an empty list";
      for (size_t i = 0; i < node.size(); ++i)
        expand_key(node[i], segments, at + 1, prefix + std::to_string(i), out, problem);
      return;
    }
    const long index = list_item_index(node, segment);
    if (index < 0) {
      problem = "'" + concrete + "' has no item '" + segment + "'";
      return;
    }
    expand_key(node[static_cast<size_t>(index)], segments, at + 1, prefix + std::to_string(index), out, problem);
    return;
  }
  if (!node.IsMap() || !node[segment]) {
    problem = "the scenario has no key '" + prefix + segment + "'";
    return;
  }
  expand_key(node[segment], segments, at + 1, prefix + segment, out, problem);
}

FitAction parse_action(const Reader& r, const YAML::Node& node) {
  const std::string s = r.text(node, "how");
  if (s == "set") return FitAction::kSet;
  if (s == "add") return FitAction::kAdd;
  if (s == "scale") return FitAction::kScale;
  r.fail(node, "how: '" + s + "' is not an action; allowed: set (key = x), add (key = value + x), scale (key = value x x)");
}

TargetQuantity parse_quantity(const Reader& r, const YAML::Node& node) {
  const std::string s = r.text(node, "model");
  for (TargetQuantity q : {TargetQuantity::kHeadcount, TargetQuantity::kFte, TargetQuantity::kInflowPct,
                           TargetQuantity::kOutflowPct})
    if (s == quantity_name(q)) return q;
  r.fail(node, "model: '" + s + "' is not a model quantity; allowed: headcount, fte, inflow_pct, outflow_pct");
}

FitAlgorithm parse_algorithm(const Reader& r, const YAML::Node& node) {
  const std::string s = r.text(node, "algorithm");
  for (FitAlgorithm a : {FitAlgorithm::kBobyqa, FitAlgorithm::kNelderMead, FitAlgorithm::kSubplex})
    if (s == algorithm_name(a)) return a;
  r.fail(node, "algorithm: '" + s + "' is not an algorithm; allowed: bobyqa, neldermead, sbplx");
}

}  // namespace

std::string algorithm_name(FitAlgorithm algorithm) {
  switch (algorithm) {
    case FitAlgorithm::kBobyqa: return "bobyqa";
    case FitAlgorithm::kNelderMead: return "neldermead";
    case FitAlgorithm::kSubplex: return "sbplx";
  }
  return "";
}

std::string quantity_name(TargetQuantity quantity) {
  switch (quantity) {
    case TargetQuantity::kHeadcount: return "headcount";
    case TargetQuantity::kFte: return "fte";
    case TargetQuantity::kInflowPct: return "inflow_pct";
    case TargetQuantity::kOutflowPct: return "outflow_pct";
  }
  return "";
}

std::string FitTarget::label() const { return quantity_name(quantity) + " " + std::to_string(year); }

CalibrationSpec load_calibration_spec(const std::string& path) {
  const std::string content = read_input_file(path, kMaxCalibrationBytes, "calibration file");
  YAML::Node root;
  try {
    root = YAML::Load(content);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{path, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
  }
  const Reader r(path);
  if (!root.IsMap()) throw InputError(SourceLocation{path, 1, 1}, "a calibration file must be a YAML map (scenario, series, parameters, targets)");
  r.only_keys(root, "", {"name", "scenario", "series", "algorithm", "max_evaluations", "bootstrap", "bootstrap_max_evaluations",
                         "bootstrap_seed", "check_replications", "parameters", "targets"});
  CalibrationSpec spec;
  spec.path = path;
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const auto relative = [&](const std::string& given) {
    return std::filesystem::path(given).is_absolute() ? given : (folder / given).lexically_normal().string();
  };
  for (const char* required : {"scenario", "series", "parameters", "targets"})
    if (!root[required]) throw InputError(SourceLocation{path, 1, 1}, std::string(required) + ": missing; allowed: a calibration file with scenario, series, parameters and targets");
  spec.name = root["name"] ? r.text(root["name"], "name") : std::filesystem::path(path).stem().string();
  spec.scenario = relative(r.text(root["scenario"], "scenario"));
  spec.series = relative(r.text(root["series"], "series"));
  if (root["algorithm"]) spec.algorithm = parse_algorithm(r, root["algorithm"]);
  if (root["max_evaluations"]) spec.max_evaluations = static_cast<int>(r.whole(root["max_evaluations"], "max_evaluations", 1, 100000));
  if (root["bootstrap"]) spec.bootstrap = static_cast<int>(r.whole(root["bootstrap"], "bootstrap", 0, 10000));
  if (root["bootstrap_max_evaluations"])
    spec.bootstrap_max_evaluations = static_cast<int>(r.whole(root["bootstrap_max_evaluations"], "bootstrap_max_evaluations", 1, 100000));
  if (root["bootstrap_seed"]) spec.bootstrap_seed = static_cast<unsigned>(r.whole(root["bootstrap_seed"], "bootstrap_seed", 0, 4294967295LL));
  if (root["check_replications"])
    spec.check_replications = static_cast<int>(r.whole(root["check_replications"], "check_replications", 0, 100000));

  // The scenario as calibrate will patch it: loaded (with its base), validated, defaults filled.
  ScenarioTree tree = load_scenario_tree(spec.scenario);
  validate_and_fill_defaults(tree);

  const YAML::Node parameters = root["parameters"];
  if (!parameters.IsSequence() || parameters.size() == 0)
    r.fail(parameters, "parameters: expected a non-empty list of {name, keys, how, start, lower, upper}");
  std::set<std::string> names, all_keys;
  for (size_t i = 0; i < parameters.size(); ++i) {
    const YAML::Node p = parameters[i];
    const std::string context = "parameters[" + std::to_string(i) + "].";
    if (!p.IsMap()) r.fail(p, context.substr(0, context.size() - 1) + ": expected a map {name, keys, how, start, lower, upper}");
    r.only_keys(p, context, {"name", "keys", "how", "start", "lower", "upper"});
    for (const char* required : {"name", "keys", "lower", "upper"})
      if (!p[required]) r.fail(p, context + required + ": missing; allowed: a parameter with name, keys, lower and upper (how, start optional)");
    FitParameter parameter;
    parameter.where = r.where(p);
    parameter.name = r.text(p["name"], context + "name");
    if (!names.insert(parameter.name).second) r.fail(p["name"], context + "name: '" + parameter.name + "' is used twice; allowed: distinct names");
    if (p["how"]) parameter.action = parse_action(r, p["how"]);
    parameter.lower = r.number(p["lower"], context + "lower");
    parameter.upper = r.number(p["upper"], context + "upper");
    if (!(parameter.lower < parameter.upper))
      r.fail(p["upper"], context + "upper: " + p["upper"].Scalar() + " is not above lower " + p["lower"].Scalar() + "; allowed: lower < upper");
    const double neutral = parameter.action == FitAction::kScale ? 1.0 : 0.0;
    parameter.start = p["start"] ? r.number(p["start"], context + "start")
                                 : (parameter.action == FitAction::kSet ? 0.5 * (parameter.lower + parameter.upper) : neutral);
    if (parameter.start < parameter.lower || parameter.start > parameter.upper)
      r.fail(p["start"] ? p["start"] : p, context + "start: " + std::to_string(parameter.start) + " is outside [lower, upper]; allowed: lower <= start <= upper");
    const YAML::Node keys = p["keys"];
    if (!keys.IsSequence() || keys.size() == 0) r.fail(keys, context + "keys: expected a non-empty list of scenario key paths");
    for (size_t k = 0; k < keys.size(); ++k) {
      const std::string pattern = r.text(keys[k], context + "keys[" + std::to_string(k) + "]");
      std::vector<std::pair<std::string, YAML::Node>> matches;
      std::string problem;
      expand_key(tree.root, split_path(pattern), 0, "", matches, problem);
      if (!problem.empty())
        r.fail(keys[k], context + "keys[" + std::to_string(k) + "]: " + problem + " (in " + spec.scenario +
                            "); allowed: key paths as for --set, * for every item of a list");
      for (const auto& [concrete, value] : matches) {
        double base = 0;
        const std::string& s = value.IsScalar() ? value.Scalar() : std::string();
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), base);
        if (!value.IsScalar() || ec != std::errc() || ptr != s.data() + s.size())
          r.fail(keys[k], context + "keys[" + std::to_string(k) + "]: '" + concrete + "' is not a number in the scenario; allowed: numeric keys");
        if (!all_keys.insert(concrete).second)
          r.fail(keys[k], context + "keys[" + std::to_string(k) + "]: '" + concrete + "' is fitted twice; allowed: each key in one parameter");
        parameter.keys.push_back(concrete);
        parameter.base_values.push_back(base);
      }
    }
    spec.parameters.push_back(std::move(parameter));
  }

  const CsvTable series = read_csv(spec.series);
  const int metric_column = series.require_column("metric");
  const int period_column = series.require_column("period");
  const int value_column = series.require_column("value");
  std::map<std::pair<std::string, std::string>, const CsvRow*> rows;
  for (const CsvRow& row : series.rows) rows[{row.fields[metric_column], row.fields[period_column]}] = &row;

  const YAML::Node targets = root["targets"];
  if (!targets.IsSequence() || targets.size() == 0)
    r.fail(targets, "targets: expected a non-empty list of {model, observed, year, rounding}");
  for (size_t i = 0; i < targets.size(); ++i) {
    const YAML::Node t = targets[i];
    const std::string context = "targets[" + std::to_string(i) + "].";
    if (!t.IsMap()) r.fail(t, context.substr(0, context.size() - 1) + ": expected a map {model, observed, year, rounding}");
    r.only_keys(t, context, {"model", "observed", "year", "rounding", "weight"});
    for (const char* required : {"model", "observed", "year"})
      if (!t[required]) r.fail(t, context + required + ": missing; allowed: a target with model, observed and year (rounding, weight optional)");
    FitTarget target;
    target.where = r.where(t);
    target.quantity = parse_quantity(r, t["model"]);
    target.observed_metric = r.text(t["observed"], context + "observed");
    target.year = static_cast<int>(r.whole(t["year"], context + "year", 1900, 2200));
    if (t["rounding"]) {
      target.rounding = r.number(t["rounding"], context + "rounding");
      if (target.rounding < 0) r.fail(t["rounding"], context + "rounding: negative; allowed: the rounding unit of the figure, >= 0");
    }
    if (t["weight"]) {
      target.weight = r.number(t["weight"], context + "weight");
      if (target.weight < 0) r.fail(t["weight"], context + "weight: negative; allowed: a number >= 0 (0 = reported, not fitted)");
    }
    const auto row = rows.find({target.observed_metric, std::to_string(target.year)});
    if (row == rows.end())
      r.fail(t["observed"], context + "observed: " + spec.series + " has no row with metric '" + target.observed_metric +
                                "' and period " + std::to_string(target.year) + "; allowed: a metric,period of that file");
    target.observed = parse_csv_number(series, *row->second, value_column, "value");
    if (target.observed == 0) r.fail(t["observed"], context + "observed: the published value is 0; allowed: a non-zero figure (residuals are relative)");
    spec.targets.push_back(target);
  }
  return spec;
}

}  // namespace krapte

#include "optimise/spec.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/calendar.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"

namespace krapte {

std::string OptimiseConstraint::label() const {
  const std::string scope = family.empty() ? "" : " " + family;
  switch (metric) {
    case OptimiseMetric::kVacancyRate:
      return std::string("vacancy_rate") + scope + (per_region ? " in every region" : " nationally") + " at " + at + " <= " + format_number(max);
    case OptimiseMetric::kTotalCost:
      return "total_cost <= " + format_number(max);
    case OptimiseMetric::kVacancyFteYears:
      return "vacancy_fte_years <= " + format_number(max);
  }
  return "";
}

std::vector<double> rounded_point(const OptimiseSpec& spec, const std::vector<double>& x) {
  std::vector<double> r = x;
  for (size_t i = 0; i < r.size(); ++i)
    if (spec.variables[i].integer) r[i] = std::round(r[i]);
  return r;
}

std::vector<std::string> point_overrides(const OptimiseSpec& spec, const std::vector<double>& x) {
  std::vector<std::string> overrides = spec.set;
  std::vector<std::string> when_none;  // applied last, so they win over a variable of the same key
  const std::vector<double> r = rounded_point(spec, x);
  for (size_t i = 0; i < r.size(); ++i) {
    const DecisionVariable& v = spec.variables[i];
    if (!v.on_off()) {
      overrides.push_back(v.path + "=" + format_number(r[i]));
      continue;
    }
    if (i > 0 && spec.variables[i - 1].path == v.path) continue;  // the group was written at its first item
    std::string list;
    for (size_t j = i; j < r.size() && spec.variables[j].path == v.path; ++j)
      if (r[j] == 1) list += (list.empty() ? "\"" : ", \"") + spec.variables[j].choice + "\"";
    if (list.empty()) when_none.push_back(v.when_none);
    else overrides.push_back(v.path + "=[" + list + "]");
  }
  overrides.insert(overrides.end(), when_none.begin(), when_none.end());
  return overrides;
}

namespace {

class Parser {
 public:
  explicit Parser(std::string path) : path_(std::move(path)) {}

  OptimiseSpec parse() {
    YAML::Node root;
    try {
      root = YAML::LoadFile(path_);
    } catch (const YAML::BadFile&) {
      throw InputError(SourceLocation{path_, 0, 0}, "cannot read the optimisation file; allowed: a YAML file (docs/optimise.md)");
    } catch (const YAML::ParserException& e) {
      throw InputError(SourceLocation{path_, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
    }
    if (!root.IsMap()) fail(root, "(file)", "expected a map of keys; allowed: docs/optimise.md");
    only(root, "", {"name", "description", "scenario", "set", "variables", "objective", "constraints", "front", "search", "verify"});
    OptimiseSpec spec;
    spec.path = path_;
    spec.name = required_scalar(root, "", "name");
    const std::string scenario = required_scalar(root, "", "scenario");
    const std::filesystem::path given(scenario);
    spec.scenario = given.is_absolute() ? scenario
                                        : (std::filesystem::path(path_).parent_path() / given).lexically_normal().string();
    if (const YAML::Node set = root["set"]) {
      if (!set.IsSequence()) fail(set, "set", "expected a list of key.path=VALUE strings");
      for (size_t i = 0; i < set.size(); ++i) spec.set.push_back(set[i].Scalar());
    }
    // The base must load (with its fixed overrides): its own errors name its own file.
    try {
      base_ = load_scenario(spec.scenario, spec.set);
    } catch (const InputError& e) {
      fail(root["scenario"], "scenario", std::string("the base scenario does not load: ") + e.what());
    }
    parse_variables(root, spec);
    parse_objective(root, spec);
    parse_constraints(root, spec);
    parse_search(root, spec);
    parse_front(root, spec);
    if (const YAML::Node verify = root["verify"]) {
      only(verify, "verify", {"candidates", "replications"});
      if (verify["candidates"]) spec.verify_candidates = static_cast<int>(number(verify["candidates"], "verify.candidates", 0, 20, true));
      if (verify["replications"]) spec.verify_replications = static_cast<int>(number(verify["replications"], "verify.replications", 2, 10000, true));
    }
    return spec;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& message) const {
    SourceLocation where{path_, 0, 0};
    if (node.IsDefined() && !node.Mark().is_null()) where = SourceLocation{path_, node.Mark().line + 1, node.Mark().column + 1};
    throw InputError(where, key + ": " + message);
  }
  SourceLocation where(const YAML::Node& node) const {
    if (!node.IsDefined() || node.Mark().is_null()) return SourceLocation{path_, 0, 0};
    return SourceLocation{path_, node.Mark().line + 1, node.Mark().column + 1};
  }
  static std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

  void only(const YAML::Node& map, const std::string& at, const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) fail(map, at.empty() ? "(file)" : at, "expected a map of keys");
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      bool known = false;
      for (const auto& a : allowed) known |= a == key;
      if (!known) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(it->first, join(at, key), "unknown key; allowed: " + list);
      }
    }
  }
  std::string required_scalar(const YAML::Node& map, const std::string& at, const std::string& key) const {
    const YAML::Node node = map[key];
    if (!node) fail(map, join(at, key), "missing; allowed: docs/optimise.md");
    if (!node.IsScalar() || node.Scalar().empty()) fail(node, join(at, key), "expected a single non-empty value");
    return node.Scalar();
  }
  double number(const YAML::Node& node, const std::string& key, double lo, double hi, bool whole) const {
    if (!node.IsScalar()) fail(node, key, "expected a number");
    double value = 0;
    try {
      value = node.as<double>();
    } catch (const YAML::Exception&) {
      fail(node, key, "'" + node.Scalar() + "' is not a number");
    }
    if (!std::isfinite(value) || value < lo || value > hi || (whole && value != std::floor(value)))
      fail(node, key, node.Scalar() + " is out of range; allowed: " + std::string(whole ? "a whole number" : "a number") + " in [" +
                          format_number(lo) + ", " + format_number(hi) + "]");
    return value;
  }
  std::string month(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar() || !parse_year_month(node.Scalar())) fail(node, key, "'" + node.Scalar() + "' is not a month; allowed: YYYY-MM");
    const YearMonth m = *parse_year_month(node.Scalar());
    if (m < base_.time.start || base_.time.end < m)
      fail(node, key, node.Scalar() + " is outside the scenario's months; allowed: " + base_.time.start.to_string() + " to " +
                          base_.time.end.to_string());
    return node.Scalar();
  }

  void parse_variables(const YAML::Node& root, OptimiseSpec& spec) {
    const YAML::Node list = root["variables"];
    if (!list || !list.IsSequence() || list.size() == 0) fail(list ? list : root, "variables", "needs at least one variable {path, lower, upper}");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = "variables[" + std::to_string(i) + "]";
      const YAML::Node item = list[i];
      if (item.IsMap() && item["choose"]) {
        parse_choice(item, at, spec, seen);
        continue;
      }
      only(item, at, {"path", "lower", "upper", "integer"});
      DecisionVariable v;
      v.path = required_scalar(item, at, "path");
      v.where = where(item["path"]);
      if (!seen.insert(v.path).second) fail(item["path"], at + ".path", "'" + v.path + "' appears twice; allowed: each path once");
      if (!item["lower"]) fail(item, at + ".lower", "missing; allowed: a number");
      if (!item["upper"]) fail(item, at + ".upper", "missing; allowed: a number");
      v.lower = number(item["lower"], at + ".lower", -1e15, 1e15, false);
      v.upper = number(item["upper"], at + ".upper", -1e15, 1e15, false);
      if (item["integer"]) {
        bool value = false;
        if (!YAML::convert<bool>::decode(item["integer"], value)) fail(item["integer"], at + ".integer", "expected true | false");
        v.integer = value;
      }
      if (v.lower > v.upper)
        fail(item["lower"], at + ".lower", format_number(v.lower) + " is above upper " + format_number(v.upper) + "; allowed: lower < upper");
      if (v.lower == v.upper)
        fail(item["upper"], at + ".upper", "equals lower (" + format_number(v.lower) + "): empty bounds; allowed: lower < upper (a fixed value belongs in set:)");
      // The path must be a key of the scenario that takes a number, at both bounds.
      for (const double bound : {v.lower, v.upper}) {
        std::vector<std::string> overrides = spec.set;
        overrides.push_back(v.path + "=" + format_number(v.integer ? std::round(bound) : bound));
        try {
          (void)load_scenario(spec.scenario, overrides);
        } catch (const InputError& e) {
          fail(item["path"], at + ".path", "'" + v.path + "' at " + format_number(bound) + " gives a scenario that does not load (" + e.what() +
                                               "); allowed: a --set key path of the scenario taking a number, bounds within its range");
        }
      }
      // A key that takes whole numbers needs integer: true (the search visits fractions).
      if (!v.integer) {
        const double inside = v.lower + (v.upper - v.lower) * 0.318309886;
        std::vector<std::string> overrides = spec.set;
        overrides.push_back(v.path + "=" + format_number(inside));
        try {
          (void)load_scenario(spec.scenario, overrides);
        } catch (const InputError& e) {
          fail(item["path"], at + ".path", "'" + v.path + "' at " + format_number(inside) + " inside the bounds gives a scenario that does not load (" +
                                               e.what() + "); allowed: integer: true for a key that takes whole numbers");
        }
      }
      spec.variables.push_back(v);
    }
  }

  /// {path, choose: [items], when_none: key=VALUE}: one on/off variable per item.
  void parse_choice(const YAML::Node& item, const std::string& at, OptimiseSpec& spec, std::set<std::string>& seen) {
    only(item, at, {"path", "choose", "when_none"});
    const std::string path = required_scalar(item, at, "path");
    if (!seen.insert(path).second) fail(item["path"], at + ".path", "'" + path + "' appears twice; allowed: each path once");
    const YAML::Node items = item["choose"];
    if (!items.IsSequence() || items.size() == 0)
      fail(items, at + ".choose", "expected a non-empty list of the items to switch on or off (e.g. provinces)");
    if (!item["when_none"])
      fail(item, at + ".when_none", "missing; allowed: the key.path=VALUE override used when no item is on (an empty list means all), "
                                    "e.g. flexpools.0.fte_per_province=0");
    const std::string when_none = required_scalar(item, at, "when_none");
    if (when_none.find('=') == std::string::npos)
      fail(item["when_none"], at + ".when_none", "'" + when_none + "' is not key.path=VALUE");
    std::set<std::string> names;
    std::string all;
    for (size_t k = 0; k < items.size(); ++k) {
      if (!items[k].IsScalar() || items[k].Scalar().empty() || items[k].Scalar().find('"') != std::string::npos)
        fail(items[k], at + ".choose[" + std::to_string(k) + "]", "expected a name without quotes");
      if (!names.insert(items[k].Scalar()).second)
        fail(items[k], at + ".choose[" + std::to_string(k) + "]", "'" + items[k].Scalar() + "' appears twice; allowed: each item once");
      all += (all.empty() ? "\"" : ", \"") + items[k].Scalar() + "\"";
    }
    // The path must take the list (every item valid), and when_none must load too.
    for (const std::string& override : {path + "=[" + all + "]", when_none}) {
      std::vector<std::string> overrides = spec.set;
      overrides.push_back(override);
      try {
        (void)load_scenario(spec.scenario, overrides);
      } catch (const InputError& e) {
        const bool list = override != when_none;
        fail(list ? item["path"] : item["when_none"], at + (list ? ".path" : ".when_none"),
             "'" + override + "' gives a scenario that does not load (" + e.what() + "); allowed: " +
                 (list ? "a --set key path of the scenario taking a list, items it knows" : "a --set override of the scenario"));
      }
    }
    for (size_t k = 0; k < items.size(); ++k) {
      DecisionVariable v;
      v.path = path;
      v.lower = 0;
      v.upper = 1;
      v.integer = true;
      v.choice = items[k].Scalar();
      v.when_none = when_none;
      v.where = where(items[k]);
      spec.variables.push_back(v);
    }
  }

  OptimiseMetric metric(const YAML::Node& node, const std::string& key, bool allow_rate) const {
    const std::string text = node.Scalar();
    if (text == "total_cost") {
      if (!base_.costs.enabled)
        fail(node, key, "total_cost needs a scenario with a costs: section (docs/costs.md); allowed: vacancy_fte_years, or add costs to the scenario");
      return OptimiseMetric::kTotalCost;
    }
    if (text == "vacancy_fte_years") return OptimiseMetric::kVacancyFteYears;
    if (allow_rate && text == "vacancy_rate") return OptimiseMetric::kVacancyRate;
    fail(node, key, "'" + text + "' is not allowed; allowed: total_cost | vacancy_fte_years" + std::string(allow_rate ? " | vacancy_rate" : ""));
  }

  void parse_objective(const YAML::Node& root, OptimiseSpec& spec) {
    const YAML::Node objective = root["objective"];
    if (!objective) fail(root, "objective", "missing; allowed: {minimise: total_cost | vacancy_fte_years, from, to}");
    only(objective, "objective", {"minimise", "from", "to"});
    if (!objective["minimise"]) fail(objective, "objective.minimise", "missing; allowed: total_cost | vacancy_fte_years");
    spec.objective = metric(objective["minimise"], "objective.minimise", false);
    if (objective["from"]) spec.from = month(objective["from"], "objective.from");
    if (objective["to"]) spec.to = month(objective["to"], "objective.to");
    if (!spec.from.empty() && !spec.to.empty() && *parse_year_month(spec.to) < *parse_year_month(spec.from))
      fail(objective["to"], "objective.to", "is before objective.from; allowed: a month on or after from");
  }

  void parse_constraints(const YAML::Node& root, OptimiseSpec& spec) {
    const YAML::Node list = root["constraints"];
    if (!list) return;
    if (!list.IsSequence()) fail(list, "constraints", "expected a list");
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = "constraints[" + std::to_string(i) + "]";
      const YAML::Node item = list[i];
      only(item, at, {"metric", "max", "level", "at", "family"});
      OptimiseConstraint c;
      c.where = where(item);
      if (!item["metric"]) fail(item, at + ".metric", "missing; allowed: vacancy_rate | total_cost | vacancy_fte_years");
      c.metric = metric(item["metric"], at + ".metric", true);
      if (!item["max"]) fail(item, at + ".max", "missing; allowed: a number");
      c.max = number(item["max"], at + ".max", c.metric == OptimiseMetric::kVacancyRate ? 0 : -1e18,
                     c.metric == OptimiseMetric::kVacancyRate ? 1 : 1e18, false);
      if (c.metric == OptimiseMetric::kVacancyRate) {
        if (!item["at"]) fail(item, at + ".at", "missing; allowed: the month YYYY-MM the rate must be met");
        c.at = month(item["at"], at + ".at");
        const std::string level = item["level"] ? item["level"].Scalar() : "national";
        if (level != "national" && level != "region") fail(item["level"], at + ".level", "'" + level + "' is not allowed; allowed: national | region");
        c.per_region = level == "region";
        if (item["family"]) {
          c.family = item["family"].Scalar();
          if (base_.family_index(c.family) < 0) fail(item["family"], at + ".family", "unknown job family '" + c.family + "'");
        }
      } else {
        for (const char* key : {"at", "level", "family"})
          if (item[key]) fail(item[key], at + "." + key, "applies to vacancy_rate only; allowed for this metric: metric, max (over the objective's window)");
      }
      spec.constraints.push_back(c);
    }
  }

  void parse_search(const YAML::Node& root, OptimiseSpec& spec) {
    spec.start.clear();
    for (const DecisionVariable& v : spec.variables) spec.start.push_back(v.lower);
    const YAML::Node search = root["search"];
    if (!search) return;
    only(search, "search", {"algorithm", "max_evaluations", "x_tolerance", "initial_step", "start", "on_off"});
    if (const YAML::Node on_off = search["on_off"]) {
      if (on_off.Scalar() == "exhaustive") spec.on_off = OnOffSearch::kExhaustive;
      else if (on_off.Scalar() == "greedy") spec.on_off = OnOffSearch::kGreedy;
      else fail(on_off, "search.on_off", "'" + on_off.Scalar() + "' is not allowed; allowed: exhaustive | greedy");
    }
    if (search["algorithm"] && !parse_search_algorithm(search["algorithm"].Scalar(), spec.search.algorithm))
      fail(search["algorithm"], "search.algorithm", "'" + search["algorithm"].Scalar() + "' is not allowed; allowed: cobyla | bobyqa | neldermead");
    if (spec.search.algorithm != SearchAlgorithm::kCobyla && !spec.constraints.empty())
      fail(search["algorithm"], "search.algorithm", "handles bounds only; allowed with constraints: cobyla");
    if (search["max_evaluations"]) spec.search.max_evaluations = static_cast<int>(number(search["max_evaluations"], "search.max_evaluations", 1, 100000, true));
    if (search["x_tolerance"]) spec.search.x_tolerance = number(search["x_tolerance"], "search.x_tolerance", 1e-12, 1, false);
    if (search["initial_step"]) spec.search.initial_step = number(search["initial_step"], "search.initial_step", 1e-6, 1, false);
    if (const YAML::Node start = search["start"]) {
      if (!start.IsSequence() || start.size() != spec.variables.size())
        fail(start, "search.start", "expected a list of one number per variable (" + std::to_string(spec.variables.size()) +
                                        ", each item of a choose: list counting as one, 0 or 1)");
      for (size_t i = 0; i < start.size(); ++i)
        spec.start[i] = number(start[i], "search.start[" + std::to_string(i) + "]", spec.variables[i].lower, spec.variables[i].upper,
                               spec.variables[i].on_off());
    }
  }

  /// At most kMaxExhaustive on/off items are searched by every combination (2^8 searches).
  static constexpr int kMaxExhaustive = 8;
  void check_on_off(const YAML::Node& root, const OptimiseSpec& spec) const {
    int items = 0;
    for (const DecisionVariable& v : spec.variables) items += v.on_off() ? 1 : 0;
    if (spec.on_off == OnOffSearch::kExhaustive && items > kMaxExhaustive)
      fail(root["search"] && root["search"]["on_off"] ? root["search"]["on_off"] : root["variables"], "search.on_off",
           std::to_string(items) + " on/off items are too many for every combination; allowed: at most " + std::to_string(kMaxExhaustive) +
               " with exhaustive, or on_off: greedy");
  }

  void parse_front(const YAML::Node& root, OptimiseSpec& spec) {
    check_on_off(root, spec);
    const YAML::Node front = root["front"];
    if (!front) return;
    only(front, "front", {"constraint", "max"});
    if (spec.constraints.empty()) fail(front, "front", "needs a constraint to vary; allowed: front with at least one constraint");
    spec.front.enabled = true;
    if (front["constraint"])
      spec.front.constraint = static_cast<int>(number(front["constraint"], "front.constraint", 0, static_cast<double>(spec.constraints.size() - 1), true));
    const YAML::Node levels = front["max"];
    if (!levels) fail(front, "front.max", "missing; allowed: a list of the constraint's levels, e.g. [0.04, 0.05, 0.06]");
    if (!levels.IsSequence() || levels.size() < 2) fail(levels, "front.max", "expected a list of at least two levels");
    const OptimiseConstraint& c = spec.constraints[static_cast<size_t>(spec.front.constraint)];
    const bool rate = c.metric == OptimiseMetric::kVacancyRate;
    for (size_t i = 0; i < levels.size(); ++i) {
      const double level = number(levels[i], "front.max[" + std::to_string(i) + "]", rate ? 0 : -1e18, rate ? 1 : 1e18, false);
      for (double seen : spec.front.levels)
        if (seen == level) fail(levels[i], "front.max[" + std::to_string(i) + "]", levels[i].Scalar() + " appears twice; allowed: each level once");
      spec.front.levels.push_back(level);
    }
    std::sort(spec.front.levels.begin(), spec.front.levels.end());
  }

  std::string path_;
  ResolvedScenario base_;
};

}  // namespace

OptimiseSpec load_optimise_spec(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw InputError(SourceLocation{path, 0, 0}, "no such optimisation file; allowed: a YAML file (docs/optimise.md)");
  return Parser(path).parse();
}

}  // namespace krapte

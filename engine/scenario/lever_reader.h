// What a lever's own resolution (engine/levers, docs/levers/README.md) reads the scenario
// tree with: the resolver's helpers, so that a lever's keys are read, checked and reported
// (file, line, key, what is allowed) like every other key. The resolver is one of these.
#pragma once

#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/distribution.h"
#include "scenario/enum_choice.h"
#include "scenario/resolved.h"
#include "scenario/scope.h"
#include "scenario/tree.h"

namespace krapte {

class LeverReader {
 public:
  explicit LeverReader(const ScenarioTree& tree) : tree_(tree), root_(tree.root) {}

  /// The scenario tree after defaults (every key of the schema is there).
  const YAML::Node& root() const { return root_; }

  /// A one-line bad-input error at `node`, named by its concrete path ("more_hours[0].from").
  [[noreturn]] void fail(const YAML::Node& node, const std::string& concrete, const std::string& message) const;

  /// An enum key's value by the one generic parser (scenario/enum_choice.h); `values` in
  /// the order of the schema's allowed values of `schema_path` ("population.formats[].kind").
  template <typename E, size_t N>
  E choice(const YAML::Node& node, const std::string& schema_path, const std::string& concrete,
           const std::array<E, N>& values) const {
    const KeySpec* spec = find_key_spec(schema_path);
    if (!spec) throw std::logic_error("choice: no schema key " + schema_path);
    const std::optional<E> value = parse_enum(*spec, node.Scalar(), values);
    if (!value) fail(node, concrete, "'" + node.Scalar() + "' is not allowed; allowed: " + spec->range_text());
    return *value;
  }
  static double real(const YAML::Node& node) { return node.as<double>(); }
  static int integer(const YAML::Node& node) { return static_cast<int>(node.as<double>()); }
  static YearMonth month(const YAML::Node& node) { return *parse_year_month(node.Scalar()); }

  /// `from` and `until` of a list item; until before from is an error.
  Window window(const YAML::Node& item, const std::string& concrete) const;
  /// The index of the job family named by `node`; an unknown name is an error.
  int family_by_name(const ResolvedScenario& s, const YAML::Node& node, const std::string& concrete) const;
  /// [family] 1 for the families listed ([] or absent: all).
  std::vector<uint8_t> family_mask(const ResolvedScenario& s, const YAML::Node& list, const std::string& concrete) const;
  /// Municipalities (real ones only) in the item's regions and provinces; [] = all.
  std::vector<uint8_t> municipality_mask(const ResolvedScenario& s, const YAML::Node& item, const std::string& concrete) const;
  /// The item's families, regions and provinces (schema: SchemaBuilder::scope).
  Scope scope(const ResolvedScenario& s, const YAML::Node& item, const std::string& concrete, bool with_families = true) const;
  /// A list of bins {from, to, weight} (schema: SchemaBuilder::distribution).
  PiecewiseDistribution distribution(const YAML::Node& list, const std::string& concrete, double lowest_from,
                                     bool open_at_lowest) const;

 protected:
  const ScenarioTree& tree_;
  const YAML::Node root_;
};

}  // namespace krapte

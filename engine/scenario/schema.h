// The one schema table of the scenario file: key path, type, unit, default, range,
// description. It drives validation, "did you mean", defaults, the canonical text that
// `krapte validate` prints, and the generated reference page docs/scenario.md.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace krapte {

enum class KeyType { kMap, kList, kInt, kReal, kString, kMonth, kBool, kEnum, kStringList };

/// A lever of the collective employer programme, declared on the schema row of its section
/// (docs/levers/README.md): the one list of levers, which `krapte levers` prints and the
/// tools scripts read. number 0 = the key is no lever's section.
struct LeverTag {
  int number = 0;
  std::string measure;   // "working more hours"
  std::string scenario;  // its shipped scenario, scenarios/<scenario>.yaml
  std::string page;      // its page, docs/levers/<page>.md
};

struct KeySpec {
  std::string path;  // "exits.move_share"; list items as "job_families[].share"
  KeyType type = KeyType::kReal;
  std::string unit;           // "FTE", "months", "1/year", ... or ""
  std::string default_yaml;   // YAML text of the default; "" = none
  bool required = false;      // must be present (after defaults)
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;      // (min, ...] instead of [min, ...]
  bool max_open = false;
  std::string allowed;        // kEnum: "competitive|collective"
  bool present_only = false;  // kMap: not created when absent (costs: absent = no costs)
  std::string description;
  LeverTag lever;             // set on a lever's section key

  std::string parent() const;  // "exits" for "exits.move_share"; "" for top level
  std::string leaf() const;    // "move_share"
  std::string range_text() const;  // "[0, 1]", "> 0", "competitive | collective", ...
  std::string type_name() const;
  /// kEnum: the allowed values in the schema's order ("competitive", "collective").
  std::vector<std::string> allowed_values() const;
  /// kEnum: the position of `text` among allowed_values(), or -1.
  int allowed_index(std::string_view text) const;
};

/// How the schema table is written: one call per key, in canonical order. Public so that a
/// lever's own file (engine/levers, docs/levers/README.md) writes its rows itself.
struct SchemaBuilder {
  std::vector<KeySpec> keys;

  KeySpec& add(std::string path, KeyType type, std::string unit, std::string default_yaml, std::string description) {
    KeySpec spec;
    spec.path = std::move(path);
    spec.type = type;
    spec.unit = std::move(unit);
    spec.default_yaml = std::move(default_yaml);
    spec.description = std::move(description);
    keys.push_back(std::move(spec));
    return keys.back();
  }
  KeySpec& map(std::string path, std::string description) {
    return add(std::move(path), KeyType::kMap, "", "", std::move(description));
  }
  KeySpec& real(std::string path, std::string unit, std::string default_yaml, double lo, double hi,
                std::string description) {
    return ranged(KeyType::kReal, std::move(path), std::move(unit), std::move(default_yaml), lo, hi, std::move(description));
  }
  KeySpec& integer(std::string path, std::string unit, std::string default_yaml, double lo, double hi,
                   std::string description) {
    return ranged(KeyType::kInt, std::move(path), std::move(unit), std::move(default_yaml), lo, hi, std::move(description));
  }
  /// A number key with its allowed range [lo, hi].
  KeySpec& ranged(KeyType type, std::string path, std::string unit, std::string default_yaml, double lo, double hi,
                  std::string description) {
    KeySpec& spec = add(std::move(path), type, std::move(unit), std::move(default_yaml), std::move(description));
    spec.min = lo;
    spec.max = hi;
    return spec;
  }
  /// `from` (required) and `until` (optional, inclusive) calendar months of a lever.
  void window(const std::string& prefix) {
    add(prefix + ".from", KeyType::kMonth, "calendar month", "", "First month the measure acts.").required = true;
    add(prefix + ".until", KeyType::kMonth, "calendar month", "", "Last month the measure acts (inclusive); none = to the end.");
  }
  /// Which cells a lever applies to: empty lists mean all.
  void scope(const std::string& prefix, bool with_families = true) {
    if (with_families)
      add(prefix + ".families", KeyType::kStringList, "job families", "[]", "Job families it applies to; [] = all.");
    add(prefix + ".regions", KeyType::kStringList, "labour-market regions", "[]", "Labour-market regions it applies to; [] = all.");
    add(prefix + ".provinces", KeyType::kStringList, "provinces", "[]", "Provinces it applies to; [] = all.");
  }
  /// A piecewise-uniform distribution: a list of {from, to, weight} bins.
  void distribution(const std::string& path, const std::string& unit, double lo, double hi, bool required,
                    const std::string& description) {
    add(path, KeyType::kList, "", "", description + " A list of bins {from, to, weight}: the value is uniform in "
        "[from, to) within a bin (from = to is a point mass); weights are relative.").required = required;
    real(path + "[].from", unit, "", lo, hi, "Lower end of the bin.").required = true;
    real(path + "[].to", unit, "", lo, hi, "Upper end of the bin (exclusive; equal to from for a point mass).").required = true;
    real(path + "[].weight", "", "", 0, std::numeric_limits<double>::infinity(), "Relative weight of the bin.").required = true;
  }
};

/// A number as the scenario files and messages show it: whole numbers as integers
/// (100000, 4294967295; shortest round-trip would give 1e+05), others in shortest
/// round-trip form (0.1, 0.0087416109546967).
std::string format_number(double x);

/// All keys, in canonical order (parents before children).
const std::vector<KeySpec>& scenario_schema();
/// The spec with exactly this (pattern) path, or nullptr.
const KeySpec* find_key_spec(std::string_view path);
/// One lever and the schema sections that configure it (lever 9: two lists).
struct LeverInfo {
  LeverTag tag;
  std::vector<std::string> keys;  // "more_hours"
};
/// Every lever tagged in the schema, by number: derived, never a hand-kept list.
std::vector<LeverInfo> scenario_levers();
/// The reference page, Markdown (docs/scenario.md is this text; a test keeps it current).
std::string scenario_reference_markdown();

}  // namespace krapte

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

// The scenario as a YAML tree: load, patch with --set overrides, validate against the
// schema, fill defaults, emit canonically. Only after all that is it resolved into the
// typed ResolvedScenario (resolve.h).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/errors.h"

namespace krapte {

/// A parsed scenario tree with where it came from, for located error messages.
struct ScenarioTree {
  std::string path;                         // scenario file as given
  YAML::Node root;
  std::vector<std::string> override_paths;  // concrete paths patched by --set
  /// Concrete paths whose values came from a base scenario (`extends`), with its file.
  std::vector<std::pair<std::string, std::string>> inherited;
  /// Set on a copy made with YAML::Clone, which drops every mark: where() finds the node of
  /// a concrete path in this original tree instead (a sweep's points are such copies).
  YAML::Node marked_root;

  /// Location of a node for error messages ("--set" for overridden values).
  SourceLocation where(const YAML::Node& node, const std::string& concrete_path) const;
};

/// Reads and parses a scenario file, merged over its base when it `extends` one (maps
/// merged key by key, lists and values replaced; the base's relative data paths rebased to
/// this file's folder). InputError on a missing file, a YAML syntax error (with its line and
/// column) or an `extends` cycle.
ScenarioTree load_scenario_tree(const std::string& path);

/// Parses the text of a YAML input file (scenario or sweep file, `kind` in messages):
/// exactly one document, no NUL byte, no key twice in a map, no quoted value left open at
/// the end of the file (yaml-cpp accepts the last three silently). InputError with the
/// line and column otherwise.
YAML::Node parse_yaml_text(const std::string& path, const std::string& text, const std::string& kind);

/// Applies one "key.path=VALUE" override. List items are addressed by index or by the
/// value of their `name` key. The value is parsed as YAML.
void apply_override(ScenarioTree& tree, const std::string& assignment);

/// Checks every key against the schema (unknown keys with a "did you mean" suggestion,
/// types, ranges), then fills every default. InputError on the first problem.
void validate_and_fill_defaults(ScenarioTree& tree);

/// The canonical text of a validated tree: keys in schema order, numbers as format_number
/// writes them (schema.h). Equal scenarios give equal text, whatever the input's layout.
std::string canonical_yaml(const YAML::Node& root);

/// Edit distance, for "did you mean".
int edit_distance(const std::string& a, const std::string& b);

/// The item of a YAML list that a key-path segment names: its index ("2") or the value of
/// its `name` ("ict"); -1 if there is none.
long list_item_index(const YAML::Node& list, const std::string& segment);

}  // namespace krapte

#include "scenario/tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <cmath>
#include <optional>
#include <sstream>

#include "core/calendar.h"
#include "data/csv.h"
#include "scenario/schema.h"

namespace krapte {

namespace {
constexpr size_t kMaxScenarioBytes = size_t{16} << 20;
}  // namespace

namespace {
bool path_within(const std::string& concrete_path, const std::string& prefix) {
  return concrete_path == prefix || concrete_path.rfind(prefix + ".", 0) == 0 || concrete_path.rfind(prefix + "[", 0) == 0;
}
}  // namespace

namespace {
/// The node at a concrete path ("exits.age_bands[0].from_years"); undefined if absent.
YAML::Node node_at_path(const YAML::Node& root, const std::string& concrete_path) {
  std::vector<YAML::Node> trail = {root};  // yaml-cpp nodes rebind on assignment: keep a trail
  size_t pos = 0;
  while (pos < concrete_path.size()) {
    const YAML::Node node = trail.back();
    if (concrete_path[pos] == '[') {
      const size_t close = concrete_path.find(']', pos);
      if (close == std::string::npos || !node.IsSequence()) return YAML::Node(YAML::NodeType::Undefined);
      const size_t index = std::stoul(concrete_path.substr(pos + 1, close - pos - 1));
      if (index >= node.size()) return YAML::Node(YAML::NodeType::Undefined);
      trail.push_back(node[index]);
      pos = close + 1;
      continue;
    }
    if (concrete_path[pos] == '.') ++pos;
    const size_t end = concrete_path.find_first_of(".[", pos);
    const std::string key = concrete_path.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (!node.IsMap() || !node[key]) return YAML::Node(YAML::NodeType::Undefined);
    trail.push_back(node[key]);
    pos = end == std::string::npos ? concrete_path.size() : end;
  }
  return trail.back();
}
}  // namespace

SourceLocation ScenarioTree::where(const YAML::Node& node, const std::string& concrete_path) const {
  // A node that --set created has no mark; a key above an override path is --set's too.
  const bool from_set = !node.IsDefined() || node.Mark().is_null();
  for (const auto& patched : override_paths)
    if (path_within(concrete_path, patched) || (from_set && path_within(patched, concrete_path)))
      return SourceLocation::of_override(path, patched);
  std::string file = path;
  size_t longest = 0;
  for (const auto& [prefix, base_file] : inherited)
    if (path_within(concrete_path, prefix) && prefix.size() >= longest) {
      longest = prefix.size();
      file = base_file;
    }
  YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (marked_root.IsMap()) {
    const YAML::Node original = node_at_path(marked_root, concrete_path);
    mark = original.IsDefined() ? original.Mark() : YAML::Mark::null_mark();
  }
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

namespace {

constexpr int kMaxExtendsDepth = 16;
// Keys whose values are paths relative to the file that sets them.
constexpr std::array kPathKeys = {std::pair{"data", "municipalities"}, std::pair{"population", "file"}};
constexpr std::array kListPathKeys = {std::pair{"files", "file"}, std::pair{"formats", "function_map"}};  // under population

/// Merges `base` into `child` in place: maps key by key, anything else the child's. The
/// child's own nodes (and the base's, for what it inherits) keep their marks, so errors in
/// a file that extends another still point at a line and column. Records the concrete
/// paths taken from the base, for error locations.
void merge_into(YAML::Node child, const YAML::Node& base, const std::string& concrete, const std::string& base_file,
                std::vector<std::pair<std::string, std::string>>& inherited) {
  for (auto it = base.begin(); it != base.end(); ++it) {
    const std::string key = it->first.Scalar();
    const std::string path = concrete.empty() ? key : concrete + "." + key;
    const YAML::Node& const_child = child;
    const YAML::Node own = const_child[key];
    if (!own) {
      child.force_insert(it->first, it->second);
      inherited.emplace_back(path, base_file);
    } else if (own.IsMap() && it->second.IsMap()) {
      merge_into(own, it->second, path, base_file, inherited);
    }
  }
}

/// Where in `text` byte `pos` sits, 1-based.
SourceLocation location_of(const std::string& path, const std::string& text, size_t pos) {
  int line = 1, column = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return SourceLocation{path, line, column};
}

/// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or npos.
size_t first_invalid_utf8(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned min = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2, min = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3, min = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    unsigned code = byte & (0xFF >> (length + 1));
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::string::npos;
}

/// True if the quoted scalar that opens at text[open] is closed before the end of the text.
/// yaml-cpp accepts `key: "abc` at the end of a file as "abc ", silently.
bool quote_is_closed(const std::string& text, size_t open) {
  const char quote = text[open];
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: \" does not close
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside a single-quoted scalar
        continue;
      }
      return true;
    }
  }
  return false;
}

/// Checks what yaml-cpp lets through: repeated keys (it keeps both and node[key] returns
/// the first, so a later value would be silently ignored, and a merge over a base drops
/// it) and a quoted value left open at the end of the file.
void check_raw_tree(const YAML::Node& node, const std::string& path, const std::string& text, const std::string& concrete) {
  const auto check_quote = [&](const YAML::Node& scalar) {
    const YAML::Mark mark = scalar.Mark();
    if (mark.is_null() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return;
    const size_t pos = static_cast<size_t>(mark.pos);
    if ((text[pos] == '"' || text[pos] == '\'') && !quote_is_closed(text, pos))
      throw InputError(location_of(path, text, pos),
                       std::string("YAML syntax error: the quoted value opened here is never closed; allowed: a closing ") +
                           text[pos] + " on the same value");
  };
  if (node.IsScalar()) {
    check_quote(node);
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) check_raw_tree(node[i], path, text, concrete + "[" + std::to_string(i) + "]");
  } else if (node.IsMap()) {
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar()) check_quote(it->first);
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const std::string key_path = concrete.empty() ? key : concrete + "." + key;
      for (const auto& [earlier, mark] : seen)
        if (it->first.IsScalar() && earlier == key)
          throw InputError(SourceLocation{path, it->first.Mark().line + 1, it->first.Mark().column + 1},
                           "key '" + key_path + "' appears twice (first on line " + std::to_string(mark.line + 1) +
                               "); allowed: each key once");
      if (it->first.IsScalar()) seen.emplace_back(key, it->first.Mark());
      check_raw_tree(it->second, path, text, key_path);
    }
  }
}

/// Where the second YAML document of `text` starts (its first node), if it has one. Parses
/// at most two documents: yaml-cpp 0.7's LoadAll loops forever on a ',' outside any flow
/// collection ("- a" then ","; found by tests/fuzz/fuzz_scenario), because its parser
/// never consumes that token at document level and returns one empty document after
/// another, all at the ','. Counting documents ourselves ends that loop at the second.
std::optional<YAML::Mark> second_document(const std::string& text) {
  struct FirstNode : YAML::EventHandler {
    std::optional<YAML::Mark> mark;
    void at(const YAML::Mark& where) {
      if (!mark) mark = where;
    }
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& where, YAML::anchor_t) override { at(where); }
    void OnAlias(const YAML::Mark& where, YAML::anchor_t) override { at(where); }
    void OnScalar(const YAML::Mark& where, const std::string&, YAML::anchor_t, const std::string&) override { at(where); }
    void OnSequenceStart(const YAML::Mark& where, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
      at(where);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& where, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
      at(where);
    }
    void OnMapEnd() override {}
  };
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  FirstNode first, second;
  if (!parser.HandleNextDocument(first) || !parser.HandleNextDocument(second)) return std::nullopt;
  return second.mark ? second.mark : std::optional<YAML::Mark>(YAML::Mark());
}

}  // namespace

YAML::Node parse_yaml_text(const std::string& path, const std::string& text, const std::string& kind) {
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    throw InputError(location_of(path, text, nul), "a NUL byte; allowed: a text file (UTF-8)");
  // yaml-cpp 0.7 can loop forever on some invalid UTF-8 (found by tests/fuzz/fuzz_scenario).
  if (const size_t bad = first_invalid_utf8(text); bad != std::string::npos)
    throw InputError(location_of(path, text, bad), "a byte that is not UTF-8; allowed: a text file (UTF-8)");
  YAML::Node root;
  std::optional<YAML::Mark> second;
  try {
    root = YAML::Load(text);  // the first document only (never YAML::LoadAll: see second_document)
    second = second_document(text);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{path, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
  }
  if (second) {
    const YAML::Mark mark = *second;
    const SourceLocation where =
        mark.is_null() ? SourceLocation{path, 0, 0} : SourceLocation{path, mark.line + 1, mark.column + 1};
    if (!mark.is_null() && mark.pos >= 0 && static_cast<size_t>(mark.pos) < text.size() && text[mark.pos] == ',')
      throw InputError(where, "YAML syntax error: a ',' outside any [ ] list or { } map (an item's opening bracket "
                              "missing?); allowed: ',' between the items of a [ ] list or { } map, or inside a value");
    throw InputError(where, "a second YAML document (after '---'); allowed: one document per " + kind);
  }
  check_raw_tree(root, path, text, "");
  return root;
}

namespace {

ScenarioTree load_tree(const std::string& path, std::vector<std::string>& chain) {
  const std::string text = read_input_file(path, kMaxScenarioBytes, "scenario file");
  ScenarioTree tree;
  tree.path = path;
  tree.root = parse_yaml_text(path, text, "scenario file");
  if (!tree.root.IsMap())
    throw InputError(SourceLocation{path, 1, 1}, "a scenario must be a YAML map of keys (name, start, end, ...)");
  const YAML::Node extends = tree.root["extends"];
  if (!extends) return tree;
  const SourceLocation at{path, extends.Mark().line + 1, extends.Mark().column + 1};
  if (!extends.IsScalar() || extends.Scalar().empty())
    throw InputError(at, "extends: expected the path of a base scenario file");
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::string base_path = (folder / extends.Scalar()).lexically_normal().string();
  chain.push_back(std::filesystem::weakly_canonical(path).string());
  const std::string canonical_base = std::filesystem::weakly_canonical(base_path).string();
  if (std::find(chain.begin(), chain.end(), canonical_base) != chain.end())
    throw InputError(at, "extends: '" + extends.Scalar() + "' leads back to a scenario that extends it (a cycle)");
  if (chain.size() > kMaxExtendsDepth) throw InputError(at, "extends: more than 16 levels of base scenarios");
  if (!std::filesystem::is_regular_file(base_path))
    throw InputError(at, "extends: base scenario '" + extends.Scalar() + "' (" + base_path + ") does not exist");
  ScenarioTree base = load_tree(base_path, chain);
  // The base's relative paths are relative to its own folder: rebase them to ours.
  const std::filesystem::path base_folder = std::filesystem::path(base_path).parent_path();
  const auto rebase = [&](YAML::Node value) {
    if (!value || !value.IsScalar() || value.Scalar().empty()) return;
    const std::filesystem::path given(value.Scalar());
    if (given.is_absolute()) return;
    const std::filesystem::path target = (base_folder / given).lexically_normal();
    value = (folder.empty() ? target : target.lexically_relative(folder.empty() ? "." : folder)).string();
  };
  for (const auto& [section, key] : kPathKeys) {
    if (!base.root[section]) continue;
    rebase(base.root[section][key]);
  }
  // Paths inside list items: the HR extracts and their function maps (docs/hr-import.md).
  const YAML::Node population = base.root["population"];
  for (const auto& [list, key] : kListPathKeys) {
    if (!population || !population.IsMap() || !population[list] || !population[list].IsSequence()) continue;
    const YAML::Node items = population[list];
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].IsMap() && items[i][key]) rebase(items[i][key]);
  }
  tree.root.remove("extends");
  tree.inherited = base.inherited;
  merge_into(tree.root, base.root, "", base.path, tree.inherited);
  return tree;
}

}  // namespace

ScenarioTree load_scenario_tree(const std::string& path) {
  std::vector<std::string> chain;
  return load_tree(path, chain);
}

long list_item_index(const YAML::Node& list, const std::string& segment) {
  long index = -1;
  const auto [ptr, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
  if (ec != std::errc() || ptr != segment.data() + segment.size()) {
    index = -1;
    for (size_t j = 0; j < list.size(); ++j)
      if (list[j].IsMap() && list[j]["name"] && list[j]["name"].Scalar() == segment) index = static_cast<long>(j);
  }
  return index >= 0 && index < static_cast<long>(list.size()) ? index : -1;
}

int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

std::vector<const KeySpec*> children_of(const std::string& pattern_prefix) {
  std::vector<const KeySpec*> children;
  for (const KeySpec& spec : scenario_schema())
    if (spec.parent() == pattern_prefix) children.push_back(&spec);
  return children;
}

std::string join(const std::string& prefix, const std::string& key) { return prefix.empty() ? key : prefix + "." + key; }

std::string suggestion(const std::string& key, const std::vector<const KeySpec*>& siblings) {
  std::string best;
  int best_distance = 1 << 20;
  for (const KeySpec* spec : siblings) {
    const int d = edit_distance(key, spec->leaf());
    if (d < best_distance) {
      best_distance = d;
      best = spec->leaf();
    }
  }
  std::string allowed;
  for (const KeySpec* spec : siblings) allowed += (allowed.empty() ? "" : ", ") + spec->leaf();
  if (!best.empty() && best_distance <= std::max<int>(2, static_cast<int>(key.size()) / 3))
    return "; did you mean '" + best + "'? (allowed: " + allowed + ")";
  return "; allowed: " + allowed;
}

class Validator {
 public:
  explicit Validator(const ScenarioTree& tree) : tree_(tree) {}

  void check_map(const YAML::Node& node, const std::string& pattern, const std::string& concrete) {
    const auto siblings = children_of(pattern);
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar())
        throw InputError(tree_.where(it->first, concrete), "keys must be plain names");
      const std::string key = it->first.Scalar();  // repeated keys: refused per file (check_raw_tree)
      const KeySpec* spec = find_key_spec(join(pattern, key));
      if (spec == nullptr)
        throw InputError(tree_.where(it->first, join(concrete, key)),
                         "unknown key '" + join(concrete, key) + "'" + suggestion(key, siblings));
      // "key:" with nothing after it: the null node's mark is wherever the parser went
      // next, so point at the key instead.
      if (it->second.IsNull() && spec->type != KeyType::kMap)
        fail(it->first, join(concrete, key), "no value given; expected " + expected_text(*spec));
      check_value(it->second, *spec, join(concrete, key));
    }
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& concrete, const std::string& message) const {
    throw InputError(tree_.where(node, concrete), concrete + ": " + message);
  }

  static std::string expected_text(const KeySpec& spec) {
    const std::string range = spec.range_text();
    if (spec.type == KeyType::kEnum) return "one of " + range;
    return spec.type_name() + (range.empty() ? "" : " in " + range);
  }

  void check_value(const YAML::Node& node, const KeySpec& spec, const std::string& concrete) {
    switch (spec.type) {
      case KeyType::kMap:
        if (node.IsNull()) return;  // "key:" with nothing under it: all defaults
        if (!node.IsMap()) fail(node, concrete, "expected a map of keys");
        check_map(node, spec.path, concrete);
        return;
      case KeyType::kList:
        if (!node.IsSequence()) fail(node, concrete, "expected a list");
        for (size_t i = 0; i < node.size(); ++i) {
          const std::string item = concrete + "[" + std::to_string(i) + "]";
          if (!node[i].IsMap()) fail(node[i], item, "expected a map of keys");
          check_map(node[i], spec.path + "[]", item);
        }
        return;
      case KeyType::kStringList:
        if (!node.IsSequence()) fail(node, concrete, "expected a list of strings");
        for (size_t i = 0; i < node.size(); ++i)
          if (!node[i].IsScalar()) fail(node[i], concrete, "expected a list of strings");
        return;
      default:
        break;
    }
    if (!node.IsScalar())
      fail(node, concrete, std::string("expected a single value, not a ") + (node.IsMap() ? "map" : "list") +
                               "; allowed: " + expected_text(spec));
    const std::string& text = node.Scalar();
    switch (spec.type) {
      case KeyType::kString:
        return;
      case KeyType::kMonth:
        if (!parse_year_month(text)) fail(node, concrete, "'" + text + "' is not a month; allowed: YYYY-MM with a year from 1900 to 2200 (e.g. 2024-01)");
        return;
      case KeyType::kBool: {
        bool value = false;
        if (!YAML::convert<bool>::decode(node, value)) fail(node, concrete, "'" + text + "' is not a boolean; allowed: true | false");
        return;
      }
      case KeyType::kEnum: {
        if (spec.allowed_index(text) >= 0) return;  // the same lookup as parse_enum's
        fail(node, concrete, "'" + text + "' is not allowed; allowed: " + spec.range_text());
      }
      case KeyType::kInt:
      case KeyType::kReal: {
        double value = 0;
        const char* begin = text.data();
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || ptr != end || !std::isfinite(value))
          fail(node, concrete, "'" + text + "' is not a number; allowed: " + expected_text(spec));
        if (spec.type == KeyType::kInt && value != std::floor(value))
          fail(node, concrete, "'" + text + "' is not a whole number; allowed: " + expected_text(spec));
        const bool below = spec.min_open ? value <= spec.min : value < spec.min;
        const bool above = spec.max_open ? value >= spec.max : value > spec.max;
        if (below || above) fail(node, concrete, text + " is out of range; allowed: " + spec.range_text());
        return;
      }
      default:
        return;
    }
  }

  const ScenarioTree& tree_;
};

void fill_defaults(const ScenarioTree& tree, YAML::Node node, const std::string& pattern, const std::string& concrete) {
  for (const KeySpec* spec : children_of(pattern)) {
    const std::string key = spec->leaf();
    const std::string path = join(concrete, key);
    if (!node[key] || node[key].IsNull()) {
      if (!spec->default_yaml.empty()) {
        node[key] = YAML::Load(spec->default_yaml);
      } else if (spec->type == KeyType::kMap && spec->present_only) {
        continue;  // an optional section: absent means "not used", not "all defaults"
      } else if (spec->type == KeyType::kMap) {
        node[key] = YAML::Node(YAML::NodeType::Map);
      } else if (spec->required) {
        throw InputError(tree.where(node, concrete), "missing required key '" + path + "' (" + spec->description + ")");
      } else {
        continue;
      }
    }
    YAML::Node child = node[key];
    if (spec->type == KeyType::kMap) fill_defaults(tree, child, spec->path, path);
    if (spec->type == KeyType::kList)
      for (size_t i = 0; i < child.size(); ++i)
        fill_defaults(tree, child[i], spec->path + "[]", path + "[" + std::to_string(i) + "]");
  }
}

// Canonical emission: schema order, numbers in shortest round-trip form.
void emit_map(YAML::Emitter& out, const YAML::Node& node, const std::string& pattern);

void emit_value(YAML::Emitter& out, const YAML::Node& node, const KeySpec& spec) {
  switch (spec.type) {
    case KeyType::kMap:
      emit_map(out, node, spec.path);
      return;
    case KeyType::kList:
      if (node.size() == 0) out << YAML::Flow;  // "key: []" rather than "key:\n  []"
      out << YAML::BeginSeq;
      for (size_t i = 0; i < node.size(); ++i) emit_map(out, node[i], spec.path + "[]");
      out << YAML::EndSeq;
      return;
    case KeyType::kStringList:
      out << YAML::Flow << YAML::BeginSeq;
      for (size_t i = 0; i < node.size(); ++i) out << node[i].Scalar();
      out << YAML::EndSeq;
      return;
    case KeyType::kInt:
    case KeyType::kReal: {
      double value = 0;
      std::from_chars(node.Scalar().data(), node.Scalar().data() + node.Scalar().size(), value);
      out << format_number(value);
      return;
    }
    case KeyType::kBool:
      out << node.as<bool>();
      return;
    case KeyType::kString:
      out << YAML::DoubleQuoted << node.Scalar();
      return;
    default:
      out << node.Scalar();
      return;
  }
}

void emit_map(YAML::Emitter& out, const YAML::Node& node, const std::string& pattern) {
  out << YAML::BeginMap;
  for (const KeySpec* spec : children_of(pattern)) {
    const YAML::Node child = node[spec->leaf()];
    if (!child) continue;
    out << YAML::Key << spec->leaf() << YAML::Value;
    emit_value(out, child, *spec);
  }
  out << YAML::EndMap;
}

}  // namespace

void apply_override(ScenarioTree& tree, const std::string& assignment) {
  const auto equals = assignment.find('=');
  const SourceLocation where = SourceLocation::of_override("", assignment);
  if (equals == std::string::npos || equals == 0)
    throw InputError(where, "expected key.path=VALUE (e.g. exits.move_share=0.2)");
  const std::string key_path = assignment.substr(0, equals);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(equals + 1));
  } catch (const YAML::Exception& e) {
    throw InputError(where, "the value is not valid YAML: " + e.msg);
  }
  const auto segments = split(key_path, '.');
  YAML::Node node = tree.root;
  std::string concrete;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    if (segment.empty()) throw InputError(where, "empty segment in key path '" + key_path + "'");
    const bool last = i + 1 == segments.size();
    if (node.IsSequence()) {
      const long index = list_item_index(node, segment);
      if (index < 0) {
        std::string names;
        for (size_t j = 0; j < node.size(); ++j)
          if (node[j].IsMap() && node[j]["name"] && node[j]["name"].IsScalar())
            names += (names.empty() ? "" : ", ") + node[j]["name"].Scalar();
        const std::string indices = node.size() == 0 ? std::string("none (the list is empty)")
                                                     : "an index 0.." + std::to_string(node.size() - 1);
        throw InputError(where, "'" + concrete + "' has no item '" + segment + "'; allowed: " + indices +
                                    (names.empty() ? "" : " or a name: " + names));
      }
      // append() rather than "[" + ...: GCC 12 gives a false -Wrestrict on the latter here.
      concrete.append("[").append(std::to_string(index)).append("]");
      if (last) {
        node[static_cast<size_t>(index)] = value;
      } else {
        node.reset(node[static_cast<size_t>(index)]);
      }
      continue;
    }
    if (!node.IsMap() && !node.IsNull())
      throw InputError(where, "'" + concrete + "' is a single value; it has no key '" + segment + "'");
    concrete = join(concrete, segment);
    if (last) {
      node[segment] = value;
    } else {
      if (!node[segment]) node[segment] = YAML::Node(YAML::NodeType::Map);
      YAML::Node child = node[segment];
      node.reset(child);
    }
  }
  tree.override_paths.push_back(concrete);
}

void validate_and_fill_defaults(ScenarioTree& tree) {
  Validator(tree).check_map(tree.root, "", "");
  fill_defaults(tree, tree.root, "", "");
}

std::string canonical_yaml(const YAML::Node& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit_map(out, root, "");
  return std::string(out.c_str()) + "\n";
}

}  // namespace krapte

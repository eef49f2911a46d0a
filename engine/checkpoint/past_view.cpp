#include "checkpoint/past_view.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/errors.h"
#include "scenario/resolve.h"

namespace krapte {

namespace {

// A list item acts later if its `from` is after the month.
bool starts_after(const YAML::Node& item, YearMonth last_month) {
  if (!item.IsMap() || !item["from"]) return false;
  const auto from = parse_year_month(item["from"].Scalar());
  return from && *from > last_month;
}

// The list without its items that start after the month.
void drop_later(YAML::Node parent, const char* key, YearMonth last_month) {
  if (!parent || !parent[key] || !parent[key].IsSequence()) return;
  YAML::Node kept(YAML::NodeType::Sequence);
  for (const YAML::Node& item : parent[key])
    if (!starts_after(item, last_month)) kept.push_back(item);
  parent[key] = kept;
}

// Items that start later are placeholders, so that the items before keep their index (a
// trainee's programme is its index in the list); placeholders at the end are dropped.
void mask_later_keeping_index(YAML::Node parent, const char* key, YearMonth last_month) {
  if (!parent[key] || !parent[key].IsSequence()) return;
  YAML::Node masked(YAML::NodeType::Sequence);
  size_t used = 0;
  for (const YAML::Node& item : parent[key]) {
    masked.push_back(starts_after(item, last_month) ? YAML::Node("starts after the checkpoint") : YAML::Clone(item));
    if (!starts_after(item, last_month)) used = masked.size();
  }
  YAML::Node kept(YAML::NodeType::Sequence);
  for (size_t i = 0; i < used; ++i) kept.push_back(masked[i]);
  parent[key] = kept;
}

std::string file_digest(const std::string& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(SourceLocation{path, 0, 0}, key + ": cannot read the data file; allowed: a readable file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  char text[40];
  std::snprintf(text, sizeof text, "contents fnv1a %016llx", static_cast<unsigned long long>(fnv1a_64(bytes)));
  return text;
}

void compare(const YAML::Node& a, const YAML::Node& b, const std::string& path, std::string& found) {
  if (!found.empty()) return;
  const auto at = [&](const std::string& sub) { return path.empty() ? sub : path + "." + sub; };
  if (a.Type() != b.Type()) {
    found = path;
  } else if (a.IsMap()) {
    for (const auto& entry : a) {
      const std::string key = entry.first.Scalar();
      if (!b[key]) found = at(key);
      else compare(entry.second, b[key], at(key), found);
      if (!found.empty()) return;
    }
    for (const auto& entry : b)
      if (!a[entry.first.Scalar()]) {
        found = at(entry.first.Scalar());
        return;
      }
  } else if (a.IsSequence()) {
    for (size_t i = 0; i < std::min(a.size(), b.size()) && found.empty(); ++i)
      compare(a[i], b[i], path + "[" + std::to_string(i) + "]", found);
    if (found.empty() && a.size() != b.size()) found = path + "[" + std::to_string(std::min(a.size(), b.size())) + "]";
  } else if (a.IsScalar() && a.Scalar() != b.Scalar()) {
    found = path;
  }
}

}  // namespace

std::string past_view_yaml(const ResolvedScenario& scenario, YearMonth last_month) {
  YAML::Node root = YAML::Load(scenario.canonical_yaml);
  for (const char* key : {"name", "description", "end", "output", "costs"}) root.remove(key);
  root["data"]["municipalities"] = file_digest(scenario.municipalities.path, "data.municipalities");
  if (scenario.population.source == PopulationSource::kFile)
    root["population"]["file"] = file_digest(scenario.population.file, "population.file");
  // HR extracts (issue 15) and their function maps, in the order of the canonical lists.
  YAML::Node files = root["population"]["files"];
  for (size_t i = 0; i < scenario.population.files.size() && files.IsSequence() && i < files.size(); ++i)
    files[i]["file"] = file_digest(scenario.population.files[i].path, scenario.population.files[i].key + ".file");
  YAML::Node formats = root["population"]["formats"];
  for (size_t i = 0; i < scenario.population.formats.size() && formats.IsSequence() && i < formats.size(); ++i)
    if (!scenario.population.formats[i].function_map.empty())
      formats[i]["function_map"] =
          file_digest(scenario.population.formats[i].function_map, "population.formats[" + std::to_string(i) + "].function_map");

  drop_later(root, "aow_age", last_month);
  drop_later(root["recruitment"], "tightness", last_month);
  drop_later(root["attractiveness"], "path", last_month);
  drop_later(root, "demand_growth_paths", last_month);
  for (const char* lever : {"productivity_gains", "retention", "more_hours", "demand_shocks"})
    drop_later(root, lever, last_month);
  mask_later_keeping_index(root, "trainee_programmes", last_month);
  // Collective mode acts only in its window; before it, the mode is competitive.
  const bool collective = root["recruitment"]["mode"].Scalar() == "collective";
  if (!collective || starts_after(root["collective"], last_month)) {
    root["recruitment"]["mode"] = "competitive";
    root.remove("collective");
  }
  // A centre opening later adds its units now (the axis), but moves nothing yet.
  if (root["shared_services"] && root["shared_services"].IsSequence())
    for (YAML::Node centre : root["shared_services"])
      if (starts_after(centre, last_month)) {
        centre.remove("share");
        centre.remove("efficiency");
        centre["from"] = "after the checkpoint";
      }

  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

std::string first_past_difference(const std::string& past_a, const std::string& past_b) {
  if (past_a == past_b) return "";
  std::string found;
  compare(YAML::Load(past_a), YAML::Load(past_b), "", found);
  return found.empty() ? "scenario" : found;
}

}  // namespace krapte

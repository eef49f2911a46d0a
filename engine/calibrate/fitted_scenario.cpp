#include "calibrate/fitted_scenario.h"

#include <yaml-cpp/yaml.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "scenario/tree.h"

namespace krapte {

namespace {

std::string action_text(FitAction action) {
  switch (action) {
    case FitAction::kSet: return "set to";
    case FitAction::kAdd: return "added to";
    case FitAction::kScale: return "multiplying";
  }
  return "";
}

/// Lists of maps one item per line (flow style), as the shipped scenarios write them.
void flow_list_items(YAML::Node node) {
  if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i)
      if (node[i].IsMap()) node[i].SetStyle(YAML::EmitterStyle::Flow);
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) flow_list_items(it->second);
  }
}

}  // namespace

std::string fitted_scenario_yaml(const CalibrationSpec& spec, const CalibrationResult& result, const std::string& output_path) {
  ScenarioTree tree = load_scenario_tree(spec.scenario);
  const std::string scenario_name = tree.root["name"] ? tree.root["name"].Scalar() : "scenario";
  std::set<std::string> top_keys;
  for (const std::string& assignment : fit_overrides(spec, result.fitted)) {
    apply_override(tree, assignment);
    top_keys.insert(assignment.substr(0, assignment.find_first_of(".=")));
  }
  std::ostringstream out;
  out << "# Written by krapte calibrate " << spec.path << ": " << scenario_name << " with the values fitted by least\n"
      << "# squares of the expected-value projection to " << spec.targets.size() << " published figures of " << spec.series
      << "\n# (docs/backcast.md). Fitted (bootstrap over the figures' rounding: sd, 5th-95th percentile):\n";
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const FitParameter& p = spec.parameters[i];
    char line[256];
    std::snprintf(line, sizeof line, "#   %s = %.6g", p.name.c_str(), result.fitted[i]);
    out << line;
    if (!result.uncertainty.empty()) {
      std::snprintf(line, sizeof line, " (sd %.2g, %.6g .. %.6g)", result.uncertainty[i].standard_deviation,
                    result.uncertainty[i].p05, result.uncertainty[i].p95);
      out << line;
    }
    out << ", " << action_text(p.action) << " " << p.keys.size() << " key" << (p.keys.size() == 1 ? "" : "s") << " ("
        << p.keys.front() << (p.keys.size() > 1 ? ", ..." : "") << ")\n";
  }
  out << "# Everything else is the calibrated scenario's.\n";
  const std::filesystem::path folder = std::filesystem::absolute(output_path).parent_path();
  const std::string base = std::filesystem::absolute(spec.scenario).lexically_normal().lexically_relative(folder).string();
  YAML::Node patch(YAML::NodeType::Map);
  patch["extends"] = base;
  patch["name"] = scenario_name + "-fitted";
  for (const std::string& key : top_keys) {
    YAML::Node value = YAML::Clone(tree.root[key]);
    flow_list_items(value);
    patch[key] = value;
  }
  YAML::Emitter emitter;
  emitter.SetIndent(2);
  emitter << patch;
  out << emitter.c_str() << "\n";
  return out.str();
}

void write_text_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) {
      std::remove(temporary.c_str());
      throw InputError(SourceLocation{path, 0, 0}, "cannot write the file; allowed: a writable path");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    throw InputError(SourceLocation{path, 0, 0}, "cannot write the file (" + error.message() + "); allowed: a writable path");
  }
}

}  // namespace krapte

// From a scenario file (plus overrides) to a ResolvedScenario.
#pragma once

#include <string>
#include <vector>

#include "scenario/resolved.h"
#include "scenario/tree.h"

namespace krapte {

/// Load, override, validate, fill defaults, read data files, check cross-key rules
/// (end not before start, shares summing to 1, bands in order, ...). InputError on the
/// first problem, naming the file, line and column and what is allowed.
ResolvedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// The same from an already validated and defaulted tree.
ResolvedScenario resolve_scenario(const ScenarioTree& tree);

/// The `costs:` section (resolve_costs.cpp): prices, and a located error for a measure the
/// scenario uses without a cost entry.
void resolve_costs(const ScenarioTree& tree, ResolvedScenario& s);

uint64_t fnv1a_64(const std::string& text);

}  // namespace krapte

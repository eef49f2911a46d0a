#include "levers/new_tasks.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "scenario/lever_reader.h"
#include "scenario/monthly.h"
#include "scenario/schema.h"

namespace krapte::levers {

void NewTasksLever::schema(SchemaBuilder& s) {
  s.add("demand_shocks", KeyType::kList, "", "[]", "Lever 9, new tasks: demand x factor in the cells in scope while active (e.g. 1.05 for a new law).").lever = {number, "new tasks", "new-tasks", "new-tasks"};
  s.scope("demand_shocks[]");
  auto& shock = s.real("demand_shocks[].factor", "", "", 0, 10, "Factor on demand.");
  shock.required = true;
  shock.min_open = true;
  s.window("demand_shocks[]");
  s.add("demand_growth_paths", KeyType::kList, "", "[]", "Lever 9, growth paths: from `from` on, the family's demand grows at annual_growth instead of its demand_growth_annual (e.g. the social domain growing with ageing).").lever = {number, "new tasks", "new-tasks", "new-tasks"};
  s.add("demand_growth_paths[].family", KeyType::kString, "job family", "", "Job family.").required = true;
  s.add("demand_growth_paths[].from", KeyType::kMonth, "calendar month", "", "First month of the new growth rate.").required = true;
  auto& path_growth = s.real("demand_growth_paths[].annual_growth", "1/year", "", -1, 1, "Annual demand growth from then on.");
  path_growth.required = true;
  path_growth.min_open = true;
}

void NewTasksLever::resolve(const LeverReader& reader, ResolvedScenario& s) {
  const YAML::Node shocks = reader.root()["demand_shocks"];
  for (size_t i = 0; i < shocks.size(); ++i) {
    const std::string c = "demand_shocks[" + std::to_string(i) + "]";
    s.policies.demand_shocks.push_back(
        DemandShock{reader.scope(s, shocks[i], c), LeverReader::real(shocks[i]["factor"]), reader.window(shocks[i], c)});
  }
  const YAML::Node growth = reader.root()["demand_growth_paths"];
  for (size_t i = 0; i < growth.size(); ++i) {
    const std::string c = "demand_growth_paths[" + std::to_string(i) + "]";
    GrowthPathPoint point{reader.family_by_name(s, growth[i]["family"], c + ".family"), LeverReader::month(growth[i]["from"]),
                          LeverReader::real(growth[i]["annual_growth"])};
    for (const GrowthPathPoint& other : s.policies.growth_paths)
      if (other.family == point.family && !(other.from < point.from))
        reader.fail(growth[i]["from"], c + ".from", "entries of one family must be in increasing order of from");
    s.policies.growth_paths.push_back(point);
  }
}

void NewTasksLever::scale_demand(const ResolvedScenario& s, YearMonth c, int m, int j, double& factor) {
  for (const DemandShock& shock : s.policies.demand_shocks)
    if (shock.window.active(c) && shock.scope.applies(m, j)) factor *= shock.factor;
}

void NewTasksLever::grow_demand(const ResolvedScenario& s, int family, int k, DemandGrowth& growth) {
  for (const GrowthPathPoint& point : s.policies.growth_paths) {
    if (point.family != family) continue;
    const int change_at = std::clamp(point.from.index - s.time.start.index, 0, k);  // steps before the change
    if (change_at > growth.months_done) {
      growth.factor *= std::pow(1.0 + growth.rate, (change_at - growth.months_done) / 12.0);
      growth.months_done = change_at;
    }
    growth.rate = point.annual_growth;
  }
}

}  // namespace krapte::levers

#include "levers/productivity_gains.h"

#include <cmath>
#include <string>

#include "scenario/lever_reader.h"
#include "scenario/schema.h"

namespace krapte::levers {

void ProductivityGainsLever::schema(SchemaBuilder& s) {
  s.add("productivity_gains", KeyType::kList, "", "[]", "Lever 3, standardisation and innovation: demand x (1 - annual_gain)^(months since from / 12) in the cells in scope, frozen after until.").lever = {number, "standardisation and innovation", "standardisation", "standardisation"};
  s.scope("productivity_gains[]");
  s.real("productivity_gains[].annual_gain", "1/year", "", 0, 0.5, "Share of the work saved per year.").required = true;
  s.window("productivity_gains[]");
}

void ProductivityGainsLever::resolve(const LeverReader& reader, ResolvedScenario& s) {
  const YAML::Node gains = reader.root()["productivity_gains"];
  for (size_t i = 0; i < gains.size(); ++i) {
    const std::string c = "productivity_gains[" + std::to_string(i) + "]";
    s.policies.productivity_gains.push_back(
        ProductivityGain{reader.scope(s, gains[i], c), LeverReader::real(gains[i]["annual_gain"]), reader.window(gains[i], c)});
  }
}

void ProductivityGainsLever::scale_demand(const ResolvedScenario& s, YearMonth c, int m, int j, double& factor) {
  for (const ProductivityGain& gain : s.policies.productivity_gains)
    if (gain.scope.applies(m, j)) factor *= std::pow(1.0 - gain.annual_gain, gain.window.months_active(c) / 12.0);
}

}  // namespace krapte::levers

#include "scenario/monthly.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "levers/registry.h"

namespace krapte {

double demand_growth_factor(const ResolvedScenario& s, int family, int k) {
  DemandGrowth growth{s.families[static_cast<size_t>(family)].demand_growth_annual};
  levers::for_each([&]<class L>(size_t) {  // lever 9's growth paths
    if constexpr (requires { L::grow_demand(s, family, k, growth); }) L::grow_demand(s, family, k, growth);
  });
  // Without a growth path this is exactly (1 + g)^(k/12), as MODEL.md §4.3 writes it.
  return growth.factor * std::pow(1.0 + growth.rate, (k - growth.months_done) / 12.0);
}

std::vector<double> cell_demand_factors(const ResolvedScenario& s, YearMonth c, int k) {
  const int families = s.family_count();
  std::vector<double> growth(static_cast<size_t>(families));
  for (int j = 0; j < families; ++j) growth[static_cast<size_t>(j)] = demand_growth_factor(s, j, k);
  std::vector<double> factor(static_cast<size_t>(s.municipality_count()) * families, 0.0);
  auto at = [&](int unit, int j) -> double& { return factor[static_cast<size_t>(unit) * families + j]; };
  for (int m = 0; m < s.real_municipalities; ++m)
    for (int j = 0; j < families; ++j) {
      double f = growth[static_cast<size_t>(j)];
      levers::for_each([&]<class L>(size_t) {  // levers 9 and 3, in levers/registry.h's order
        if constexpr (requires { L::scale_demand(s, c, m, j, f); }) L::scale_demand(s, c, m, j, f);
      });
      at(m, j) = f;
    }
  for (const Flexpool& pool : s.policies.flexpools)
    if (pool.window.active(c))
      for (int unit : pool.pool_units)
        for (int j = 0; j < families; ++j) at(unit, j) = 1.0;
  return factor;
}

double matching_efficiency(const ResolvedScenario& s, YearMonth c) {
  double efficiency = s.recruitment.matching_efficiency * std::pow(s.attractiveness_index(c), s.attractiveness.match_elasticity);
  if (s.collective_in_force(c)) efficiency *= 1.0 + s.collective.efficiency_bonus;
  return efficiency;
}

double applicants_per_month(const ResolvedScenario& s, int family, int64_t inhabitants, YearMonth c) {
  return s.families[static_cast<size_t>(family)].applicants_per_100k_inhabitants * static_cast<double>(inhabitants) /
         100000.0 * s.tightness(c);
}

QuitRulesOfMonth quit_rules_of_month(const ResolvedScenario& s, YearMonth c) {
  QuitRulesOfMonth rules;
  rules.collective = s.collective_in_force(c);
  rules.attractiveness_factor = std::pow(s.attractiveness_index(c), -s.attractiveness.quit_elasticity);
  rules.move_share = s.exits.move_share * (rules.collective ? s.collective.move_share_factor : 1.0);
  rules.stay_below = rules.collective && s.collective.prevented_moves_stay ? s.exits.move_share : rules.move_share;
  rules.retention_from_age_months.assign(static_cast<size_t>(s.family_count()), INT_MAX);
  for (const Retention& retention : s.policies.retention)
    if (retention.window.active(c))
      for (int j = 0; j < s.family_count(); ++j)
        if (retention.family[static_cast<size_t>(j)])
          rules.retention_from_age_months[static_cast<size_t>(j)] = retention.from_age_years * 12;
  return rules;
}

RetentionMultipliers retention_multipliers(const ResolvedScenario& s, int family) {
  RetentionMultipliers multipliers;
  for (const Retention& retention : s.policies.retention)
    if (retention.family[static_cast<size_t>(family)]) {
      multipliers.quit = retention.quit_multiplier;
      multipliers.early_retirement = retention.early_retirement_multiplier;
    }
  return multipliers;
}

double quit_annual_rate(const ResolvedScenario& s, int family, int band, double pressure, double attractiveness_factor) {
  const double family_factor = s.families[static_cast<size_t>(family)].quit_multiplier * pressure * attractiveness_factor;
  return s.exits.age_bands[static_cast<size_t>(band)].quit_annual * family_factor;
}

std::vector<double> trainee_productivity_table(const ResolvedScenario& s) {
  std::vector<double> table{1.0};
  for (const TraineeProgramme& programme : s.policies.trainee_programmes) table.push_back(programme.productivity);
  return table;
}

std::vector<int> region_of_unit(const ResolvedScenario& s) {
  std::vector<int> region;
  region.reserve(static_cast<size_t>(s.municipality_count()));
  for (const Municipality& unit : s.municipalities.municipalities) region.push_back(unit.region);
  return region;
}

}  // namespace krapte

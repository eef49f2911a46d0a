#include "processes/step_context.h"

#include <algorithm>
#include <cmath>

#include "processes/exits.h"
#include "processes/recruitment.h"

namespace krapte {

double demand_growth_factor(const ResolvedScenario& s, int family, int k) {
  // Without a growth path this is exactly (1 + g)^(k/12), as MODEL.md §4.3 writes it.
  double factor = 1;
  double growth = s.families[family].demand_growth_annual;
  int month = 0;  // months of growth accounted for so far
  for (const GrowthPathPoint& point : s.policies.growth_paths) {
    if (point.family != family) continue;
    const int change_at = std::clamp(point.from.index - s.time.start.index, 0, k);  // steps before the change
    if (change_at > month) {
      factor *= std::pow(1.0 + growth, (change_at - month) / 12.0);
      month = change_at;
    }
    growth = point.annual_growth;
  }
  if (month == 0) return std::pow(1.0 + growth, k / 12.0);
  return factor * std::pow(1.0 + growth, (k - month) / 12.0);
}

namespace {

std::vector<double> cell_demand_factors(const ResolvedScenario& s, YearMonth c, int k) {
  const int families = s.family_count();
  const int units = s.municipality_count();
  std::vector<double> growth(families);
  for (int j = 0; j < families; ++j) growth[j] = demand_growth_factor(s, j, k);
  std::vector<double> factor(static_cast<size_t>(units) * families);
  for (int m = 0; m < units; ++m) {
    const UnitKind kind = s.unit_kind[m];
    for (int j = 0; j < families; ++j) {
      double f = kind == UnitKind::kFlexpool ? 1.0 : growth[j];  // a pool's size is fixed
      if (kind == UnitKind::kMunicipality) {
        for (const DemandShock& shock : s.policies.demand_shocks)
          if (shock.window.active(c) && shock.scope.applies(m, j)) f *= shock.factor;
        for (const ProductivityGain& gain : s.policies.productivity_gains)
          if (gain.scope.applies(m, j)) f *= std::pow(1.0 - gain.annual_gain, gain.window.months_active(c) / 12.0);
      }
      factor[static_cast<size_t>(m) * families + j] = f;
    }
  }
  // Units exist only while their lever acts: a pool in its window. A centre's demand is the
  // work it took over (SimState::centre_work), which follows its source's factor.
  for (const Flexpool& pool : s.policies.flexpools)
    for (int unit : pool.pool_units)
      if (!pool.window.active(c))
        for (int j = 0; j < families; ++j) factor[static_cast<size_t>(unit) * families + j] = 0;
  return factor;
}

}  // namespace

StepContext::StepContext(const ResolvedScenario& s, const RandomStreams& r, int k)
    : scenario(s), rng(r), step(k), month(s.time.month_of_point(k)), aow_age_months(s.aow_age_months(month)) {
  demand_factor = cell_demand_factors(s, month, k);
  const bool collective = s.collective_in_force(month);
  mode = collective ? RecruitmentMode::kCollective : RecruitmentMode::kCompetitive;
  const double index = s.attractiveness_index(month);
  quit_attractiveness_factor = std::pow(index, -s.attractiveness.quit_elasticity);
  matching_efficiency = krapte::matching_efficiency(s, month);
  move_share = s.exits.move_share * (collective ? s.collective.move_share_factor : 1.0);
  stay_below = collective && s.collective.prevented_moves_stay ? s.exits.move_share : move_share;

  retention_from_age_months.assign(s.family_count(), INT_MAX);
  for (const Retention& retention : s.policies.retention)
    if (retention.window.active(month))
      for (int j = 0; j < s.family_count(); ++j)
        if (retention.family[j]) retention_from_age_months[j] = retention.from_age_years * 12;

  trainee_productivity.assign(1, 1.0);
  trainee_retention_after.assign(1, 1.0);
  for (const TraineeProgramme& programme : s.policies.trainee_programmes) {
    trainee_productivity.push_back(programme.productivity);
    trainee_retention_after.push_back(programme.retention_after);
  }
  base_exit_table = krapte::base_exit_table(*this);
}

}  // namespace krapte

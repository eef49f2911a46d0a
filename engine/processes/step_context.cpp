#include "processes/step_context.h"

#include <cmath>

#include "processes/exits.h"

namespace krapte {

StepContext::StepContext(const ResolvedScenario& s, const RandomStreams& r, int k)
    : scenario(s), rng(r), step(k), month(s.time.month_of_point(k)), aow_age_months(s.aow_age_months(month)) {
  demand_factor.resize(s.family_count());
  for (int j = 0; j < s.family_count(); ++j)
    demand_factor[j] = std::pow(1.0 + s.families[j].demand_growth_annual, k / 12.0);
  quit_attractiveness_factor = std::pow(s.attractiveness.index, -s.attractiveness.quit_elasticity);
  move_share = s.exits.move_share *
               (s.recruitment.mode == RecruitmentMode::kCollective ? s.collective.move_share_factor : 1.0);
  base_quit_table = krapte::base_quit_table(*this);
}

}  // namespace krapte

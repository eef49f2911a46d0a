#include "processes/step_context.h"

#include <utility>

#include "processes/exits.h"
#include "processes/recruitment.h"
#include "scenario/monthly.h"

namespace krapte {

StepContext::StepContext(const ResolvedScenario& s, const RandomStreams& r, int k)
    : scenario(s), rng(r), step(k), month(s.time.month_of_point(k)), aow_age_months(s.aow_age_months(month)) {
  demand_factor = cell_demand_factors(s, month, k);
  QuitRulesOfMonth quit_rules = quit_rules_of_month(s, month);
  mode = quit_rules.collective ? RecruitmentMode::kCollective : RecruitmentMode::kCompetitive;
  quit_attractiveness_factor = quit_rules.attractiveness_factor;
  matching_efficiency = krapte::matching_efficiency(s, month);
  move_share = quit_rules.move_share;
  stay_below = quit_rules.stay_below;
  retention_from_age_months = std::move(quit_rules.retention_from_age_months);
  trainee_productivity = trainee_productivity_table(s);
  trainee_retention_after.assign(1, 1.0);
  for (const TraineeProgramme& programme : s.policies.trainee_programmes)
    trainee_retention_after.push_back(programme.retention_after);
  base_exit_table = krapte::base_exit_table(*this);
}

}  // namespace krapte

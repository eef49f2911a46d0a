#include "processes/vacancies.h"

namespace krapte {

void add_effective_supply(const StepContext& ctx, const MunicipalityAgents& agents, double* supply) {
  const double onboarding_productivity = ctx.scenario.onboarding.productivity;
  const size_t n = agents.size();
  for (size_t i = 0; i < n; ++i)
    supply[agents.family[i]] += effective_fte(agents.contract_fte[i], agents.onboarding_months_left[i],
                                              agents.trainee_programme[i], onboarding_productivity,
                                              ctx.trainee_productivity.data());
}

}  // namespace krapte

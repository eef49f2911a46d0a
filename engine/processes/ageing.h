// MODEL.md §4.2: every agent ages one month. Tenure grows, onboarding and trainee months
// count down (onboarding not below 0; trainee months reach 0 at graduation).
#pragma once

#include "population/agents.h"

namespace krapte {

/// One agent; `Columns` is MunicipalityAgents or AgentColumns (the exit pass's raw columns).
template <class Columns>
inline void age_agent(Columns& agents, size_t i) {
  agents.age_months[i] = static_cast<AgeMonths>(agents.age_months[i] + 1);
  agents.tenure_months[i] = static_cast<AgeMonths>(agents.tenure_months[i] + 1);
  agents.onboarding_months_left[i] = static_cast<MonthsLeft>(agents.onboarding_months_left[i] - (agents.onboarding_months_left[i] > 0 ? 1 : 0));
  agents.trainee_months_left[i] = static_cast<MonthsLeft>(
      agents.trainee_months_left[i] - (agents.trainee_programme[i] != 0 && agents.trainee_months_left[i] > 0 ? 1 : 0));
}

inline void age_agents(MunicipalityAgents& agents) {
  const size_t n = agents.size();
  for (size_t i = 0; i < n; ++i) age_agent(agents, i);
}

}  // namespace krapte

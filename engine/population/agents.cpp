#include "population/agents.h"

namespace krapte {

void MunicipalityAgents::append(const AgentRecord& agent) {
  id.push_back(agent.id);
  family.push_back(agent.family);
  age_months.push_back(static_cast<AgeMonths>(agent.age_months));
  tenure_months.push_back(static_cast<AgeMonths>(agent.tenure_months));
  contract_fte.push_back(agent.contract_fte);
  onboarding_months_left.push_back(static_cast<MonthsLeft>(agent.onboarding_months_left));
  trainee_programme.push_back(agent.trainee_programme);
  trainee_months_left.push_back(static_cast<MonthsLeft>(agent.trainee_months_left));
}

AgentRecord MunicipalityAgents::record(size_t i) const {
  return AgentRecord{id[i],           family[i],         age_months[i],     tenure_months[i],
                     contract_fte[i], onboarding_months_left[i], trainee_programme[i], trainee_months_left[i]};
}

void MunicipalityAgents::reserve(size_t n) {
  id.reserve(n);
  family.reserve(n);
  age_months.reserve(n);
  tenure_months.reserve(n);
  contract_fte.reserve(n);
  onboarding_months_left.reserve(n);
  trainee_programme.reserve(n);
  trainee_months_left.reserve(n);
}

void MunicipalityAgents::truncate(size_t n) {
  id.resize(n);
  family.resize(n);
  age_months.resize(n);
  tenure_months.resize(n);
  contract_fte.resize(n);
  onboarding_months_left.resize(n);
  trainee_programme.resize(n);
  trainee_months_left.resize(n);
}

size_t Population::total_agents() const {
  size_t total = 0;
  for (const auto& agents : by_municipality) total += agents.size();
  return total;
}

}  // namespace krapte

#include "processes/recruitment.h"

#include <algorithm>
#include <cmath>

#include "core/ids.h"

namespace krapte {

double expected_hires(double vacancies_heads, double applicants, double efficiency, double alpha) {
  if (vacancies_heads <= 0 || efficiency <= 0) return 0.0;
  if (applicants <= 0 && alpha < 1) return 0.0;
  const double matched = efficiency * std::pow(vacancies_heads, alpha) * std::pow(applicants, 1.0 - alpha);
  return std::min(vacancies_heads, matched);
}

void apply_recruitment(const StepContext& ctx, int region_index, const StepCells& cells, std::vector<double>& scratch) {
  const ResolvedScenario& s = ctx.scenario;
  const Region& region_info = s.municipalities.regions[region_index];
  const double mean_new_hire_fte = s.recruitment.new_hire_contract_fte.mean();
  const double efficiency = ctx.matching_efficiency;
  for (int j = 0; j < cells.families(); ++j) {
    double vacancy_sum = 0;
    for (int m : region_info.municipalities) vacancy_sum += cells.vacancy_fte.at(m, j);
    const double vacancies_heads = vacancy_sum / mean_new_hire_fte;
    const double applicants = applicants_per_month(s, j, region_info.inhabitants, ctx.month);
    const double expected = expected_hires(vacancies_heads, applicants, efficiency, s.recruitment.matching_alpha);
    const uint64_t cell_entity = static_cast<uint64_t>(region_index) * 256 + static_cast<uint64_t>(j);
    const double u = ctx.rng.uniform(RngPurpose::kHireCount, cell_entity, ctx.step, 0);
    const auto hires = static_cast<uint32_t>(std::floor(expected + u));
    for (uint32_t h = 0; h < hires; ++h) {
      AgentRecord hire;
      hire.id = hire_agent_id(ctx.step, static_cast<uint32_t>(region_index), static_cast<uint32_t>(j), h);
      const double u_place = ctx.rng.uniform(RngPurpose::kHireDestination, hire.id, ctx.step, 0);
      const int destination =
          choose_destination(cells, region_info.municipalities, j, ctx.mode, -1, u_place, scratch, s.collective.weights);
      if (destination < 0) break;  // no vacancy left in the region: the rest are not made
      const auto age = ctx.rng.uniform_pair(RngPurpose::kHireAttributes, hire.id, ctx.step, 0);
      const auto fte = ctx.rng.uniform_pair(RngPurpose::kHireAttributes, hire.id, ctx.step, 1);
      hire.family = static_cast<uint8_t>(j);
      hire.age_months = static_cast<int32_t>(std::floor(s.recruitment.new_hire_age_years.draw(age[0], age[1]) * 12.0));
      hire.contract_fte = s.recruitment.new_hire_contract_fte.draw(fte[0], fte[1]);
      hire.tenure_months = 0;
      hire.onboarding_months_left = s.onboarding.months;
      fill_vacancy(cells.vacancy_fte.at(destination, j), hire.contract_fte);
      (*cells.agents)[destination].append(hire);
      ++cells.flows.at(destination, j).hires_external;
    }
  }
}

}  // namespace krapte

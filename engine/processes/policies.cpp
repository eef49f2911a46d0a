#include "processes/policies.h"

#include <algorithm>
#include <cmath>

#include "core/ids.h"
#include "core/rates.h"
#include "processes/placement.h"

namespace krapte {

void transfer_to_shared_services(const StepContext& ctx, int region, const StepCells& cells) {
  const ResolvedScenario& s = ctx.scenario;
  for (const SharedService& ssc : s.policies.shared_services) {
    const int centre = ssc.centre_of_region[region];
    if (centre < 0 || ssc.from != ctx.month) continue;
    const double onboarding_productivity = s.onboarding.productivity;
    std::vector<double> supply(static_cast<size_t>(cells.families()));
    std::vector<double> moved(static_cast<size_t>(cells.families()));
    for (int m : s.municipalities.regions[region].municipalities) {
      if (s.unit_kind[m] != UnitKind::kMunicipality || !ssc.scope.municipality[m]) continue;
      MunicipalityAgents& agents = (*cells.agents)[m];
      std::fill(supply.begin(), supply.end(), 0.0);
      std::fill(moved.begin(), moved.end(), 0.0);
      size_t kept = 0;
      for (size_t i = 0; i < agents.size(); ++i) {
        const int j = agents.family[i];
        const double effective = effective_fte(agents.contract_fte[i], agents.onboarding_months_left[i],
                                               agents.trainee_programme[i], onboarding_productivity,
                                               ctx.trainee_productivity.data());
        supply[j] += effective;
        if (ssc.scope.family[j] && ctx.rng.uniform(RngPurpose::kSharedServiceTransfer, agents.id[i], ctx.step, 0) < ssc.share) {
          moved[j] += effective;
          (*cells.agents)[centre].append(agents.record(i));
          ++cells.flows.at(m, j).moves_out;
          ++cells.flows.at(centre, j).moves_in;
          continue;
        }
        if (kept != i) agents.move_agent(i, kept);
        ++kept;
      }
      agents.truncate(kept);
      for (int j = 0; j < cells.families(); ++j) {
        if (!ssc.scope.family[j]) continue;
        double& kept_share = cells.work_kept.at(m, j);
        const double f = supply[j] > 0 ? moved[j] / supply[j] : ssc.share;  // the work of those who moved
        (*cells.centre_work)[centre].push_back(CentreWork{j, cells.work_kept.index(m, j), f * kept_share * (1.0 - ssc.efficiency)});
        kept_share *= 1.0 - f;
      }
    }
  }
}

namespace {

int largest_shortage(const std::vector<int>& candidates, int j, CellGrid<const double> vacancy, CellGrid<const double> demand) {
  int best = -1;
  for (int m : candidates) {
    if (best < 0) {
      best = m;
      continue;
    }
    const double va = vacancy.at(m, j), vb = vacancy.at(best, j);
    // Largest vacancy; where none is left, the largest employer takes the trainee.
    if (va > vb || (va == vb && demand.at(m, j) > demand.at(best, j))) best = m;
  }
  return best;
}

}  // namespace

void take_in_trainees(const StepContext& ctx, const StepCells& cells) {
  const ResolvedScenario& s = ctx.scenario;
  for (size_t p = 0; p < s.policies.trainee_programmes.size(); ++p) {
    const TraineeProgramme& programme = s.policies.trainee_programmes[p];
    if (!programme.window.active(ctx.month) || ctx.month.month() != programme.intake_month) continue;
    std::vector<int> candidates;
    for (int m = 0; m < s.real_municipalities; ++m)
      if (programme.scope.municipality[m]) candidates.push_back(m);
    if (candidates.empty()) continue;
    const int j = programme.family;
    for (int h = 0; h < programme.intake_per_year; ++h) {
      AgentRecord trainee;
      trainee.id = trainee_agent_id(ctx.step, static_cast<uint32_t>(p), static_cast<uint32_t>(h));
      int destination = -1;
      if (programme.allocation == TraineeAllocation::kLargestShortage) {
        destination = largest_shortage(candidates, j, cells.vacancy_fte, cells.demand_fte);
      } else {
        double total = 0;
        for (int m : candidates) total += cells.demand_fte.at(m, j);
        const double target = ctx.rng.uniform(RngPurpose::kTraineePlacement, trainee.id, ctx.step, 0) * total;
        double running = 0;
        for (int m : candidates) {
          const double weight = cells.demand_fte.at(m, j);
          if (weight <= 0) continue;
          destination = m;
          running += weight;
          if (target < running) break;
        }
        if (destination < 0) destination = candidates.front();
      }
      const auto age = ctx.rng.uniform_pair(RngPurpose::kTraineeAttributes, trainee.id, ctx.step, 0);
      trainee.family = static_cast<uint8_t>(j);
      trainee.age_months = static_cast<int32_t>(std::floor(programme.age_years.draw(age[0], age[1]) * 12.0));
      trainee.contract_fte = programme.contract_fte;
      trainee.tenure_months = 0;
      trainee.onboarding_months_left = 0;  // the programme's productivity applies instead
      trainee.trainee_programme = static_cast<uint8_t>(p + 1);
      trainee.trainee_months_left = programme.duration_months;
      fill_vacancy(cells.vacancy_fte.at(destination, j), trainee.contract_fte);
      (*cells.agents)[destination].append(trainee);
      ++cells.flows.at(destination, j).hires_trainee;
    }
  }
}

void deploy_flexpools(const StepContext& ctx, const std::vector<double>& supply_fte, const StepCells& cells) {
  const CellGrid<const double> supply(supply_fte, cells.families());
  const ResolvedScenario& s = ctx.scenario;
  for (const Flexpool& pool : s.policies.flexpools) {
    if (!pool.window.active(ctx.month)) continue;
    const int j = pool.family;
    for (size_t p = 0; p < pool.pool_units.size(); ++p) {
      const std::vector<int>& served = pool.served_municipalities[p];
      const double available = supply.at(pool.pool_units[p], j);
      const auto blocks = static_cast<int>(std::floor(available / pool.block_fte + 1e-9));
      for (int b = 0; b < blocks; ++b) {
        int best = -1;
        double best_rate = 0;
        for (int m : served) {
          const double demand = cells.demand_fte.at(m, j);
          const double gap = demand - supply.at(m, j) - cells.flexpool_fte.at(m, j);
          if (gap <= kVacancyEpsilonFte) continue;
          const double rate = gap / demand;
          if (best < 0 || rate > best_rate) {
            best = m;
            best_rate = rate;
          }
        }
        if (best < 0) break;  // no vacancy left in the province: the rest of the pool waits
        cells.flexpool_fte.at(best, j) += pool.block_fte;
      }
    }
  }
}

}  // namespace krapte

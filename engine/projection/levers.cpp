#include "projection/levers.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/rates.h"
#include "levers/registry.h"
#include "scenario/monthly.h"

namespace krapte::projection {

namespace {

CellState& cell_of(std::vector<CellState>& cells, int families, int unit, int j) {
  return cells[static_cast<size_t>(unit) * families + static_cast<size_t>(j)];
}

}  // namespace

bool levers_cross_regions(const ResolvedScenario& s) {
  bool pools = false;
  for (const Flexpool& pool : s.policies.flexpools) pools |= !pool.pool_units.empty();
  return pools || !s.policies.trainee_programmes.empty();
}

/// Lever 5. Largest shortage: each trainee in turn to the largest expected V of the
/// programme's municipalities (ties: the larger demand), which it lowers by its FTE.
/// Proportional to demand: the intake shared by D, the exact expectation of the draw.
void take_in_trainees(const RunConstants& run, const StepRates& rates, std::vector<CellState>& cells) {
  const ResolvedScenario& s = *run.scenario;
  const int families = s.family_count();
  for (size_t p = 0; p < s.policies.trainee_programmes.size(); ++p) {
    const TraineeProgramme& programme = s.policies.trainee_programmes[p];
    if (!programme.window.active(rates.month) || rates.month.month() != programme.intake_month) continue;
    std::vector<int> candidates;
    for (int m = 0; m < s.real_municipalities; ++m)
      if (programme.scope.municipality[static_cast<size_t>(m)]) candidates.push_back(m);
    if (candidates.empty() || programme.intake_per_year <= 0) continue;
    const int j = programme.family;
    std::vector<double> intake(candidates.size(), 0.0);
    if (programme.allocation == TraineeAllocation::kLargestShortage) {
      for (int h = 0; h < programme.intake_per_year; ++h) {
        size_t best = 0;
        for (size_t i = 1; i < candidates.size(); ++i) {
          const CellState& a = cell_of(cells, families, candidates[i], j);
          const CellState& b = cell_of(cells, families, candidates[best], j);
          if (a.vacancy_fte > b.vacancy_fte || (a.vacancy_fte == b.vacancy_fte && a.demand_fte > b.demand_fte)) best = i;
        }
        intake[best] += 1;
        double& vacancy = cell_of(cells, families, candidates[best], j).vacancy_fte;
        vacancy = std::max(0.0, vacancy - programme.contract_fte);
      }
    } else {
      double total = 0;
      for (int m : candidates) total += cell_of(cells, families, m, j).demand_fte;
      for (size_t i = 0; i < candidates.size(); ++i) {
        CellState& cell = cell_of(cells, families, candidates[i], j);
        // Where no demand is left anywhere, the agents' draw ends on the first candidate.
        intake[i] = total > 0 ? programme.intake_per_year * cell.demand_fte / total
                              : (i == 0 ? static_cast<double>(programme.intake_per_year) : 0.0);
        cell.vacancy_fte = std::max(0.0, cell.vacancy_fte - intake[i] * programme.contract_fte);
      }
    }
    for (size_t i = 0; i < candidates.size(); ++i)
      if (intake[i] > 0)
        add_trainees(run, rates.step, static_cast<int>(p) + 1, intake[i], cell_of(cells, families, candidates[i], j));
  }
}

void act_in_region_after_recruitment(const RunConstants& run, const StepRates& rates, const std::vector<int>& units,
                                     std::vector<CellState>& cells) {
  levers::for_each([&]<class L>(size_t i) {
    if constexpr (requires { L::project_after_recruitment(run, rates, 0, units, cells); })
      L::project_after_recruitment(run, rates, run.first_quantity[i], units, cells);
  });
}

/// Lever 6, the agents' rule on the expected state: each pool's effective FTE in whole
/// blocks, each block to the served municipality with the largest remaining gap rate.
void deploy_flexpools(const RunConstants& run, const StepRates& rates, std::vector<CellState>& cells) {
  const ResolvedScenario& s = *run.scenario;
  const int families = s.family_count();
  for (CellState& cell : cells) cell.flexpool_fte = 0;
  for (const Flexpool& pool : s.policies.flexpools) {
    if (!pool.window.active(rates.month)) continue;
    const int j = pool.family;
    for (size_t p = 0; p < pool.pool_units.size(); ++p) {
      const std::vector<int>& served = pool.served_municipalities[p];
      std::vector<double> supply(served.size());
      for (size_t i = 0; i < served.size(); ++i)
        supply[i] = effective_fte_now(run, rates.step, cell_of(cells, families, served[i], j));
      const double available = effective_fte_now(run, rates.step, cell_of(cells, families, pool.pool_units[p], j));
      const auto blocks = static_cast<int>(std::floor(available / pool.block_fte + 1e-9));
      for (int b = 0; b < blocks; ++b) {
        int best = -1;
        double best_rate = 0;
        for (size_t i = 0; i < served.size(); ++i) {
          const CellState& cell = cell_of(cells, families, served[i], j);
          const double gap = cell.demand_fte - supply[i] - cell.flexpool_fte;
          if (gap <= kVacancyEpsilonFte) continue;
          const double rate = gap / cell.demand_fte;
          if (best < 0 || rate > best_rate) {
            best = static_cast<int>(i);
            best_rate = rate;
          }
        }
        if (best < 0) break;  // no gap left in the province
        cell_of(cells, families, served[static_cast<size_t>(best)], j).flexpool_fte += pool.block_fte;
      }
    }
  }
}

StepRates step_rates(const ResolvedScenario& s, int k) {
  StepRates r;
  r.step = k;
  r.month = s.time.month_of_point(k);
  r.aow_age_months = s.aow_age_months(r.month);
  QuitRulesOfMonth rules = quit_rules_of_month(s, r.month);
  r.collective = rules.collective;
  r.matching_efficiency = matching_efficiency(s, r.month);
  r.quit.attractiveness_factor = rules.attractiveness_factor;
  // The agents draw u < move_share: a move candidate; move_share <= u < stay_below: stays
  // (the prevented moves of `prevented_moves: stay`). As shares of the quits drawn:
  const double move_share = std::clamp(rules.move_share, 0.0, 1.0);
  const double kept = std::clamp(std::min(1.0, rules.stay_below) - move_share, 0.0, 1.0);
  r.quit.kept_share = kept;
  r.mover_share_of_leaving_quits = kept < 1.0 ? move_share / (1.0 - kept) : 0.0;
  r.retention_from_age_months = std::move(rules.retention_from_age_months);
  for (int j = 0; j < s.family_count(); ++j) r.base_band_shares.push_back(band_shares(s, j, 1.0, r.quit));
  r.demand_factor = cell_demand_factors(s, r.month, k);
  return r;
}

void transfer_to_centres(const RunConstants& run, const StepRates& rates, int region, std::vector<CellState>& cells) {
  const ResolvedScenario& s = *run.scenario;
  const int families = s.family_count();
  for (const SharedService& ssc : s.policies.shared_services) {
    const int centre = ssc.centre_of_region[static_cast<size_t>(region)];
    if (ssc.from != rates.month || centre < 0) continue;
    for (int m : s.municipalities.regions[static_cast<size_t>(region)].municipalities)
      for (int j = 0; j < families; ++j)
        if (m < s.real_municipalities && ssc.scope.applies(m, j)) {
          CellState& source = cell_of(cells, families, m, j);
          transfer_share(ssc.share, source, cell_of(cells, families, centre, j));
          // The work moves with the people who did it (f = share of every cohort).
          cell_of(cells, families, centre, j)
              .taken_work.push_back(TakenWork{static_cast<size_t>(m) * families + j,
                                              ssc.share * source.work_kept * (1.0 - ssc.efficiency)});
          source.work_kept *= 1.0 - ssc.share;
        }
  }
}

}  // namespace krapte::projection

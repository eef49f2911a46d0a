#include "projection/levers.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/rates.h"
#include "processes/recruitment.h"  // matching_efficiency: the rate, shared with the engine

namespace krapte::projection {

namespace {

/// (1 + g)^(k/12) with the family's growth paths (lever 9): each rate for its months.
double growth_factor(const ResolvedScenario& s, int family, int k) {
  double rate = s.families[static_cast<size_t>(family)].demand_growth_annual;
  double factor = 1;
  int months_done = 0;
  for (const GrowthPathPoint& point : s.policies.growth_paths) {
    if (point.family != family) continue;
    const int change = std::clamp(point.from.index - s.time.start.index, 0, k);
    if (change > months_done) {
      factor *= std::pow(1.0 + rate, (change - months_done) / 12.0);
      months_done = change;
    }
    rate = point.annual_growth;
  }
  return factor * std::pow(1.0 + rate, (k - months_done) / 12.0);
}

/// D(k) / D(0) of every cell: growth, demand shocks (9), productivity gains (3); a pool has
/// its fixed size while its window is open, 0 outside. The work a centre took over (4) is
/// followed per cell (CellState::work_kept, taken_work).
std::vector<double> demand_factors(const ResolvedScenario& s, YearMonth c, int k) {
  const int families = s.family_count();
  std::vector<double> growth(static_cast<size_t>(families));
  for (int j = 0; j < families; ++j) growth[static_cast<size_t>(j)] = growth_factor(s, j, k);
  std::vector<double> factor(static_cast<size_t>(s.municipality_count()) * families, 0.0);
  auto at = [&](int unit, int j) -> double& { return factor[static_cast<size_t>(unit) * families + j]; };
  for (int m = 0; m < s.real_municipalities; ++m) {
    for (int j = 0; j < families; ++j) {
      double f = growth[static_cast<size_t>(j)];
      for (const DemandShock& shock : s.policies.demand_shocks)
        if (shock.window.active(c) && shock.scope.applies(m, j)) f *= shock.factor;
      for (const ProductivityGain& gain : s.policies.productivity_gains)
        if (gain.scope.applies(m, j)) f *= std::pow(1.0 - gain.annual_gain, gain.window.months_active(c) / 12.0);
      at(m, j) = f;
    }
  }
  for (const Flexpool& pool : s.policies.flexpools)
    for (int unit : pool.pool_units)
      if (pool.window.active(c))
        for (int j = 0; j < families; ++j) at(unit, j) = 1.0;
  return factor;
}

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

/// Lever 8. The agents raise each participant below target by (target - FTE) / months
/// left of the ramp; summed over the participants of an age that is their gap / months
/// left (each cell follows the gap by age: start_cell, finish_step, add_trainees).
void add_more_hours(const RunConstants& run, const StepRates& rates, const std::vector<int>& units,
                    std::vector<CellState>& cells) {
  const ResolvedScenario& s = *run.scenario;
  const int families = s.family_count();
  for (size_t l = 0; l < s.policies.more_hours.size(); ++l) {
    const MoreHours& lever = s.policies.more_hours[l];
    if (!lever.window.active(rates.month)) continue;
    const int months_left = std::max(1, lever.ramp_months - (rates.month.index - lever.window.from.index));
    for (int m : units)
      for (int j = 0; j < families; ++j) {
        if (!lever.scope.applies(m, j)) continue;  // municipalities only: units are out of scope
        add_contract_fte(run, rates.step, l, months_left, cell_of(cells, families, m, j));
      }
  }
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
  r.collective = s.collective_in_force(r.month);
  r.matching_efficiency = matching_efficiency(s, r.month);
  r.tightness = s.tightness(r.month);
  r.quit.attractiveness_factor = std::pow(s.attractiveness_index(r.month), -s.attractiveness.quit_elasticity);
  // A quit is a move candidate with the move share (x the no-poaching factor while lever 1
  // acts); with `prevented_moves: stay` the moves it prevents stay instead of quitting.
  const double move_share =
      std::clamp(s.exits.move_share * (r.collective ? s.collective.move_share_factor : 1.0), 0.0, 1.0);
  const double kept = r.collective && s.collective.prevented_moves_stay
                          ? std::clamp(std::min(1.0, s.exits.move_share) - move_share, 0.0, 1.0)
                          : 0.0;
  r.quit.kept_share = kept;
  r.mover_share_of_leaving_quits = kept < 1.0 ? move_share / (1.0 - kept) : 0.0;
  r.retention_from_age_months.assign(static_cast<size_t>(s.family_count()), INT_MAX);
  for (const Retention& retention : s.policies.retention)
    if (retention.window.active(r.month))
      for (int j = 0; j < s.family_count(); ++j)
        if (retention.family[static_cast<size_t>(j)])
          r.retention_from_age_months[static_cast<size_t>(j)] = retention.from_age_years * 12;
  for (int j = 0; j < s.family_count(); ++j) r.base_band_shares.push_back(band_shares(s, j, 1.0, r.quit));
  r.demand_factor = demand_factors(s, r.month, k);
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

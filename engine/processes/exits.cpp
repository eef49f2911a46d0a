#include "processes/exits.h"

#include <algorithm>

#include "core/rates.h"

namespace krapte {

double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate) {
  return 1.0 + exits.pressure_sensitivity * std::max(0.0, previous_vacancy_rate - exits.pressure_threshold);
}

void fill_quit_table(const StepContext& ctx, const double* previous_vacancy_rate, QuitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  table.bands = static_cast<int>(s.exits.age_bands.size());
  table.monthly_prob.resize(static_cast<size_t>(s.family_count()) * table.bands * 2);
  for (int j = 0; j < s.family_count(); ++j) {
    const double cell_factor =
        s.families[j].quit_multiplier * workload_pressure(s.exits, previous_vacancy_rate[j]) * ctx.quit_attractiveness_factor;
    for (int b = 0; b < table.bands; ++b) {
      const double annual = s.exits.age_bands[b].quit_annual * cell_factor;
      const size_t at = (static_cast<size_t>(j) * table.bands + b) * 2;
      table.monthly_prob[at] = monthly_prob_from_annual_rate(annual);
      table.monthly_prob[at + 1] = monthly_prob_from_annual_rate(annual * s.exits.first_year_quit_factor);
    }
  }
}

void apply_exits(const StepContext& ctx, int municipality, const QuitTable& quit_table, MunicipalityAgents& agents,
                 CellFlows* flows, std::vector<Mover>& movers, std::vector<uint8_t>& keep) {
  const ResolvedScenario& s = ctx.scenario;
  const size_t n = agents.size();
  keep.assign(n, 1);
  bool anyone_left = false;
  for (size_t i = 0; i < n; ++i) {
    const int family = agents.family[i];
    CellFlows& cell = flows[family];
    const int age = agents.age_months[i];
    if (age >= ctx.aow_age_months) {
      keep[i] = 0;
      ++cell.exits_retirement;
      anyone_left = true;
      continue;
    }
    const int band = s.exit_band(age);
    const AgeBandRates& rates = s.exits.age_bands[band];
    const double p_early = rates.early_retirement_monthly_prob;
    const double p_quit = quit_table.at(family, band, agents.tenure_months[i] < 12);
    const double p_exit = std::min(1.0, p_early + p_quit + rates.other_monthly_prob);
    const auto u = ctx.rng.uniform_pair(RngPurpose::kExit, agents.id[i], ctx.step, 0);
    if (u[0] < p_exit) {
      keep[i] = 0;
      anyone_left = true;
      if (u[0] < p_early) {
        ++cell.exits_early_retirement;
      } else if (u[0] < p_early + p_quit) {
        if (u[1] < ctx.move_share) {
          movers.push_back(Mover{agents.record(i), municipality});  // counted when the move resolves
        } else {
          ++cell.exits_quit;
        }
      } else {
        ++cell.exits_other;
      }
      continue;
    }
    if (agents.is_trainee[i] && agents.trainee_months_left[i] == 0) {
      // Graduation: stay (as a regular employee) with probability retention_after.
      const double stay = ctx.rng.uniform(RngPurpose::kTraineeRetention, agents.id[i], ctx.step, 0);
      if (stay < ctx.trainee_retention_after) {
        agents.is_trainee[i] = 0;
      } else {
        keep[i] = 0;
        anyone_left = true;
        ++cell.exits_trainee;
      }
    }
  }
  if (anyone_left) agents.keep_where(keep);
}

}  // namespace krapte

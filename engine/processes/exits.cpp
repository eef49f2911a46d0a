#include "processes/exits.h"

#include <algorithm>

#include "core/rates.h"

namespace krapte {

double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate) {
  return 1.0 + exits.pressure_sensitivity * std::max(0.0, previous_vacancy_rate - exits.pressure_threshold);
}

namespace {

void fill_family_rows(const StepContext& ctx, int family, double pressure, QuitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  const double cell_factor = s.families[family].quit_multiplier * pressure * ctx.quit_attractiveness_factor;
  for (int b = 0; b < table.bands; ++b) {
    const double annual = s.exits.age_bands[b].quit_annual * cell_factor;
    const size_t at = (static_cast<size_t>(family) * table.bands + b) * 2;
    table.monthly_prob[at] = monthly_prob_from_annual_rate(annual);
    table.monthly_prob[at + 1] = monthly_prob_from_annual_rate(annual * s.exits.first_year_quit_factor);
  }
}

}  // namespace

QuitTable base_quit_table(const StepContext& ctx) {
  QuitTable table;
  table.bands = static_cast<int>(ctx.scenario.exits.age_bands.size());
  table.monthly_prob.resize(static_cast<size_t>(ctx.scenario.family_count()) * table.bands * 2);
  for (int j = 0; j < ctx.scenario.family_count(); ++j) fill_family_rows(ctx, j, 1.0, table);
  return table;
}

void fill_quit_table(const StepContext& ctx, const double* previous_vacancy_rate, QuitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  table.bands = ctx.base_quit_table.bands;
  table.monthly_prob.resize(ctx.base_quit_table.monthly_prob.size());
  const size_t family_rows = static_cast<size_t>(table.bands) * 2;
  for (int j = 0; j < s.family_count(); ++j) {
    const double pressure = workload_pressure(s.exits, previous_vacancy_rate[j]);
    if (pressure == 1.0) {
      std::copy_n(ctx.base_quit_table.monthly_prob.begin() + static_cast<std::ptrdiff_t>(j * family_rows), family_rows,
                  table.monthly_prob.begin() + static_cast<std::ptrdiff_t>(j * family_rows));
    } else {
      fill_family_rows(ctx, j, pressure, table);
    }
  }
}

void apply_exits(const StepContext& ctx, int municipality, const QuitTable& quit_table, MunicipalityAgents& agents,
                 CellFlows* flows, std::vector<Mover>& movers) {
  const ResolvedScenario& s = ctx.scenario;
  const size_t n = agents.size();
  size_t kept = 0;  // stayers are moved down to [0, kept) as we go
  for (size_t i = 0; i < n; ++i) {
    const int family = agents.family[i];
    CellFlows& cell = flows[family];
    const int age = agents.age_months[i];
    if (age >= ctx.aow_age_months) {
      ++cell.exits_retirement;
      continue;
    }
    const int band = s.exit_band(age);
    const AgeBandRates& rates = s.exits.age_bands[band];
    const double p_early = rates.early_retirement_monthly_prob;
    const double p_quit = quit_table.at(family, band, agents.tenure_months[i] < 12);
    const double p_exit = std::min(1.0, p_early + p_quit + rates.other_monthly_prob);
    const auto u = ctx.rng.uniform_pair(RngPurpose::kExit, agents.id[i], ctx.step, 0);
    if (u[0] < p_exit) {
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
      if (stay >= ctx.trainee_retention_after) {
        ++cell.exits_trainee;
        continue;
      }
      agents.is_trainee[i] = 0;
    }
    if (kept != i) agents.move_agent(i, kept);
    ++kept;
  }
  agents.truncate(kept);
}

}  // namespace krapte

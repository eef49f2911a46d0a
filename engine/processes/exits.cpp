#include "processes/exits.h"

#include <algorithm>

#include "core/rates.h"

namespace krapte {

double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate) {
  return 1.0 + exits.pressure_sensitivity * std::max(0.0, previous_vacancy_rate - exits.pressure_threshold);
}

namespace {

void fill_family_rows(const StepContext& ctx, int family, double pressure, ExitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  const double quit_factor = s.families[family].quit_multiplier * pressure * ctx.quit_attractiveness_factor;
  double retained_quit = 1;
  double retained_early = 1;
  for (const Retention& retention : s.policies.retention)
    if (retention.family[family]) {
      retained_quit = retention.quit_multiplier;
      retained_early = retention.early_retirement_multiplier;
    }
  for (int b = 0; b < table.bands; ++b) {
    const AgeBandRates& band = s.exits.age_bands[b];
    const double quit = band.quit_annual * quit_factor;
    for (int first_year = 0; first_year < 2; ++first_year) {
      const double quit_annual = first_year ? quit * s.exits.first_year_quit_factor : quit;
      ExitProbabilities* entry = &table.entries[((static_cast<size_t>(family) * table.bands + b) * 2 + first_year) * 2];
      entry[0] = {band.early_retirement_monthly_prob, monthly_prob_from_annual_rate(quit_annual)};
      entry[1] = {monthly_prob_from_annual_rate(band.early_retirement_annual * retained_early),
                  monthly_prob_from_annual_rate(quit_annual * retained_quit)};
    }
  }
}

}  // namespace

ExitOutcome classify_exit(const StepContext& ctx, const std::array<double, 2>& u, double p_early, double p_quit,
                          double p_exit) {
  if (u[0] >= p_exit) return ExitOutcome::kStays;
  if (u[0] < p_early) return ExitOutcome::kEarlyRetirement;
  if (u[0] >= p_early + p_quit) return ExitOutcome::kOther;
  if (u[1] < ctx.move_share) return ExitOutcome::kMove;
  // A move the no-poaching agreement prevented: with the extension the person stays.
  if (u[1] < ctx.stay_below) return ExitOutcome::kStays;
  return ExitOutcome::kQuit;
}

ExitTable base_exit_table(const StepContext& ctx) {
  ExitTable table;
  table.bands = static_cast<int>(ctx.scenario.exits.age_bands.size());
  table.entries.resize(static_cast<size_t>(ctx.scenario.family_count()) * table.family_stride());
  for (int j = 0; j < ctx.scenario.family_count(); ++j) fill_family_rows(ctx, j, 1.0, table);
  return table;
}

void fill_exit_table(const StepContext& ctx, const double* previous_vacancy_rate, ExitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  table.bands = ctx.base_exit_table.bands;
  table.entries.resize(ctx.base_exit_table.entries.size());
  const size_t stride = table.family_stride();
  for (int j = 0; j < s.family_count(); ++j) {
    const double pressure = workload_pressure(s.exits, previous_vacancy_rate[j]);
    if (pressure == 1.0) {
      std::copy_n(ctx.base_exit_table.entries.begin() + static_cast<std::ptrdiff_t>(j * stride), stride,
                  table.entries.begin() + static_cast<std::ptrdiff_t>(j * stride));
    } else {
      fill_family_rows(ctx, j, pressure, table);
    }
  }
}

void apply_exits(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
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
    const ExitProbabilities& p =
        exit_table.at(family, band, agents.tenure_months[i] < 12, age >= ctx.retention_from_age_months[family]);
    const double p_early = p.early_retirement;
    const double p_quit = p.quit;
    const double p_exit = std::min(1.0, p_early + p_quit + s.exits.age_bands[band].other_monthly_prob);
    const auto u = ctx.rng.uniform_pair(RngPurpose::kExit, agents.id[i], ctx.step, 0);
    switch (classify_exit(ctx, u, p_early, p_quit, p_exit)) {
      case ExitOutcome::kEarlyRetirement:
        ++cell.exits_early_retirement;
        continue;
      case ExitOutcome::kQuit:
        ++cell.exits_quit;
        continue;
      case ExitOutcome::kMove:
        movers.push_back(Mover{agents.record(i), municipality});  // counted when the move resolves
        continue;
      case ExitOutcome::kOther:
        ++cell.exits_other;
        continue;
      case ExitOutcome::kStays:
        break;
    }
    const uint8_t programme = agents.trainee_programme[i];
    if (programme != 0 && agents.trainee_months_left[i] == 0) {
      // Graduation: stay (as a regular employee) with probability retention_after.
      const double stay = ctx.rng.uniform(RngPurpose::kTraineeRetention, agents.id[i], ctx.step, 0);
      if (stay >= ctx.trainee_retention_after[programme]) {
        ++cell.exits_trainee;
        continue;
      }
      agents.trainee_programme[i] = 0;
    }
    if (kept != i) agents.move_agent(i, kept);
    ++kept;
  }
  agents.truncate(kept);
}

}  // namespace krapte

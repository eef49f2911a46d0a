#include "processes/exits.h"

#include <algorithm>
#include <array>
#include <climits>
#include <limits>

#include "core/rates.h"
#include "processes/ageing.h"

namespace krapte {

double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate) {
  return 1.0 + exits.pressure_sensitivity * std::max(0.0, previous_vacancy_rate - exits.pressure_threshold);
}

namespace {

// The sum in the order the exit pass once made it per agent: the same bits.
ExitProbabilities with_any_exit(double early_retirement, double quit, const AgeBandRates& band) {
  return {early_retirement, quit, std::min(1.0, early_retirement + quit + band.other_monthly_prob)};
}

void fill_family_rows(const StepContext& ctx, int family, double pressure, ExitTable& table) {
  const ResolvedScenario& s = ctx.scenario;
  const RetentionMultipliers retained = retention_multipliers(s, family);
  // The retained rows are read only while the retention lever acts for the family; without
  // it they are not converted (two of the three expm1/log1p pairs per row), but marked.
  const bool retention_acts = ctx.retention_from_age_months[family] != INT_MAX;
  constexpr double kUnused = std::numeric_limits<double>::quiet_NaN();
  ExitProbabilities* rows = table.entries.data() + static_cast<size_t>(family) * table.family_stride();
  for (int b = 0; b < table.bands; ++b) {
    const AgeBandRates& band = s.exits.age_bands[b];
    const double quit = quit_annual_rate(s, family, b, pressure, ctx.quit_attractiveness_factor);
    for (int first_year = 0; first_year < 2; ++first_year) {
      const double quit_annual = first_year ? quit * s.exits.first_year_quit_factor : quit;
      rows[exit_row_index(b, first_year != 0, false)] =
          with_any_exit(band.early_retirement_monthly_prob, monthly_prob_from_annual_rate(quit_annual), band);
      rows[exit_row_index(b, first_year != 0, true)] =
          retention_acts ? with_any_exit(monthly_prob_from_annual_rate(band.early_retirement_annual * retained.early_retirement),
                                         monthly_prob_from_annual_rate(quit_annual * retained.quit), band)
                         : ExitProbabilities{kUnused, kUnused, kUnused};
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
  table.base = &ctx.base_exit_table;
  table.uses_base.resize(static_cast<size_t>(s.family_count()));
  for (int j = 0; j < s.family_count(); ++j) {
    const double pressure = workload_pressure(s.exits, previous_vacancy_rate[j]);
    table.uses_base[static_cast<size_t>(j)] = pressure == 1.0 ? 1 : 0;
    if (pressure != 1.0) fill_family_rows(ctx, j, pressure, table);
  }
}

namespace {

// One pass over a municipality's agents: (ageing,) exits with stable compaction, (and the
// tally of the stayers). The exit draws of a block of agents are made together first
// (vectorised Philox, the same bits as one draw per agent); the second uniform of the pair
// is needed only for a quit, rarely, and is then drawn again alone. Ids of the block are
// read before the block is compacted: compaction writes only slots at or below the agent
// being decided.
template <bool kAge, bool kTally>
void exit_pass(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
               CellFlows* flows, std::vector<Mover>& movers, CellTally* tallies) {
  const ResolvedScenario& s = ctx.scenario;
  const int families = s.family_count();
  // Everything the loop reads besides the columns, in locals (see AgentColumns).
  std::array<const ExitProbabilities*, 256> rows;  // per family (family is a uint8_t)
  for (int j = 0; j < families; ++j) rows[static_cast<size_t>(j)] = exit_table.family_rows(j);
  const int* retention_from_age = ctx.retention_from_age_months.data();
  const int aow_age_months = ctx.aow_age_months;
  const double onboarding_productivity = s.onboarding.productivity;
  const double* trainee_productivity = ctx.trainee_productivity.data();
  AgentColumns a(agents);
  constexpr size_t kBlock = 256;
  std::array<uint64_t, kBlock> bits;
  const size_t n = agents.size();
  size_t kept = 0;  // stayers are moved down to [0, kept) as we go
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t count = std::min(kBlock, n - start);
    ctx.rng.first_draw_bits(RngPurpose::kExit, ctx.step, a.id + start, count, bits.data());
    for (size_t b = 0; b < count; ++b) {
      const size_t i = start + b;
      if constexpr (kAge) age_agent(a, i);
      const int family = a.family[i];
      const int age = a.age_months[i];
      if (age >= aow_age_months) {
        ++flows[family].exits_retirement;
        continue;
      }
      const int band = s.exit_band(age);
      const ExitProbabilities& p = rows[static_cast<size_t>(family)][ExitTable::row_index(
          band, a.tenure_months[i] < 12, age >= retention_from_age[family])];
      if (RandomStreams::unit(bits[b]) < p.any_exit) {
        CellFlows& cell = flows[family];
        const auto u = ctx.rng.uniform_pair(RngPurpose::kExit, a.id[i], ctx.step, 0);
        switch (classify_exit(ctx, u, p.early_retirement, p.quit, p.any_exit)) {
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
      }
      const uint8_t programme = a.trainee_programme[i];
      if (programme != 0 && a.trainee_months_left[i] == 0) {
        // Graduation: stay (as a regular employee) with probability retention_after.
        const double stay = ctx.rng.uniform(RngPurpose::kTraineeRetention, a.id[i], ctx.step, 0);
        if (stay >= ctx.trainee_retention_after[programme]) {
          ++flows[family].exits_trainee;
          continue;
        }
        a.trainee_programme[i] = 0;
      }
      if constexpr (kTally)
        tallies[family].add(age, a.contract_fte[i], a.onboarding_months_left[i], a.trainee_programme[i],
                            onboarding_productivity, trainee_productivity);
      if (kept != i) a.move_agent(i, kept);
      ++kept;
    }
  }
  agents.truncate(kept);
}

}  // namespace

void apply_exits(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
                 CellFlows* flows, std::vector<Mover>& movers) {
  exit_pass<false, false>(ctx, municipality, exit_table, agents, flows, movers, nullptr);
}

void age_and_apply_exits(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
                         CellFlows* flows, std::vector<Mover>& movers, CellTally* tallies) {
  const int families = ctx.scenario.family_count();
  for (int j = 0; j < families; ++j) tallies[j] = CellTally{};
  exit_pass<true, true>(ctx, municipality, exit_table, agents, flows, movers, tallies);
}

}  // namespace krapte

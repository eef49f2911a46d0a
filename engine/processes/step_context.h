// What every process of one month step may read: the scenario, the random streams of the
// replication, the step and its calendar month, and the values MODEL.md fixes per step
// (AOW age in force, demand factors, exit probabilities without pressure, the levers in
// force this month).
#pragma once

#include <climits>
#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "core/rng.h"
#include "processes/flows.h"
#include "scenario/monthly.h"
#include "scenario/resolved.h"

namespace krapte {

/// Monthly early-retirement and quit probabilities (MODEL.md §4.4) per
/// [family][band][first year][retained]: the annual rates x their multipliers (family,
/// first-year factor, pressure, attractiveness, retention lever), clamped to 1 before
/// conversion. "Retained" = at or above the family's retention age while the lever acts.
struct ExitProbabilities {
  double early_retirement = 0;
  double quit = 0;
  /// min(1, early retirement + quit + the band's other-exit probability): the one number the
  /// exit pass compares every agent's first draw with, summed once per row instead of per agent.
  double any_exit = 0;
};

struct ExitTable {
  int bands = 0;
  std::vector<ExitProbabilities> entries;
  /// Families whose rows are those of `base` (no workload pressure: the common case), so
  /// that a municipality's table costs nothing to fill for them; nullptr = all rows own.
  const ExitTable* base = nullptr;
  std::vector<uint8_t> uses_base;  // [family]
  /// The first entry of a family's rows, [band][first year][retained].
  const ExitProbabilities* family_rows(int family) const {
    const ExitTable& owner = base != nullptr && uses_base[static_cast<size_t>(family)] ? *base : *this;
    return owner.entries.data() + static_cast<size_t>(family) * family_stride();
  }
  static constexpr size_t row_index(int band, bool first_year, bool retained) {
    return exit_row_index(band, first_year, retained);
  }
  const ExitProbabilities& at(int family, int band, bool first_year, bool retained) const {
    return family_rows(family)[row_index(band, first_year, retained)];
  }
  size_t family_stride() const { return static_cast<size_t>(bands) * exit_rows_per_band; }
};

struct StepContext {
  const ResolvedScenario& scenario;
  const RandomStreams& rng;
  int step = 0;          // k = 1..T
  YearMonth month;       // calendar month c simulated by step k
  int aow_age_months = 0;
  /// D(m, j, k) / D(m, j, 0) for every cell [unit * families + j]: demand growth (with the
  /// growth paths), demand shocks and productivity gains (lever 3, 9); the work a
  /// shared-service centre took over (lever 4) is followed per cell (CentreWork).
  std::vector<double> demand_factor;
  RecruitmentMode mode = RecruitmentMode::kCompetitive;  // collective only while lever 1 acts
  /// Quit annual-rate multiplier common to all cells: attractiveness(c)^(-quit_elasticity).
  double quit_attractiveness_factor = 1;
  double matching_efficiency = 1;  // MODEL.md §4.7 with attractiveness(c) and the collective bonus
  /// Probability that a quit is a move candidate (collective mode applied).
  double move_share = 0;
  /// Extension: a quit drawn below this (the move share without the no-poaching factor) but
  /// not below move_share stays with its employer instead of leaving; = move_share if off.
  double stay_below = 0;
  /// Retention lever: age in months from which a family's staff count as retained (INT_MAX: none).
  std::vector<int> retention_from_age_months;
  /// Trainee programmes, indexed by trainee_programme (programme index + 1; entry 0 unused).
  std::vector<double> trainee_productivity;
  std::vector<double> trainee_retention_after;
  /// Exit probabilities without workload pressure, shared by all municipalities.
  ExitTable base_exit_table;

  StepContext(const ResolvedScenario& s, const RandomStreams& r, int k);
};

}  // namespace krapte

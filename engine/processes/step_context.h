// What every process of one month step may read: the scenario, the random streams of the
// replication, the step and its calendar month, and the values MODEL.md fixes per step
// (AOW age in force, demand factors, base monthly quit probabilities).
#pragma once

#include <vector>

#include "core/calendar.h"
#include "core/rng.h"
#include "scenario/resolved.h"

namespace krapte {

/// Per-cell counters of the flows of one step (MODEL.md §6).
struct CellFlows {
  int hires_external = 0;
  int hires_trainee = 0;
  int moves_in = 0;
  int moves_out = 0;
  int exits_retirement = 0;
  int exits_early_retirement = 0;
  int exits_quit = 0;
  int exits_other = 0;
  int exits_trainee = 0;
};

/// Monthly quit probabilities [family][band][first year] (MODEL.md §4.4): the annual rate
/// quit_rate(band) x family multiplier x (first-year factor) x pressure(m, j) x
/// attractiveness^(-elasticity), clamped to 1 before conversion.
struct QuitTable {
  int bands = 0;
  std::vector<double> monthly_prob;
  double at(int family, int band, bool first_year) const {
    return monthly_prob[(static_cast<size_t>(family) * bands + band) * 2 + (first_year ? 1 : 0)];
  }
};

struct StepContext {
  const ResolvedScenario& scenario;
  const RandomStreams& rng;
  int step = 0;          // k = 1..T
  YearMonth month;       // calendar month c simulated by step k
  int aow_age_months = 0;
  std::vector<double> demand_factor;  // per family: (1 + g_j)^(k/12) x policy factors
  /// Quit annual-rate multiplier common to all cells: attractiveness^(-quit_elasticity).
  double quit_attractiveness_factor = 1;
  /// Probability that a quit is a move candidate (collective mode applied).
  double move_share = 0;
  double trainee_productivity = 1;     // no trainee programme in the baseline
  double trainee_retention_after = 1;  // probability a graduating trainee stays
  /// Monthly quit probabilities without workload pressure, shared by all municipalities.
  QuitTable base_quit_table;

  StepContext(const ResolvedScenario& s, const RandomStreams& r, int k);
};

}  // namespace krapte

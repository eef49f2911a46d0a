// MODEL.md §4.9: recording the end-of-month state of one municipality into its cells.
// Cells hold additive sums (see catalogue.h); the recorder also returns each cell's
// vacancy rate, which the next step's workload pressure reads.
#pragma once

#include "metrics/catalogue.h"
#include "population/agents.h"
#include "processes/step_context.h"

namespace krapte {

struct RecordInputs {
  const MunicipalityAgents* agents = nullptr;
  const double* demand_fte = nullptr;     // [family]
  const CellFlows* flows = nullptr;       // [family], nullptr at point 0
  const double* flexpool_fte = nullptr;   // [family] deployed to the municipality this month
  double onboarding_productivity = 0.5;
  const double* trainee_productivity = nullptr;  // [trainee programme index + 1]
  /// [family]: the tallies of the agents [0, tallied_agents), continued here over the rest
  /// (the exit pass tallies its stayers; 0 = tally every agent, after resetting them).
  CellTally* tallies = nullptr;
  size_t tallied_agents = 0;
};

/// Writes [family][metric] sums into `cells`, adds [family][band] counts into `histogram`
/// and writes [family] vacancy rates into `vacancy_rate`.
void record_municipality(const RecordInputs& in, int families, double* cells, double* histogram, double* vacancy_rate);

}  // namespace krapte

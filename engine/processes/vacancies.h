// MODEL.md §4.3 and §4.5: demand of a cell and its vacancies after exits.
#pragma once

#include "population/agents.h"
#include "processes/step_context.h"

namespace krapte {

/// Effective FTE supply per family of one municipality, added into `supply` [family].
void add_effective_supply(const StepContext& ctx, const MunicipalityAgents& agents, double* supply);

/// V = max(0, D - S), the vacancy of a cell.
inline double vacancy_fte(double demand_fte, double supply_fte) {
  const double gap = demand_fte - supply_fte;
  return gap > 0 ? gap : 0.0;
}

}  // namespace krapte

// The levers of the levers issue in the expected-value projection: the values each step
// reads (demand factors, quit rule, retention ages, collective mode), and the rules that
// act on whole cells: shared-service centres taking over staff (lever 4), trainee intake
// (lever 5) and flexpool deployment (lever 6), and the call of the levers that are one unit
// (engine/levers: more hours, lever 8). Written apart from
// engine/processes like the rest of the projection; where the expectation is not exact,
// docs/model.md ("The expected-value projection") says what is approximated.
#pragma once

#include <vector>

#include "projection/cohorts.h"

namespace krapte::projection {

/// Everything step k reads, from the scenario alone. Cells are [unit * families + j].
StepRates step_rates(const ResolvedScenario& scenario, int k);

/// Lever 4, at the start of the month a centre opens (before ageing): `share` of every
/// cohort of region r's cells in scope moves to the region's centre.
void transfer_to_centres(const RunConstants& run, const StepRates& rates, int region, std::vector<CellState>& cells);

// Step 8, in the agents' order: trainee intake (lever 5), the levers that are one unit
// (more hours, lever 8), flexpool deployment (lever 6). `cells` hold this step's arrivals and V after recruitment.

/// Whether step 8 reaches across labour-market regions (trainees are placed nationally, a
/// flexpool serves its province): then every region must finish steps 2-7 first.
bool levers_cross_regions(const ResolvedScenario& scenario);
void take_in_trainees(const RunConstants& run, const StepRates& rates, std::vector<CellState>& cells);
/// The levers that are one unit (levers/registry.h, in its order; lever 8, more hours) for
/// the cells of `units`, one region's: their project_after_recruitment.
void act_in_region_after_recruitment(const RunConstants& run, const StepRates& rates, const std::vector<int>& units,
                                     std::vector<CellState>& cells);
void deploy_flexpools(const RunConstants& run, const StepRates& rates, std::vector<CellState>& cells);

}  // namespace krapte::projection

// MODEL.md §4.8 and the levers of the collective employer programme (issue 3) that change
// people or capacity: shared-service centres (staff transfer), trainee intake and
// provincial flexpools (working more hours is one unit: levers/more_hours). Each acts only
// while its window is open; with the levers off none of them draws a random number or
// touches an agent.
#pragma once

#include <vector>

#include "population/agents.h"
#include "processes/step_cells.h"
#include "processes/step_context.h"

namespace krapte {

/// Lever 4, at the start of the month a centre opens (before ageing and demand): each agent
/// of a family in scope moves to the centre of its region with probability `share`, keeping
/// tenure and onboarding (the same job, another employer); counted as a move. The work moves
/// with the people: a cell hands the centre the share f of its work that its moved staff
/// did (their effective FTE / the cell's; `share` where the cell has nobody), so neither side
/// gets a vacancy from the transfer. Regions are independent.
void transfer_to_shared_services(const StepContext& ctx, int region, const StepCells& cells);

/// Lever 5, in the intake month while the programme runs: intake_per_year trainees, each
/// placed in turn (largest vacancy FTE in the family, or drawn with weights D), counted as
/// hires_trainee. Programmes run in order.
void take_in_trainees(const StepContext& ctx, const StepCells& cells);

/// Lever 6: each pool's effective FTE, in blocks, to the served municipality with the
/// highest vacancy rate (recomputed after every block) while any has V > 0; recorded as
/// flexpool_fte there. `supply` holds each cell's effective FTE of its own agents.
void deploy_flexpools(const StepContext& ctx, const std::vector<double>& supply, const StepCells& cells);

}  // namespace krapte

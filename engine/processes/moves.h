// MODEL.md §4.6: moves between municipalities of a region. Movers, in order of id, each
// choose a destination among the other municipalities of their region with V > 0 in their
// family; a mover with no destination leaves the sector as a quit (counted at the origin).
#pragma once

#include <vector>

#include "population/agents.h"
#include "processes/exits.h"
#include "processes/placement.h"

namespace krapte {

/// `movers` must hold only region `region_index`'s movers; they are sorted by id here. Only
/// the region's cells and agents are touched, so regions can run in parallel.
void apply_moves(const StepContext& ctx, int region_index, const StepCells& cells, std::vector<Mover>& movers,
                 std::vector<double>& scratch);

}  // namespace krapte

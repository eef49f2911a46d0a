// The one view of the month's cell arrays that the agents' rules after the exit pass work
// on (moves, recruitment, placement and the levers): every array a CellGrid over the run
// state's vectors, [unit * families + j]. Replaces three pointer bags (RegionCells,
// PlacementCells, PolicyCells) that listed the same arrays.
#pragma once

#include <vector>

#include "core/cell_grid.h"
#include "population/agents.h"
#include "processes/flows.h"

namespace krapte {

/// Lever 4: work a shared-service centre took over from one municipality cell. The centre's
/// demand from it is `share` x D(0) of the source x the source's demand factor, so the work
/// follows the same growth, gains and shocks as in the municipality it came from.
struct CentreWork {
  int family = 0;
  size_t source_cell = 0;  // CellGrid::index(m, j) of the source
  double share = 0;        // moved share of the source's work x (1 - efficiency)
};

struct StepCells {
  CellGrid<double> vacancy_fte;        // V; falls as people arrive
  CellGrid<const double> demand_fte;   // D this month
  CellGrid<double> flexpool_fte;       // lever 6: deployed to each cell this month
  CellGrid<CellFlows> flows;
  CellGrid<double> work_kept;          // lever 4: share of its work a cell kept
  const double* size_weight = nullptr; // [unit]: size(m)^size_attraction
  std::vector<MunicipalityAgents>* agents = nullptr;
  std::vector<std::vector<CentreWork>>* centre_work = nullptr;  // lever 4: per unit

  int families() const { return vacancy_fte.families(); }
};

}  // namespace krapte

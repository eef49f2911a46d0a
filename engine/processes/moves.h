// MODEL.md §4.6: moves between municipalities of a region. Movers, in order of id, each
// choose a destination among the other municipalities of their region with V > 0 in their
// family; a mover with no destination leaves the sector as a quit (counted at the origin).
#pragma once

#include <vector>

#include "population/agents.h"
#include "processes/exits.h"
#include "processes/placement.h"

namespace krapte {

struct RegionCells {
  const std::vector<int>* municipalities = nullptr;
  int families = 0;
  double* vacancy_fte = nullptr;
  const double* demand_fte = nullptr;
  const double* size_weight = nullptr;
  CellFlows* flows = nullptr;  // [m * families + j]
  std::vector<MunicipalityAgents>* agents = nullptr;  // all municipalities; only the region's are touched
};

/// `movers` must hold only this region's movers; they are sorted by id here.
void apply_moves(const StepContext& ctx, RegionCells& region, std::vector<Mover>& movers, std::vector<double>& scratch);

}  // namespace krapte

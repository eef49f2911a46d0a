// MODEL.md §4.6-4.7 placement as an expectation. The agent model places movers and hires
// one at a time, each to a municipality of the region with V > 0 drawn with weight
// V x size^size_attraction (competitive) or V / D (collective; V x V / D as an option),
// and lowers that V by the person's FTE, not below 0. The expectation of that sequence has no closed form (the
// weights move with every arrival), so the projection uses the mean-field version of the
// same sequence: the expected arrivals are cut into chunks of at most one person; each
// chunk is split over the eligible municipalities in proportion to the weights of the
// current expected vacancies, and each vacancy then falls by its expected fill, the chance
// that the person comes there times E[min(V, FTE)] (a whole person who lands on a small
// vacancy fills only that vacancy). For one person this is exactly the agents' first
// draw; it departs from them only through the weights of later draws, which see the
// expected vacancies instead of random ones (docs/model.md).
#pragma once

#include <span>

#include "core/distribution.h"

namespace krapte::projection {

/// E[min(vacancy, F)] for the contract FTE F of one arriving person drawn from `fte`:
/// what one arrival takes off a vacancy in expectation.
double expected_fill(const PiecewiseDistribution& fte, double vacancy_fte);

/// The municipalities of one region and family, in table order. The weight of a
/// destination is V x `weight_factor`, times V again if `vacancy_squared`: V x
/// size(m)^size_attraction (competitive), V / D (collective) or V x V / D (collective with
/// `weights: vacancy_times_rate`); `weight_factor` is 0 where D is 0.
struct PlacementCells {
  std::span<double> vacancy_fte;  // updated as people arrive
  std::span<const double> weight_factor;
  bool vacancy_squared = false;
};

struct MoveOutcome {
  std::span<double> in_count, in_fte;  // arrivals at each destination (added to)
  std::span<double> out_count;         // completed moves from each origin (added to)
  std::span<double> unplaced_count;    // movers without a destination: quits at the origin (added to)
};

/// `movers` and `mover_fte`: expected movers of each origin and their summed contract FTE
/// (a mover's FTE is taken as its origin's mean). A mover never goes to its own origin.
void place_movers(PlacementCells cells, std::span<const double> movers, std::span<const double> mover_fte,
                  MoveOutcome outcome);

/// Places `expected_hires` (contract FTE drawn from `hire_fte`); adds each municipality's
/// share to `hires` and returns the hires placed (fewer when the region's V runs out).
double place_hires(PlacementCells cells, double expected_hires, const PiecewiseDistribution& hire_fte,
                   std::span<double> hires);

}  // namespace krapte::projection

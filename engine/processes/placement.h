// Choosing a municipality for a mover or a hire (MODEL.md §4.6-4.7): among the
// municipalities of the region with V > 0 in the family, weighted by
// V x size^size_attraction (competitive) or V / D (collective).
#pragma once

#include <vector>

#include "scenario/resolved.h"

namespace krapte {

/// The region-and-family view placement works on. Municipalities are in table order.
struct PlacementCells {
  const std::vector<int>* municipalities = nullptr;  // of the region
  int family = 0;
  int families = 0;
  double* vacancy_fte = nullptr;       // [m * families + j], updated as people arrive
  const double* demand_fte = nullptr;  // [m * families + j]
  const double* size_weight = nullptr; // [m]: size(m)^size_attraction
};

/// Picks a destination with one uniform `u`; `excluded` (the mover's origin) or -1.
/// Returns -1 when no municipality of the region has V > 0 (1e-9 FTE). `weights` is scratch.
/// Collective weights are V / D (MODEL.md) or, with the extension, V x V / D.
int choose_destination(const PlacementCells& cells, RecruitmentMode mode, int excluded, double u,
                       std::vector<double>& weights,
                       CollectiveWeights collective_weights = CollectiveWeights::kVacancyRate);

/// An arrival fills a vacancy: V falls by the arriving contract FTE, not below 0.
inline void fill_vacancy(double& vacancy, double contract_fte) {
  vacancy = vacancy > contract_fte ? vacancy - contract_fte : 0.0;
}

}  // namespace krapte

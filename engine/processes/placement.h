// Choosing a municipality for a mover or a hire (MODEL.md §4.6-4.7): among the
// municipalities of the region with V > 0 in the family, weighted by
// V x size^size_attraction (competitive) or V / D (collective).
#pragma once

#include <vector>

#include "processes/step_cells.h"
#include "scenario/resolved.h"

namespace krapte {

/// Picks a destination among `municipalities` (of one region, in table order) for `family`
/// with one uniform `u`, reading V, D and size weights of `cells`; `excluded` (the mover's origin) or -1.
/// Returns -1 when no municipality of the region has V > 0 (1e-9 FTE). `weights` is scratch.
/// Collective weights are V / D (MODEL.md) or, with the extension, V x V / D.
int choose_destination(const StepCells& cells, const std::vector<int>& municipalities, int family,
                       RecruitmentMode mode, int excluded, double u,
                       std::vector<double>& weights,
                       CollectiveWeights collective_weights = CollectiveWeights::kVacancyRate);

/// An arrival fills a vacancy: V falls by the arriving contract FTE, not below 0.
inline void fill_vacancy(double& vacancy, double contract_fte) {
  vacancy = vacancy > contract_fte ? vacancy - contract_fte : 0.0;
}

}  // namespace krapte

// MODEL.md §4.7: regional recruitment with a matching function. Per region and family,
// expected hires E = min(v, efficiency v^alpha a^(1-alpha)), hires H = floor(E + u), each
// placed in turn like a mover; hires stop when no municipality of the region has V > 0.
#pragma once

#include "processes/moves.h"

namespace krapte {

/// Expected hires of one region and family in one month.
double expected_hires(double vacancies_heads, double applicants, double efficiency, double alpha);

void apply_recruitment(const StepContext& ctx, int region_index, const StepCells& cells, std::vector<double>& scratch);

}  // namespace krapte

// Invariants verified outside the hot loop when built with KRAPTE_CHECKS (debug and ci
// presets): a violation is a bug in krapte, never a user error.
#pragma once

#include <string>

#include "metrics/series.h"

namespace krapte {

/// MODEL.md §6: headcount(k) = headcount(k-1) + hires + moves_in - moves_out - exits, for
/// every cell. Returns "" if it holds, else a description of the first broken cell.
std::string stock_flow_violation(const ReplicationSeries& series, int point);

}  // namespace krapte

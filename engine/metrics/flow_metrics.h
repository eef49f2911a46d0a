// Each flow of processes/flows.h with its Metric and its sign in the stock-flow identity
// (MODEL.md §6: headcount(k) = headcount(k-1) + inflows - outflows), written once for the
// recorder, the projection's record and the identity check.
#pragma once

#include "metrics/catalogue.h"
#include "processes/flows.h"

namespace krapte {

/// Calls visit(metric, value, sign) for every flow of `flows`, in catalogue order; sign is
/// +1 for a flow into the cell's headcount and -1 for one out of it.
template <class T, class Visit>
void for_each_flow(const Flows<T>& flows, Visit&& visit) {
  visit(Metric::kHiresExternal, flows.hires_external, +1);
  visit(Metric::kHiresTrainee, flows.hires_trainee, +1);
  visit(Metric::kMovesIn, flows.moves_in, +1);
  visit(Metric::kMovesOut, flows.moves_out, -1);
  visit(Metric::kExitsRetirement, flows.exits_retirement, -1);
  visit(Metric::kExitsEarlyRetirement, flows.exits_early_retirement, -1);
  visit(Metric::kExitsQuit, flows.exits_quit, -1);
  visit(Metric::kExitsOther, flows.exits_other, -1);
  visit(Metric::kExitsTrainee, flows.exits_trainee, -1);
}

}  // namespace krapte

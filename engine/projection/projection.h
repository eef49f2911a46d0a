// MODEL.md §7: the expected-value projection. The model of §4 without randomness: every
// draw replaced by its expectation, cohorts by municipality x job family x age in months
// x tenure state, the same step order, the same outputs in the same layout as one
// replication of the agents. Where no exact expectation exists (placement of movers and
// hires, max(0, D - S) of an expected supply, pressure of an expected vacancy rate) it
// uses the approximations written down in docs/model.md ("The expected-value projection").
//
// The step logic here is written apart from engine/processes and engine/sim on purpose:
// the two share the scenario's monthly values (scenario/monthly.h) and the matching and
// pressure functions, not the steps, so that their agreement (docs/validation.md) is
// evidence that both implement MODEL.md.
#pragma once

#include "metrics/series.h"
#include "scenario/resolved.h"
#include "sim/replication.h"

namespace krapte {

/// Projects `scenario` from the initial population and D(0) of `setup` (the same people
/// the agents start from). Runs the regions in parallel under the caller's oneTBB limits;
/// the result does not depend on the thread count.
ReplicationSeries run_projection(const ResolvedScenario& scenario, const RunSetup& setup);

}  // namespace krapte

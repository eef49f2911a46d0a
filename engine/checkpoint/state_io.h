// What a checkpoint stores of one replication (docs/model.md, "State of a replication"):
// the agents' columns per unit, the cell values that carry over from one month to the
// next (demand, vacancies, the vacancy rate that feeds pressure, the flexpool deployment,
// lever 4's kept and taken-over work), the step reached and the series recorded so far.
// Everything else in SimState is scratch that each step rebuilds before reading it.
#pragma once

#include <hdf5.h>

#include "sim/progress.h"

namespace krapte::checkpoint {

/// Writes `progress` into the (new, empty) group `group`.
void write_progress(hid_t group, const ReplicationProgress& progress);
/// The replication as `scenario` continues it: SimState built for `scenario`, then the
/// stored state put in; the series sized for `scenario`'s time axis. h5::Error if the group
/// is damaged or does not fit the scenario's axes.
ReplicationProgress read_progress(hid_t group, const ResolvedScenario& scenario, const RunSetup& setup);

}  // namespace krapte::checkpoint

// Resource limits (issue 14, part 5; docs/model.md "Resource limits"): before any
// replication runs, the memory a run or sweep will hold is estimated and compared with what
// this process can have; an input that would not fit is refused in one line instead of
// ending in an out-of-memory kill hours later.
#pragma once

#include <cstdint>
#include <string>

#include "scenario/resolved.h"

namespace krapte {

/// Bytes one replication in flight holds: its agents plus its series (the cell sums and the
/// levels derived from them when it is written).
double replication_bytes(const ResolvedScenario& scenario, double agents);
/// The initial agents a scenario gives, estimated without building them (sweeps).
double estimated_agents(const ResolvedScenario& scenario);
/// What this process can have: MemAvailable (/proc/meminfo), capped by the cgroup's
/// memory.max and by the address-space limit (ulimit -v), whichever is lowest.
double available_memory_bytes();
/// InputError naming `what` if `in_flight` x `per_run` + `shared` exceeds the memory
/// available; `threads` is named in the message when fewer would fit.
void refuse_if_out_of_memory(const std::string& what, double per_run, int in_flight, double shared, int threads);

}  // namespace krapte

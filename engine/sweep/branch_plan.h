// Which points of a sweep share their past (docs/sweeps.md, "Branching"): points whose
// scenarios act the same up to the end of a month (checkpoint/past_view.h) simulate those
// months bit for bit alike, so each replication's past is run once and continued per point.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/calendar.h"
#include "scenario/resolved.h"
#include "sweep/spec.h"

namespace krapte {

/// `branch_at: auto` keeps every point's scenario in memory: up to this many points.
inline constexpr int64_t kMaxAutoBranchPoints = 10000;

struct BranchPlan {
  int step = 0;  // the shared past is steps 1..step; 0 = no branching
  YearMonth month;  // the month of `step`
  /// Points that share the past up to `month`, two or more per group, in point order.
  std::vector<std::vector<int64_t>> groups;
  int64_t branched_points() const;
};

/// The branching `spec.branch_at` asks for. `resolve` gives a point's scenario (thread-safe);
/// `layout` is point 0's (every point has its time axis). InputError at branch_at for a month
/// outside the run.
BranchPlan plan_branches(const SweepSpec& spec, const ResolvedScenario& layout, int64_t points,
                         const std::function<ResolvedScenario(int64_t)>& resolve, int threads);

}  // namespace krapte

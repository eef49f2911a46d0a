// From a sweep spec to its points, every one checked before any run: each point's
// overrides are applied to the base scenario as --set patches, validated, resolved and
// hashed; every point must give the file the same layout (time axis, units, regions, job
// families, municipality level). A point is identified by the hash of its resolved scenario
// with `replications` left out (point_hash), so resuming can reuse its finished runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output/sweep_file.h"
#include "scenario/resolved.h"
#include "scenario/tree.h"
#include "sweep/branch_plan.h"
#include "sweep/spec.h"

namespace krapte {

class SweepPlan {
 public:
  /// Checks every point, in parallel on `threads` threads. InputError, located in the sweep
  /// file where one value is to blame, for the first point (in point order) that fails.
  SweepPlan(SweepSpec spec, int threads);

  const SweepSpec& spec() const { return spec_; }
  int64_t points() const { return static_cast<int64_t>(rows_.size()); }
  int replications() const { return base_.replications; }
  const ResolvedScenario& base() const { return base_; }
  const ResolvedScenario& layout() const { return layout_; }
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<SweepPoint>& rows() const { return rows_; }
  /// The point's --set overrides on the base scenario (`krapte run BASE --set ...` runs it alone).
  std::vector<std::string> overrides(int64_t point) const;
  /// The point's resolved scenario (thread-safe).
  ResolvedScenario resolve_point(int64_t point) const;
  /// Which points share their past (branch_at; empty without it).
  const BranchPlan& branches() const { return branches_; }
  /// What the sweep file records (points table, layout); refers to this plan.
  SweepDescription description() const;

 private:
  struct Checked {
    ResolvedScenario scenario;
    SweepPoint row;
  };
  Checked check_point(int64_t point) const;
  [[noreturn]] void report(int64_t point, const InputError& error) const;

  SweepSpec spec_;
  ScenarioTree base_tree_;
  ResolvedScenario base_;
  ResolvedScenario layout_;
  std::vector<std::string> keys_;
  std::vector<SweepPoint> rows_;
  BranchPlan branches_;
};

/// Resolves `tree` patched with `overrides` (validated after patching), as `krapte run --set`.
ResolvedScenario resolve_with_overrides(const ScenarioTree& tree, const std::vector<std::string>& overrides);

}  // namespace krapte

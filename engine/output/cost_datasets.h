// The /costs datasets of a run file (issue 12, docs/costs.md): /costs/<level>/<item> and
// /costs/<level>/<item>_cumulative (national and region; the municipality level without
// cumulative variants), [replication, time, (region | municipality,) job_family]. Computed
// from the same series as the results, on the worker thread, then written under the lock.
#pragma once

#include <vector>

#include "costs/cost_series.h"
#include "output/hdf5_handles.h"
#include "output/result_datasets.h"

namespace krapte {

class CostDatasets {
 public:
  /// Creates /costs when scenario.costs.enabled; otherwise an empty object that writes nothing.
  static CostDatasets create(hid_t file, const ResolvedScenario& scenario, const std::vector<hsize_t>& leading,
                             const std::string& leading_names);
  bool enabled() const { return !datasets_.empty(); }
  /// Thread-safe, no HDF5 call.
  EncodedReplication encode(const ReplicationSeries& series) const;
  /// Not thread-safe: the caller serialises HDF5 calls.
  void write(const std::vector<hsize_t>& leading_index, const EncodedReplication& replication) const;
  void close() { datasets_.clear(); }

 private:
  struct LevelSpec {
    Level level;
    bool cumulative;
    size_t run_rank;
  };
  const ResolvedScenario* scenario_ = nullptr;
  std::vector<int> region_of_unit_;
  std::vector<LevelSpec> levels_;
  std::vector<h5::Handle> datasets_;  // levels_ x cost items, in that order
};

/// The /costs part of docs/output.md (appended to the catalogue's page).
std::string cost_reference_markdown();

}  // namespace krapte

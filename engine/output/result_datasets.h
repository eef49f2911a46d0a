// What the run file and the sweep file share: the run header (root attributes, /scenario,
// /axes) and the result datasets (/national, /region, /municipality, the age histogram),
// written as metrics/catalogue.h defines them (names, attributes, dimensions, axis columns),
// whatever leading dimensions come first: [replication] in a run file, [point, replication]
// in a sweep file. One chunk holds one replication, derived and compressed on the worker
// thread that ran it (encode), then written as stored bytes under the caller's lock (write).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "metrics/series.h"
#include "output/hdf5_handles.h"
#include "scenario/resolved.h"

namespace krapte {

/// "%016llx" of a hash, as files store scenario hashes.
std::string hex64(uint64_t value);
/// The current UTC time, ISO 8601 ("2026-11-22T06:54:41Z").
std::string iso_now();

/// Root attributes (krapte_version, git_commit, scenario_name, scenario_hash, seed,
/// replications, start, end, created, mode) and /scenario.
void write_run_attributes(hid_t file, const ResolvedScenario& scenario, const std::string& mode);
/// The labels of /axes.
struct RunAxes {
  std::vector<std::string> time, regions, job_families, age_bands;
  std::vector<std::vector<std::string>> units;  // code, name, province, region, kind
  bool operator==(const RunAxes&) const = default;
};
RunAxes run_axes(const ResolvedScenario& scenario);
RunAxes read_run_axes(hid_t file);
/// /axes: time, municipality (units added by levers included), region, job_family, age_band.
void write_run_axes(hid_t file, const ResolvedScenario& scenario);

/// Every chunk of one replication, in dataset order (levels x metrics, then the histogram).
struct EncodedReplication {
  std::vector<h5::EncodedChunk> chunks;
};

/// Derives every level a file of this layout holds and compresses each chunk (float64, as
/// sweep files store them, or with int32 counts as run files of agents). Thread-safe, no
/// HDF5 call: a process without the file (an MPI rank) encodes what rank 0 writes.
EncodedReplication encode_replication(const ResolvedScenario& layout, const ReplicationSeries& series,
                                      bool integer_counts = false);

/// Whether a dataset stores whole counts of persons (headcounts, flows, the age histogram):
/// int32 in the files of agent runs, whose counts are whole numbers; float64 elsewhere
/// (the expected-value projection's counts are fractional; sweep files fill unrun runs with NaN).
bool counts_persons(const MetricInfo& info);

class ResultDatasets {
 public:
  /// Creates the datasets with `leading` dimensions before each run's own ({replications} or
  /// {points, replications}), named `leading_names` in the `dimensions` attribute.
  /// `integer_counts`: counts_persons() datasets (and the age histogram) as int32.
  static ResultDatasets create(hid_t file, const ResolvedScenario& scenario, const std::vector<hsize_t>& leading,
                               const std::string& leading_names, bool nan_fill, bool integer_counts = false);
  /// Opens them in a file that create() made for the same layout.
  static ResultDatasets open(hid_t file, const ResolvedScenario& scenario, size_t leading_rank);

  /// Thread-safe, no HDF5 call: encode_replication for this file's layout.
  EncodedReplication encode(const ReplicationSeries& series) const;
  /// Writes one replication at `leading_index` ({r} or {point, r}). Not thread-safe: the
  /// caller serialises HDF5 calls.
  void write(const std::vector<hsize_t>& leading_index, const EncodedReplication& replication) const;
  /// The stored chunks at `leading_index`, as write() takes them (copying between files).
  EncodedReplication read(const std::vector<hsize_t>& leading_index) const;
  void close();

  /// Every dataset in the order of EncodedReplication::chunks.
  const std::vector<h5::Handle>& datasets() const { return datasets_; }

 private:
  struct LevelDatasets {
    Level level;
    std::string name;
    std::vector<hsize_t> run_dims;  // without the leading dimensions
  };
  static std::vector<LevelDatasets> levels_of(const ResolvedScenario& scenario);
  static EncodedReplication encode_levels(const std::vector<LevelDatasets>& levels, const std::vector<int>& region_of,
                                          const ReplicationSeries& series, bool integer_counts);
  friend EncodedReplication encode_replication(const ResolvedScenario& layout, const ReplicationSeries& series,
                                               bool integer_counts);

  std::vector<LevelDatasets> levels_;
  std::vector<h5::Handle> datasets_;  // levels x metrics (catalogue order), then the histogram
  std::vector<int> region_of_municipality_;
  size_t leading_rank_ = 1;
  bool integer_counts_ = false;
};

}  // namespace krapte

// The sweep file: the run file's layout with a leading `point` dimension on every result
// dataset, plus
//   /sweep                       attributes: name, spec_file, points, replications, complete (0/1)
//   /sweep/spec                  the sweep file's text
//   /sweep/points                one row per point: id, point_name, scenario_hash, point_hash,
//                                then one column per varied key (float64 or string)
//   /sweep/done                  uint8 [point, replication]: 1 once that run is in the file
//   /sweep/summary/statistic     mean, p05, p50, p95
//   /sweep/summary/<metric>/national  [point, statistic, time, job_family]
//   /sweep/summary/<metric>/region    [point, statistic, time, region, job_family]
// Unlike a run file it is written in place so that it stays valid while the sweep runs: a
// run's chunks are written, then its `done` flag, then the file is flushed. Chunks of runs
// not done read as NaN. The statistics are a separate pass once every run is done, then
// `complete` becomes 1 (docs/sweeps.md).
// Crash safety: the file is written in HDF5's SWMR mode (every object exists before the
// first run; HDF5 flushes metadata in dependency order), so a writer killed at any moment
// leaves a file HDF5 opens, with every run whose flush returned; a FileLock keeps a second
// writer out while letting SWMR readers (krapte summary, report) read it during the sweep.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "output/file_lock.h"
#include "output/hdf5_handles.h"
#include "output/result_datasets.h"
#include "scenario/resolved.h"

namespace krapte {

/// One row of /sweep/points.
struct SweepPoint {
  std::string name;            // a named point's name; "" for the points of the axes
  uint64_t scenario_hash = 0;  // of the point's resolved scenario, as `krapte run` would write it
  uint64_t point_hash = 0;     // the same with `replications` left out: identifies its runs on resume
  std::vector<std::string> values;  // one per varied key: the value the point ran with
};

/// Everything the file records about a sweep before any run.
struct SweepDescription {
  std::string name;
  std::string spec_path;
  std::string spec_text;
  const ResolvedScenario* base = nullptr;    // root attributes and /scenario
  const ResolvedScenario* layout = nullptr;  // axes and shapes; every point has this layout
  int replications = 1;
  std::vector<std::string> keys;             // the varied key paths
  std::vector<SweepPoint> points;
};

/// What opening the output file found.
struct SweepResume {
  enum class Kind { kNew, kInPlace, kRebuilt };
  Kind kind = Kind::kNew;
  int64_t runs_kept = 0;   // finished runs found in the file (in place, or copied into the rebuilt one)
  std::string why_rebuilt;  // what differed, for the user
};

struct EarlierSweep;

class SweepFile {
 public:
  /// Opens `path` for the sweep. A missing file is created. A sweep file of exactly this
  /// sweep is resumed in place. Any other sweep file is rebuilt under a temporary name with
  /// the finished runs of every point whose point_hash is unchanged copied over (when the
  /// axes and krapte version are the same), then renamed over it. InputError on a bad path
  /// or a file that is not a sweep file.
  SweepFile(const std::string& path, const SweepDescription& sweep);
  SweepFile(const SweepFile&) = delete;
  SweepFile& operator=(const SweepFile&) = delete;
  ~SweepFile();

  const SweepResume& resume() const { return resume_; }
  bool done(int64_t point, int replication) const { return done_[index(point, replication)] != 0; }
  int64_t runs_done() const;
  bool complete() const { return complete_; }

  /// Thread-safe, no HDF5 call: derives and compresses one run.
  EncodedReplication encode(const ReplicationSeries& series) const { return datasets_.encode(series); }
  /// Thread-safe: writes the run's chunks, then its done flag, then flushes the file.
  void write_run(int64_t point, int replication, const EncodedReplication& run);
  /// Once every run is done: the statistics over replications, computed in parallel in the
  /// current oneTBB arena, then `complete` = 1. Returns false if `stop` was raised first.
  bool finish(const std::atomic<bool>& stop);
  /// Flushes and closes; the file stays a valid, resumable sweep file.
  void close();

 private:
  size_t index(int64_t point, int replication) const { return static_cast<size_t>(point) * replications_ + replication; }
  /// A new file under a temporary name (with the unchanged runs of `earlier` copied when
  /// given), renamed over the output, then opened in place.
  void build_and_replace(const SweepDescription& sweep, const EarlierSweep* earlier);
  void create(const std::string& target, const SweepDescription& sweep);
  void copy_unchanged_runs(const SweepDescription& sweep, const EarlierSweep& earlier);
  void open_in_place(const SweepDescription& sweep);
  bool finish_summaries(const std::atomic<bool>& stop);
  void close_hdf5();  // close() without releasing the lock
  void summarise_point(int64_t point);

  std::string path_;
  FileLock lock_;  // on path_, from before it is read until close()
  FileLock temporary_lock_;  // on the file being built under a temporary name
  int replications_ = 1;
  int64_t points_ = 0;
  const ResolvedScenario* layout_ = nullptr;
  h5::Handle file_;
  ResultDatasets datasets_;
  h5::Handle done_dataset_;
  std::vector<uint8_t> done_;
  bool complete_ = false;
  SweepResume resume_;
  mutable std::mutex hdf5_mutex_;
};

/// True if `path` is an HDF5 file with a /sweep group.
bool is_sweep_file(const std::string& path);

}  // namespace krapte

// The run file (one HDF5 file per run), written and read back. Its layout (root attributes,
// /scenario, /axes, /national, /region, /municipality, the age histogram, every dataset's
// attributes) is defined once, in metrics/catalogue.h; docs/output.md is generated from it.
// Written to "<file>.tmp-<pid>" and renamed when complete.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "metrics/series.h"
#include "output/cost_datasets.h"
#include "output/hdf5_handles.h"
#include "output/result_datasets.h"
#include "scenario/resolved.h"

namespace krapte {

class RunFileWriter {
 public:
  /// Creates the temporary file and writes everything but the results. InputError if the
  /// output path cannot be written. `mode`: "agents", or "expected" for the projection.
  RunFileWriter(const std::string& path, const ResolvedScenario& scenario, const std::string& mode = "agents");
  /// The same file in memory (HDF5's core driver, issue 15's Python module): nothing is
  /// written to disk; commit_image() gives its bytes.
  struct InMemory {};
  RunFileWriter(InMemory, const ResolvedScenario& scenario, const std::string& mode = "agents");
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~RunFileWriter();

  /// Thread-safe: levels are derived and compressed on the calling thread; only the chunk
  /// writes are serialised (HDF5 is not thread-safe).
  void write_replication(const ReplicationSeries& series);
  /// Closes the file and renames it to its final name.
  void commit();
  /// In memory: closes the file and returns it, byte for byte what h5py or HDF5 can open.
  std::vector<char> commit_image();
  const std::string& temporary_path() const { return temporary_path_; }

 private:
  void write_header(const std::string& mode);

  std::string path_;
  std::string temporary_path_;  // "" in memory
  const ResolvedScenario& scenario_;
  h5::Handle file_;
  ResultDatasets datasets_;
  CostDatasets costs_;  // /costs, when the scenario has costs (issue 12)
  std::mutex hdf5_mutex_;
  bool committed_ = false;
};

/// A run file read back (what `summary` and the tests need).
struct RunFileContents {
  std::string scenario_name;
  std::string scenario_yaml;
  int64_t seed = 0;
  int64_t replications = 0;
  std::vector<std::string> time;
  std::vector<std::string> job_families;
  std::vector<std::string> regions;
  std::vector<std::vector<std::string>> municipalities;  // code, name, province, region
  /// The kind column of /axes/municipality per unit: "municipality", or a unit a lever adds
  /// after them ("shared_service_centre", "flexpool"); "municipality" in files without it.
  std::vector<std::string> unit_kinds;
  bool is_municipality(size_t unit) const { return unit_kinds[unit] == kUnitKinds[0]; }
};

/// InputError "PATH: not a krapte run file (WHY); allowed: a file written by krapte run".
[[noreturn]] void not_a_run_file(const std::string& path, const std::string& why);
/// Reads the axes and attributes; InputError if `path` is not a krapte run file.
RunFileContents read_run_file_header(const std::string& path);
/// Reads /<group>/<name> ("national", "headcount"); dims receives the shape.
std::vector<double> read_run_dataset(const std::string& path, const std::string& group, const std::string& name,
                                     std::vector<hsize_t>& dims);

/// Path of the file a signal handler must remove if the process is interrupted, or "".
const char* pending_temporary_file();
/// Sets (or with "" clears) that path; a sweep file is built under a temporary name too.
void set_pending_temporary_file(const std::string& path);

}  // namespace krapte

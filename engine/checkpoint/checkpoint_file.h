// The checkpoint file (docs/sweeps.md, "Checkpoints"): every replication of a run at the
// end of one month, to continue from later. Layout:
//   /              attributes: format, krapte_version, git_commit, scenario_name, month
//                  ("YYYY-MM", the last month simulated), step, seed, replications,
//                  past_hash (FNV-1a of /past), setup_hash (what all replications share)
//   /scenario      the checkpointed scenario (canonical YAML)
//   /past          its past view up to `month` (checkpoint/past_view.h)
//   /replication/<r>  one replication (checkpoint/state_io.h)
// Written to "<file>.tmp-<pid>" and renamed when complete, like the run file.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "output/hdf5_handles.h"
#include "sim/progress.h"

namespace krapte {

/// FNV-1a of what every replication shares (demand at point 0, size weights): a continuation
/// must be built on the same initial state.
uint64_t setup_hash(const RunSetup& setup);

/// The step of `scenario` whose month is `month` ("YYYY-MM"); InputError naming `option`
/// unless it is a month of the run.
int checkpoint_step(const ResolvedScenario& scenario, const std::string& month, const std::string& option);

class CheckpointWriter {
 public:
  /// Creates the temporary file; InputError if `path` cannot be written.
  CheckpointWriter(const std::string& path, const ResolvedScenario& scenario, const RunSetup& setup, int step);
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;
  ~CheckpointWriter();  // removes the temporary file unless committed
  /// Thread-safe: one replication at step `step`.
  void write(const ReplicationProgress& progress);
  /// Every replication written: close and rename into place.
  void commit();

 private:
  std::string path_;
  std::string temporary_path_;
  int replications_;
  int written_ = 0;
  h5::Handle file_;
  h5::Handle group_;
  std::mutex mutex_;
  bool committed_ = false;
};

class CheckpointReader {
 public:
  /// Opens and checks the file: a krapte checkpoint of this krapte (version and git
  /// commit), whose past matches `scenario`'s up to its month (first differing key named),
  /// with the same replications, ending no earlier. InputError (one line) otherwise.
  CheckpointReader(const std::string& path, const ResolvedScenario& scenario);
  /// Also InputError unless `setup` is the checkpoint's (the same initial state).
  void check_setup(const RunSetup& setup) const;
  int step() const { return step_; }
  const std::string& month() const { return month_; }
  /// Thread-safe. InputError if the replication's group is damaged.
  ReplicationProgress read(int replication, const ResolvedScenario& scenario, const RunSetup& setup);

 private:
  std::string path_;
  h5::Handle file_;
  int step_ = 0;
  std::string month_;
  std::string setup_hash_;
  std::mutex mutex_;
};

/// Path of the checkpoint being written, for the signal handler (like pending_temporary_file).
const char* pending_checkpoint_file();

}  // namespace krapte

// A sweep across processes with MPI (OpenMPI from Debian). Every rank computes runs on its
// own threads (local_runner.h). Rank 0 also hands out the runs, one at a time to a rank that
// has a free thread and asks (RunQueue: dynamic, with point affinity), and is the only rank
// that touches the file: the other ranks send each finished run already derived and
// compressed, so that writing stays a cheap sequence of H5Dwrite_chunk calls. Rank-0
// writing rather than parallel HDF5: Debian's libhdf5-dev is the serial build, the file
// must be flushed run by run for resuming, and a run's chunks are a few MB against seconds
// of computing (docs/sweeps.md). Only the main thread of a rank calls MPI (FUNNELED).
#pragma once

#include <atomic>
#include <cstdint>

#include "output/sweep_file.h"
#include "sweep/local_runner.h"
#include "sweep/plan.h"

namespace krapte {

/// True when the environment says that mpirun or srun started this process.
bool started_by_mpi_launcher();
/// Whether krapte was built with MPI (KRAPTE_MPI).
bool built_with_mpi();

/// MPI for the lifetime of a sweep: initialised only when started by mpirun or srun.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  bool active() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }

  /// Collective: whether every rank is `ok`, and whether rank 0 is (rank 0 reports its own
  /// errors; another rank reports only what rank 0 did not see).
  struct Agreement {
    bool all_ok = true;
    bool rank0_ok = true;
  };
  Agreement agree(bool ok) const;

 private:
  bool initialised_ = false;
  int rank_ = 0;
  int size_ = 1;
};

/// Runs every run the file lacks across the ranks of `mpi`; `file` is rank 0's (nullptr on
/// the others). Returns the number of runs written (rank 0) or computed (other ranks).
/// Runs finishing after `stop` are dropped; an error on any rank stops every rank and is
/// rethrown on rank 0.
int64_t run_sweep_mpi(const SweepPlan& plan, SweepFile* file, const SweepRunOptions& options, const MpiSession& mpi,
                      const std::atomic<bool>& stop);

}  // namespace krapte

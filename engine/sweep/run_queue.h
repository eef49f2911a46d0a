// The runs of a sweep still to do, handed out one at a time to whoever asks: the threads of
// this process, or (under MPI) the other ranks. A requester is given the next run of the
// point it is working on before a new point, and a new point before a share of someone
// else's, so that each process prepares few initial populations (one per point it touches).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace krapte {

struct SweepRun {
  int64_t point = 0;
  int replication = 0;
};

class RunQueue {
 public:
  /// Queues every run for which `done(point, replication)` is false.
  RunQueue(int64_t points, int replications, const std::function<bool(int64_t, int)>& done);

  /// Thread-safe. The next run for `requester`, or nothing when none is left.
  std::optional<SweepRun> next(int requester);
  /// Thread-safe. A run handed out that will not be done after all (its process stopped).
  void give_back(const SweepRun& run);
  int64_t queued_at_start() const { return queued_at_start_; }

 private:
  std::optional<int64_t> point_for(int requester);

  int64_t points_;
  int replications_;
  std::vector<uint8_t> handed_out_;  // [point * replications + r]: done, or handed out
  std::vector<int> left_;            // per point: runs not handed out
  std::vector<uint8_t> started_;     // per point: some run handed out
  std::unordered_map<int, int64_t> current_;  // requester -> its point
  int64_t fresh_cursor_ = 0;   // no point before it is unstarted with runs left
  int64_t steal_cursor_ = 0;   // no point before it has runs left
  int64_t queued_at_start_ = 0;
  std::mutex mutex_;
};

}  // namespace krapte

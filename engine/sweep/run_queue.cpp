#include "sweep/run_queue.h"

namespace krapte {

RunQueue::RunQueue(int64_t points, int replications, const std::function<bool(int64_t, int)>& done)
    : points_(points),
      replications_(replications),
      handed_out_(static_cast<size_t>(points) * replications, 0),
      left_(static_cast<size_t>(points), 0),
      started_(static_cast<size_t>(points), 0) {
  for (int64_t p = 0; p < points; ++p)
    for (int r = 0; r < replications; ++r) {
      const bool finished = done(p, r);
      handed_out_[static_cast<size_t>(p) * replications + r] = finished ? 1 : 0;
      left_[p] += finished ? 0 : 1;
      queued_at_start_ += finished ? 0 : 1;
    }
}

std::optional<int64_t> RunQueue::point_for(int requester) {
  const auto current = current_.find(requester);
  if (current != current_.end() && left_[current->second] > 0) return current->second;
  while (fresh_cursor_ < points_ && (started_[fresh_cursor_] || left_[fresh_cursor_] == 0)) ++fresh_cursor_;
  if (fresh_cursor_ < points_) return fresh_cursor_;
  while (steal_cursor_ < points_ && left_[steal_cursor_] == 0) ++steal_cursor_;
  if (steal_cursor_ < points_) return steal_cursor_;
  return std::nullopt;
}

std::optional<SweepRun> RunQueue::next(int requester) {
  const std::lock_guard lock(mutex_);
  const std::optional<int64_t> point = point_for(requester);
  if (!point) return std::nullopt;
  const size_t first = static_cast<size_t>(*point) * replications_;
  int replication = 0;
  while (handed_out_[first + replication]) ++replication;
  handed_out_[first + replication] = 1;
  --left_[*point];
  started_[*point] = 1;
  current_[requester] = *point;
  return SweepRun{*point, replication};
}

void RunQueue::give_back(const SweepRun& run) {
  const std::lock_guard lock(mutex_);
  handed_out_[static_cast<size_t>(run.point) * replications_ + run.replication] = 0;
  ++left_[run.point];
  if (run.point < steal_cursor_) steal_cursor_ = run.point;
}

}  // namespace krapte

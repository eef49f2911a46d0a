#include "sweep/local_runner.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "sweep/branched_runner.h"

namespace krapte {

std::shared_ptr<const PreparedPoint> PointCache::get(int64_t point) {
  std::promise<std::shared_ptr<const PreparedPoint>> promise;
  Entry entry;
  bool build = false;
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(point);
    if (found != entries_.end()) {
      entry = found->second;
      recent_.remove(point);
    } else {
      entry = promise.get_future().share();
      entries_.emplace(point, entry);
      build = true;
    }
    recent_.push_front(point);
    // Evicted entries live on in the runs that hold them.
    while (recent_.size() > capacity_) {
      entries_.erase(recent_.back());
      recent_.pop_back();
    }
  }
  if (build) {
    try {
      auto prepared = std::make_shared<PreparedPoint>();
      prepared->scenario = plan_.resolve_point(point);
      tbb::this_task_arena::isolate([&] { prepared->setup = prepare_run(prepared->scenario); });
      promise.set_value(std::move(prepared));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  return entry.get();
}

void run_loop(const SweepPlan& plan, int threads, const RunLoop& loop, const std::atomic<bool>& stop) {
  PointCache cache(plan, static_cast<size_t>(threads) + 1);
  tbb::task_arena arena(threads);
  arena.execute([&] {
    // One puller per thread; while its own run waits on nested work, a thread helps only
    // with that run (isolate), never starting a second run on its stack.
    tbb::parallel_for(0, threads, 1, [&](int) {
      while (!stop) {
        const std::optional<SweepRun> run = loop.next();
        if (!run) return;
        const std::shared_ptr<const PreparedPoint> point = cache.get(run->point);
        ReplicationSeries series;
        tbb::this_task_arena::isolate([&] { series = run_replication(point->scenario, point->setup, run->replication); });
        if (stop) return;  // dropped: the rerun does it again
        loop.done(*run, std::move(series));
      }
    }, tbb::simple_partitioner());
  });
}

RunLoop writing_loop(RunQueue& queue, SweepFile& file, const SweepRunOptions& options, std::atomic<int64_t>& written) {
  RunLoop loop;
  loop.next = [&queue] { return queue.next(0); };
  loop.done = [&file, &options, &written](const SweepRun& run, ReplicationSeries&& series) {
    file.write_run(run.point, run.replication, file.encode(series));
    ++written;
    if (options.on_run_written) options.on_run_written(run);
  };
  return loop;
}

int64_t run_sweep_locally(const SweepPlan& plan, SweepFile& file, const SweepRunOptions& options,
                          const std::atomic<bool>& stop) {
  if (plan.branches().step > 0) return run_branched_sweep(plan, file, options, stop);
  RunQueue queue(plan.points(), plan.replications(), [&](int64_t p, int r) { return file.done(p, r); });
  std::atomic<int64_t> written{0};
  run_loop(plan, options.threads, writing_loop(queue, file, options, written), stop);
  return written.load();
}

bool finish_sweep(SweepFile& file, int threads, const std::atomic<bool>& stop) {
  tbb::task_arena arena(threads);
  bool finished = false;
  arena.execute([&] { finished = file.finish(stop); });
  return finished;
}

}  // namespace krapte

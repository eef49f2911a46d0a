#include "sweep/branched_runner.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <optional>

#include "sim/progress.h"

namespace krapte {

namespace {

struct Work {
  int group = -1;               // index into BranchPlan::groups; -1 = one point run whole
  std::vector<int64_t> points;  // the runs the file lacks, for this replication
  int replication = 0;
};

std::vector<Work> work_to_do(const SweepPlan& plan, const SweepFile& file) {
  const BranchPlan& branches = plan.branches();
  std::vector<uint8_t> grouped(static_cast<size_t>(plan.points()), 0);
  std::vector<Work> work;
  for (size_t g = 0; g < branches.groups.size(); ++g)
    for (int r = 0; r < plan.replications(); ++r) {
      Work w{static_cast<int>(g), {}, r};
      for (int64_t p : branches.groups[g]) {
        grouped[static_cast<size_t>(p)] = 1;
        if (!file.done(p, r)) w.points.push_back(p);
      }
      if (!w.points.empty()) work.push_back(std::move(w));
    }
  for (int64_t p = 0; p < plan.points(); ++p)
    if (!grouped[static_cast<size_t>(p)])
      for (int r = 0; r < plan.replications(); ++r)
        if (!file.done(p, r)) work.push_back(Work{-1, {p}, r});
  return work;
}

}  // namespace

int64_t run_branched_sweep(const SweepPlan& plan, SweepFile& file, const SweepRunOptions& options,
                           const std::atomic<bool>& stop) {
  const BranchPlan& branches = plan.branches();
  const std::vector<Work> work = work_to_do(plan, file);
  // Runs are written as run_sweep_locally writes them (the queue itself is not used).
  RunQueue queue(plan.points(), plan.replications(), [&](int64_t p, int r) { return file.done(p, r); });
  std::atomic<int64_t> written{0};
  const RunLoop writer = writing_loop(queue, file, options, written);
  PointCache cache(plan, static_cast<size_t>(options.threads) + 1);
  std::atomic<size_t> next{0};
  tbb::task_arena arena(options.threads);
  arena.execute([&] {
    // One puller per thread, each run isolated (as in run_loop): idle threads help with the
    // municipalities and regions of the runs in progress.
    tbb::parallel_for(0, options.threads, 1, [&](int) {
      while (!stop) {
        const size_t i = next++;
        if (i >= work.size()) return;
        const Work& w = work[i];
        if (w.group < 0) {
          const auto point = cache.get(w.points[0]);
          ReplicationSeries series;
          tbb::this_task_arena::isolate([&] { series = run_replication(point->scenario, point->setup, w.replication); });
          if (stop) return;
          writer.done(SweepRun{w.points[0], w.replication}, std::move(series));
          continue;
        }
        // Equal pasts mean equal initial states (population, demand, units): the group's
        // first point's setup serves every point of the group.
        const auto first = cache.get(branches.groups[static_cast<size_t>(w.group)][0]);
        std::optional<ReplicationProgress> past;
        tbb::this_task_arena::isolate([&] {
          past.emplace(start_replication(first->scenario, first->setup, w.replication));
          advance_replication(first->scenario, first->setup, *past, branches.step);
        });
        for (int64_t p : w.points) {
          if (stop) return;
          const ResolvedScenario scenario = plan.resolve_point(p);
          ReplicationProgress branch = *past;
          tbb::this_task_arena::isolate([&] {
            continue_as(scenario, branch);
            advance_replication(scenario, first->setup, branch, scenario.time.steps());
          });
          if (stop) return;  // dropped: the rerun does it again
          writer.done(SweepRun{p, w.replication}, std::move(branch.series));
        }
      }
    }, tbb::simple_partitioner());
  });
  return written.load();
}

}  // namespace krapte

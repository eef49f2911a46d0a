#include "sim/run.h"

#include <mutex>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>


namespace krapte {

int effective_threads(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

void run_replications(const ResolvedScenario& scenario, const RunSetup& setup, const RunOptions& options) {
  const int threads = effective_threads(options.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  tbb::task_arena arena(threads);
  std::mutex claim;
  int unstarted = scenario.replications;
  const auto initial_population = [&]() -> Population {
    const std::lock_guard<std::mutex> lock(claim);
    if (--unstarted == 0 && options.consumable_initial_population == &setup.initial_population)
      return std::move(*options.consumable_initial_population);
    return setup.initial_population;
  };
  arena.execute([&] {
    tbb::parallel_for(0, scenario.replications, 1, [&](int replication) {
      ReplicationSeries series;
      tbb::this_task_arena::isolate([&] {
        ReplicationProgress progress = options.resume ? options.resume(replication)
                                                      : start_replication(scenario, setup, replication, initial_population());
        if (options.on_pause && progress.step < options.pause_after_step) {
          advance_replication(scenario, setup, progress, options.pause_after_step);
          options.on_pause(progress);
        }
        advance_replication(scenario, setup, progress, scenario.time.steps());
        series = std::move(progress.series);
      });
      options.on_replication_done(std::move(series));
    }, tbb::simple_partitioner());
  });
}

}  // namespace krapte

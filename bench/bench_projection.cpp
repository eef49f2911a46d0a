// Google Benchmark: the expected-value projection (MODEL.md §7) of the national baseline,
// 342 municipalities x 10 job families x 84 months, and of the package of levers
// (stap-naar-voren.yaml), at 1 and 2 threads. The initial population (shared with the
// agents) is built once, outside the timing.
#include <benchmark/benchmark.h>
#include <oneapi/tbb/global_control.h>

#include "projection/projection.h"
#include "baseline_fixture.h"
#include "scenario/resolve.h"
#include "sim/replication.h"

namespace {

using krapte::bench::Fixture;

void run_benchmark(benchmark::State& state, const Fixture& f) {
  const auto threads = static_cast<size_t>(state.range(0));
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  for (auto _ : state) {
    auto series = krapte::run_projection(f.scenario, f.setup);
    benchmark::DoNotOptimize(series.cell_sums.data());
  }
  const double cell_steps = static_cast<double>(f.scenario.municipality_count()) * f.scenario.family_count() *
                            f.scenario.time.steps();
  state.counters["cell_steps_per_s"] = benchmark::Counter(cell_steps, benchmark::Counter::kIsIterationInvariantRate);
}
void BM_Projection(benchmark::State& state) { run_benchmark(state, krapte::bench::baseline()); }
void BM_ProjectionPackage(benchmark::State& state) { run_benchmark(state, krapte::bench::package()); }
BENCHMARK(BM_Projection)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ProjectionPackage)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

// Google Benchmark (issue 12): what costs add to a run, and one optimise evaluation on the
// projection. BM_CostCells: the cost cells of one national series of the package (every
// measure priced); BM_OptimiseEvaluation: one evaluation of optimise/close-the-gap.yaml's
// start point (load the scenario with the variables, prepare, project, costs, constraints),
// at 1 and 2 threads.
#include <benchmark/benchmark.h>
#include <oneapi/tbb/global_control.h>

#include "baseline_fixture.h"
#include "costs/cost_series.h"
#include "optimise/evaluate.h"
#include "projection/projection.h"

namespace {

void BM_CostCells(benchmark::State& state) {
  const krapte::bench::Fixture& f = krapte::bench::package();
  const krapte::ReplicationSeries series = krapte::run_projection(f.scenario, f.setup);
  for (auto _ : state) {
    const krapte::CostCells cells = krapte::compute_cost_cells(f.scenario, series);
    benchmark::DoNotOptimize(cells.values.data());
  }
}
BENCHMARK(BM_CostCells)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OptimiseEvaluation(benchmark::State& state) {
  static const krapte::OptimiseSpec spec =
      krapte::load_optimise_spec(std::string(KRAPTE_SOURCE_ROOT) + "/optimise/close-the-gap.yaml");
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    const krapte::SearchEvaluation e = krapte::evaluate_on_projection(spec, spec.start, 1.0);
    benchmark::DoNotOptimize(e.objective);
  }
  state.counters["evaluations_per_s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OptimiseEvaluation)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();

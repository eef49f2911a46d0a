// Google Benchmark: the monthly step (MODEL.md §4) on the national baseline population,
// reported as agent-steps per second, at 1 and 2 threads. The binary also holds the floor
// (bench_floor.cpp), so that ratios to it come from one run on one machine state. Each
// iteration is one month; the state is reset (untimed) when the horizon is reached, so every
// iteration is a real step.
#include <benchmark/benchmark.h>
#include <oneapi/tbb/global_control.h>

#include <memory>

#include "baseline_fixture.h"
#include "output/result_datasets.h"
#include "scenario/resolve.h"
#include "sim/month_step.h"
#include "sim/replication.h"

namespace {

using krapte::bench::baseline;
using krapte::bench::Fixture;

krapte::ReplicationSeries empty_series(const krapte::ResolvedScenario& s) {
  krapte::ReplicationSeries series;
  series.shape = krapte::SeriesShape{s.time.points(), s.municipality_count(), s.family_count(), s.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);
  return series;
}

void BM_MonthStep(benchmark::State& state) {
  const auto threads = static_cast<size_t>(state.range(0));
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const Fixture& f = baseline();
  const krapte::RandomStreams rng(f.scenario.seed, 0);
  auto series = empty_series(f.scenario);
  auto sim = std::make_unique<krapte::SimState>(f.scenario, f.setup);
  int step = 0;
  double agent_steps = 0;
  for (auto _ : state) {
    if (step == f.scenario.time.steps()) {
      state.PauseTiming();
      sim = std::make_unique<krapte::SimState>(f.scenario, f.setup);
      step = 0;
      state.ResumeTiming();
    }
    ++step;
    agent_steps += static_cast<double>(sim->population.total_agents());
    const krapte::StepContext ctx(f.scenario, rng, step);
    krapte::month_step(ctx, f.setup, *sim, series);
  }
  state.counters["agent_steps_per_s"] = benchmark::Counter(agent_steps, benchmark::Counter::kIsRate);
  state.counters["time_per_agent_step"] = benchmark::Counter(agent_steps, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["agents"] = static_cast<double>(sim->population.total_agents());
}
BENCHMARK(BM_MonthStep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Replication(benchmark::State& state) {
  const auto threads = static_cast<size_t>(state.range(0));
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const Fixture& f = baseline();
  double agent_steps = 0;
  for (auto _ : state) {
    auto series = krapte::run_replication(f.scenario, f.setup, 0);
    benchmark::DoNotOptimize(series.cell_sums.data());
    agent_steps += static_cast<double>(f.setup.initial_population.total_agents()) * f.scenario.time.steps();
  }
  state.counters["agent_steps_per_s"] = benchmark::Counter(agent_steps, benchmark::Counter::kIsRate);
  state.counters["time_per_agent_step"] = benchmark::Counter(agent_steps, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Replication)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a run file costs per replication beyond the simulation, on 1 thread: deriving the
// three levels (municipality level on, as in the baseline) and encoding every chunk (int32
// counts, shuffle, deflate), the work each worker does after its replication. Writing the
// encoded chunks is not included (BENCHMARKS.md measures whole runs for that).
void BM_EncodeReplication(benchmark::State& state) {
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
  const Fixture& f = baseline();
  const auto series = krapte::run_replication(f.scenario, f.setup, 0);
  double bytes = 0;
  for (auto _ : state) {
    const auto encoded = krapte::encode_replication(f.scenario, series, /*integer_counts=*/true);
    bytes = 0;
    for (const auto& chunk : encoded.chunks) bytes += static_cast<double>(chunk.bytes.size());
  }
  state.counters["encoded_bytes"] = bytes;
}
BENCHMARK(BM_EncodeReplication)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

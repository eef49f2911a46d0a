// Google Benchmark: the floor of one month step (issue 10). For N agents in the columns of
// engine/population, one pass that does only what every agent must each month: one
// Philox4x32-10 draw keyed like krapte's exit draw (seed, replication | purpose << 24 | step,
// agent id), ageing, a lookup of the exit probability by family, age band and first-year
// flag, a compare, and the stable compaction of the survivors. krapte's month step
// (BM_MonthStep) and replication (BM_Replication) are reported as ratios to this figure.
// BM_Floor draws a block of agents' uniforms at once with the vectorised Philox krapte's exit
// pass uses; BM_FloorScalarDraw makes one Random123 call per agent (the draw as it was).
//
// The agents are the national baseline's initial population (~190k), repeated with fresh
// ids for larger N; the probabilities are the baseline's monthly exit probabilities without
// pressure. When exits have shrunk the population below 90% of N it is restored outside the
// timing, so every timed step walks between 0.9 N and N agents.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "baseline_fixture.h"
#include "core/rng.h"
#include "processes/step_context.h"

namespace {

using krapte::bench::baseline;

/// p_exit per [family][band][first year], from the baseline's table without pressure.
struct FloorTable {
  std::vector<double> p_exit;
  int bands = 0;
  double at(int family, int band, bool first_year) const {
    return p_exit[(static_cast<size_t>(family) * bands + band) * 2 + (first_year ? 1 : 0)];
  }
};

FloorTable floor_table(const krapte::ResolvedScenario& s) {
  const krapte::RandomStreams unused(s.seed, 0);
  const krapte::StepContext ctx(s, unused, 1);
  FloorTable table;
  table.bands = ctx.base_exit_table.bands;
  for (int j = 0; j < s.family_count(); ++j)
    for (int b = 0; b < table.bands; ++b)
      for (int first_year = 0; first_year < 2; ++first_year) {
        const krapte::ExitProbabilities& p = ctx.base_exit_table.at(j, b, first_year != 0, false);
        table.p_exit.push_back(p.any_exit);
      }
  return table;
}

/// N agents: the baseline's, municipality after municipality, repeated with new ids.
krapte::MunicipalityAgents floor_agents(size_t n) {
  const krapte::Population& initial = baseline().setup.initial_population;
  krapte::MunicipalityAgents agents;
  agents.reserve(n);
  uint64_t next_id = 1;
  while (agents.size() < n)
    for (const krapte::MunicipalityAgents& m : initial.by_municipality)
      for (size_t i = 0; i < m.size() && agents.size() < n; ++i) {
        krapte::AgentRecord record = m.record(i);
        record.id = next_id++;
        agents.append(record);
      }
  return agents;
}

/// One floor step; returns the agents walked. `batched`: the exit draws of a block of agents
/// made together (RandomStreams::first_draw_bits, as krapte's exit pass makes them), else
/// one Random123 call per agent.
template <bool kBatched>
size_t floor_step(const krapte::ResolvedScenario& s, const FloorTable& table, const krapte::RandomStreams& rng, int step,
                  krapte::MunicipalityAgents& agents) {
  constexpr size_t kBlock = 256;
  uint64_t bits[kBlock];
  const size_t n = agents.size();
  size_t kept = 0;
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t count = std::min(kBlock, n - start);
    if constexpr (kBatched) rng.first_draw_bits(krapte::RngPurpose::kExit, step, &agents.id[start], count, bits);
    for (size_t b = 0; b < count; ++b) {
      const size_t i = start + b;
      const int age = agents.age_months[i] + 1;
      const int tenure = agents.tenure_months[i] + 1;
      const double p_exit = table.at(agents.family[i], s.exit_band(age), tenure < 12);
      const double u = kBatched ? krapte::RandomStreams::unit(bits[b])
                                : rng.uniform_pair(krapte::RngPurpose::kExit, agents.id[i], step, 0)[0];
      if (u < p_exit) continue;
      agents.move_agent(i, kept);
      agents.age_months[kept] = age;
      agents.tenure_months[kept] = tenure;
      ++kept;
    }
  }
  agents.truncate(kept);
  return n;
}

template <bool kBatched>
void floor_benchmark(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const krapte::ResolvedScenario& s = baseline().scenario;
  const FloorTable table = floor_table(s);
  const krapte::RandomStreams rng(s.seed, 0);
  const krapte::MunicipalityAgents start = floor_agents(n);
  krapte::MunicipalityAgents agents = start;
  int step = 0;
  double agent_steps = 0;
  for (auto _ : state) {
    if (agents.size() < n - n / 10) {
      state.PauseTiming();
      agents = start;
      state.ResumeTiming();
    }
    agent_steps += static_cast<double>(floor_step<kBatched>(s, table, rng, ++step, agents));
    benchmark::DoNotOptimize(agents.id.data());
  }
  // Seconds per agent-step (printed with an SI prefix: "4.1n" = 4.1 ns).
  state.counters["time_per_agent_step"] = benchmark::Counter(agent_steps, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["agents"] = static_cast<double>(n);
}
void BM_Floor(benchmark::State& state) { floor_benchmark<true>(state); }
void BM_FloorScalarDraw(benchmark::State& state) { floor_benchmark<false>(state); }
BENCHMARK(BM_Floor)->Arg(190000)->Arg(10000000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FloorScalarDraw)->Arg(190000)->Arg(10000000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

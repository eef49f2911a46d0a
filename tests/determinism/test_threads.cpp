// MODEL.md §5: the same scenario and seed give bit-identical results at any thread count,
// in any order of work, and a replication can be rerun alone.
#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <cstring>

#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {
bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST(Determinism, BitIdenticalAtOneTwoAndThreeThreads) {
  const ResolvedScenario s = test::tiny({"replications=3"});
  const RunSetup setup = prepare_run(s);
  const auto one = test::run_all(s, setup, 1);
  for (int threads : {2, 3}) {
    const auto many = test::run_all(s, setup, threads);
    for (int r = 0; r < s.replications; ++r) {
      EXPECT_TRUE(bit_identical(one[r].cell_sums, many[r].cell_sums)) << threads << " threads, replication " << r;
      EXPECT_TRUE(bit_identical(one[r].age_histogram, many[r].age_histogram)) << threads << " threads, replication " << r;
    }
  }
  // Replications differ from each other (the replication is part of the key).
  EXPECT_FALSE(bit_identical(one[0].cell_sums, one[1].cell_sums));
}

TEST(Determinism, BaselineBitIdenticalAtOneAndTwoThreads) {
  const ResolvedScenario s =
      load_scenario(test::source_path("scenarios/baseline.yaml"), {"replications=1", "end=2025-06"});
  const RunSetup setup = prepare_run(s);
  const auto one = test::run_all(s, setup, 1);
  const auto two = test::run_all(s, setup, 2);
  EXPECT_TRUE(bit_identical(one[0].cell_sums, two[0].cell_sums));
  EXPECT_TRUE(bit_identical(one[0].age_histogram, two[0].age_histogram));
}

TEST(Determinism, AReplicationRerunAloneIsTheSame) {
  const ResolvedScenario s = test::tiny({"replications=3"});
  const RunSetup setup = prepare_run(s);
  const auto all = test::run_all(s, setup, 2);
  const ReplicationSeries alone = run_replication(s, setup, 2);
  EXPECT_TRUE(bit_identical(all[2].cell_sums, alone.cell_sums));
}

// `krapte run` lets the last replication to start take the initial population instead of
// copying it (RunOptions::consumable_initial_population): the same bits at any thread count.
TEST(Determinism, TakingTheInitialPopulationGivesTheSameBitsAsCopyingIt) {
  const ResolvedScenario s = test::tiny({"replications=3"});
  const RunSetup reference_setup = prepare_run(s);
  const auto copied = test::run_all(s, reference_setup, 1);
  for (int threads : {1, 2, 3}) {
    RunSetup setup = prepare_run(s);
    std::vector<ReplicationSeries> taken(static_cast<size_t>(s.replications));
    RunOptions options;
    options.threads = threads;
    options.on_replication_done = [&](ReplicationSeries&& series) { taken[series.replication] = std::move(series); };
    options.consumable_initial_population = &setup.initial_population;
    run_replications(s, setup, options);
    EXPECT_EQ(setup.initial_population.total_agents(), 0u) << threads << " threads: the last replication took it";
    for (int r = 0; r < s.replications; ++r)
      EXPECT_TRUE(bit_identical(copied[r].cell_sums, taken[r].cell_sums)) << threads << " threads, replication " << r;
  }
}

namespace {
// The synthetic population built with exactly `threads` worker threads (as run.cpp limits them).
Population population_at(const ResolvedScenario& s, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  tbb::task_arena arena(threads);
  Population population;
  arena.execute([&] { population = prepare_run(s).initial_population; });
  return population;
}
}  // namespace

TEST(Determinism, TheSyntheticPopulationDoesNotDependOnThreads) {
  // The national baseline (342 municipalities, so the work really is split), every column.
  const ResolvedScenario s = load_scenario(test::source_path("scenarios/baseline.yaml"), {"end=2024-01"});
  const Population one = population_at(s, 1);
  const Population three = population_at(s, 3);
  ASSERT_EQ(one.by_municipality.size(), three.by_municipality.size());
  size_t agents = 0;
  for (size_t m = 0; m < one.by_municipality.size(); ++m) {
    const MunicipalityAgents& a = one.by_municipality[m];
    const MunicipalityAgents& b = three.by_municipality[m];
    agents += a.size();
    EXPECT_EQ(a.id, b.id) << "municipality " << m;
    EXPECT_EQ(a.family, b.family) << "municipality " << m;
    EXPECT_EQ(a.age_months, b.age_months) << "municipality " << m;
    EXPECT_EQ(a.tenure_months, b.tenure_months) << "municipality " << m;
    EXPECT_TRUE(a.contract_fte.size() == b.contract_fte.size() &&
                std::memcmp(a.contract_fte.data(), b.contract_fte.data(), a.contract_fte.size() * sizeof(double)) == 0)
        << "municipality " << m;
    EXPECT_EQ(a.onboarding_months_left, b.onboarding_months_left) << "municipality " << m;
    EXPECT_EQ(a.trainee_programme, b.trainee_programme) << "municipality " << m;
    EXPECT_EQ(a.trainee_months_left, b.trainee_months_left) << "municipality " << m;
  }
  EXPECT_GT(agents, 150000u);  // the whole national population was compared
}

}  // namespace krapte

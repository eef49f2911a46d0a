// MODEL.md §5: the same scenario and seed give bit-identical results at any thread count,
// in any order of work, and a replication can be rerun alone.
#include <gtest/gtest.h>

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

TEST(Determinism, TheSyntheticPopulationDoesNotDependOnThreads) {
  const ResolvedScenario s = test::tiny();
  Population one;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = prepare_run(s).initial_population;
  }
  const Population two = prepare_run(s).initial_population;
  for (int m = 0; m < s.municipality_count(); ++m) {
    EXPECT_EQ(one.by_municipality[m].id, two.by_municipality[m].id);
    EXPECT_EQ(one.by_municipality[m].contract_fte, two.by_municipality[m].contract_fte);
  }
}

}  // namespace krapte

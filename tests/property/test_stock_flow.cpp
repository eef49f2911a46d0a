// MODEL.md §6: headcount(k) = headcount(k-1) + hires_external + hires_trainee + moves_in
//   - moves_out - all exits, exactly, for every cell and step.
#include <gtest/gtest.h>

#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

void expect_identity_everywhere(const ReplicationSeries& s) {
  using M = Metric;
  int checked = 0;
  for (int k = 1; k < s.shape.points; ++k)
    for (int m = 0; m < s.shape.municipalities; ++m)
      for (int j = 0; j < s.shape.families; ++j) {
        auto v = [&](int point, M metric) { return test::cell(s, point, m, j, metric); };
        const double expected = v(k - 1, M::kHeadcount) + v(k, M::kHiresExternal) + v(k, M::kHiresTrainee) +
                                v(k, M::kMovesIn) - v(k, M::kMovesOut) - v(k, M::kExitsRetirement) -
                                v(k, M::kExitsEarlyRetirement) - v(k, M::kExitsQuit) - v(k, M::kExitsOther) -
                                v(k, M::kExitsTrainee);
        ASSERT_EQ(v(k, M::kHeadcount), expected) << "replication " << s.replication << " point " << k << " cell (" << m
                                                 << ", " << j << ")";
        ++checked;
      }
  EXPECT_GT(checked, 0);
}

}  // namespace

TEST(StockFlow, IdentityHoldsForEveryCellAndStepOfTheTinyScenario) {
  const ResolvedScenario scenario = test::tiny({"replications=3"});
  const RunSetup setup = prepare_run(scenario);
  const auto all = test::run_all(scenario, setup, 2);
  for (const auto& s : all) {
    expect_identity_everywhere(s);
    // Every flow actually happens somewhere, so the identity is tested on real traffic.
    for (Metric flow : {Metric::kHiresExternal, Metric::kMovesIn, Metric::kExitsRetirement, Metric::kExitsEarlyRetirement,
                        Metric::kExitsQuit, Metric::kExitsOther}) {
      double total = 0;
      for (int k = 1; k < s.shape.points; ++k) total += test::national(s, k, flow);
      EXPECT_GT(total, 0) << metric_info(flow).name;
    }
  }
}

TEST(StockFlow, IdentityHoldsForTheBaselineInCollectiveMode) {
  const ResolvedScenario scenario = load_scenario(test::source_path("scenarios/baseline.yaml"),
                                                  {"replications=1", "end=2025-12", "recruitment.mode=collective"});
  const RunSetup setup = prepare_run(scenario);
  const auto all = test::run_all(scenario, setup, 2);
  expect_identity_everywhere(all[0]);
}

TEST(StockFlow, FlowsAtPointZeroAreZero) {
  const ResolvedScenario scenario = test::tiny({"replications=1"});
  const auto all = test::run_all(scenario, prepare_run(scenario), 1);
  for (const MetricInfo& info : metric_catalogue())
    if (info.is_flow) {
      EXPECT_EQ(test::national(all[0], 0, info.metric), 0.0) << info.name;
    }
}

}  // namespace krapte

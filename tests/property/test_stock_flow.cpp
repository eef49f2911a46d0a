// MODEL.md §6: headcount(k) = headcount(k-1) + hires_external + hires_trainee + moves_in
//   - moves_out - all exits, exactly, for every cell and step.
#include <gtest/gtest.h>

#include "metrics/checks.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

void expect_identity_everywhere(const ReplicationSeries& s) {
  for (int k = 1; k < s.shape.points; ++k) ASSERT_EQ(stock_flow_violation(s, k), "") << "replication " << s.replication;
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

TEST(StockFlow, TheCheckFindsABrokenCell) {
  const ResolvedScenario scenario = test::tiny({"replications=1"});
  auto all = test::run_all(scenario, prepare_run(scenario), 1);
  ASSERT_EQ(stock_flow_violation(all[0], 5), "");
  all[0].cell_sums[all[0].shape.cell_offset(5, 3, 1) + static_cast<int>(Metric::kExitsQuit)] += 1;
  EXPECT_EQ(stock_flow_violation(all[0], 5), "stock-flow identity broken at point 5, municipality 3, family 1");
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

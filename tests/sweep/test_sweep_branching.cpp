// Branched sweeps (issue 13): which points share their past (branch_at: a month or auto),
// and a branched sweep's file holds the bits of the unbranched sweep at 1 and 2 threads.
#include <gtest/gtest.h>

#include "output/sweep_file.h"
#include "sweep/local_runner.h"
#include "sweep/plan.h"
#include "sweep/stop.h"
#include "sweep_test_support.h"

namespace krapte {
namespace {

// Four points that differ only after 2024-12 (a centre opening 2025-01 with two shares; a
// retention lever from 2025-07 with two strengths), and a named point that differs from
// the start (exits.move_share).
constexpr const char* kBody = R"(replications: 3
seed: 5
set:
  shared_services: [{name: c, families: [ict], share: 0.3, efficiency: 0.1, from: 2025-01}]
  retention: [{from_age_years: 60, quit_multiplier: 0.7, from: 2025-07}]
axes:
  - {key: shared_services.0.share, values: [0.2, 0.4]}
  - {key: retention.0.quit_multiplier, values: [0.5, 0.8]}
points:
  - name: other-past
    set: {exits.move_share: 0.3}
)";

SweepPlan plan_of(const test::ScratchFolder& folder, const std::string& name, const std::string& branch_at) {
  const std::string body = std::string(kBody) + (branch_at.empty() ? "" : "branch_at: " + branch_at + "\n");
  return SweepPlan(load_sweep_spec(folder.write(name, test::tiny_sweep_text(body)), false), 2);
}

int64_t run_to_end(const SweepPlan& plan, const std::string& path, int threads) {
  SweepFile file(path, plan.description());
  const StopOnSignals signals;
  const int64_t ran = run_sweep_locally(plan, file, SweepRunOptions{threads, nullptr}, StopOnSignals::flag());
  EXPECT_TRUE(finish_sweep(file, threads, StopOnSignals::flag()));
  return ran;
}

// Every dataset but the sweep file's own text (which has the branch_at line).
void expect_same_results(const std::string& a, const std::string& b) {
  auto x = test::dataset_bytes(a);
  auto y = test::dataset_bytes(b);
  EXPECT_NE(x.at("sweep/spec"), y.at("sweep/spec"));
  x.erase("sweep/spec");
  y.erase("sweep/spec");
  EXPECT_GT(x.size(), 90u);
  EXPECT_EQ(x.size(), y.size());
  for (const auto& [name, data] : x) EXPECT_TRUE(y.count(name) && data == y.at(name)) << name;
}

}  // namespace

TEST(SweepBranching, AutoFindsTheLatestMonthEveryPointShares) {
  const test::ScratchFolder folder("branch_auto");
  // The named point differs from the start: no month is shared by all five.
  EXPECT_EQ(plan_of(folder, "all.yaml", "auto").branches().step, 0);
  const std::string body = std::string(kBody).substr(0, std::string(kBody).find("points:")) + "branch_at: auto\n";
  const SweepPlan plan(load_sweep_spec(folder.write("four.yaml", test::tiny_sweep_text(body)), false), 2);
  const BranchPlan& branches = plan.branches();
  EXPECT_EQ(branches.month.to_string(), "2024-12");
  EXPECT_EQ(branches.step, 12);
  ASSERT_EQ(branches.groups.size(), 1u);
  EXPECT_EQ(branches.groups[0], (std::vector<int64_t>{0, 1, 2, 3}));
}

TEST(SweepBranching, AMonthGroupsThePointsThatShareItsPast) {
  const test::ScratchFolder folder("branch_month");
  const BranchPlan early = plan_of(folder, "early.yaml", "2024-10").branches();
  ASSERT_EQ(early.groups.size(), 1u);
  EXPECT_EQ(early.groups[0], (std::vector<int64_t>{0, 1, 2, 3}));  // point 4 runs whole
  // In 2025-03 the centres have opened with their shares: pairs with the same share.
  const BranchPlan late = plan_of(folder, "late.yaml", "2025-03").branches();
  ASSERT_EQ(late.groups.size(), 2u);
  EXPECT_EQ(late.groups[0], (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(late.groups[1], (std::vector<int64_t>{2, 3}));
  EXPECT_INPUT_ERROR(plan_of(folder, "bad.yaml", "2026-12"), "branch_at: 2026-12 is outside the run");
  EXPECT_INPUT_ERROR(plan_of(folder, "bad.yaml", "soon"), "branch_at: 'soon' is not allowed");
}

TEST(SweepBranching, ABranchedSweepIsBitIdenticalToTheUnbranchedOne) {
  const test::ScratchFolder folder("branch_bits");
  const SweepPlan plain = plan_of(folder, "plain.yaml", "");
  EXPECT_EQ(run_to_end(plain, folder.file("plain.h5"), 2), 15);
  for (const std::string month : {"2024-10", "2025-03"}) {
    const SweepPlan branched = plan_of(folder, "branched.yaml", month);
    ASSERT_GT(branched.branches().step, 0);
    for (int threads : {1, 2}) {
      SCOPED_TRACE(month + " at " + std::to_string(threads) + " threads");
      const std::string path = folder.file("branched-" + month + "-" + std::to_string(threads) + ".h5");
      EXPECT_EQ(run_to_end(branched, path, threads), 15);
      expect_same_results(folder.file("plain.h5"), path);
    }
  }
}

}  // namespace krapte

// The sweep file written in-process: bit-identical at any thread count, whatever the order
// runs finish in; a stopped sweep stays readable and its resumption equals an uninterrupted
// one; statistics over replications; a changed sweep reuses the runs of unchanged points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>

#include "output/run_file.h"
#include "output/summary.h"
#include "output/sweep_summary.h"
#include "sweep/local_runner.h"
#include "sweep/stop.h"
#include "sweep_test_support.h"

namespace krapte {
namespace {

using test::kGrid;

SweepPlan plan_of(const test::ScratchFolder& folder, const std::string& body) {
  return SweepPlan(load_sweep_spec(folder.write("sweep.yaml", test::tiny_sweep_text(body)), false), 2);
}

/// Runs what the file lacks and the statistics pass; returns the runs done now.
int64_t run_to_end(const SweepPlan& plan, const std::string& path, int threads) {
  SweepFile file(path, plan.description());
  const StopOnSignals signals;
  const int64_t ran = run_sweep_locally(plan, file, SweepRunOptions{threads, nullptr}, StopOnSignals::flag());
  EXPECT_TRUE(finish_sweep(file, threads, StopOnSignals::flag()));
  EXPECT_TRUE(file.complete());
  return ran;
}

TEST(SweepFile, DatasetsAreBitIdenticalAtOneAndTwoThreads) {
  const test::ScratchFolder folder("threads");
  const SweepPlan plan = plan_of(folder, kGrid);
  EXPECT_EQ(run_to_end(plan, folder.file("one.h5"), 1), 12);
  EXPECT_EQ(run_to_end(plan, folder.file("two.h5"), 2), 12);
  // 4 levels x 19 metrics + histogram + axes, /scenario, points, done, spec, statistics.
  EXPECT_GT(test::expect_same_datasets(folder.file("one.h5"), folder.file("two.h5")), 90u);
}

TEST(SweepFile, AStoppedSweepStaysReadableAndItsResumptionEqualsAnUninterruptedOne) {
  const test::ScratchFolder folder("stop");
  const SweepPlan plan = plan_of(folder, kGrid);
  run_to_end(plan, folder.file("whole.h5"), 2);

  const std::string path = folder.file("stopped.h5");
  {
    SweepFile file(path, plan.description());
    const StopOnSignals signals;
    std::atomic<int> written{0};
    // A real SIGTERM, raised once 4 runs are in the file: the handler only raises the flag.
    const SweepRunOptions options{2, [&](const SweepRun&) {
                                    if (++written == 4) std::raise(SIGTERM);
                                  }};
    const int64_t ran = run_sweep_locally(plan, file, options, StopOnSignals::flag());
    EXPECT_TRUE(StopOnSignals::flag());
    EXPECT_EQ(StopOnSignals::signal_number(), SIGTERM);
    EXPECT_GE(ran, 4);
    EXPECT_LT(ran, 12);
    EXPECT_FALSE(file.complete());
  }
  // Readable as it is: what is done is there, the rest is NaN.
  const SweepSummary partial = summarize_sweep_file(path, {});
  EXPECT_FALSE(partial.complete);
  EXPECT_GE(partial.runs_done, 4);
  EXPECT_LT(partial.runs_done, 12);
  std::vector<hsize_t> dims;
  const auto headcount = test::read_doubles_of(path, "national/headcount", dims);
  EXPECT_TRUE(std::any_of(headcount.begin(), headcount.end(), [](double x) { return std::isnan(x); }));

  EXPECT_EQ(run_to_end(plan, path, 2), 12 - partial.runs_done);
  test::expect_same_datasets(folder.file("whole.h5"), path);
}

TEST(SweepFile, StatisticsAreOverTheReplicationsOfEachPoint) {
  const test::ScratchFolder folder("statistics");
  const SweepPlan plan = plan_of(folder, kGrid);
  const std::string path = folder.file("sweep.h5");
  run_to_end(plan, path, 2);
  std::vector<hsize_t> run_dims, summary_dims;
  const auto values = test::read_doubles_of(path, "region/vacancy_fte", run_dims);         // [point, rep, time, region, family]
  const auto summary = test::read_doubles_of(path, "sweep/summary/vacancy_fte/region", summary_dims);  // [point, stat, ...]
  ASSERT_EQ(summary_dims, (std::vector<hsize_t>{4, 4, run_dims[2], run_dims[3], run_dims[4]}));
  const size_t cell = run_dims[2] * run_dims[3] * run_dims[4];
  for (size_t p = 0; p < 4; ++p)
    for (size_t i = 0; i < cell; i += 7) {
      std::vector<double> across;
      double sum = 0;
      for (size_t r = 0; r < 3; ++r) {
        across.push_back(values[(p * 3 + r) * cell + i]);
        sum += across.back();
      }
      EXPECT_EQ(summary[(p * 4 + 0) * cell + i], sum / 3);
      EXPECT_EQ(summary[(p * 4 + 1) * cell + i], percentile(across, 0.05));
      EXPECT_EQ(summary[(p * 4 + 2) * cell + i], percentile(across, 0.50));
      EXPECT_EQ(summary[(p * 4 + 3) * cell + i], percentile(across, 0.95));
    }
}

TEST(SweepFile, AChangedSweepRecomputesChangedPointsOnlyAndNeverMixes) {
  const test::ScratchFolder folder("changed");
  const std::string path = folder.file("sweep.h5");
  run_to_end(plan_of(folder, kGrid), path, 2);
  // One value changed (0.4 -> 0.5: points 2 and 3) and one more replication per point.
  const std::string changed = R"(replications: 4
seed: 11
axes:
  - {key: exits.move_share, values: [0.2, 0.5]}
  - {key: recruitment.mode, values: [competitive, collective]}
)";
  const SweepPlan plan = plan_of(folder, changed);
  {
    const SweepFile file(path, plan.description());
    EXPECT_EQ(file.resume().kind, SweepResume::Kind::kRebuilt);
    EXPECT_EQ(file.resume().runs_kept, 2 * 3);  // points 0 and 1, replications 0-2
    EXPECT_NE(file.resume().why_rebuilt.find("2 of 4 points are new or changed"), std::string::npos);
  }
  EXPECT_EQ(run_to_end(plan, path, 2), 16 - 6);
  run_to_end(plan, folder.file("fresh.h5"), 2);
  test::expect_same_datasets(folder.file("fresh.h5"), path);
  // The same sweep again: nothing to do.
  const SweepFile again(path, plan.description());
  EXPECT_EQ(again.resume().kind, SweepResume::Kind::kInPlace);
  EXPECT_TRUE(again.complete());
}

TEST(SweepFile, AFileThatIsNotASweepFileIsLeftAlone) {
  const test::ScratchFolder folder("not_sweep");
  const std::string run_path = folder.file("run.h5");
  const ResolvedScenario s = test::tiny({"replications=1"});
  {
    RunFileWriter writer(run_path, s);
    writer.write_replication(run_replication(s, prepare_run(s), 0));
    writer.commit();
  }
  const auto before = test::dataset_bytes(run_path);
  const SweepPlan plan = plan_of(folder, kGrid);
  EXPECT_INPUT_ERROR(SweepFile(run_path, plan.description()), "run.h5", "exists and is not a sweep file");
  EXPECT_TRUE(before == test::dataset_bytes(run_path));
  // And the run-file readers name a sweep file for what it is.
  run_to_end(plan, folder.file("sweep.h5"), 2);
  EXPECT_INPUT_ERROR(read_run_file_header(folder.file("sweep.h5")), "it is a sweep file");
}

}  // namespace
}  // namespace krapte

// Checkpoints (issue 13): a run continued from a checkpoint is bit-identical to the run
// without one, at 1 and 2 threads, also when the continuation's scenario adds levers that
// start after the checkpoint; what may and may not differ (checkpoint/past_view.h).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "checkpoint/checkpoint_file.h"
#include "checkpoint/past_view.h"
#include "sim/run.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

std::filesystem::path folder() {
  const auto path = std::filesystem::temp_directory_path() / ("krapte_test_checkpoint_" + std::to_string(::getpid()));
  std::filesystem::create_directories(path);
  return path;
}

// Levers of every kind that keeps state: trainees (programme index on agents), a centre
// (centre_work, work_kept), flexpools (deployment), retention and more hours.
const std::vector<std::string> kLevers = {
    "trainee_programmes=[{name: a, family: ict, intake_per_year: 40, intake_month: 6, from: 2024-03, "
    "age_years: [{from: 22, to: 30, weight: 1}]}]",
    "shared_services=[{name: c, families: [ict], share: 0.3, efficiency: 0.1, from: 2024-09}]",
    "flexpools=[{name: p, family: beleid, fte_per_province: 3, block_fte: 0.5, from: 2024-05}]",
    "more_hours=[{target_fte: 0.95, participation: 0.3, ramp_months: 6, from: 2024-04}]",
};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

void write_checkpoint(const ResolvedScenario& s, const RunSetup& setup, const std::string& month, const std::string& path,
                      int threads) {
  CheckpointWriter writer(path, s, setup, checkpoint_step(s, month, "test"));
  RunOptions options;
  options.threads = threads;
  options.pause_after_step = checkpoint_step(s, month, "test");
  options.on_pause = [&](const ReplicationProgress& progress) { writer.write(progress); };
  options.on_replication_done = [](ReplicationSeries&&) {};
  run_replications(s, setup, options);
  writer.commit();
}

std::vector<ReplicationSeries> continue_from(const ResolvedScenario& s, const std::string& path, int threads) {
  CheckpointReader reader(path, s);
  const RunSetup setup = prepare_run(s);
  reader.check_setup(setup);
  std::vector<ReplicationSeries> all(s.replications);
  RunOptions options;
  options.threads = threads;
  options.resume = [&](int r) { return reader.read(r, s, setup); };
  options.on_replication_done = [&](ReplicationSeries&& series) { all[series.replication] = std::move(series); };
  run_replications(s, setup, options);
  return all;
}

void expect_bit_identical(const std::vector<ReplicationSeries>& a, const std::vector<ReplicationSeries>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a[r].cell_sums.size(), b[r].cell_sums.size());
    EXPECT_EQ(std::memcmp(a[r].cell_sums.data(), b[r].cell_sums.data(), a[r].cell_sums.size() * sizeof(double)), 0)
        << "replication " << r;
    EXPECT_EQ(a[r].age_histogram, b[r].age_histogram) << "replication " << r;
  }
}

}  // namespace

TEST(Checkpoint, ContinuationIsBitIdenticalAtOneAndTwoThreads) {
  const auto dir = folder();
  const ResolvedScenario s = test::tiny(with({"replications=3"}, kLevers));
  const RunSetup setup = prepare_run(s);
  const auto uninterrupted = test::run_all(s, setup, 1);
  // Before the centre opens and after (its work and staff moved), written and read at each thread count.
  for (const std::string month : {"2024-07", "2025-02"})
    for (int write_threads : {1, 2}) {
      const std::string path = (dir / ("at-" + month + ".h5")).string();
      write_checkpoint(s, setup, month, path, write_threads);
      for (int read_threads : {1, 2}) {
        SCOPED_TRACE(month + " written at " + std::to_string(write_threads) + ", read at " + std::to_string(read_threads));
        expect_bit_identical(continue_from(s, path, read_threads), uninterrupted);
      }
    }
  std::filesystem::remove_all(dir);
}

TEST(Checkpoint, ContinuationWithLaterLeversIsTheOtherScenarioBitForBit) {
  const auto dir = folder();
  const ResolvedScenario s = test::tiny(with({"replications=2"}, kLevers));
  const std::string path = (dir / "at.h5").string();
  write_checkpoint(s, prepare_run(s), "2024-07", path, 2);
  // Starting after 2024-07: a retention lever, a second trainee programme, a growth path,
  // a later tightness entry, collective mode; the centre (opens 2024-09) with another share;
  // and a later end.
  const ResolvedScenario other = test::tiny(with(
      {"replications=2", "name=other", "end=2027-06", "recruitment.mode=collective",
       "collective={from: 2024-08, move_share_factor: 0.5}",
       "retention=[{from_age_years: 60, quit_multiplier: 0.6, from: 2024-08}]",
       "demand_growth_paths=[{family: ict, from: 2025-01, annual_growth: 0.06}]",
       "recruitment.tightness=[{from: 2025-01, factor: 0.95}, {from: 2026-01, factor: 0.9}]"},
      {kLevers[0].substr(0, kLevers[0].size() - 1) + ", {name: b, family: beleid, intake_per_year: 20, from: 2025-01, "
       "age_years: [{from: 22, to: 30, weight: 1}]}]",
       "shared_services=[{name: c, families: [ict], share: 0.5, efficiency: 0.2, from: 2024-09}]", kLevers[2], kLevers[3]}));
  ASSERT_EQ(other.policies.trainee_programmes.size(), 2u);
  EXPECT_TRUE(first_past_difference(past_view_yaml(s, YearMonth::of(2024, 7)), past_view_yaml(other, YearMonth::of(2024, 7))).empty());
  const auto direct = test::run_all(other, prepare_run(other), 2);
  expect_bit_identical(continue_from(other, path, 1), direct);
  // ... and it differs from the checkpointed scenario's run (the test can fail).
  const auto base = test::run_all(s, prepare_run(s), 1);
  EXPECT_NE(direct[0].cell_sums[direct[0].shape.cell_offset(20, 0, 0)], base[0].cell_sums[base[0].shape.cell_offset(20, 0, 0)]);
  std::filesystem::remove_all(dir);
}

TEST(Checkpoint, WhatActedBeforeTheMonthMustBeTheSame) {
  const auto dir = folder();
  const ResolvedScenario s = test::tiny(with({"replications=2"}, kLevers));
  const std::string path = (dir / "at.h5").string();
  write_checkpoint(s, prepare_run(s), "2024-07", path, 2);
  const auto refused = [&](std::vector<std::string> changes, const std::string& key) {
    SCOPED_TRACE(key);
    const ResolvedScenario other = test::tiny(with(with({"replications=2"}, kLevers), changes));
    const std::string expected = path + ": " + key + ": differs from the checkpoint";
    EXPECT_INPUT_ERROR(CheckpointReader(path, other), expected, std::string("2024-07"));
  };
  refused({"exits.move_share=0.3"}, "exits.move_share");
  refused({"seed=8"}, "seed");
  refused({"replications=3"}, "replications");
  refused({"retention=[{from_age_years: 60, quit_multiplier: 0.6, from: 2024-07}]"}, "retention[0]");
  refused({"more_hours=[{target_fte: 0.95, participation: 0.4, ramp_months: 6, from: 2024-04}]"}, "more_hours[0].participation");
  // A programme that starts later may not take the index of one that started before.
  refused({"trainee_programmes=[{name: b, family: beleid, intake_per_year: 20, from: 2025-01, age_years: [{from: 22, to: 30, weight: 1}]}, "
           "{name: a, family: ict, intake_per_year: 40, intake_month: 6, from: 2024-03, age_years: [{from: 22, to: 30, weight: 1}]}]"},
          "trainee_programmes[0]");
  // Pools and centres add units from the start, even when they open later.
  refused({"flexpools=[{name: p, family: beleid, fte_per_province: 3, block_fte: 0.5, from: 2024-05}, "
           "{name: q, family: ict, fte_per_province: 2, from: 2025-05}]"},
          "flexpools[1]");
  refused({"recruitment.mode=collective"}, "recruitment.mode");
  EXPECT_INPUT_ERROR(CheckpointReader(path, test::tiny(with(with({"replications=2"}, kLevers), {"end=2024-06"}))), "end: 2024-06 is before");
  std::filesystem::remove_all(dir);
}

}  // namespace krapte

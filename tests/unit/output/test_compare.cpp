// `krapte compare`: a run against itself differs by exactly 0; pairing by replication
// (common random numbers) narrows the interval; mismatched axes are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "output/compare.h"
#include "output/run_file.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

std::string write_run(const ResolvedScenario& s, const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_compare";
  std::filesystem::create_directories(folder);
  const std::string path = (folder / name).string();
  const auto all = test::run_all(s, prepare_run(s), 2);
  RunFileWriter writer(path, s);
  for (const auto& series : all) writer.write_replication(series);
  writer.commit();
  return path;
}

}  // namespace

TEST(StudentT, QuantilesMatchTables) {
  EXPECT_NEAR(student_t_quantile(0.95, 1e9), 1.644854, 1e-5);
  EXPECT_NEAR(student_t_quantile(0.95, 19), 1.729133, 2e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 9), 1.833113, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.95, 4), 2.131847, 4e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.045230, 1e-3);
}

TEST(Compare, ARunAgainstItselfDiffersByExactlyZero) {
  const std::string path = write_run(test::tiny({"replications=4"}), "self.h5");
  for (Level level : {Level::kNational, Level::kRegion, Level::kMunicipality}) {
    CompareOptions options;
    options.level = level;
    const CompareResult result = compare_run_files(path, path, options);
    EXPECT_TRUE(result.paired);
    EXPECT_EQ(result.month, "2026-12");
    ASSERT_FALSE(result.rows.empty());
    for (const CompareRow& row : result.rows) {
      EXPECT_EQ(row.vacancy_fte.difference, 0.0) << row.unit << " " << row.family;
      EXPECT_EQ(row.vacancy_fte.half_width_90, 0.0);
      EXPECT_EQ(row.vacancy_rate.difference, 0.0);
    }
  }
}

TEST(Compare, PairingNarrowsTheIntervalAndDifferencesMatchTheFiles) {
  const ResolvedScenario base = test::tiny({"replications=6"});
  const ResolvedScenario lever = test::tiny({"replications=6", "retention=[{from_age_years: 55, quit_multiplier: 0.3, from: 2024-06}]"});
  const std::string a = write_run(base, "base.h5");
  const std::string b = write_run(lever, "lever.h5");
  CompareOptions options;
  options.at = "2025-12";
  const CompareResult result = compare_run_files(a, b, options);
  EXPECT_TRUE(result.paired);
  EXPECT_EQ(result.month, "2025-12");
  const CompareRow& total = result.rows.back();
  EXPECT_EQ(total.family, "total");
  // The difference of means equals the mean of paired differences, from the files' numbers.
  std::vector<hsize_t> dims;
  const auto va = read_run_dataset(a, "national", "vacancy_fte", dims);
  const auto vb = read_run_dataset(b, "national", "vacancy_fte", dims);
  const size_t points = dims[1], families = dims[2];
  double expected = 0;
  for (size_t r = 0; r < 6; ++r)
    for (size_t j = 0; j < families; ++j)
      expected += (vb[(r * points + 24) * families + j] - va[(r * points + 24) * families + j]) / 6;
  EXPECT_NEAR(total.vacancy_fte.difference, expected, 1e-9);
  EXPECT_GT(total.vacancy_fte.half_width_90, 0);
  EXPECT_LT(total.vacancy_fte.half_width_90, total.vacancy_fte.unpaired_half_width_90);
  EXPECT_NE(format_compare(result).find("paired by replication"), std::string::npos);
  EXPECT_NE(compare_csv(result).find("2025-12,national,total,paired,"), std::string::npos);

  // Another seed: not paired, Welch interval.
  const std::string c = write_run(test::tiny({"replications=6", "seed=99"}), "other_seed.h5");
  const CompareResult unpaired = compare_run_files(a, c, options);
  EXPECT_FALSE(unpaired.paired);
  EXPECT_EQ(unpaired.rows.back().vacancy_fte.half_width_90, unpaired.rows.back().vacancy_fte.unpaired_half_width_90);
}

TEST(Compare, RefusesFilesWhoseAxesDiffer) {
  const std::string a = write_run(test::tiny({"replications=2"}), "axes_a.h5");
  const std::string shorter = write_run(test::tiny({"replications=2", "end=2025-12"}), "axes_b.h5");
  EXPECT_INPUT_ERROR(compare_run_files(a, shorter, {}), "axes_b.h5", "the time axes differ");
  const std::string with_centres =
      write_run(test::tiny({"replications=2", "shared_services=[{share: 0.2, from: 2025-01}]"}), "axes_c.h5");
  // National and region levels still compare (centres belong to regions) ...
  EXPECT_NO_THROW(compare_run_files(a, with_centres, {}));
  CompareOptions municipal;
  municipal.level = Level::kMunicipality;
  // ... the municipality level does not.
  EXPECT_INPUT_ERROR(compare_run_files(a, with_centres, municipal), "the municipality axes differ");
  CompareOptions bad_month;
  bad_month.at = "2031-01";
  EXPECT_INPUT_ERROR(compare_run_files(a, a, bad_month), "no such month", "allowed: 2023-12 to 2026-12");
}

}  // namespace krapte

// Costs through the binary (issue 12): /costs datasets with units in both modes, the
// scenario without costs writes none, and a measure without a cost is one line, exit 2.
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "cli_support.h"
#include "output/hdf5_handles.h"
#include "output/cost_compare.h"
#include "output/run_file.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;

class CostsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("krapte_costs_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  test::CliResult krapte(const std::string& args) { return test::run_krapte(args, dir_, dir_); }
  fs::path dir_;
};

TEST_F(CostsCli, BothModesWriteCostsWithUnits) {
  const std::string scenario = test::quote(test::data_path("tiny/tiny-costs.yaml"));
  for (const std::string mode : {"agents", "expected"}) {
    const std::string out = (dir_ / (mode + ".h5")).string();
    ASSERT_EQ(krapte("run " + scenario + " --mode " + mode + " -o " + test::quote(out) + " --quiet").exit_code, 0) << mode;
    const h5::Handle file = h5::open_file_read(out);
    for (const char* name : {"salary", "vacancy_external", "vacancy_unfilled_fte", "measure_trainee_programmes", "total"})
      for (const std::string group : {"costs/national/", "costs/region/"})
        EXPECT_TRUE(h5::exists(file, group + name)) << mode << " " << group << name;
    EXPECT_FALSE(h5::exists(file, "costs/municipality")) << mode << ": only with output.municipality_costs";
    EXPECT_TRUE(h5::exists(file, "costs/national/total_cumulative"));
    const h5::Handle total(H5Dopen2(file, "costs/national/total", H5P_DEFAULT), H5Dclose, "open");
    EXPECT_EQ(h5::read_string_attribute(total, "units"), "euros per month");
    const h5::Handle unfilled(H5Dopen2(file, "costs/national/vacancy_unfilled_fte_cumulative", H5P_DEFAULT), H5Dclose, "open");
    EXPECT_EQ(h5::read_string_attribute(unfilled, "units"), "FTE-months");
    std::vector<hsize_t> dims;
    const std::vector<double> cumulative = read_run_dataset(out, "costs/national", "total_cumulative", dims);
    EXPECT_GT(cumulative.back(), 0) << mode;
  }
  const std::string with_municipalities = (dir_ / "municipality-costs.h5").string();
  ASSERT_EQ(krapte("run " + scenario + " --set output.municipality_costs=true -o " + test::quote(with_municipalities) + " --quiet")
                .exit_code,
            0);
  EXPECT_TRUE(h5::exists(h5::open_file_read(with_municipalities), "costs/municipality/total"));
  const std::string plain = (dir_ / "plain.h5").string();
  ASSERT_EQ(krapte("run " + test::quote(test::data_path("tiny/tiny.yaml")) + " -o " + test::quote(plain) + " --quiet").exit_code, 0);
  EXPECT_FALSE(h5::exists(h5::open_file_read(plain), "costs"));
}

TEST_F(CostsCli, MeasureWithoutCostIsOneLineExit2) {
  const std::string out = (dir_ / "x.h5").string();
  const test::CliResult result = krapte("run " + test::quote(test::data_path("tiny/tiny-costs.yaml")) +
                                        " --set 'retention=[{from_age_years: 60, quit_multiplier: 0.5, from: 2025-01}]' -o " +
                                        test::quote(out) + " --quiet");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find("krapte: error: "), 0u) << result.err;
  EXPECT_NE(result.err.find("costs.measures.retention is missing"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

// compare: cost columns and euros per vacancy FTE-year avoided, paired, and the ratio equals
// the mean cost difference over the mean FTE-years avoided computed from the files by hand.
TEST_F(CostsCli, CompareCostEffectiveness) {
  const std::string scenario = test::quote(test::data_path("tiny/tiny-costs.yaml"));
  const std::string base = (dir_ / "base.h5").string();
  const std::string other = (dir_ / "other.h5").string();
  ASSERT_EQ(krapte("run " + scenario + " -o " + test::quote(base) + " --quiet").exit_code, 0);
  ASSERT_EQ(krapte("run " + scenario + " --set 'attractiveness.path=[{from: 2024-07, index: 1.05}]'" +
                   " --set attractiveness.quit_elasticity=2 --set attractiveness.match_elasticity=2" +
                   " --set 'costs.measures.attractiveness={pay_share: 0.5, per_year: 100000}' -o " + test::quote(other) + " --quiet")
                .exit_code, 0);
  const std::string csv = (dir_ / "costs.csv").string();
  const test::CliResult result = krapte("compare " + test::quote(base) + " " + test::quote(other) +
                                        " --from 2025-01 --to 2026-12 --costs-csv " + test::quote(csv));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("costs 2025-01 to 2026-12, other - base"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("euros per vacancy FTE-year avoided: "), std::string::npos) << result.out;
  EXPECT_NE(test::read_text(csv).find("euros_per_vacancy_fte_year_avoided"), std::string::npos);

  // By hand from the files: sum over 2025-01 .. 2026-12 (points 13..36) and families.
  std::vector<hsize_t> dims;
  auto window = [&](const std::string& file, const std::string& group, const std::string& name) {
    const std::vector<double> data = read_run_dataset(file, group, name, dims);
    const size_t reps = dims[0], points = dims[1], families = dims[2];
    std::vector<double> sums(reps, 0.0);
    for (size_t r = 0; r < reps; ++r)
      for (size_t k = 13; k <= 36; ++k)
        for (size_t j = 0; j < families; ++j) sums[r] += data[(r * points + k) * families + j];
    return sums;
  };
  const auto cost_a = window(base, "costs/national", "total"), cost_b = window(other, "costs/national", "total");
  const auto vac_a = window(base, "national", "vacancy_fte"), vac_b = window(other, "national", "vacancy_fte");
  double cost = 0, avoided = 0;
  for (size_t r = 0; r < cost_a.size(); ++r) {
    cost += cost_b[r] - cost_a[r];
    avoided += (vac_a[r] - vac_b[r]) / 12.0;
  }
  ASSERT_GT(avoided, 0) << "the lever should avoid vacancies";
  const CostCompareResult costs = compare_run_costs(base, other, {"2025-01", "2026-12", Level::kNational});
  ASSERT_TRUE(costs.available);
  EXPECT_TRUE(costs.paired);
  EXPECT_NEAR(costs.rows[0].euros_per_fte_year, cost / avoided, 1e-6 * std::abs(cost / avoided));
  EXPECT_GT(costs.rows[0].items[static_cast<size_t>(CostItem::kMeasureAttractiveness)].difference, 0);

  // Unknown window months are one line, exit 2.
  const test::CliResult bad = krapte("compare " + test::quote(base) + " " + test::quote(other) + " --from 2031-01");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--from 2031-01: no such month"), std::string::npos) << bad.err;
}

TEST(CostRatio, DeltaMethodIntervalOfARatio) {
  double ratio = 0, half = 0;
  ratio_with_interval({2, 4, 6}, {1, 2, 3}, ratio, half);
  EXPECT_DOUBLE_EQ(ratio, 2);
  EXPECT_DOUBLE_EQ(half, 0);  // every replication has the same ratio
  ratio_with_interval({3, 4, 5}, {1, 2, 3}, ratio, half);
  EXPECT_DOUBLE_EQ(ratio, 2);
  // residuals 1, 0, -1: sd 1, se 1/sqrt(3), times t(0.95, 2), over the mean avoided 2
  EXPECT_NEAR(half, student_t_quantile(0.95, 2) / std::sqrt(3.0) / 2, 1e-12);
  ratio_with_interval({1, 1}, {-1, 0}, ratio, half);
  EXPECT_TRUE(std::isnan(ratio));  // nothing avoided: no cost-effectiveness
}

}  // namespace
}  // namespace krapte

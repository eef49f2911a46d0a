// krapte calibrate (docs/backcast.md): known parameters recovered from a series the
// projection itself made, the fitted scenario file reproducing the fit, the bootstrap's
// draws, and bad calibration files as one located line (in-process and through the binary).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "calibrate/calibration_fit.h"
#include "calibrate/calibration_spec.h"
#include "calibrate/fitted_scenario.h"
#include "cli_support.h"
#include "test_support.h"

namespace krapte::test {
namespace {

namespace fs = std::filesystem;

class CalibrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("krapte-calibrate-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(folder_);
    // Placeholder figures: the recovery test replaces them by the projection's own values.
    std::ofstream(folder_ / "series.csv") << "metric,period,value\nheadcount,2024,1000\nheadcount,2025,1000\n"
                                             "headcount,2026,1000\noutflow,2024,8\noutflow,2025,8\noutflow,2026,8\n"
                                             "inflow,2025,9\n";
  }
  void TearDown() override { fs::remove_all(folder_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(folder_ / name) << text;
    return folder_ / name;
  }
  /// A calibration of the tiny scenario: demand growth offset, applicants and quit factors.
  std::string tiny_calibration(const std::string& extra_parameter = "", const std::string& extra_target = "") {
    return "scenario: " + data_path("tiny/tiny.yaml") + "\nseries: series.csv\nalgorithm: bobyqa\nmax_evaluations: 300\n"
           "parameters:\n"
           "  - {name: growth, keys: ['job_families.*.demand_growth_annual'], how: add, start: 0, lower: -0.05, upper: 0.1}\n"
           "  - {name: applicants, keys: ['job_families.*.applicants_per_100k_inhabitants'], how: scale, start: 1, lower: 0.2, upper: 5}\n"
           "  - {name: quits, keys: ['exits.age_bands.*.quit_annual'], how: scale, start: 1, lower: 0.3, upper: 3}\n" +
           extra_parameter +
           "targets:\n"
           "  - {model: headcount, observed: headcount, year: 2024, rounding: 10}\n"
           "  - {model: headcount, observed: headcount, year: 2025, rounding: 10}\n"
           "  - {model: headcount, observed: headcount, year: 2026, rounding: 10}\n"
           "  - {model: outflow_pct, observed: outflow, year: 2024, rounding: 0.1}\n"
           "  - {model: outflow_pct, observed: outflow, year: 2025, rounding: 0.1}\n"
           "  - {model: outflow_pct, observed: outflow, year: 2026, rounding: 0.1}\n" +
           extra_target;
  }

  fs::path folder_;
};

TEST_F(CalibrateTest, RecoversKnownParametersFromASeriesTheProjectionMade) {
  CalibrationSpec spec = load_calibration_spec(write("tiny.calib.yaml", tiny_calibration()).string());
  ASSERT_EQ(spec.parameters[0].keys.size(), 3u);  // `*` over the three families
  const std::vector<double> truth = {0.03, 1.6, 0.7};
  const std::vector<double> made = projected_targets(spec, truth);
  for (size_t i = 0; i < made.size(); ++i) spec.targets[i].observed = made[i];
  const CalibrationResult result = calibrate(spec);
  // The series is exact, so the minimum is the truth with zero residual; the optimiser
  // stops when no coordinate moves by 1e-6 of its bound width. The bound checked here,
  // 1% of each width, leaves room for the flatness of the objective near the minimum.
  for (size_t i = 0; i < truth.size(); ++i) {
    const double width = spec.parameters[i].upper - spec.parameters[i].lower;
    EXPECT_NEAR(result.fitted[i], truth[i], 0.01 * width) << spec.parameters[i].name;
    std::printf("%s: true %g, fitted %.6g\n", spec.parameters[i].name.c_str(), truth[i], result.fitted[i]);
  }
  std::printf("%d evaluations, %s\n", result.evaluations, result.stop_reason.c_str());
  for (size_t i = 0; i < made.size(); ++i) EXPECT_NEAR(result.model[i] / made[i], 1.0, 1e-4) << spec.targets[i].label();
  EXPECT_LT(result.sum_of_squares, 1e-8);
}

TEST_F(CalibrateTest, FittedScenarioFileReproducesTheFit) {
  CalibrationSpec spec = load_calibration_spec(write("tiny.calib.yaml", tiny_calibration()).string());
  spec.max_evaluations = 25;  // any point will do: the file must reproduce it exactly
  const CalibrationResult result = calibrate(spec);
  const fs::path fitted = folder_ / "tiny-fitted.yaml";
  write_text_file_atomically(fitted.string(), fitted_scenario_yaml(spec, result, fitted.string()));
  const ResolvedScenario from_file = load_scenario(fitted.string(), {"replications=1"});
  const ResolvedScenario from_fit = load_scenario(spec.scenario, [&] {
    auto overrides = fit_overrides(spec, result.fitted);
    overrides.push_back("replications=1");
    return overrides;
  }());
  EXPECT_EQ(from_file.name, "tiny-fitted");
  for (size_t j = 0; j < from_fit.families.size(); ++j) {
    EXPECT_EQ(from_file.families[j].demand_growth_annual, from_fit.families[j].demand_growth_annual);
    EXPECT_EQ(from_file.families[j].applicants_per_100k_inhabitants, from_fit.families[j].applicants_per_100k_inhabitants);
  }
  spec.scenario = fitted.string();
  for (auto& p : spec.parameters) p.keys.clear();  // the file alone, no overrides
  EXPECT_EQ(projected_targets(spec, result.fitted), result.model);
}

TEST_F(CalibrateTest, BootstrapDrawsStayWithinHalfTheRoundingAndRepeat) {
  const CalibrationSpec spec = load_calibration_spec(write("tiny.calib.yaml", tiny_calibration()).string());
  double largest = 0;
  for (int b = 0; b < 200; ++b) {
    const std::vector<double> drawn = bootstrap_observed(spec, b);
    EXPECT_EQ(drawn, bootstrap_observed(spec, b));
    for (size_t i = 0; i < drawn.size(); ++i) {
      EXPECT_LE(std::abs(drawn[i] - spec.targets[i].observed), 0.5 * spec.targets[i].rounding);
      largest = std::max(largest, std::abs(drawn[i] - spec.targets[i].observed) / spec.targets[i].rounding);
    }
  }
  EXPECT_GT(largest, 0.45);  // the draws do spread over the rounding interval
}

TEST_F(CalibrateTest, BadCalibrationFilesAreOneLocatedLine) {
  const auto load = [&](const std::string& text) { return load_calibration_spec(write("bad.calib.yaml", text).string()); };
  EXPECT_INPUT_ERROR(load(tiny_calibration() + "colour: red\n"), "bad.calib.yaml:", "colour: unknown key");
  EXPECT_INPUT_ERROR(load(tiny_calibration("  - {name: x, keys: [exits.nothing_here], lower: 0, upper: 1}\n")),
                     "bad.calib.yaml:9:", "keys[0]", "no key 'exits.nothing_here'");
  EXPECT_INPUT_ERROR(load(tiny_calibration("  - {name: x, keys: [recruitment.mode], lower: 0, upper: 1}\n")),
                     "'recruitment.mode' is not a number");
  EXPECT_INPUT_ERROR(load(tiny_calibration("  - {name: x, keys: [exits.move_share], lower: 1, upper: 0.5}\n")),
                     "upper: 0.5 is not above lower 1");
  EXPECT_INPUT_ERROR(load(tiny_calibration("  - {name: x, keys: ['job_families.*.demand_growth_annual'], lower: 0, upper: 1}\n")),
                     "fitted twice");
  EXPECT_INPUT_ERROR(load(tiny_calibration("", "  - {model: headcount, observed: headcount, year: 2019}\n")),
                     "no row with metric 'headcount' and period 2019");
  EXPECT_INPUT_ERROR(load(tiny_calibration("", "  - {model: vacancies, observed: headcount, year: 2024}\n")),
                     "model: 'vacancies' is not a model quantity");
  EXPECT_INPUT_ERROR(load("scenario: nowhere.yaml\nseries: series.csv\nparameters: []\ntargets: []\n"), "nowhere.yaml");
  EXPECT_INPUT_ERROR(load("scenario: [1\n"), "bad.calib.yaml:", "YAML syntax error");
  // A target year outside the run is found when the model values are taken.
  CalibrationSpec spec = load(tiny_calibration("", "  - {model: inflow_pct, observed: inflow, year: 2025, weight: 0}\n"));
  spec.targets.back().year = 2027;
  EXPECT_INPUT_ERROR(projected_targets(spec, {0, 1, 1}), "year: 2027 is not a whole calendar year of the scenario");
}

TEST_F(CalibrateTest, BinaryGivesOneLineAndExitTwoAndNoOutputForABadFile) {
  write("bad.calib.yaml", tiny_calibration("  - {name: x, keys: [exits.move_share], lower: 0, upper: 1, start: 2}\n"));
  const CliResult result = run_krapte("calibrate bad.calib.yaml -o fitted.yaml", folder_, folder_);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("krapte: error: bad.calib.yaml:9:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("start: 2"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(fs::exists(folder_ / "fitted.yaml"));
  const CliResult folder_output = run_krapte("calibrate " + quote(write("ok.calib.yaml", tiny_calibration()).string()) + " -o .", folder_, folder_);
  EXPECT_EQ(folder_output.exit_code, 2) << folder_output.err;
}

TEST_F(CalibrateTest, BinaryWritesTheFittedScenarioAndResidualTable) {
  std::string text = tiny_calibration();
  text.replace(text.find("max_evaluations: 300"), 20, "max_evaluations: 10\nbootstrap: 2\nbootstrap_max_evaluations: 5\ncheck_replications: 2");
  write("ok.calib.yaml", text);
  const CliResult result = run_krapte("calibrate ok.calib.yaml -o fitted.yaml --csv residuals.csv --threads 1", folder_, folder_);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("headcount 2025"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("agents (2 replications)"), std::string::npos) << result.out;
  const std::string csv = read_text(folder_ / "residuals.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7) << csv;
  const CliResult run = run_krapte("validate fitted.yaml", folder_, folder_);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

}  // namespace
}  // namespace krapte::test

// The baseline reproduces the published figures it is calibrated to (A&O fonds
// Personeelsmonitor Gemeenten, as collected in scenarios/data/workforce_facts.md). The
// tolerances are those of the issue; see docs/calibration.md.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <cmath>

#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

struct Baseline {
  ResolvedScenario scenario;
  RunSetup setup;
  std::vector<ReplicationSeries> first_year;  // 2024-01 .. 2024-12
};

const Baseline& baseline() {
  static const Baseline b = [] {
    Baseline out{load_scenario(test::source_path("scenarios/baseline.yaml"), {"end=2024-12", "replications=4"}), {}, {}};
    out.setup = prepare_run(out.scenario);
    out.first_year = test::run_all(out.scenario, out.setup, 2);
    return out;
  }();
  return b;
}

}  // namespace

TEST(Calibration, PointZeroMatchesPersoneelsmonitor2023) {
  const Population& population = baseline().setup.initial_population;
  double headcount = 0;
  double fte = 0;
  double age_years = 0;
  double under35 = 0;
  double aged60plus = 0;
  for (const auto& agents : population.by_municipality)
    for (size_t i = 0; i < agents.size(); ++i) {
      headcount += 1;
      fte += agents.contract_fte[i];
      age_years += agents.age_months[i] / 12.0;
      under35 += agents.age_months[i] < 35 * 12 ? 1 : 0;
      aged60plus += agents.age_months[i] >= 60 * 12 ? 1 : 0;
    }
  EXPECT_NEAR(headcount, 189500, 0.01 * 189500);         // PM2023 headcount, end of 2023
  EXPECT_NEAR(fte / headcount, 0.90, 0.02);              // PM2021 deeltijdfactor
  EXPECT_NEAR(age_years / headcount, 47.2, 0.5);         // PM2022 mean age
  EXPECT_NEAR(100 * under35 / headcount, 18.0, 1.5);     // PM2022 share under 35
  EXPECT_NEAR(100 * aged60plus / headcount, 17.0, 1.5);  // PM2022 share 60+
}

TEST(Calibration, PersonsPer1000InhabitantsBySizeClassInThe2021Proportions) {
  const ResolvedScenario& s = baseline().scenario;
  const Population& population = baseline().setup.initial_population;
  // PM2021 headcount per class and CBS population 1-1-2024 per class
  // (scenarios/data/gemeenten_size_class_2021.csv).
  const std::map<std::string, std::pair<double, double>> pm2021 = {
      {"<20k", {6080, 879744}},   {"20-50k", {41480, 5887125}}, {"50-100k", {37350, 4339007}},
      {">=100k excl. G4", {41470, 4294699}}, {"G4", {46110, 2542367}}};
  std::map<std::string, std::pair<double, double>> model;  // headcount, inhabitants
  for (int m = 0; m < s.municipality_count(); ++m) {
    const std::string& name = s.population.size_classes[s.population.size_class_of_municipality[m]].name;
    model[name].first += static_cast<double>(population.by_municipality[m].size());
    model[name].second += static_cast<double>(s.municipalities.municipalities[m].inhabitants);
  }
  const double pm_all = 172500.0 / 17942942 * 1000;
  double model_all = 0;
  double inhabitants = 0;
  for (const auto& [name, v] : model) {
    model_all += v.first;
    inhabitants += v.second;
  }
  model_all = model_all / inhabitants * 1000;
  ASSERT_EQ(model.size(), pm2021.size());
  for (const auto& [name, v] : pm2021) {
    ASSERT_EQ(model[name].second, v.second) << name << ": the 2024 classes hold the same inhabitants";
    const double pm_ratio = v.first / v.second * 1000 / pm_all;
    const double model_ratio = model[name].first / model[name].second * 1000 / model_all;
    EXPECT_NEAR(model_ratio, pm_ratio, 0.02 * pm_ratio) << name;
  }
}

TEST(Calibration, FirstYearOutflowAndRetirements) {
  double outflow_rate = 0;
  double employer_outflow_rate = 0;  // exits plus moves to another municipality (A&O counts per employer)
  double retirement_rate = 0;
  for (const auto& s : baseline().first_year) {
    double exits = 0;
    double moves_out = 0;
    double retirements = 0;
    double headcount_sum = 0;
    for (int k = 1; k <= 12; ++k) {
      retirements += test::national(s, k, Metric::kExitsRetirement) + test::national(s, k, Metric::kExitsEarlyRetirement);
      exits += test::national(s, k, Metric::kExitsRetirement) + test::national(s, k, Metric::kExitsEarlyRetirement) +
               test::national(s, k, Metric::kExitsQuit) + test::national(s, k, Metric::kExitsOther) +
               test::national(s, k, Metric::kExitsTrainee);
      moves_out += test::national(s, k, Metric::kMovesOut);
    }
    for (int k = 0; k <= 12; ++k) headcount_sum += test::national(s, k, Metric::kHeadcount) * (k == 0 || k == 12 ? 0.5 : 1.0);
    const double mean_headcount = headcount_sum / 12;
    outflow_rate += exits / mean_headcount;
    employer_outflow_rate += (exits + moves_out) / mean_headcount;
    retirement_rate += retirements / test::national(s, 0, Metric::kHeadcount);
  }
  outflow_rate /= static_cast<double>(baseline().first_year.size());
  retirement_rate /= static_cast<double>(baseline().first_year.size());
  employer_outflow_rate /= static_cast<double>(baseline().first_year.size());
  RecordProperty("outflow_rate", std::to_string(outflow_rate));
  RecordProperty("employer_outflow_rate", std::to_string(employer_outflow_rate));
  RecordProperty("retirement_rate", std::to_string(retirement_rate));
  EXPECT_NEAR(outflow_rate, 0.083, 0.1 * 0.083);  // PM2022 outflow 8.3%, within 10% of it
  // A&O counts leavers per employer, so a move to another municipality is outflow there too.
  EXPECT_NEAR(employer_outflow_rate, 0.083, 0.1 * 0.083);
  EXPECT_GE(retirement_rate, 0.020);              // BZK 2020-2022: 2.1-2.5%, rising towards ~3%
  EXPECT_LE(retirement_rate, 0.032);
}

}  // namespace krapte

// Degenerate parameters give exact answers.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/month_step.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

// Every exit rate 0, AOW beyond the horizon, no recruitment, no moves.
std::vector<std::string> frozen_overrides() {
  return {"exits.age_bands=[{from_years: 0}]", "aow_age=[{from: 2000-01, age_months: 960}]",
          "recruitment.matching_efficiency=0", "exits.move_share=0", "replications=2"};
}

}  // namespace

TEST(Degenerate, WithEveryRateZeroThePopulationStaysExactlyConstant) {
  const ResolvedScenario scenario = test::tiny(frozen_overrides());
  const auto all = test::run_all(scenario, prepare_run(scenario), 2);
  for (const auto& s : all)
    for (int k = 1; k < s.shape.points; ++k)
      for (int m = 0; m < s.shape.municipalities; ++m)
        for (int j = 0; j < s.shape.families; ++j) {
          ASSERT_EQ(test::cell(s, k, m, j, Metric::kHeadcount), test::cell(s, 0, m, j, Metric::kHeadcount));
          ASSERT_EQ(test::cell(s, k, m, j, Metric::kFte), test::cell(s, 0, m, j, Metric::kFte));
          // Everyone is one month older per step.
          ASSERT_NEAR(test::cell(s, k, m, j, Metric::kMeanAge),
                      test::cell(s, 0, m, j, Metric::kMeanAge) + k / 12.0 * test::cell(s, 0, m, j, Metric::kHeadcount), 1e-6);
          for (const MetricInfo& info : metric_catalogue())
            if (info.is_flow) {
              ASSERT_EQ(test::cell(s, k, m, j, info.metric), 0.0) << info.name;
            }
        }
}

TEST(Degenerate, NobodyAtOrAboveTheAowAgeAfterAStep) {
  // Ages up to 67, AOW 67 then 67y3m from 2025-07: many reach it during the run.
  const ResolvedScenario scenario = test::tiny({"replications=1"});
  const RunSetup setup = prepare_run(scenario);
  SimState state(scenario, setup);
  ReplicationSeries series;
  series.shape = SeriesShape{scenario.time.points(), scenario.municipality_count(), scenario.family_count(),
                             scenario.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);
  const RandomStreams rng(scenario.seed, 0);
  double retirements = 0;
  for (int k = 1; k <= scenario.time.steps(); ++k) {
    const StepContext ctx(scenario, rng, k);
    month_step(ctx, setup, state, series);
    for (const auto& agents : state.population.by_municipality)
      for (size_t i = 0; i < agents.size(); ++i)
        ASSERT_LT(agents.age_months[i], ctx.aow_age_months) << "step " << k;
    retirements += test::national(series, k, Metric::kExitsRetirement);
  }
  EXPECT_GT(retirements, 0);
}

// With only a constant quit rate, survivors after k months follow (1 - p)^k.
TEST(Degenerate, SurvivorsOfAConstantQuitRateFollowTheGeometricLaw) {
  const double annual = 0.15;
  const ResolvedScenario scenario = test::tiny({"exits.age_bands=[{from_years: 0, quit_annual: 0.15}]",
                                                "aow_age=[{from: 2000-01, age_months: 960}]",
                                                "recruitment.matching_efficiency=0", "exits.move_share=0",
                                                "exits.first_year_quit_factor=1", "exits.pressure_sensitivity=0",
                                                "replications=8"});
  const int per_municipality = 2500;
  const RunSetup setup = prepare_run(scenario, test::uniform_population(scenario, per_municipality, 30 * 12, 60, 1.0));
  const auto all = test::run_all(scenario, setup, 2);
  const double n0 = static_cast<double>(per_municipality) * scenario.municipality_count();
  const double p = 1.0 - std::pow(1.0 - annual, 1.0 / 12.0);
  for (int k : {1, 6, 12, 24, 36}) {
    double mean = 0;
    for (const auto& s : all) mean += test::national(s, k, Metric::kHeadcount);
    mean /= static_cast<double>(all.size());
    const double survival = std::pow(1.0 - p, k);
    // Binomial: sd of the mean over R replications of N agents.
    const double standard_error = std::sqrt(n0 * survival * (1 - survival) / static_cast<double>(all.size()));
    EXPECT_NEAR(mean, n0 * survival, 4 * standard_error) << "month " << k;
    EXPECT_GT(n0 - mean, 0);
  }
}

}  // namespace krapte

// The expected-value projection on its own (MODEL.md §7): exact where it must be, the
// stock-flow identity in every cell and step, the agents' layout, and bit-identical
// results at any thread count.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <cmath>

#include "agent_expectation.h"
#include "core/errors.h"
#include "projection/age_axis.h"
#include "projection/comparison.h"
#include "projection/placement.h"
#include "projection/projection.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

/// No recruitment, no workload pressure, no moves: MODEL.md §7's scenario without feedbacks.
std::vector<std::string> without_feedbacks(std::vector<std::string> more = {}) {
  more.insert(more.end(), {"recruitment.matching_efficiency=0", "exits.pressure_sensitivity=0", "exits.move_share=0"});
  return more;
}

ReplicationSeries project(const ResolvedScenario& scenario, const RunSetup& setup, int threads = 2) {
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  return run_projection(scenario, setup);
}

double national(const ReplicationSeries& s, int point, int family, Metric metric) {
  double total = 0;
  for (int m = 0; m < s.shape.municipalities; ++m) total += test::cell(s, point, m, family, metric);
  return total;
}

/// Every cell and step: headcount(k) = headcount(k-1) + arrivals - departures (MODEL.md §6),
/// to rounding: the projection's counts are expectations, not integers.
void expect_stock_flow_identity(const ReplicationSeries& s) {
  for (int k = 1; k < s.shape.points; ++k)
    for (int m = 0; m < s.shape.municipalities; ++m)
      for (int j = 0; j < s.shape.families; ++j) {
        using M = Metric;
        auto v = [&](int point, M metric) { return test::cell(s, point, m, j, metric); };
        const double expected = v(k - 1, M::kHeadcount) + v(k, M::kHiresExternal) + v(k, M::kHiresTrainee) +
                                v(k, M::kMovesIn) - v(k, M::kMovesOut) - v(k, M::kExitsRetirement) -
                                v(k, M::kExitsEarlyRetirement) - v(k, M::kExitsQuit) - v(k, M::kExitsOther) -
                                v(k, M::kExitsTrainee);
        ASSERT_NEAR(v(k, M::kHeadcount), expected, 1e-9 * std::max(1.0, expected))
            << "point " << k << ", municipality " << m << ", family " << j;
      }
}

}  // namespace

// A no-poaching factor of 0 stops moves only inside the collective window: before it opens
// the agents move at the base share, so the scenario has feedbacks.
TEST(Projection, MovesBeforeTheCollectiveWindowOpensAreFeedbacks) {
  const std::vector<std::string> no_recruitment_no_pressure = {"recruitment.matching_efficiency=0",
                                                               "exits.pressure_sensitivity=0",
                                                               "recruitment.mode=collective",
                                                               "collective.move_share_factor=0"};
  EXPECT_FALSE(has_feedbacks(test::tiny(no_recruitment_no_pressure)));
  std::vector<std::string> window_opens_later = no_recruitment_no_pressure;
  window_opens_later.push_back("collective.from=2025-01");
  EXPECT_TRUE(has_feedbacks(test::tiny(window_opens_later)));
  std::vector<std::string> window_closes_early = no_recruitment_no_pressure;
  window_closes_early.push_back("collective.until=2025-12");
  EXPECT_TRUE(has_feedbacks(test::tiny(window_closes_early)));
  EXPECT_FALSE(has_feedbacks(test::tiny(without_feedbacks())));
}

TEST(Projection, WithoutFeedbacksItEqualsTheExpectationOverTheAgentsOneByOne) {
  // Every agent leaves independently here, so the exact expectation is a sum over agents;
  // agent_expectation.h computes it one agent and one month at a time.
  const ResolvedScenario scenario =
      load_scenario(test::source_path("scenarios/baseline.yaml"), without_feedbacks({"replications=1"}));
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries series = project(scenario, setup);
  const test::AgentMoments exact = test::no_feedback_moments(scenario, setup.initial_population);
  for (Metric metric : {Metric::kHeadcount, Metric::kFte, Metric::kEffectiveFte, Metric::kExitsRetirement,
                        Metric::kExitsEarlyRetirement, Metric::kExitsQuit, Metric::kExitsOther, Metric::kMeanAge,
                        Metric::kHeadcount55Plus})
    for (int k = metric_info(metric).is_flow ? 1 : 0; k < series.shape.points; ++k)
      for (int j = 0; j < series.shape.families; ++j) {
        const double want = exact.mean[exact.at(metric, k, j)];
        ASSERT_NEAR(national(series, k, j, metric), want, 1e-9 * std::max(1.0, want))
            << metric_info(metric).name << ", point " << k << ", family " << j;
      }
}

TEST(Projection, WithoutFeedbacksExactAlsoWhenOnboardingOutlastsTheFirstYear) {
  // Onboarding of 18 months: initial staff are followed one by one beyond the first year;
  // the AOW age changes during the run (tiny.yaml: 2025-07).
  const ResolvedScenario scenario = test::tiny(without_feedbacks({"onboarding.months=18", "replications=1"}));
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries series = project(scenario, setup);
  const test::AgentMoments exact = test::no_feedback_moments(scenario, setup.initial_population);
  for (Metric metric : {Metric::kHeadcount, Metric::kEffectiveFte, Metric::kExitsRetirement, Metric::kExitsQuit})
    for (int k = 1; k < series.shape.points; ++k)
      for (int j = 0; j < series.shape.families; ++j) {
        const double want = exact.mean[exact.at(metric, k, j)];
        ASSERT_NEAR(national(series, k, j, metric), want, 1e-9 * std::max(1.0, want))
            << metric_info(metric).name << ", point " << k << ", family " << j;
      }
}

TEST(Projection, KeepsTheStockFlowIdentityInEveryCellAndStep) {
  const ResolvedScenario baseline = load_scenario(test::source_path("scenarios/baseline.yaml"), {"replications=1"});
  expect_stock_flow_identity(project(baseline, prepare_run(baseline)));
  // Every mechanism at once, both recruitment modes, onboarding longer than a year.
  for (const char* mode : {"competitive", "collective"}) {
    const ResolvedScenario tiny =
        test::tiny({std::string("recruitment.mode=") + mode, "onboarding.months=15", "replications=1"});
    expect_stock_flow_identity(project(tiny, prepare_run(tiny)));
  }
}

TEST(Projection, MovesLeaveAndArriveInTheSameRegionAndFamily) {
  const ResolvedScenario scenario = test::tiny({"replications=1"});
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries s = project(scenario, setup);
  double moves = 0;
  for (int k = 1; k < s.shape.points; ++k)
    for (int r = 0; r < scenario.region_count(); ++r)
      for (int j = 0; j < s.shape.families; ++j) {
        double in = 0, out = 0;
        for (int m : scenario.municipalities.regions[static_cast<size_t>(r)].municipalities) {
          in += test::cell(s, k, m, j, Metric::kMovesIn);
          out += test::cell(s, k, m, j, Metric::kMovesOut);
        }
        ASSERT_NEAR(in, out, 1e-9 * std::max(1.0, out)) << "point " << k << ", region " << r << ", family " << j;
        moves += out;
      }
  EXPECT_GT(moves, 1.0);  // the test means something
}

TEST(Projection, SameResultAtAnyThreadCountAndInTheAgentsLayout) {
  const ResolvedScenario scenario = test::tiny({"replications=1"});
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries one = project(scenario, setup, 1);
  const ReplicationSeries two = project(scenario, setup, 2);
  EXPECT_EQ(one.cell_sums, two.cell_sums);
  EXPECT_EQ(one.age_histogram, two.age_histogram);
  const ReplicationSeries agents = run_replication(scenario, setup, 0);
  EXPECT_EQ(one.shape.points, agents.shape.points);
  EXPECT_EQ(one.cell_sums.size(), agents.cell_sums.size());
  EXPECT_EQ(one.age_histogram.size(), agents.age_histogram.size());
  // Point 0 is the same people: identical stocks (to summation order).
  for (Metric metric : {Metric::kHeadcount, Metric::kFte, Metric::kEffectiveFte, Metric::kDemandFte, Metric::kMeanAge,
                        Metric::kHeadcount55Plus})
    for (int j = 0; j < scenario.family_count(); ++j)
      EXPECT_NEAR(national(one, 0, j, metric), national(agents, 0, j, metric), 1e-9 * national(agents, 0, j, metric))
          << metric_info(metric).name;
  for (size_t i = 0; i < static_cast<size_t>(scenario.family_count()) * kAgeHistogramBands; ++i)
    EXPECT_DOUBLE_EQ(one.age_histogram[i], agents.age_histogram[i]);
}

TEST(Projection, WithEveryRateZeroNothingChangesButAgeAndDemand) {
  const ResolvedScenario scenario = test::tiny(without_feedbacks(
      {"exits.age_bands=[{from_years: 0}]", "aow_age=[{from: 2000-01, age_months: 960}]", "replications=1"}));
  const ReplicationSeries s = project(scenario, prepare_run(scenario));
  for (int k = 1; k < s.shape.points; ++k)
    for (int j = 0; j < s.shape.families; ++j) {
      EXPECT_DOUBLE_EQ(national(s, k, j, Metric::kHeadcount), national(s, 0, j, Metric::kHeadcount));
      EXPECT_NEAR(national(s, k, j, Metric::kMeanAge),
                  national(s, 0, j, Metric::kMeanAge) + k / 12.0 * national(s, 0, j, Metric::kHeadcount), 1e-6);
      for (const MetricInfo& info : metric_catalogue())
        if (info.is_flow) {
          EXPECT_EQ(national(s, k, j, info.metric), 0.0) << info.name;
        }
    }
}

TEST(ProjectionAgeAxis, NewHireAgesInMonthsFollowTheDistributionInYears) {
  // A bin of whole years is uniform over its months; a point mass lands on one month.
  const PiecewiseDistribution ages({{20, 22, 3}, {30, 30, 1}});
  const projection::MonthlyAgePmf pmf = projection::monthly_age_pmf(ages);
  EXPECT_EQ(pmf.first_age_months, 240);
  EXPECT_NEAR(pmf.pmf.sum(), 1.0, 1e-12);
  EXPECT_NEAR(pmf.pmf[0], 0.75 / 24, 1e-12);
  EXPECT_NEAR(pmf.pmf[23], 0.75 / 24, 1e-12);
  EXPECT_NEAR(pmf.pmf[360 - 240], 0.25, 1e-12);
  EXPECT_EQ(pmf.pmf[24], 0.0);
}

TEST(ProjectionPlacement, OneMoverGoesWhereTheFirstDrawWouldSendIt) {
  // One person: the mean-field split is exactly the agents' choice probabilities.
  std::vector<double> vacancy = {2.0, 1.0, 3.0};
  const std::vector<double> weight_factor = {1.0, 2.0, 1.0};
  const std::vector<double> movers = {1.0, 0.0, 0.0};
  const std::vector<double> mover_fte = {0.8, 0.0, 0.0};
  std::vector<double> in(3), in_fte(3), out(3), unplaced(3);
  projection::place_movers({vacancy, weight_factor}, movers, mover_fte, {in, in_fte, out, unplaced});
  EXPECT_DOUBLE_EQ(in[0], 0.0);  // never to its own origin
  EXPECT_DOUBLE_EQ(in[1], 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(in[2], 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(out[0], 1.0);
  EXPECT_DOUBLE_EQ(in_fte[2], 0.8 * 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(vacancy[2], 3.0 - 0.8 * 3.0 / 5.0);
  // A whole person who lands on a smaller vacancy fills only that vacancy: in expectation
  // V falls by P(lands there) x min(V, FTE), as in the agents' first draw.
  std::vector<double> small = {1.0, 0.2, 0.6};
  std::fill(in.begin(), in.end(), 0.0);
  projection::place_movers({small, weight_factor}, movers, mover_fte, {in, in_fte, out, unplaced});
  EXPECT_DOUBLE_EQ(in[1], 0.4 / 1.0);
  EXPECT_DOUBLE_EQ(small[1], 0.2 - 0.4 * 0.2);
  EXPECT_DOUBLE_EQ(small[2], 0.6 - 0.6 * 0.6);
}

TEST(ProjectionPlacement, ExpectedFillIsTheMeanOfMinOfVacancyAndFte) {
  // FTE 1.0 with weight 1, uniform on [0.5, 1.0) with weight 1.
  const PiecewiseDistribution fte({{1.0, 1.0, 1}, {0.5, 1.0, 1}});
  EXPECT_DOUBLE_EQ(projection::expected_fill(fte, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(projection::expected_fill(fte, 0.4), 0.4);                  // below every FTE
  EXPECT_DOUBLE_EQ(projection::expected_fill(fte, 2.0), fte.mean());           // above every FTE
  // v = 0.75: the point mass gives 0.75; the uniform part E[min(0.75, X)] = 0.6875.
  EXPECT_NEAR(projection::expected_fill(fte, 0.75), 0.5 * 0.75 + 0.5 * 0.6875, 1e-12);
}

TEST(ProjectionPlacement, HiresGoWhereVacanciesAreAndNoneWithoutThem) {
  std::vector<double> vacancy = {3.0, 1.0};
  const std::vector<double> weight_factor = {1.0, 1.0};
  std::vector<double> hires(2);
  const PiecewiseDistribution one_fte({{1.0, 1.0, 1}});
  EXPECT_DOUBLE_EQ(projection::place_hires({vacancy, weight_factor}, 2.0, one_fte, hires), 2.0);
  // First person: 3/4 to the first, 1/4 to the second; then by the expected vacancies left.
  EXPECT_DOUBLE_EQ(hires[0], 0.75 + 2.25 / (2.25 + 0.75));
  EXPECT_DOUBLE_EQ(vacancy[1], (1.0 - 0.25) * (1.0 - 0.25));
  // No municipality of the region has V > 0: the hires are not made.
  std::vector<double> none = {0.0, 1e-12};
  std::vector<double> nobody(2);
  EXPECT_EQ(projection::place_hires({none, weight_factor}, 3.0, one_fte, nobody), 0.0);
  EXPECT_EQ(nobody[0] + nobody[1], 0.0);
  // A mover whose region has no other vacancy quits at the origin.
  std::vector<double> in(2), in_fte(2), out(2), unplaced(2);
  const std::vector<double> movers = {0.3, 0.0};
  const std::vector<double> mover_fte = {0.3, 0.0};
  std::vector<double> only_origin = {2.0, 0.0};
  projection::place_movers({only_origin, weight_factor}, movers, mover_fte, {in, in_fte, out, unplaced});
  EXPECT_DOUBLE_EQ(unplaced[0], 0.3);
  EXPECT_DOUBLE_EQ(out[0], 0.0);
}

TEST(ProjectionCheck, StudentTailAndBonferroniBoundMatchReferenceValues) {
  // Reference values: scipy.stats.t.sf.
  EXPECT_NEAR(student_t_two_sided_tail(2.0, 5), 0.10193947882985828, 1e-12);
  EXPECT_NEAR(student_t_two_sided_tail(4.0, 19), 7.661923372286454e-4, 1e-14);
  EXPECT_NEAR(bonferroni_z(20, 7000, 0.01), 6.890213754717578, 1e-6);
  EXPECT_NEAR(bonferroni_z(100, 3900, 0.01), 4.9920738066820896, 1e-6);
  EXPECT_EQ(bonferroni_z(100000, 1, 0.5), 4.0);  // never below the 4
}

// The levers of the levers issue in the projection.

namespace {

/// Every lever acting at once on the tiny scenario, both prevented-move rules.
std::vector<std::string> every_lever(std::vector<std::string> more = {}) {
  more.insert(
      more.end(),
      {"recruitment.mode=collective", "collective.from=2024-06", "collective.move_share_factor=0.5",
       "attractiveness.path=[{from: 2024-04, index: 1.05}]",
       "productivity_gains=[{families: [beleid], annual_gain: 0.02, from: 2024-03}]",
       "shared_services=[{families: [ict], share: 0.3, efficiency: 0.1, from: 2025-01}]",
       "trainee_programmes=[{name: t, family: ict, intake_per_year: 12, intake_month: 9, duration_months: 12, "
       "age_years: [{from: 22, to: 30, weight: 1}], from: 2024-01}]",
       "flexpools=[{family: beleid, fte_per_province: 6, block_fte: 0.5, from: 2024-04}]",
       "retention=[{from_age_years: 61, quit_multiplier: 0.6, early_retirement_multiplier: 0.7, from: 2024-05}]",
       "more_hours=[{target_fte: 0.95, participation: 0.4, ramp_months: 6, from: 2024-02}]",
       "demand_shocks=[{families: [sociaal_domein], factor: 1.05, from: 2025-03, until: 2025-12}]",
       "demand_growth_paths=[{family: ict, from: 2025-06, annual_growth: 0.08}]", "replications=1"});
  return more;
}

int point_of(const ResolvedScenario& s, const char* month) {
  return parse_year_month(month)->index - s.time.start.index + 1;
}

double national_total(const ReplicationSeries& s, int point, Metric metric) {
  double total = 0;
  for (int j = 0; j < s.shape.families; ++j) total += national(s, point, j, metric);
  return total;
}

}  // namespace

TEST(ProjectionLevers, AtZeroStrengthTheyLeaveTheProjectionUnchanged) {
  const ResolvedScenario plain = test::tiny({"replications=1"});
  const ReplicationSeries baseline = project(plain, prepare_run(plain));
  const std::vector<std::vector<std::string>> variants = {
      {"recruitment.mode=collective", "collective.from=2027-01"},
      {"attractiveness.path=[{from: 2025-01, index: 1.0}]"},
      {"productivity_gains=[{annual_gain: 0, from: 2024-06}]"},
      {"trainee_programmes=[{name: t, family: ict, intake_per_year: 0, age_years: [{from: 22, to: 30, weight: 1}], from: 2024-01}]"},
      {"retention=[{from_age_years: 55, from: 2024-01}]"},
      {"more_hours=[{target_fte: 1.0, participation: 0, from: 2024-01}]"},
      {"demand_shocks=[{factor: 1, from: 2024-01}]"},
      {"shared_services=[{share: 0.3, from: 2027-01}]"},
      {"flexpools=[{family: beleid, fte_per_province: 10, from: 2027-01}]"},
  };
  for (const auto& overrides : variants) {
    std::vector<std::string> with = overrides;
    with.push_back("replications=1");
    const ResolvedScenario scenario = test::tiny(with);
    const ReplicationSeries lever = project(scenario, prepare_run(scenario));
    ASSERT_EQ(lever.cell_sums.size(), baseline.cell_sums.size()) << overrides.front();
    for (size_t i = 0; i < lever.cell_sums.size(); ++i)  // retention ages add segment bounds: sums in another order
      ASSERT_NEAR(lever.cell_sums[i], baseline.cell_sums[i], 1e-9 * std::max(1.0, std::abs(baseline.cell_sums[i])))
          << overrides.front() << ", value " << i;
  }
  // And a lever that acts does change it (so the comparison can fail).
  const ResolvedScenario acting = test::tiny({"retention=[{from_age_years: 55, quit_multiplier: 0.5, from: 2024-01}]", "replications=1"});
  EXPECT_NE(project(acting, prepare_run(acting)).cell_sums, baseline.cell_sums);
}

TEST(ProjectionLevers, KeepTheStockFlowIdentityAndGiveTheSameResultAtAnyThreadCount) {
  for (const char* prevented : {"quit", "stay"}) {
    for (const char* weights : {"vacancy_rate", "vacancy_times_rate"}) {
      const ResolvedScenario scenario = test::tiny(every_lever({std::string("collective.prevented_moves=") + prevented,
                                                                std::string("collective.weights=") + weights}));
      const RunSetup setup = prepare_run(scenario);
      const ReplicationSeries one = project(scenario, setup, 1);
      expect_stock_flow_identity(one);
      EXPECT_EQ(one.cell_sums, project(scenario, setup, 2).cell_sums) << prevented << ", " << weights;
    }
  }
  // Without trainees and flexpools the regions run alone from start to end: the same checks.
  const ResolvedScenario regional = test::tiny(
      {"shared_services=[{families: [ict], share: 0.3, efficiency: 0.1, from: 2025-01}]",
       "more_hours=[{target_fte: 0.95, participation: 0.4, ramp_months: 6, from: 2024-02}]",
       "retention=[{from_age_years: 61, quit_multiplier: 0.6, from: 2024-05}]", "replications=1"});
  const RunSetup regional_setup = prepare_run(regional);
  const ReplicationSeries regional_one = project(regional, regional_setup, 1);
  expect_stock_flow_identity(regional_one);
  EXPECT_EQ(regional_one.cell_sums, project(regional, regional_setup, 2).cell_sums);
  const ResolvedScenario package = load_scenario(test::source_path("scenarios/stap-naar-voren.yaml"), {"replications=1"});
  expect_stock_flow_identity(project(package, prepare_run(package)));
}

TEST(ProjectionLevers, ACentreTakesItsShareOfTheStaffInScopeWhenItOpens) {
  // Without ordinary moves, the month's moves are the transfer alone.
  const ResolvedScenario scenario = test::tiny(
      {"shared_services=[{families: [ict], share: 0.3, efficiency: 0.1, from: 2025-01}]", "exits.move_share=0", "replications=1"});
  const ReplicationSeries s = project(scenario, prepare_run(scenario));
  const int opening = point_of(scenario, "2025-01");
  const int ict = scenario.family_index("ict");
  double staff_before = 0, moved_out = 0, arrived = 0, centre_demand = 0;
  for (int m = 0; m < scenario.municipality_count(); ++m) {
    if (scenario.unit_kind[static_cast<size_t>(m)] == UnitKind::kSharedServiceCentre) {
      arrived += test::cell(s, opening, m, ict, Metric::kMovesIn);
      centre_demand += test::cell(s, opening, m, ict, Metric::kDemandFte);
      EXPECT_EQ(test::cell(s, opening - 1, m, ict, Metric::kDemandFte), 0.0);  // no centre before it opens
    } else {
      staff_before += test::cell(s, opening - 1, m, ict, Metric::kHeadcount);
      moved_out += test::cell(s, opening, m, ict, Metric::kMovesOut);
    }
  }
  EXPECT_GT(staff_before, 100.0);
  EXPECT_NEAR(arrived, 0.3 * staff_before, 1e-9 * staff_before);
  EXPECT_NEAR(moved_out, 0.3 * staff_before, 1e-9 * staff_before);
  EXPECT_GT(centre_demand, 0.0);
}

TEST(ProjectionLevers, AFlexpoolDeploysItsStaffInBlocksWithinItsProvince) {
  const ResolvedScenario scenario =
      test::tiny({"flexpools=[{family: beleid, fte_per_province: 6, block_fte: 0.5, from: 2024-04}]", "replications=1"});
  const ReplicationSeries s = project(scenario, prepare_run(scenario));
  const int beleid = scenario.family_index("beleid");
  const int opening = point_of(scenario, "2024-04");
  const Flexpool& pool = scenario.policies.flexpools.front();
  ASSERT_FALSE(pool.pool_units.empty());
  std::vector<bool> served_by_a_pool(static_cast<size_t>(scenario.municipality_count()), false);
  for (const std::vector<int>& served : pool.served_municipalities)
    for (int m : served) served_by_a_pool[static_cast<size_t>(m)] = true;
  double deployed_over_run = 0;
  for (int k = 0; k < s.shape.points; ++k) {
    for (int m = 0; m < scenario.municipality_count(); ++m)
      if (!served_by_a_pool[static_cast<size_t>(m)]) {
        EXPECT_EQ(test::cell(s, k, m, beleid, Metric::kFlexpoolFte), 0.0) << "point " << k << ", unit " << m;
      }
    for (size_t p = 0; p < pool.pool_units.size(); ++p) {  // one pool per province
      double deployed = 0, gap_left = 0;
      for (int m : pool.served_municipalities[p]) {
        deployed += test::cell(s, k, m, beleid, Metric::kFlexpoolFte);
        gap_left += test::cell(s, k, m, beleid, Metric::kVacancyFte);
      }
      // The pool's effective FTE in whole blocks, unless its province has no gap left.
      const double blocks =
          std::floor(test::cell(s, k, pool.pool_units[p], beleid, Metric::kEffectiveFte) / 0.5 + 1e-9) * 0.5;
      if (k < opening) {
        EXPECT_EQ(deployed, 0.0) << "point " << k;
      }
      if (gap_left > 1e-9) {
        EXPECT_DOUBLE_EQ(deployed, blocks) << "point " << k << ", pool " << p;
      }
      EXPECT_LE(deployed, blocks + 1e-12) << "point " << k << ", pool " << p;
      deployed_over_run += deployed;
    }
  }
  EXPECT_GT(deployed_over_run, 0.0);  // the pool recruited and deployed
}

TEST(ProjectionLevers, TraineesArriveInTheIntakeMonthAndStayOnWithRetentionAfter) {
  // Nobody leaves for any other reason: the trainees' exits are the graduation alone.
  const std::vector<std::string> nobody_leaves = without_feedbacks(
      {"exits.age_bands=[{from_years: 0}]", "aow_age=[{from: 2000-01, age_months: 960}]", "replications=1"});
  std::vector<std::string> with_trainees = nobody_leaves;
  with_trainees.push_back(
      "trainee_programmes=[{name: t, family: ict, intake_per_year: 10, intake_month: 9, duration_months: 12, "
      "retention_after: 0.7, productivity: 0.5, allocation: proportional_to_demand, "
      "age_years: [{from: 22, to: 30, weight: 1}], from: 2024-01}]");
  const ResolvedScenario plain = test::tiny(nobody_leaves);
  const ResolvedScenario scenario = test::tiny(with_trainees);
  const ReplicationSeries without = project(plain, prepare_run(plain));
  const ReplicationSeries s = project(scenario, prepare_run(scenario));
  const int intake = point_of(scenario, "2024-09");
  EXPECT_DOUBLE_EQ(national_total(s, intake, Metric::kHiresTrainee), 10.0);
  EXPECT_NEAR(national_total(s, intake, Metric::kTrainees), 10.0, 1e-9);
  EXPECT_NEAR(national_total(s, intake + 11, Metric::kExitsTrainee), 0.0, 1e-12);
  EXPECT_NEAR(national_total(s, intake + 12, Metric::kExitsTrainee), 3.0, 1e-9);
  // The next intake (2025-09) is what the trainee count holds; the first has graduated.
  EXPECT_NEAR(national_total(s, intake + 12, Metric::kTrainees), 10.0, 1e-9);
  EXPECT_NEAR(national_total(s, intake + 12, Metric::kHeadcount) - national_total(without, intake + 12, Metric::kHeadcount),
              17.0, 1e-9);
  // A trainee counts at the programme's productivity: 10 trainees of 1 FTE give 5 effective FTE.
  EXPECT_NEAR(national_total(s, intake, Metric::kEffectiveFte) - national_total(without, intake, Metric::kEffectiveFte), 5.0,
              1e-9);
}

}  // namespace krapte

// Issue 3: every lever at zero strength (or starting after the horizon) leaves the output
// bit-identical to the baseline; every lever moves the indicators it targets in the
// expected direction (common random numbers); the stock-flow identity holds everywhere,
// shared-service centres and flexpools included.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "metrics/checks.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

std::vector<ReplicationSeries> run(const ResolvedScenario& s) { return test::run_all(s, prepare_run(s), 2); }

bool bit_identical(const std::vector<ReplicationSeries>& a, const std::vector<ReplicationSeries>& b) {
  if (a.size() != b.size()) return false;
  for (size_t r = 0; r < a.size(); ++r) {
    if (a[r].cell_sums.size() != b[r].cell_sums.size()) return false;
    if (std::memcmp(a[r].cell_sums.data(), b[r].cell_sums.data(), a[r].cell_sums.size() * sizeof(double)) != 0) return false;
    if (a[r].age_histogram != b[r].age_histogram) return false;
  }
  return true;
}

// Sum over replications, cells of family j (-1: all) and points [first, last] of a metric.
double total(const std::vector<ReplicationSeries>& all, Metric metric, int j, int first, int last, int max_unit = -1) {
  double sum = 0;
  for (const auto& s : all)
    for (int k = first; k <= last; ++k)
      for (int m = 0; m < (max_unit < 0 ? s.shape.municipalities : max_unit); ++m)
        for (int jj = 0; jj < s.shape.families; ++jj)
          if (j < 0 || jj == j) sum += test::cell(s, k, m, jj, metric);
  return sum;
}

}  // namespace

TEST(LeversAtZeroStrength, GiveTheBaselineBitForBit) {
  const auto baseline = run(test::tiny());
  const std::map<std::string, std::vector<std::string>> variants = {
      {"collective after the end", {"recruitment.mode=collective", "collective.from=2027-01"}},
      {"attractiveness index 1", {"attractiveness.path=[{from: 2025-01, index: 1.0}]"}},
      {"productivity gain 0", {"productivity_gains=[{annual_gain: 0, from: 2024-06}]"}},
      {"productivity gain after the end", {"productivity_gains=[{annual_gain: 0.05, from: 2027-01}]"}},
      {"shared services share 0", {"shared_services=[{share: 0, efficiency: 0.2, from: 2025-01}]"}},
      {"shared services after the end", {"shared_services=[{share: 0.3, from: 2027-01}]"}},
      {"trainees intake 0", {"trainee_programmes=[{name: t, family: ict, intake_per_year: 0, age_years: [{from: 22, to: 30, weight: 1}], from: 2024-01}]"}},
      {"trainees after the end", {"trainee_programmes=[{name: t, family: ict, intake_per_year: 50, age_years: [{from: 22, to: 30, weight: 1}], from: 2027-01}]"}},
      {"flexpool size 0", {"flexpools=[{family: beleid, fte_per_province: 0, from: 2024-03}]"}},
      {"flexpool after the end", {"flexpools=[{family: beleid, fte_per_province: 10, from: 2027-01}]"}},
      {"retention multipliers 1", {"retention=[{from_age_years: 55, from: 2024-01}]"}},
      {"retention after the end", {"retention=[{from_age_years: 55, quit_multiplier: 0.5, from: 2027-01}]"}},
      {"more hours participation 0", {"more_hours=[{target_fte: 1.0, participation: 0, from: 2024-01}]"}},
      {"more hours after the end", {"more_hours=[{target_fte: 1.0, participation: 0.5, from: 2027-01}]"}},
      {"demand shock factor 1", {"demand_shocks=[{factor: 1, from: 2024-01}]"}},
      {"growth path after the end", {"demand_growth_paths=[{family: ict, from: 2027-01, annual_growth: 0.1}]"}},
      {"AOW change after the end", {"aow_age=[{from: 2024-01, age_months: 804}, {from: 2025-07, age_months: 807}, {from: 2027-01, age_months: 840}]"}},
  };
  for (const auto& [name, overrides] : variants) EXPECT_TRUE(bit_identical(baseline, run(test::tiny(overrides)))) << name;
  // And a lever that acts does change the output (so the comparison can fail).
  EXPECT_FALSE(bit_identical(baseline, run(test::tiny({"retention=[{from_age_years: 55, quit_multiplier: 0.5, from: 2024-01}]"}))));
}

class LeverDirections : public ::testing::Test {
 protected:
  static constexpr int kLast = 36;  // 2026-12
  static ResolvedScenario scenario(const std::string& file, std::vector<std::string> overrides = {}) {
    overrides.insert(overrides.end(), {"end=2026-12", "replications=3"});
    return load_scenario(test::source_path("scenarios/" + file), overrides);
  }
  static const std::vector<ReplicationSeries>& baseline() {
    static const auto all = run(scenario("baseline.yaml"));
    return all;
  }
  static int family(const ResolvedScenario& s, const std::string& name) { return s.family_index(name); }
};

namespace {

// Per region, the mean vacancy rate of its municipalities at or below the region's median
// headcount minus that of the larger ones, averaged over regions and replications.
double small_minus_large(const ResolvedScenario& s, const std::vector<ReplicationSeries>& all, int point) {
  double sum = 0;
  int count = 0;
  for (const auto& series : all)
    for (const Region& region : s.municipalities.regions) {
      std::vector<std::pair<double, double>> size_and_rate;  // headcount at point 0, rate
      for (int m : region.municipalities) {
        double v = 0, d = 0, h = 0;
        for (int j = 0; j < series.shape.families; ++j) {
          v += test::cell(series, point, m, j, Metric::kVacancyFte);
          d += test::cell(series, point, m, j, Metric::kDemandFte);
          h += test::cell(series, 0, m, j, Metric::kHeadcount);
        }
        size_and_rate.emplace_back(h, v / d);
      }
      if (size_and_rate.size() < 2) continue;
      std::sort(size_and_rate.begin(), size_and_rate.end());
      const size_t half = (size_and_rate.size() + 1) / 2;
      double small = 0, large = 0;
      for (size_t i = 0; i < size_and_rate.size(); ++i) (i < half ? small : large) += size_and_rate[i].second;
      sum += small / static_cast<double>(half) - large / static_cast<double>(size_and_rate.size() - half);
      ++count;
    }
  return sum / count;
}

}  // namespace

TEST_F(LeverDirections, CollectiveRecruitmentNarrowsTheGapBetweenSmallAndLarge) {
  const ResolvedScenario s = scenario("collective.yaml");  // weights: vacancy_times_rate
  const auto collective = run(s);
  const double competitive_gap = small_minus_large(s, baseline(), kLast);
  EXPECT_GT(competitive_gap, 0);  // competition by size: small municipalities fall behind
  EXPECT_LT(std::abs(small_minus_large(s, collective, kLast)), std::abs(competitive_gap));
  EXPECT_LT(total(collective, Metric::kMovesIn, -1, 13, kLast), total(baseline(), Metric::kMovesIn, -1, 13, kLast));
  EXPECT_LT(total(collective, Metric::kVacancyFte, -1, kLast, kLast), total(baseline(), Metric::kVacancyFte, -1, kLast, kLast));
}

// A finding, kept as a test: MODEL.md's collective weights V / D give a small municipality
// the same chance per hire as a large one with the same rate, so the small ones fill first
// and the gap turns around (docs/levers/collective.md).
TEST_F(LeverDirections, ModelCollectiveWeightsTurnTheGapAround) {
  const ResolvedScenario s = scenario("collective.yaml", {"collective.weights=vacancy_rate"});
  EXPECT_GT(small_minus_large(s, baseline(), kLast), 0);
  EXPECT_LT(small_minus_large(s, run(s), kLast), 0);
}

// The extension collective.prevented_moves: stay keeps the movers the no-poaching factor
// prevents, where MODEL.md lets them leave the sector as quits.
TEST_F(LeverDirections, PreventedMovesThatStayAreNotQuits) {
  const auto leave = run(scenario("collective.yaml"));
  const auto stay = run(scenario("collective.yaml", {"collective.prevented_moves=stay"}));
  EXPECT_LT(total(stay, Metric::kExitsQuit, -1, 13, kLast), total(leave, Metric::kExitsQuit, -1, 13, kLast));
  EXPECT_GT(total(stay, Metric::kHeadcount, -1, kLast, kLast), total(leave, Metric::kHeadcount, -1, kLast, kLast));
  // Before collective mode starts (2025-01) both are the baseline.
  EXPECT_EQ(total(stay, Metric::kExitsQuit, -1, 1, 12), total(baseline(), Metric::kExitsQuit, -1, 1, 12));
}

TEST_F(LeverDirections, AttractivenessLowersQuitsAndRaisesHires) {
  const auto more = run(scenario("attractiveness.yaml"));
  EXPECT_LT(total(more, Metric::kExitsQuit, -1, 13, kLast), total(baseline(), Metric::kExitsQuit, -1, 13, kLast));
  EXPECT_GT(total(more, Metric::kHiresExternal, -1, 13, kLast), total(baseline(), Metric::kHiresExternal, -1, 13, kLast));
}

TEST_F(LeverDirections, StandardisationLowersDemandAndVacanciesOfItsFamilies) {
  const ResolvedScenario s = scenario("standardisation.yaml");
  const auto gains = run(s);
  for (const char* name : {"dienstverlening", "financien", "bedrijfsvoering"}) {
    const int j = family(s, name);
    EXPECT_LT(total(gains, Metric::kDemandFte, j, kLast, kLast), total(baseline(), Metric::kDemandFte, j, kLast, kLast)) << name;
    EXPECT_LT(total(gains, Metric::kVacancyFte, j, kLast, kLast), total(baseline(), Metric::kVacancyFte, j, kLast, kLast)) << name;
  }
  const int ict = family(s, "ict");
  EXPECT_EQ(total(gains, Metric::kDemandFte, ict, kLast, kLast), total(baseline(), Metric::kDemandFte, ict, kLast, kLast));
}

TEST_F(LeverDirections, SharedServiceCentresTakeWorkAndStaffAndSaveDemand) {
  const ResolvedScenario s = scenario("shared-services.yaml");
  const auto shared = run(s);
  ASSERT_EQ(s.municipality_count(), s.real_municipalities + s.region_count());  // one centre per region
  for (const auto& series : shared)
    for (int k = 1; k <= kLast; ++k) ASSERT_EQ(stock_flow_violation(series, k), "");
  for (const char* name : {"ict", "financien"}) {
    const int j = family(s, name);
    // National demand falls by share x efficiency of the moved work.
    EXPECT_LT(total(shared, Metric::kDemandFte, j, kLast, kLast), total(baseline(), Metric::kDemandFte, j, kLast, kLast));
    double centre_headcount = 0;
    for (const auto& series : shared)
      for (int m = s.real_municipalities; m < s.municipality_count(); ++m)
        centre_headcount += test::cell(series, kLast, m, j, Metric::kHeadcount);
    EXPECT_GT(centre_headcount, 0) << name;
  }
  // Before the centres open (2026-01) nothing differs.
  EXPECT_EQ(total(shared, Metric::kHeadcount, -1, 24, 24, s.real_municipalities), total(baseline(), Metric::kHeadcount, -1, 24, 24));
}

TEST_F(LeverDirections, TraineesLowerIctVacancies) {
  const ResolvedScenario s = scenario("trainees.yaml");
  const auto trainees = run(s);
  const int ict = family(s, "ict");
  // Intakes in 2025-09 and 2026-09: 150 each, per replication.
  EXPECT_EQ(total(trainees, Metric::kHiresTrainee, ict, 1, kLast), 3 * 300);
  EXPECT_GT(total(trainees, Metric::kTrainees, ict, kLast, kLast), 0);
  EXPECT_LT(total(trainees, Metric::kVacancyFte, ict, kLast, kLast), total(baseline(), Metric::kVacancyFte, ict, kLast, kLast));
}

TEST_F(LeverDirections, FlexpoolsServeTheMunicipalitiesWithTheHighestVacancyRates) {
  const ResolvedScenario s = scenario("flexpools.yaml");
  const auto pools = run(s);
  const int j = family(s, "ruimtelijk_domein");
  for (const auto& series : pools)
    for (int k = 1; k <= kLast; ++k) ASSERT_EQ(stock_flow_violation(series, k), "");
  EXPECT_GT(total(pools, Metric::kFlexpoolFte, j, kLast, kLast), 0);
  // The highest vacancy rate in each province falls.
  auto worst = [&](const std::vector<ReplicationSeries>& all) {
    double sum = 0;
    for (const auto& series : all)
      for (const Flexpool& pool : s.policies.flexpools)
        for (const auto& served : pool.served_municipalities) {
          double highest = 0;
          for (int m : served)
            highest = std::max(highest, test::cell(series, kLast, m, j, Metric::kVacancyFte) /
                                            test::cell(series, kLast, m, j, Metric::kDemandFte));
          sum += highest;
        }
    return sum;
  };
  EXPECT_LT(worst(pools), worst(baseline()));
}

TEST_F(LeverDirections, RetentionLowersEarlyRetirementAndKeepsOlderStaff) {
  const auto kept = run(scenario("retention.yaml"));
  EXPECT_LT(total(kept, Metric::kExitsEarlyRetirement, -1, 13, kLast), total(baseline(), Metric::kExitsEarlyRetirement, -1, 13, kLast));
  EXPECT_GT(total(kept, Metric::kHeadcount55Plus, -1, kLast, kLast), total(baseline(), Metric::kHeadcount55Plus, -1, kLast, kLast));
}

TEST_F(LeverDirections, MoreHoursRaiseFteAndLowerVacancies) {
  const auto hours = run(scenario("more-hours.yaml"));
  EXPECT_GT(total(hours, Metric::kFte, -1, kLast, kLast), total(baseline(), Metric::kFte, -1, kLast, kLast));
  EXPECT_LT(total(hours, Metric::kVacancyFte, -1, kLast, kLast), total(baseline(), Metric::kVacancyFte, -1, kLast, kLast));
}

TEST_F(LeverDirections, NewTasksRaiseDemandAndVacancies) {
  // The growth path starts within the test's horizon here (the scenario file has 2027-01).
  const ResolvedScenario s =
      scenario("new-tasks.yaml", {"demand_growth_paths=[{family: sociaal_domein, from: 2025-01, annual_growth: 0.03}]"});
  const auto tasks = run(s);
  const int j = family(s, "ruimtelijk_domein");
  EXPECT_NEAR(total(tasks, Metric::kDemandFte, j, kLast, kLast) / total(baseline(), Metric::kDemandFte, j, kLast, kLast), 1.05, 1e-12);
  EXPECT_GT(total(tasks, Metric::kVacancyFte, j, kLast, kLast), total(baseline(), Metric::kVacancyFte, j, kLast, kLast));
  const int social = family(s, "sociaal_domein");
  EXPECT_GT(total(tasks, Metric::kDemandFte, social, kLast, kLast), total(baseline(), Metric::kDemandFte, social, kLast, kLast));
}

TEST_F(LeverDirections, ALaterAowAgeLowersRetirements) {
  const auto later = run(scenario("aow-later.yaml", {"aow_age=[{from: 2024-01, age_months: 804}, {from: 2025-01, age_months: 810}]"}));
  EXPECT_LT(total(later, Metric::kExitsRetirement, -1, 13, kLast), total(baseline(), Metric::kExitsRetirement, -1, 13, kLast));
  EXPECT_GT(total(later, Metric::kHeadcount55Plus, -1, kLast, kLast), total(baseline(), Metric::kHeadcount55Plus, -1, kLast, kLast));
}

TEST_F(LeverDirections, ThePackageKeepsTheIdentityInEveryCell) {
  const ResolvedScenario s = scenario("stap-naar-voren.yaml");
  const auto package = run(s);
  EXPECT_GT(s.municipality_count(), s.real_municipalities + s.region_count());  // centres and pools
  for (const auto& series : package)
    for (int k = 1; k <= kLast; ++k) ASSERT_EQ(stock_flow_violation(series, k), "");
  EXPECT_LT(total(package, Metric::kVacancyFte, -1, kLast, kLast), total(baseline(), Metric::kVacancyFte, -1, kLast, kLast));
}

}  // namespace krapte

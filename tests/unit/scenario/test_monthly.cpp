// scenario/monthly.h: the values of one month that both models read, against hand-computed
// values on tests/data/tiny (growth 2%/4%/1% a year, tightness 0.95 from 2025-01).
#include <gtest/gtest.h>

#include <climits>
#include <cmath>

#include "scenario/monthly.h"
#include "test_support.h"

namespace krapte {

TEST(Monthly, DemandGrowthWithoutAPathIsTheAnnualRateCompounded) {
  const ResolvedScenario s = test::tiny();
  EXPECT_EQ(demand_growth_factor(s, 0, 0), 1.0);
  EXPECT_DOUBLE_EQ(demand_growth_factor(s, 0, 12), 1.02);
  EXPECT_DOUBLE_EQ(demand_growth_factor(s, 1, 6), std::sqrt(1.04));
}

TEST(Monthly, AGrowthPathChangesTheRateFromItsMonth) {
  ResolvedScenario s = test::tiny();  // starts 2024-01: point k is the end of month k
  s.policies.growth_paths = {GrowthPathPoint{1, YearMonth::of(2024, 7), 0.10}};
  // Six months at 4%, then six at 10%.
  EXPECT_DOUBLE_EQ(demand_growth_factor(s, 1, 12), std::pow(1.04, 0.5) * std::pow(1.10, 0.5));
  // Before the change only the old rate counts.
  EXPECT_DOUBLE_EQ(demand_growth_factor(s, 1, 3), std::pow(1.04, 0.25));
  // Other families keep their own rate.
  EXPECT_DOUBLE_EQ(demand_growth_factor(s, 0, 12), 1.02);
}

TEST(Monthly, CellDemandFactorsAreTheGrowthOfEachMunicipalityCell) {
  const ResolvedScenario s = test::tiny();
  const YearMonth c = s.time.month_of_point(12);
  const std::vector<double> factor = cell_demand_factors(s, c, 12);
  ASSERT_EQ(factor.size(), static_cast<size_t>(s.municipality_count() * s.family_count()));
  for (int m = 0; m < s.municipality_count(); ++m)
    for (int j = 0; j < s.family_count(); ++j)
      EXPECT_DOUBLE_EQ(factor[static_cast<size_t>(m * s.family_count() + j)], demand_growth_factor(s, j, 12));
}

TEST(Monthly, ApplicantsPerMonthScaleWithInhabitantsAndTightness) {
  const ResolvedScenario s = test::tiny();
  // beleid: 2 applicants per 100,000 inhabitants a month; tightness 0.95 from 2025-01.
  EXPECT_DOUBLE_EQ(applicants_per_month(s, 0, 250000, YearMonth::of(2024, 6)), 5.0);
  EXPECT_DOUBLE_EQ(applicants_per_month(s, 0, 250000, YearMonth::of(2025, 6)), 5.0 * 0.95);
}

TEST(Monthly, QuitRulesWithoutLeversLeaveTheScenarioRates) {
  ResolvedScenario s = test::tiny();
  const QuitRulesOfMonth rules = quit_rules_of_month(s, YearMonth::of(2024, 6));
  EXPECT_FALSE(rules.collective);
  EXPECT_EQ(rules.attractiveness_factor, 1.0);
  EXPECT_EQ(rules.move_share, 0.4);
  EXPECT_EQ(rules.stay_below, 0.4);  // nothing is prevented
  for (int age : rules.retention_from_age_months) EXPECT_EQ(age, INT_MAX);
  // The quit rate composes band x family multiplier x pressure x attractiveness.
  EXPECT_DOUBLE_EQ(quit_annual_rate(s, 2, 1, 1.5, 0.8), 0.04 * 1.3 * 1.5 * 0.8);
}

TEST(Monthly, ExitRowsAreBandThenFirstYearThenRetained) {
  EXPECT_EQ(exit_row_index(0, false, false), 0u);
  EXPECT_EQ(exit_row_index(0, false, true), 1u);
  EXPECT_EQ(exit_row_index(0, true, false), 2u);
  EXPECT_EQ(exit_row_index(2, true, true), 2 * exit_rows_per_band + 3);
}

}  // namespace krapte

#include <gtest/gtest.h>

#include <cmath>

#include "core/calendar.h"
#include "core/rates.h"

namespace krapte {

TEST(Calendar, ParsesAndPrintsMonths) {
  const auto month = parse_year_month("2024-01");
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->year(), 2024);
  EXPECT_EQ(month->month(), 1);
  EXPECT_EQ(month->to_string(), "2024-01");
  EXPECT_EQ(month->plus_months(-1).to_string(), "2023-12");
  EXPECT_EQ(month->plus_months(11).to_string(), "2024-12");
  for (const char* bad : {"2024-13", "2024-00", "2024-1", "24-01", "2024/01", "abcd-ef", ""})
    EXPECT_FALSE(parse_year_month(bad).has_value()) << bad;
}

TEST(Calendar, TimeAxisFollowsModelSection1) {
  const TimeAxis axis{*parse_year_month("2024-01"), *parse_year_month("2030-12")};
  EXPECT_EQ(axis.steps(), 84);
  EXPECT_EQ(axis.points(), 85);
  EXPECT_EQ(axis.month_of_point(0).to_string(), "2023-12");
  EXPECT_EQ(axis.month_of_point(1).to_string(), "2024-01");
  EXPECT_EQ(axis.month_of_point(84).to_string(), "2030-12");
}

TEST(Rates, AnnualToMonthlyConversion) {
  EXPECT_EQ(monthly_prob_from_annual_rate(0.0), 0.0);
  EXPECT_EQ(monthly_prob_from_annual_rate(1.0), 1.0);
  EXPECT_EQ(monthly_prob_from_annual_rate(1.7), 1.0);  // clamped before conversion
  EXPECT_EQ(monthly_prob_from_annual_rate(-0.1), 0.0);
  for (double annual : {1e-6, 0.01, 0.083, 0.25, 0.5, 0.99}) {
    const double p = monthly_prob_from_annual_rate(annual);
    EXPECT_NEAR(p, 1.0 - std::pow(1.0 - annual, 1.0 / 12.0), 1e-15) << annual;
    // Twelve months of survival give back the annual rate.
    EXPECT_NEAR(1.0 - std::pow(1.0 - p, 12), annual, 1e-13) << annual;
  }
}

}  // namespace krapte

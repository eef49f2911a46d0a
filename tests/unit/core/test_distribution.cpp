#include <gtest/gtest.h>

#include "core/distribution.h"

namespace krapte {

TEST(PiecewiseDistribution, MeanCountsPointMassesAndBins) {
  const PiecewiseDistribution d({{1.0, 1.0, 59}, {0.8, 1.0, 21}, {0.5, 0.8, 17}, {0.2, 0.5, 3}});
  EXPECT_NEAR(d.mean(), (59 * 1.0 + 21 * 0.9 + 17 * 0.65 + 3 * 0.35) / 100.0, 1e-12);
}

TEST(PiecewiseDistribution, DrawPicksTheBinByCumulativeWeight) {
  const PiecewiseDistribution d({{0, 10, 1}, {10, 20, 3}});
  EXPECT_DOUBLE_EQ(d.draw(0.0, 0.5), 5.0);    // first bin
  EXPECT_DOUBLE_EQ(d.draw(0.24, 0.0), 0.0);   // still first bin (weight 0.25)
  EXPECT_DOUBLE_EQ(d.draw(0.25, 0.5), 15.0);  // second bin from 0.25 on
  EXPECT_DOUBLE_EQ(d.draw(0.999, 0.999), 10 + 9.99);
  const PiecewiseDistribution point({{1.0, 1.0, 1}});
  EXPECT_DOUBLE_EQ(point.draw(0.3, 0.7), 1.0);
}

TEST(PiecewiseDistribution, MassBetween) {
  const PiecewiseDistribution d({{18, 25, 4}, {25, 35, 14}, {35, 45, 82}});
  EXPECT_NEAR(d.mass_between(0, 35), 0.18, 1e-12);
  EXPECT_NEAR(d.mass_between(20, 30), (4 * 5.0 / 7 + 14 * 0.5) / 100, 1e-12);
}

}  // namespace krapte

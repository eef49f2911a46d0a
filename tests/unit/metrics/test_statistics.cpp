// metrics/statistics.h: the mean and percentiles every reader of result files states.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/statistics.h"

namespace krapte {

TEST(Statistics, SpreadIsTheMeanAndNumpysPercentiles) {
  const Spread s = spread_of({5, 1, 4, 2, 3});
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.p05, 1.2);  // numpy: np.percentile([1..5], 5) = 1.2
  EXPECT_DOUBLE_EQ(s.p50, 3);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
  const Spread one = spread_of({7});
  EXPECT_EQ(one.mean, 7);
  EXPECT_EQ(one.p05, 7);
  EXPECT_EQ(one.p95, 7);
}

TEST(Statistics, NoValuesGiveNaNNotZero) {
  // A sweep point without finished runs shows "-", not a zero.
  const Spread none = spread_of({});
  EXPECT_TRUE(std::isnan(none.mean) && std::isnan(none.p05) && std::isnan(none.p50) && std::isnan(none.p95));
  EXPECT_EQ(mean_of({}), 0.0);
  std::vector<double> empty;
  EXPECT_EQ(percentile(empty, 0.5), 0.0);
}

}  // namespace krapte

// metrics/series.h: levels are formed from cell sums, ratios after summing (MODEL.md
// conventions), checked against hand-computed values.
#include <gtest/gtest.h>

#include "metrics/series.h"

namespace krapte {

namespace {

// One point, three municipalities (regions 0, 1, 1), two families.
ReplicationSeries three_municipalities() {
  ReplicationSeries series;
  series.shape = SeriesShape{1, 3, 2, 2};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  auto set = [&](int m, int j, Metric metric, double value) {
    series.cell_sums[series.shape.cell_offset(0, m, j) + static_cast<int>(metric)] = value;
  };
  // family 0: demand 100, 10, 0; vacancies 5, 4, 0.
  set(0, 0, Metric::kDemandFte, 100);
  set(0, 0, Metric::kVacancyFte, 5);
  set(1, 0, Metric::kDemandFte, 10);
  set(1, 0, Metric::kVacancyFte, 4);
  // family 1: headcount 2 and 3 with summed ages 80 and 150 years (means 40 and 50).
  set(0, 1, Metric::kHeadcount, 2);
  set(0, 1, Metric::kMeanAge, 80);
  set(2, 1, Metric::kHeadcount, 3);
  set(2, 1, Metric::kMeanAge, 150);
  return series;
}

const std::vector<int> kRegionOf = {0, 1, 1};

}  // namespace

TEST(DeriveLevel, VacancyRateIsSummedVacanciesOverSummedDemand) {
  const ReplicationSeries series = three_municipalities();
  const LevelValues nation = derive_level(series, Level::kNational, kRegionOf);
  ASSERT_EQ(nation.units, 1);
  EXPECT_DOUBLE_EQ(nation.at(Metric::kDemandFte, 0, 0, 0), 110);
  EXPECT_DOUBLE_EQ(nation.at(Metric::kVacancyFte, 0, 0, 0), 9);
  // 9 / 110, not the mean of the cells' rates (0.05 and 0.4, mean 0.225).
  EXPECT_DOUBLE_EQ(nation.at(Metric::kVacancyRate, 0, 0, 0), 9.0 / 110.0);

  const LevelValues regions = derive_level(series, Level::kRegion, kRegionOf);
  ASSERT_EQ(regions.units, 2);
  EXPECT_DOUBLE_EQ(regions.at(Metric::kVacancyRate, 0, 0, 0), 0.05);
  EXPECT_DOUBLE_EQ(regions.at(Metric::kVacancyRate, 0, 1, 0), 0.4);  // 4 / (10 + 0)

  const LevelValues municipalities = derive_level(series, Level::kMunicipality, kRegionOf);
  ASSERT_EQ(municipalities.units, 3);
  EXPECT_DOUBLE_EQ(municipalities.at(Metric::kVacancyRate, 0, 1, 0), 0.4);
  EXPECT_EQ(municipalities.at(Metric::kVacancyRate, 0, 2, 0), 0.0);  // no demand: 0, not NaN
}

TEST(DeriveLevel, MeanAgeIsSummedAgesOverSummedHeadcount) {
  const ReplicationSeries series = three_municipalities();
  const LevelValues nation = derive_level(series, Level::kNational, kRegionOf);
  EXPECT_DOUBLE_EQ(nation.at(Metric::kHeadcount, 0, 0, 1), 5);
  EXPECT_DOUBLE_EQ(nation.at(Metric::kMeanAge, 0, 0, 1), 230.0 / 5.0);  // 46, not (40 + 50) / 2
  EXPECT_EQ(nation.at(Metric::kMeanAge, 0, 0, 0), 0.0);                // nobody in family 0
  const LevelValues regions = derive_level(series, Level::kRegion, kRegionOf);
  EXPECT_DOUBLE_EQ(regions.at(Metric::kMeanAge, 0, 0, 1), 40);
  EXPECT_DOUBLE_EQ(regions.at(Metric::kMeanAge, 0, 1, 1), 50);
}

TEST(DeriveLevel, SumsFollowTheRegionMap) {
  ReplicationSeries series = three_municipalities();
  const LevelValues swapped = derive_level(series, Level::kRegion, {1, 0, 0});
  EXPECT_DOUBLE_EQ(swapped.at(Metric::kDemandFte, 0, 1, 0), 100);
  EXPECT_DOUBLE_EQ(swapped.at(Metric::kDemandFte, 0, 0, 0), 10);
}

}  // namespace krapte

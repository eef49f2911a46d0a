// Costs (issue 12, docs/costs.md): hand-computed totals on tests/data/tiny, total = sum of
// parts in every cell, a measure at zero strength costs exactly 0 and changes nothing else,
// both modes, and the scenario errors of the costs: section.
#include <cmath>

#include "core/errors.h"
#include "costs/cost_series.h"
#include "projection/projection.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {
namespace {

using namespace std::string_literals;

ResolvedScenario tiny_costs(const std::vector<std::string>& overrides = {}) {
  return load_scenario(test::data_path("tiny/tiny-costs.yaml"), overrides);
}

double cost(const CostCells& cells, int point, int unit, int family, CostItem item) {
  return cells.values[cells.offset(point, unit, family) + static_cast<size_t>(item)];
}

void set(ReplicationSeries& s, int point, int m, int j, Metric metric, double value) {
  s.cell_sums[s.shape.cell_offset(point, m, j) + static_cast<size_t>(metric)] = value;
}

ReplicationSeries empty_series(const ResolvedScenario& s) {
  ReplicationSeries series;
  series.shape = SeriesShape{s.time.points(), s.municipality_count(), s.family_count(), s.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);
  return series;
}

// tiny-costs: beleid 4000, ict 5000, sociaal_domein 3000 gross; charges 0.5; +10%/year from
// 2024; 25% of vacancies by inhuur at 2x. Point 13 is 2025-01 (factor 1.1), point 25 2026-01.
TEST(Costs, HandComputedSalaryAndVacancyOnTiny) {
  const ResolvedScenario s = tiny_costs();
  ASSERT_TRUE(s.costs.enabled);
  ReplicationSeries series = empty_series(s);
  set(series, 1, 0, 0, Metric::kFte, 10);        // 2024-01, beleid: 10 x 4000 x 1.5 = 60,000
  set(series, 13, 0, 0, Metric::kFte, 10);       // 2025-01: 66,000
  set(series, 25, 3, 1, Metric::kFte, 2);        // 2026-01, ict: 2 x 5000 x 1.5 x 1.21 = 18,150
  set(series, 25, 3, 1, Metric::kVacancyFte, 4); // inhuur 4 x 0.25 x 2 x 9075 = 18,150; unfilled 3 FTE
  const CostCells cells = compute_cost_cells(s, series);
  EXPECT_NEAR(cost(cells, 1, 0, 0, CostItem::kSalary), 60000, 1e-9);
  EXPECT_NEAR(cost(cells, 13, 0, 0, CostItem::kSalary), 66000, 1e-9);
  EXPECT_NEAR(cost(cells, 25, 3, 1, CostItem::kSalary), 18150, 1e-9);
  EXPECT_NEAR(cost(cells, 25, 3, 1, CostItem::kVacancyExternal), 18150, 1e-9);
  EXPECT_NEAR(cost(cells, 25, 3, 1, CostItem::kVacancyUnfilledFte), 3, 1e-12);
  EXPECT_NEAR(cost(cells, 25, 3, 1, CostItem::kTotal), 36300, 1e-9);  // unfilled FTE is not money
  EXPECT_EQ(cost(cells, 0, 0, 0, CostItem::kSalary), 0.0);  // point 0: flows are 0

  const std::vector<int> region_of = test::sim_support_region_of(s);
  const CostLevel national = derive_cost_level(cells, Level::kNational, region_of, false);
  const CostLevel cumulative = derive_cost_level(cells, Level::kNational, region_of, true);
  const int last = s.time.points() - 1;
  EXPECT_NEAR(cumulative.item(CostItem::kSalary)[static_cast<size_t>(last) * s.family_count() + 0], 126000, 1e-9);
  EXPECT_NEAR(cumulative.item(CostItem::kTotal)[static_cast<size_t>(last) * s.family_count() + 1], 36300, 1e-9);
  EXPECT_NEAR(national.item(CostItem::kSalary)[13 * static_cast<size_t>(s.family_count())], 66000, 1e-9);
}

TEST(Costs, HandComputedMeasuresOnTiny) {
  const ResolvedScenario s = tiny_costs(
      {"recruitment.mode=collective", "costs.measures.collective={per_year: 1200000}",
       "trainee_programmes=[{name: t, family: ict, intake_per_year: 10, age_years: [{from: 22, to: 30, weight: 1}], from: 2025-01}]",
       "costs.measures.trainee_programmes={per_trainee_month: 500, per_intake: 3000}",
       "flexpools=[{family: beleid, fte_per_province: 5, from: 2025-01}]", "costs.measures.flexpools={overhead: 0.2}",
       "retention=[{families: [sociaal_domein], from_age_years: 60, quit_multiplier: 0.5, from: 2025-01}]",
       "costs.measures.retention={per_person_month: 100}"});
  ReplicationSeries series = empty_series(s);
  const int k = 13;  // 2025-01
  set(series, k, 1, 1, Metric::kTrainees, 4);
  set(series, k, 1, 1, Metric::kHiresTrainee, 2);      // 4 x 500 + 2 x 3000 = 8,000
  set(series, k, 2, 0, Metric::kFlexpoolFte, 1.5);     // 1.5 x 0.2 x 6600 = 1,980
  set(series, k, 0, 0, Metric::kDemandFte, 30);        // collective 100,000 a month, by demand:
  set(series, k, 4, 2, Metric::kDemandFte, 10);        //   75,000 and 25,000
  // Retention: staff aged 60+ in sociaal_domein (bands 60-64 .. 70+) = 7 nationally, spread
  // by staff aged 55+: 3 in unit 5, 1 in unit 6 -> 525 and 175 euros.
  const size_t bands = kAgeHistogramBands;
  series.age_histogram[(static_cast<size_t>(k) * s.family_count() + 2) * bands + 9] = 5;
  series.age_histogram[(static_cast<size_t>(k) * s.family_count() + 2) * bands + 10] = 2;
  series.age_histogram[(static_cast<size_t>(k) * s.family_count() + 2) * bands + 8] = 40;  // 55-59: not in the scheme
  set(series, k, 5, 2, Metric::kHeadcount55Plus, 3);
  set(series, k, 6, 2, Metric::kHeadcount55Plus, 1);
  const CostCells cells = compute_cost_cells(s, series);
  EXPECT_NEAR(cost(cells, k, 1, 1, CostItem::kMeasureTraineeProgrammes), 8000, 1e-9);
  EXPECT_NEAR(cost(cells, k, 2, 0, CostItem::kMeasureFlexpools), 1980, 1e-9);
  EXPECT_NEAR(cost(cells, k, 0, 0, CostItem::kMeasureCollective), 75000, 1e-9);
  EXPECT_NEAR(cost(cells, k, 4, 2, CostItem::kMeasureCollective), 25000, 1e-9);
  EXPECT_NEAR(cost(cells, k, 5, 2, CostItem::kMeasureRetention), 525, 1e-9);
  EXPECT_NEAR(cost(cells, k, 6, 2, CostItem::kMeasureRetention), 175, 1e-9);
  EXPECT_EQ(cost(cells, 12, 5, 2, CostItem::kMeasureRetention), 0.0);  // 2024-12: the scheme has not started
  EXPECT_NEAR(cost(cells, k, 0, 0, CostItem::kTotal), 75000, 1e-9);
}

void expect_total_is_sum_of_parts(const ResolvedScenario& s, const CostCells& cells) {
  for (int k = 0; k < cells.shape.points; ++k)
    for (int m = 0; m < cells.shape.municipalities; ++m)
      for (int j = 0; j < cells.shape.families; ++j) {
        double parts = 0;
        for (const CostItemInfo& info : cost_catalogue())
          if (info.is_money && info.item != CostItem::kTotal) parts += cost(cells, k, m, j, info.item);
        ASSERT_EQ(cost(cells, k, m, j, CostItem::kTotal), parts) << s.name << " point " << k << " unit " << m;
      }
}

// Every lever on, agents and projection: total = sum of parts in every cell, and the
// national level is the sum of the regions.
TEST(Costs, TotalIsSumOfPartsInEveryCellBothModes) {
  const ResolvedScenario s = load_scenario(test::source_path("scenarios/stap-naar-voren.yaml"), {"end=2026-01", "replications=1"});
  const RunSetup setup = prepare_run(s);
  const ReplicationSeries agents = run_replication(s, setup, 0);
  const ReplicationSeries expected = run_projection(s, setup);
  for (const ReplicationSeries* series : {&agents, &expected}) {
    const CostCells cells = compute_cost_cells(s, *series);
    expect_total_is_sum_of_parts(s, cells);
    const std::vector<int> region_of = test::sim_support_region_of(s);
    const CostLevel national = derive_cost_level(cells, Level::kNational, region_of, true);
    const CostLevel regions = derive_cost_level(cells, Level::kRegion, region_of, true);
    const size_t last = static_cast<size_t>(s.time.points() - 1);
    for (const CostItemInfo& info : cost_catalogue()) {
      double nation = 0, sum_of_regions = 0;
      for (int j = 0; j < s.family_count(); ++j) {
        nation += national.item(info.item)[last * s.family_count() + j];
        for (int r = 0; r < s.region_count(); ++r)
          sum_of_regions += regions.item(info.item)[(last * s.region_count() + r) * s.family_count() + j];
      }
      EXPECT_NEAR(nation, sum_of_regions, 1e-9 * std::abs(nation) + 1e-9) << info.name;
      // Every measure of the package costs something by 2026-01 (attractiveness, trainees, ...).
      EXPECT_GT(nation, 0) << info.name;
    }
  }
}

// A measure at zero strength costs exactly 0 and changes nothing else (the results and
// every other cost item bit-identical to the run without it).
TEST(Costs, MeasureAtZeroStrengthCostsNothingAndChangesNothing) {
  const std::vector<std::string> common = {"end=2025-06"};
  const ResolvedScenario plain = tiny_costs(common);
  const RunSetup plain_setup = prepare_run(plain);
  const ReplicationSeries plain_series = run_replication(plain, plain_setup, 0);
  const CostCells plain_costs = compute_cost_cells(plain, plain_series);
  struct Lever {
    std::vector<std::string> overrides;
    CostItem item;
  };
  const std::vector<Lever> levers = {
      {{"trainee_programmes=[{name: t, family: ict, intake_per_year: 0, age_years: [{from: 22, to: 30, weight: 1}], from: 2024-03}]",
        "costs.measures.trainee_programmes={per_trainee_month: 500, per_intake: 3000}"}, CostItem::kMeasureTraineeProgrammes},
      {{"retention=[{from_age_years: 60, from: 2024-03}]", "costs.measures.retention={per_person_month: 100}"}, CostItem::kMeasureRetention},
      {{"productivity_gains=[{annual_gain: 0, from: 2024-03}]", "costs.measures.productivity_gains={one_off: 1000000, per_year: 50000}"},
       CostItem::kMeasureProductivityGains},
      {{"more_hours=[{target_fte: 1, participation: 0, from: 2024-03}]", "costs.measures.more_hours={per_year: 50000}"},
       CostItem::kMeasureMoreHours},
      {{"flexpools=[{family: beleid, fte_per_province: 0, from: 2024-03}]", "costs.measures.flexpools={overhead: 0.2}"},
       CostItem::kMeasureFlexpools},
      {{"shared_services=[{families: [ict], share: 0, from: 2024-03}]",
        "costs.measures.shared_services={one_off_per_centre: 1000000, per_year_per_centre: 50000}"}, CostItem::kMeasureSharedServices},
  };
  for (const Lever& lever : levers) {
    std::vector<std::string> overrides = common;
    overrides.insert(overrides.end(), lever.overrides.begin(), lever.overrides.end());
    const ResolvedScenario s = tiny_costs(overrides);
    const RunSetup setup = prepare_run(s);
    const ReplicationSeries series = run_replication(s, setup, 0);
    ASSERT_EQ(series.cell_sums, plain_series.cell_sums) << lever.overrides[0];
    const CostCells costs = compute_cost_cells(s, series);
    ASSERT_EQ(costs.values.size(), plain_costs.values.size());
    for (size_t i = 0; i < costs.values.size(); ++i) {
      if (static_cast<int>(i % kCostItemCount) == static_cast<int>(lever.item)) {
        ASSERT_EQ(costs.values[i], 0.0) << lever.overrides[0];
      } else {
        ASSERT_EQ(costs.values[i], plain_costs.values[i]) << lever.overrides[0] << " item " << i % kCostItemCount;
      }
    }
  }
}

TEST(Costs, ScenarioErrors) {
  EXPECT_INPUT_ERROR(tiny_costs({"trainee_programmes=[{name: t, family: ict, intake_per_year: 5, age_years: [{from: 22, to: 30, weight: 1}], from: 2025-01}]"}),
                     "trainee_programmes: the scenario uses this measure but costs.measures.trainee_programmes is missing"s);
  EXPECT_INPUT_ERROR(tiny_costs({"recruitment.mode=collective"}), "recruitment.mode: collective recruitment is used but costs.measures.collective is missing"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.salary=[{family: beleid, gross_per_fte_month: 1}, {family: ict, gross_per_fte_month: 1}]"}),
                     "costs.salary: no salary for job family 'sociaal_domein'"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.salary.0.family=ict"}), "costs.salary[1].family: job family 'ict' appears twice"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.salary.0.family=ict_x"}), "unknown job family 'ict_x'"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.vacancy={external_share: 0.5}"}), "missing required key 'costs.vacancy.external_premium'"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.vacancy.external_share=1.5"}), "costs.vacancy.external_share: 1.5 is out of range; allowed: [0, 1]"s);
  EXPECT_INPUT_ERROR(tiny_costs({"retention=[{from_age_years: 58, from: 2025-01}]", "costs.measures.retention={per_person_month: 1}"}),
                     "retention[0].from_age_years: 58 does not start an age band"s);
  EXPECT_INPUT_ERROR(tiny_costs({"costs.measures.flexpools={}"}), "missing required key 'costs.measures.flexpools.overhead'"s);
  // Without costs: the levers need no cost entries and nothing is computed.
  EXPECT_FALSE(test::tiny({"recruitment.mode=collective"}).costs.enabled);
}

}  // namespace
}  // namespace krapte

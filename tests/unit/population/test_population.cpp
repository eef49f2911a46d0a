#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "population/initial_population.h"
#include "sim/replication.h"
#include "test_support.h"

namespace krapte {

TEST(SyntheticPopulation, FillsEveryCellToItsFteTargetWithBoundedOvershoot) {
  const ResolvedScenario s = test::tiny();
  const Population population = build_synthetic_population(s);
  for (int m = 0; m < s.municipality_count(); ++m) {
    const auto& agents = population.by_municipality[m];
    const auto& size_class = s.population.size_classes[s.population.size_class_of_municipality[m]];
    const double municipality_fte =
        static_cast<double>(s.municipalities.municipalities[m].inhabitants) * size_class.fte_per_1000_inhabitants / 1000.0;
    for (int j = 0; j < s.family_count(); ++j) {
      double cell_fte = 0;
      double last_fte = 0;
      for (size_t i = 0; i < agents.size(); ++i)
        if (agents.family[i] == j) {
          cell_fte += agents.contract_fte[i];
          last_fte = agents.contract_fte[i];
        }
      const double target = municipality_fte * s.families[j].share;
      EXPECT_GE(cell_fte, target);
      EXPECT_LT(cell_fte - target, last_fte);  // the last agent overshoots by less than its own FTE
    }
    for (size_t i = 0; i < agents.size(); ++i) {
      EXPECT_LE(agents.tenure_months[i], agents.age_months[i] - 18 * 12);
      EXPECT_EQ(agents.onboarding_months_left[i], std::max(0, s.onboarding.months - agents.tenure_months[i]));
      EXPECT_GT(agents.contract_fte[i], 0);
      EXPECT_LE(agents.contract_fte[i], 1);
    }
  }
}

TEST(SyntheticPopulation, DependsOnTheSeedOnly) {
  const Population a = build_synthetic_population(test::tiny({"replications=1"}));
  const Population b = build_synthetic_population(test::tiny({"replications=5"}));
  const Population c = build_synthetic_population(test::tiny({"seed=8"}));
  EXPECT_EQ(a.by_municipality[3].age_months, b.by_municipality[3].age_months);
  EXPECT_EQ(a.by_municipality[3].contract_fte, b.by_municipality[3].contract_fte);
  EXPECT_NE(a.by_municipality[3].age_months, c.by_municipality[3].age_months);
}

TEST(SyntheticPopulation, InitialDemandFollowsTheInitialVacancyRate) {
  const ResolvedScenario s = test::tiny();
  const RunSetup setup = prepare_run(s);
  for (int m = 0; m < s.municipality_count(); ++m) {
    std::vector<double> supply(s.family_count(), 0.0);
    const auto& agents = setup.initial_population.by_municipality[m];
    for (size_t i = 0; i < agents.size(); ++i)
      supply[agents.family[i]] += agents.contract_fte[i] * (agents.onboarding_months_left[i] > 0 ? 0.5 : 1.0);
    for (int j = 0; j < s.family_count(); ++j)
      EXPECT_NEAR(setup.demand0_fte[static_cast<size_t>(m) * s.family_count() + j],
                  supply[j] / (1 - s.families[j].initial_vacancy_rate), 1e-9);
  }
}

TEST(EmployeeFile, ReadsEveryColumnVariant) {
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_employee_file";
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "staff.csv").string();
  {
    std::ofstream out(path);
    out << "municipality_code,job_family,birth_month,contract_fte,hire_month\n"
        << "GM0004,ict,1980-06,0.8,2020-01\n"
        << "GM0001,beleid,2005-12,1.0,2023-12\n"
        << "\"GM0004\",sociaal_domein,1960-01,0.5,1975-01\n";
  }
  const ResolvedScenario s = test::tiny({"population.source=file", "population.file=" + path});
  const Population population = build_initial_population(s);
  EXPECT_EQ(population.total_agents(), 3u);
  const auto& dijkum = population.by_municipality[s.municipalities.find("GM0004")];
  ASSERT_EQ(dijkum.size(), 2u);
  // Point 0 is 2023-12: born 1980-06 -> 43 years 6 months; hired 2020-01 -> 47 months.
  EXPECT_EQ(dijkum.age_months[0], 43 * 12 + 6);
  EXPECT_EQ(dijkum.tenure_months[0], 47);
  EXPECT_EQ(dijkum.family[0], s.family_index("ict"));
  EXPECT_EQ(dijkum.onboarding_months_left[0], 0);
  const auto& aadorp = population.by_municipality[s.municipalities.find("GM0001")];
  EXPECT_EQ(aadorp.age_months[0], 18 * 12);
  EXPECT_EQ(aadorp.tenure_months[0], 0);
  EXPECT_EQ(aadorp.onboarding_months_left[0], s.onboarding.months);
  // Tenure is capped at age minus 18 years: 63y11m old, hired 48y11m ago -> 45y11m.
  EXPECT_EQ(dijkum.tenure_months[1], 45 * 12 + 11);

  {
    std::ofstream out(path);
    out << "municipality_code,job_family,age_years,contract_fte,tenure_years\n"
        << "GM0007,ict,40.5,0.9,2.25\n";
  }
  const Population years = build_initial_population(test::tiny({"population.source=file", "population.file=" + path}));
  const auto& gouwe = years.by_municipality[s.municipalities.find("GM0007")];
  ASSERT_EQ(gouwe.size(), 1u);
  EXPECT_EQ(gouwe.age_months[0], 486);
  EXPECT_EQ(gouwe.tenure_months[0], 27);
  std::filesystem::remove_all(folder);
}

}  // namespace krapte

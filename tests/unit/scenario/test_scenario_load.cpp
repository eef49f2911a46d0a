// The scenario loader on good input: the tiny scenario resolves with every default filled,
// --set overrides land where they point, the canonical text does not depend on how the
// input is written, the reference page is current and the baseline validates.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/rates.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"
#include "test_support.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;

using test::read_text;

/// A fresh folder under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("krapte_scenario_load_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  fs::path path_;
};

TEST(ScenarioLoad, TinyResolvesItsValues) {
  const ResolvedScenario s = test::tiny();
  EXPECT_EQ(s.name, "tiny");
  EXPECT_EQ(s.time.start.to_string(), "2024-01");
  EXPECT_EQ(s.time.end.to_string(), "2026-12");
  EXPECT_EQ(s.time.steps(), 36);
  EXPECT_EQ(s.time.month_of_point(0).to_string(), "2023-12");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.replications, 2);

  ASSERT_EQ(s.family_count(), 3);
  EXPECT_EQ(s.families[0].name, "beleid");
  EXPECT_EQ(s.families[1].name, "ict");
  EXPECT_EQ(s.families[2].name, "sociaal_domein");
  EXPECT_DOUBLE_EQ(s.families[1].share, 0.2);
  EXPECT_DOUBLE_EQ(s.families[1].initial_vacancy_rate, 0.10);
  EXPECT_DOUBLE_EQ(s.families[2].quit_multiplier, 1.3);
  EXPECT_EQ(s.family_index("ict"), 1);
  EXPECT_EQ(s.family_index("ICT"), -1);

  EXPECT_EQ(s.recruitment.mode, RecruitmentMode::kCompetitive);
  EXPECT_DOUBLE_EQ(s.exits.move_share, 0.4);
  EXPECT_DOUBLE_EQ(s.exits.pressure_sensitivity, 3);
  EXPECT_EQ(s.aow_age_months(YearMonth::of(2025, 6)), 804);
  EXPECT_EQ(s.aow_age_months(YearMonth::of(2025, 7)), 807);
  EXPECT_DOUBLE_EQ(s.tightness(YearMonth::of(2024, 12)), 1.0);
  EXPECT_DOUBLE_EQ(s.tightness(YearMonth::of(2025, 1)), 0.95);
  EXPECT_EQ(s.population.source, PopulationSource::kSynthetic);
}

TEST(ScenarioLoad, MunicipalitiesAndRegions) {
  const ResolvedScenario s = test::tiny();
  ASSERT_EQ(s.municipality_count(), 8);
  EXPECT_EQ(s.municipalities.municipalities[5].code, "GM0006");
  EXPECT_EQ(s.municipalities.municipalities[5].name, "Fryswâld");  // UTF-8 kept as is
  EXPECT_EQ(s.municipalities.find("GM0004"), 3);
  EXPECT_EQ(s.municipalities.find("GM0363"), -1);

  // Regions in alphabetical order, whatever the file's order (Noord, Zuid, West).
  ASSERT_EQ(s.region_count(), 3);
  EXPECT_EQ(s.municipalities.regions[0].name, "Noord");
  EXPECT_EQ(s.municipalities.regions[1].name, "West");
  EXPECT_EQ(s.municipalities.regions[2].name, "Zuid");
  EXPECT_EQ(s.municipalities.regions[0].inhabitants, 120000 + 30000 + 8000);
  EXPECT_EQ(s.municipalities.regions[1].municipalities, (std::vector<int>{6, 7}));
  EXPECT_EQ(s.municipalities.municipalities[3].region, 2);  // Dijkum is in Zuid

  // Size classes: below 50,000 inhabitants small (0), else large (1).
  EXPECT_EQ(s.population.size_class_of_municipality[0], 1);  // 120,000
  EXPECT_EQ(s.population.size_class_of_municipality[2], 0);  // 8,000
  EXPECT_EQ(s.population.size_class_of_municipality[4], 0);  // 45,000
}

TEST(ScenarioLoad, DefaultsAreFilledIn) {
  const ResolvedScenario s = test::tiny();
  EXPECT_EQ(s.description, "");
  EXPECT_DOUBLE_EQ(s.families[0].quit_multiplier, 1.0);  // not given for beleid
  EXPECT_DOUBLE_EQ(s.exits.age_bands[0].early_retirement_annual, 0.0);
  EXPECT_DOUBLE_EQ(s.collective.move_share_factor, 1.0);
  EXPECT_DOUBLE_EQ(s.collective.efficiency_bonus, 0.0);
  EXPECT_DOUBLE_EQ(s.attractiveness.index, 1.0);
  EXPECT_DOUBLE_EQ(s.attractiveness.quit_elasticity, 0.0);
  EXPECT_TRUE(s.write_municipality_level);
  // The canonical text shows every default, so `validate` prints the whole scenario.
  EXPECT_NE(s.canonical_yaml.find("description: \"\"\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("collective:\n  move_share_factor: 1\n  efficiency_bonus: 0\n"), std::string::npos)
      << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("output:\n  municipality_level: true\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_EQ(s.hash, fnv1a_64(s.canonical_yaml));
}

TEST(ScenarioLoad, OnboardingDefaults) {
  // An empty onboarding section gets every default of the schema.
  const ResolvedScenario empty = test::tiny({"onboarding={}"});
  EXPECT_EQ(empty.onboarding.months, 6);
  EXPECT_DOUBLE_EQ(empty.onboarding.productivity, 0.5);
  EXPECT_EQ(empty.onboarding.months_after_move, 3);
  EXPECT_NE(empty.canonical_yaml.find("onboarding:\n  months: 6\n  productivity: 0.5\n  months_after_move: 3\n"),
            std::string::npos)
      << empty.canonical_yaml;

  // A partial section keeps what is given and fills the rest.
  const ResolvedScenario partial = test::tiny({"onboarding={months: 9}"});
  EXPECT_EQ(partial.onboarding.months, 9);
  EXPECT_DOUBLE_EQ(partial.onboarding.productivity, 0.5);
  EXPECT_EQ(partial.onboarding.months_after_move, 3);
}

TEST(ScenarioLoad, AgeBandsAndMonthlyProbabilities) {
  const ResolvedScenario s = test::tiny();
  ASSERT_EQ(s.exits.age_bands.size(), 3u);
  EXPECT_EQ(s.exit_band(17 * 12), 0);  // below the first band: the first band
  EXPECT_EQ(s.exit_band(34 * 12 + 11), 0);
  EXPECT_EQ(s.exit_band(35 * 12), 1);
  EXPECT_EQ(s.exit_band(59 * 12 + 11), 1);
  EXPECT_EQ(s.exit_band(60 * 12), 2);
  EXPECT_EQ(s.exit_band(200 * 12), 2);  // beyond the table: clamped
  // p = 1 - (1 - a)^(1/12), converted once at load time.
  EXPECT_NEAR(s.exits.age_bands[2].early_retirement_monthly_prob, 1.0 - std::pow(1.0 - 0.10, 1.0 / 12.0), 1e-15);
  EXPECT_NEAR(s.exits.age_bands[1].other_monthly_prob, 1.0 - std::pow(1.0 - 0.02, 1.0 / 12.0), 1e-15);
  EXPECT_EQ(s.exits.age_bands[0].early_retirement_monthly_prob, 0.0);
}

TEST(ScenarioLoad, SetOverridesByPath) {
  const ResolvedScenario base = test::tiny();
  const ResolvedScenario s = test::tiny({"exits.move_share=0.25", "recruitment.mode=collective",
                                         "collective.efficiency_bonus=0.2", "end=2025-06"});
  EXPECT_DOUBLE_EQ(s.exits.move_share, 0.25);
  EXPECT_EQ(s.recruitment.mode, RecruitmentMode::kCollective);
  EXPECT_DOUBLE_EQ(s.collective.efficiency_bonus, 0.2);  // a key the file does not have
  EXPECT_EQ(s.time.steps(), 18);
  EXPECT_NE(s.canonical_yaml.find("  move_share: 0.25\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("  mode: collective\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("end: 2025-06\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_EQ(base.canonical_yaml.find("move_share: 0.25"), std::string::npos);
  EXPECT_NE(s.hash, base.hash);
}

TEST(ScenarioLoad, SetOverridesByListIndex) {
  const ResolvedScenario s = test::tiny({"exits.age_bands.1.quit_annual=0.05", "aow_age.1.age_months=810"});
  EXPECT_DOUBLE_EQ(s.exits.age_bands[1].quit_annual, 0.05);
  EXPECT_DOUBLE_EQ(s.exits.age_bands[0].quit_annual, 0.08);  // neighbours untouched
  EXPECT_EQ(s.aow_age_months(YearMonth::of(2026, 1)), 810);
  EXPECT_NE(s.canonical_yaml.find("    - from_years: 35\n      early_retirement_annual: 0\n      quit_annual: 0.05\n"),
            std::string::npos)
      << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("    age_months: 810\n"), std::string::npos) << s.canonical_yaml;
}

TEST(ScenarioLoad, SetOverridesByItemName) {
  const ResolvedScenario s = test::tiny({"job_families.ict.share=0.3", "job_families.beleid.share=0.4",
                                         "job_families.sociaal_domein.demand_growth_annual=-0.01"});
  EXPECT_DOUBLE_EQ(s.families[1].share, 0.3);
  EXPECT_DOUBLE_EQ(s.families[0].share, 0.4);
  EXPECT_DOUBLE_EQ(s.families[2].demand_growth_annual, -0.01);
  EXPECT_NE(s.canonical_yaml.find("  - name: \"ict\"\n    share: 0.3\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("  - name: \"beleid\"\n    share: 0.4\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("    demand_growth_annual: -0.01\n"), std::string::npos) << s.canonical_yaml;
}

TEST(ScenarioLoad, WholeNumbersStayIntegers) {
  // Shortest round-trip alone would print 100000 as 1e+05.
  const ResolvedScenario s = test::tiny({"population.size_classes.0.max_inhabitants=100000", "seed=4294967295",
                                         "job_families.ict.applicants_per_100k_inhabitants=2.5e6"});
  EXPECT_EQ(s.seed, 4294967295u);
  EXPECT_EQ(s.population.size_classes[0].max_inhabitants, 100000);
  EXPECT_NE(s.canonical_yaml.find("      max_inhabitants: 100000\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("seed: 4294967295\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_NE(s.canonical_yaml.find("    applicants_per_100k_inhabitants: 2500000\n"), std::string::npos) << s.canonical_yaml;
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(-3), "-3");
  EXPECT_EQ(format_number(1e300), "1e+300");
}

TEST(ScenarioLoad, SetValueIsYaml) {
  // A whole list from the command line, in flow style.
  const ResolvedScenario s = test::tiny({"recruitment.tightness=[{from: 2024-06, factor: 0.8}]"});
  ASSERT_EQ(s.recruitment.tightness.size(), 1u);
  EXPECT_DOUBLE_EQ(s.tightness(YearMonth::of(2024, 6)), 0.8);
  EXPECT_DOUBLE_EQ(s.tightness(YearMonth::of(2024, 5)), 1.0);
  const ResolvedScenario none = test::tiny({"recruitment.tightness=[]"});
  EXPECT_TRUE(none.recruitment.tightness.empty());
  EXPECT_NE(none.canonical_yaml.find("  tightness: []\n"), std::string::npos) << none.canonical_yaml;
}

// Two layouts of one scenario: key order, flow vs block style, number spelling, comments.
std::string scenario_layout_a(const std::string& municipalities) {
  return "name: same\n"
         "start: 2024-01\n"
         "end: 2025-12\n"
         "seed: 11\n"
         "data: {municipalities: " + municipalities + "}\n"
         "population:\n"
         "  size_classes: [{name: all, max_inhabitants: 0, fte_per_1000_inhabitants: 8}]\n"
         "  age_years: [{from: 20, to: 65, weight: 1}]\n"
         "  contract_fte: [{from: 0.5, to: 1, weight: 1}]\n"
         "  tenure_years: [{from: 0, to: 20, weight: 1}]\n"
         "job_families:\n"
         "  - {name: a, share: 0.25, initial_vacancy_rate: 0.05}\n"
         "  - {name: b, share: 0.75}\n"
         "aow_age: [{from: 2024-01, age_months: 804}]\n"
         "exits: {age_bands: [{from_years: 18, quit_annual: 0.05}], move_share: 0.3}\n"
         "recruitment:\n"
         "  new_hire:\n"
         "    age_years: [{from: 20, to: 40, weight: 1}]\n"
         "    contract_fte: [{from: 1, to: 1, weight: 1}]\n";
}

std::string scenario_layout_b(const std::string& municipalities) {
  return "# the same scenario, written differently\n"
         "recruitment:\n"
         "  new_hire:\n"
         "    contract_fte:\n"
         "      - weight: 1.0\n"
         "        from: 1.00\n"
         "        to: 1e0\n"
         "    age_years:\n"
         "      - {weight: 1, to: 40.0, from: 2e1}\n"
         "  mode: competitive       # the default, spelled out\n"
         "exits:\n"
         "  move_share: 0.30\n"
         "  age_bands:\n"
         "    - quit_annual: 5e-2\n"
         "      from_years: 18\n"
         "aow_age:\n"
         "  - age_months: 804.0\n"
         "    from: 2024-01\n"
         "job_families:\n"
         "  - name: a\n"
         "    initial_vacancy_rate: 0.050\n"
         "    share: .25\n"
         "  - share: 0.750\n"
         "    name: \"b\"\n"
         "population:\n"
         "  tenure_years: [{from: 0, to: 20, weight: 1}]\n"
         "  contract_fte: [{to: 1, from: 0.5, weight: 1}]\n"
         "  age_years: [{from: 20, to: 65, weight: 1}]\n"
         "  size_classes:\n"
         "    - fte_per_1000_inhabitants: 8.0\n"
         "      name: all\n"
         "  source: synthetic\n"
         "data:\n"
         "  municipalities: '" + municipalities + "'\n"
         "seed: 11\n"
         "end: 2025-12\n"
         "start: 2024-01\n"
         "name: 'same'\n";
}

TEST(ScenarioLoad, CanonicalTextIgnoresLayout) {
  const TempDir dir;
  const std::string table = fs::absolute(test::data_path("tiny/municipalities.csv")).string();
  const ResolvedScenario a = load_scenario(dir.write("a.yaml", scenario_layout_a(table)));
  const ResolvedScenario b = load_scenario(dir.write("b.yaml", scenario_layout_b(table)));
  EXPECT_EQ(a.canonical_yaml, b.canonical_yaml);
  EXPECT_EQ(a.hash, b.hash);
  // Numbers in shortest round-trip form, whatever their spelling.
  EXPECT_NE(a.canonical_yaml.find("  move_share: 0.3\n"), std::string::npos) << a.canonical_yaml;
  EXPECT_NE(b.canonical_yaml.find("    share: 0.25\n"), std::string::npos) << b.canonical_yaml;
  EXPECT_NE(b.canonical_yaml.find("    age_months: 804\n"), std::string::npos) << b.canonical_yaml;

  // The canonical text is itself a scenario with the same canonical text.
  const ResolvedScenario again = load_scenario(dir.write("canonical.yaml", a.canonical_yaml));
  EXPECT_EQ(again.canonical_yaml, a.canonical_yaml);

  // And a real difference shows.
  const ResolvedScenario c = load_scenario(dir.write("c.yaml", scenario_layout_a(table) + "onboarding: {months: 7}\n"));
  EXPECT_NE(c.canonical_yaml, a.canonical_yaml);
  EXPECT_NE(c.hash, a.hash);
}

TEST(ScenarioLoad, ReferencePageIsCurrent) {
  const std::string page = read_text(test::source_path("docs/scenario.md"));
  ASSERT_FALSE(page.empty()) << "docs/scenario.md is missing: run `krapte schema > docs/scenario.md`";
  EXPECT_EQ(page, scenario_reference_markdown()) << "docs/scenario.md is stale: run `krapte schema > docs/scenario.md`";
}

TEST(ScenarioLoad, ReferencePageDocumentsEveryKey) {
  const std::string page = scenario_reference_markdown();
  for (const KeySpec& spec : scenario_schema()) {
    EXPECT_NE(page.find("| `" + spec.path + "` |"), std::string::npos) << spec.path;
    EXPECT_FALSE(spec.description.empty()) << spec.path;
  }
  // Ranges show their real bounds, not a rounded float.
  EXPECT_NE(page.find("| `seed` | integer |  | 1 | [0, 4294967295] |"), std::string::npos);
}

TEST(ScenarioLoad, BaselineValidates) {
  const ResolvedScenario s = load_scenario(test::source_path("scenarios/baseline.yaml"));
  EXPECT_EQ(s.name, "baseline");
  EXPECT_EQ(s.time.start.to_string(), "2024-01");
  EXPECT_EQ(s.time.end.to_string(), "2030-12");
  EXPECT_EQ(s.time.steps(), 84);
  EXPECT_EQ(s.municipality_count(), 342);
  EXPECT_EQ(s.region_count(), 35);
  const std::vector<std::string> families = {"bestuur_management", "beleid", "dienstverlening", "sociaal_domein",
                                             "ruimtelijk_domein", "ict", "financien", "bedrijfsvoering",
                                             "openbare_ruimte", "handhaving"};
  ASSERT_EQ(s.family_count(), 10);
  for (const auto& name : families) EXPECT_GE(s.family_index(name), 0) << name;
  double shares = 0;
  for (const auto& family : s.families) shares += family.share;
  EXPECT_NEAR(shares, 1.0, 1e-6);
}

// Issue 14: the package appends centres and pools after its levers are resolved; every
// scope mask must cover the final unit axis (the levers index it by unit), with the units
// themselves out of scope.
TEST(ScenarioLoad, EveryScopeMaskCoversTheFinalUnitAxis) {
  const ResolvedScenario s = load_scenario(test::source_path("scenarios/stap-naar-voren.yaml"), {"replications=1"});
  const size_t units = s.municipalities.municipalities.size();
  ASSERT_GT(units, static_cast<size_t>(s.real_municipalities)) << "the package should append units";
  std::vector<const Scope*> scopes;
  for (const auto& lever : s.policies.productivity_gains) scopes.push_back(&lever.scope);
  for (const auto& lever : s.policies.more_hours) scopes.push_back(&lever.scope);
  for (const auto& lever : s.policies.demand_shocks) scopes.push_back(&lever.scope);
  for (const auto& lever : s.policies.trainee_programmes) scopes.push_back(&lever.scope);
  for (const auto& lever : s.policies.shared_services) scopes.push_back(&lever.scope);
  ASSERT_GE(scopes.size(), 4u);
  for (const Scope* scope : scopes) {
    ASSERT_EQ(scope->municipality.size(), units);
    ASSERT_EQ(scope->family.size(), static_cast<size_t>(s.family_count()));
    for (size_t unit = static_cast<size_t>(s.real_municipalities); unit < units; ++unit)
      EXPECT_EQ(scope->municipality[unit], 0) << "unit " << unit << " is a centre or pool";
  }
}

}  // namespace
}  // namespace krapte

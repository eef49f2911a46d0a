// Every bad input of the scenario loader gives one InputError line that names the file,
// the line and column where there is one, the key and what is allowed (issue 2, "Bad
// input"). Scenario variants are tiny.yaml with one line changed, written to a temp folder;
// CSV fixtures are in tests/data/bad/.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "population/initial_population.h"
#include "test_support.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;  // EXPECT_INPUT_ERROR needs fragments of one type

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class BadScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("krapte_scenario_errors_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
    // tiny.yaml with an absolute data path, so that variants can live in the temp folder.
    tiny_ = replace_once(read_text(test::data_path("tiny/tiny.yaml")), "municipalities: municipalities.csv",
                         "municipalities: " + fs::absolute(test::data_path("tiny/municipalities.csv")).string());
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  /// `text` with `from` replaced by `to`; `from` must occur exactly once.
  static std::string replace_once(const std::string& text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << "fixture lacks: " << from;
    if (pos == std::string::npos) return text;
    EXPECT_EQ(text.find(from, pos + 1), std::string::npos) << "fixture has twice: " << from;
    return text.substr(0, pos) + to + text.substr(pos + from.size());
  }

  /// "line:column:" (1-based) of `needle` inside the first occurrence of `context` in
  /// `text` (the start of `context` if `needle` is empty).
  static std::string position_of(const std::string& text, const std::string& context, const std::string& needle = "") {
    auto pos = text.find(context);
    EXPECT_NE(pos, std::string::npos) << "text lacks: " << context;
    if (pos == std::string::npos) return "?";
    if (!needle.empty()) pos += context.find(needle);
    const auto line_start = text.rfind('\n', pos);
    const size_t column = line_start == std::string::npos ? pos + 1 : pos - line_start;
    return std::to_string(line_of(text, context)) + ":" + std::to_string(column) + ":";
  }

  static long line_of(const std::string& text, const std::string& fragment) {
    const auto pos = text.find(fragment);
    return 1 + std::count(text.begin(), text.begin() + static_cast<long>(pos == std::string::npos ? 0 : pos), '\n');
  }

  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = (dir_ / name).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  /// Writes `text` as `name` and loads it; the message prefix is "<file>:<line>:<col>:".
  ResolvedScenario load(const std::string& name, const std::string& text, const std::vector<std::string>& overrides = {}) {
    return load_scenario(write(name, text), overrides);
  }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
  std::string tiny_;
};

// ---------------------------------------------------------------------------------------
// The scenario file itself

TEST_F(BadScenario, MissingFile) {
  EXPECT_INPUT_ERROR(load_scenario(file("absent.yaml")), file("absent.yaml") + ": cannot open scenario file",
                     "No such file or directory"s);
}

TEST_F(BadScenario, FolderInsteadOfFile) {
  EXPECT_INPUT_ERROR(load_scenario(dir_.string()), dir_.string() + ": is a folder", "allowed: a scenario file"s);
}

TEST_F(BadScenario, EndlessFileIsRefused) {
  // Reading /dev/zero must not fill memory or hang.
  EXPECT_INPUT_ERROR(load_scenario("/dev/zero"), "/dev/zero: the scenario file is larger than 16 MB"s);
}

TEST_F(BadScenario, EmptyFileIsNotAMap) {
  EXPECT_INPUT_ERROR(load("empty.yaml", ""), file("empty.yaml") + ":1:1: a scenario must be a YAML map");
  EXPECT_INPUT_ERROR(load("list.yaml", "- name: x\n"), file("list.yaml") + ":1:1: a scenario must be a YAML map");
}

TEST_F(BadScenario, YamlSyntaxErrorHasLineAndColumn) {
  const std::string text = replace_once(tiny_, "  move_share: 0.4\n", "  move_share: 0.4: 3\n");
  // The second ':' on the line is where the parser gives up.
  EXPECT_INPUT_ERROR(load("syntax.yaml", text),
                     file("syntax.yaml") + ":" + position_of(text, "move_share: 0.4: 3", ": 3") + " YAML syntax error: illegal map value");
}

TEST_F(BadScenario, YamlTabIndentation) {
  const std::string text = replace_once(tiny_, "  move_share: 0.4\n", "\tmove_share: 0.4\n");
  EXPECT_INPUT_ERROR(load("tab.yaml", text), file("tab.yaml") + ":" + position_of(text, "\tmove_share") + " YAML syntax error:",
                     "tab"s);
}

// ---------------------------------------------------------------------------------------
// Keys

TEST_F(BadScenario, UnknownKeyWithSuggestion) {
  const std::string text = replace_once(tiny_, "  move_share: 0.4\n", "  move_shar: 0.4\n");
  EXPECT_INPUT_ERROR(load("unknown_key.yaml", text),
                     file("unknown_key.yaml") + ":" + position_of(text, "move_shar:") + " unknown key 'exits.move_shar'",
                     "did you mean 'move_share'?"s,
                     "(allowed: age_bands, first_year_quit_factor, pressure_sensitivity, pressure_threshold, move_share)"s);
}

TEST_F(BadScenario, UnknownKeyWithoutCloseMatchListsAllowedKeys) {
  const std::string text = tiny_ + "colour: blue\n";
  try {
    load("colour.yaml", text);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file("colour.yaml") + ":" + position_of(text, "colour:") + " unknown key 'colour'; allowed: name, "
                                                                                        "description, start, end"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;  // nothing is close
  }
}

TEST_F(BadScenario, UnknownKeyInsideListItem) {
  const std::string text = replace_once(tiny_, "{name: ict, share: 0.2,", "{name: ict, shaer: 0.2,");
  EXPECT_INPUT_ERROR(load("item_key.yaml", text),
                     file("item_key.yaml") + ":" + position_of(text, "shaer") + " unknown key 'job_families[1].shaer'",
                     "did you mean 'share'?"s, "allowed: name, share, initial_vacancy_rate"s);
}

TEST_F(BadScenario, UnknownKeyInNestedMap) {
  const std::string text = replace_once(tiny_, "  new_hire:\n", "  new_hire:\n    age_yeras:\n      - {from: 20, to: 30, weight: 1}\n");
  EXPECT_INPUT_ERROR(load("nested.yaml", text),
                     file("nested.yaml") + ":" + position_of(text, "age_yeras") +
                         " unknown key 'recruitment.new_hire.age_yeras'; did you mean 'age_years'?");
}

TEST_F(BadScenario, DuplicateKey) {
  // yaml-cpp would keep the first value and silently drop the second.
  const std::string text = replace_once(tiny_, "  move_share: 0.4\n", "  move_share: 0.4\n  move_share: 0.1\n");
  EXPECT_INPUT_ERROR(load("duplicate.yaml", text),
                     file("duplicate.yaml") + ":" + position_of(text, "move_share: 0.1") +
                         " key 'exits.move_share' appears twice (first on line " + std::to_string(line_of(text, "move_share: 0.4")) + ")",
                     "allowed: each key once"s);
}

TEST_F(BadScenario, MissingRequiredKey) {
  const std::string text = replace_once(tiny_, "aow_age:\n  - {from: 2024-01, age_months: 804}\n  - {from: 2025-07, age_months: 807}\n", "");
  EXPECT_INPUT_ERROR(load("no_aow.yaml", text), file("no_aow.yaml"), "missing required key 'aow_age'"s,
                     "State pension (AOW) age schedule"s);
  const std::string unnamed = replace_once(tiny_, "name: tiny\n", "");
  EXPECT_INPUT_ERROR(load("no_name.yaml", unnamed), "missing required key 'name'"s);
}

TEST_F(BadScenario, MissingRequiredKeyInsideListItem) {
  const std::string text = replace_once(tiny_, "{name: ict, share: 0.2,", "{share: 0.2,");
  EXPECT_INPUT_ERROR(load("no_family_name.yaml", text),
                     file("no_family_name.yaml") + ":" + position_of(text, "{share: 0.2") +
                         " missing required key 'job_families[1].name'");
}

TEST_F(BadScenario, MissingRequiredDistribution) {
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.new_hire={age_years: [{from: 20, to: 30, weight: 1}]}"}),
                     "missing required key 'recruitment.new_hire.contract_fte'"s);
}

// ---------------------------------------------------------------------------------------
// Types

TEST_F(BadScenario, StringWhereNumberExpected) {
  const std::string text = replace_once(tiny_, "  move_share: 0.4\n", "  move_share: lots\n");
  EXPECT_INPUT_ERROR(load("string.yaml", text),
                     file("string.yaml") + ":" + position_of(text, "lots") +
                         " exits.move_share: 'lots' is not a number; allowed: number in [0, 1]");
}

TEST_F(BadScenario, MapWhereValueExpected) {
  const std::string text = replace_once(tiny_, "seed: 7\n", "seed: {value: 7}\n");
  EXPECT_INPUT_ERROR(load("map.yaml", text),
                     file("map.yaml") + ":" + position_of(text, "{value") +
                         " seed: expected a single value, not a map; allowed: integer in [0, 4294967295]");
}

TEST_F(BadScenario, ListWhereValueExpected) {
  EXPECT_INPUT_ERROR(test::tiny({"name=[a, b]"}), "tiny.yaml (--set name): name: expected a single value, not a list"s,
                     "allowed: string"s);
}

TEST_F(BadScenario, NoValueGiven) {
  const std::string text = replace_once(tiny_, "seed: 7\n", "seed:\n");
  // Located at the key: the empty value has no place of its own.
  EXPECT_INPUT_ERROR(load("empty_value.yaml", text),
                     file("empty_value.yaml") + ":" + position_of(text, "seed:") +
                         " seed: no value given; expected integer in [0, 4294967295]");
}

TEST_F(BadScenario, ValueWhereMapExpected) {
  EXPECT_INPUT_ERROR(test::tiny({"exits=0.1"}), "(--set exits): exits: expected a map of keys"s);
}

TEST_F(BadScenario, ValueWhereListExpected) {
  const std::string text = replace_once(tiny_, "aow_age:\n  - {from: 2024-01, age_months: 804}\n  - {from: 2025-07, age_months: 807}\n",
                                        "aow_age: 804\n");
  EXPECT_INPUT_ERROR(load("aow_scalar.yaml", text),
                     file("aow_scalar.yaml") + ":" + position_of(text, "aow_age: 804", "804") + " aow_age: expected a list");
}

TEST_F(BadScenario, ListItemNotAMap) {
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.tightness=[0.9]"}), "recruitment.tightness[0]: expected a map of keys"s);
}

TEST_F(BadScenario, WholeNumberExpected) {
  EXPECT_INPUT_ERROR(test::tiny({"onboarding.months=2.5"}),
                     "onboarding.months: '2.5' is not a whole number; allowed: integer in [0, 120]"s);
}

TEST_F(BadScenario, EnumValueNotAllowed) {
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.mode=poaching"}),
                     "recruitment.mode: 'poaching' is not allowed; allowed: competitive | collective"s);
  EXPECT_INPUT_ERROR(test::tiny({"population.source=synthetc"}), "allowed: synthetic | file"s);
}

TEST_F(BadScenario, BooleanExpected) {
  EXPECT_INPUT_ERROR(test::tiny({"output.municipality_level=maybe"}),
                     "output.municipality_level: 'maybe' is not a boolean; allowed: true | false"s);
}

TEST_F(BadScenario, NonFiniteNumbers) {
  for (const std::string value : {".nan", ".inf", "1e999", "0x1"})
    EXPECT_INPUT_ERROR(test::tiny({"exits.move_share=" + value}), "exits.move_share: '" + value + "' is not a number",
                       "allowed: number in [0, 1]"s);
}

// ---------------------------------------------------------------------------------------
// Ranges

TEST_F(BadScenario, NegativeRate) {
  const std::string text = replace_once(tiny_, "{from_years: 35, quit_annual: 0.04,", "{from_years: 35, quit_annual: -0.04,");
  EXPECT_INPUT_ERROR(load("negative_rate.yaml", text),
                     file("negative_rate.yaml") + ":" + position_of(text, "-0.04") +
                         " exits.age_bands[1].quit_annual: -0.04 is out of range; allowed: [0, 1]");
}

TEST_F(BadScenario, ShareAboveOne) {
  const std::string text = replace_once(tiny_, "{name: ict, share: 0.2,", "{name: ict, share: 1.2,");
  EXPECT_INPUT_ERROR(load("share.yaml", text),
                     file("share.yaml") + ":" + position_of(text, "share: 1.2,", "1.2") +
                         " job_families[1].share: 1.2 is out of range; allowed: [0, 1]");
}

TEST_F(BadScenario, ContractFteBinAtZero) {
  const std::string text = replace_once(tiny_, "- {from: 0.5, to: 1.0, weight: 40}", "- {from: 0, to: 1.0, weight: 40}");
  EXPECT_INPUT_ERROR(load("fte_zero.yaml", text),
                     file("fte_zero.yaml") + ":" + position_of(text, "0, to: 1.0, weight: 40") +
                         " population.contract_fte[1].from: 0 is not above 0; allowed: values in (0, 1]");
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.new_hire.contract_fte=[{from: 0, to: 0, weight: 1}]"}),
                     "recruitment.new_hire.contract_fte[0].from: 0 is not above 0; allowed: values in (0, 1]"s);
  EXPECT_INPUT_ERROR(test::tiny({"population.contract_fte.0.to=1.5"}),
                     "population.contract_fte[0].to: 1.5 is out of range; allowed: [0, 1]"s);
}

TEST_F(BadScenario, OpenRangeBounds) {
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.initial_vacancy_rate=1"}),
                     "job_families[1].initial_vacancy_rate: 1 is out of range; allowed: [0, 1)"s);
  EXPECT_INPUT_ERROR(test::tiny({"attractiveness.index=0"}), "attractiveness.index: 0 is out of range; allowed: (0, 10]"s);
  EXPECT_INPUT_ERROR(test::tiny({"job_families.beleid.demand_growth_annual=-1"}),
                     "job_families[0].demand_growth_annual: -1 is out of range; allowed: (-1, 1]"s);
}

TEST_F(BadScenario, IntegerRanges) {
  EXPECT_INPUT_ERROR(test::tiny({"replications=0"}), "tiny.yaml (--set replications): replications: 0 is out of range"s,
                     "allowed: [1, 100000]"s);
  EXPECT_INPUT_ERROR(test::tiny({"seed=4294967296"}), "seed: 4294967296 is out of range; allowed: [0, 4294967295]"s);
  EXPECT_INPUT_ERROR(test::tiny({"aow_age.0.age_months=1200"}), "aow_age[0].age_months: 1200 is out of range; allowed: [600, 960]"s);
}

TEST_F(BadScenario, DistributionBinsInsideOut) {
  EXPECT_INPUT_ERROR(test::tiny({"population.age_years.0.to=17"}),
                     "population.age_years[0].to: 17 is below from (18); allowed: to >= from"s);
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.new_hire.age_years=[{from: 20, to: 30, weight: 0}]"}),
                     "recruitment.new_hire.age_years: the weights sum to 0; allowed: at least one weight > 0"s);
  EXPECT_INPUT_ERROR(test::tiny({"population.tenure_years=[]"}), "population.tenure_years: needs at least one bin"s);
}

// ---------------------------------------------------------------------------------------
// Months and the horizon

TEST_F(BadScenario, EndBeforeStart) {
  const std::string text = replace_once(tiny_, "end: 2026-12\n", "end: 2023-06\n");
  EXPECT_INPUT_ERROR(load("end.yaml", text),
                     file("end.yaml") + ":" + position_of(text, "2023-06") +
                         " end: 2023-06 is before start 2024-01; allowed: a month on or after start");
}

TEST_F(BadScenario, OneMonthHorizonIsFine) {
  EXPECT_EQ(test::tiny({"end=2024-01"}).time.steps(), 1);
}

TEST_F(BadScenario, MalformedMonth) {
  const std::string text = replace_once(tiny_, "start: 2024-01\n", "start: 2024-13\n");
  EXPECT_INPUT_ERROR(load("month.yaml", text),
                     file("month.yaml") + ":" + position_of(text, "2024-13") +
                         " start: '2024-13' is not a month; allowed: YYYY-MM with a year from 1900 to 2200");
  for (const std::string month : {"2024-1", "24-01", "2024/01", "2024-01-01", "1850-01"})
    EXPECT_INPUT_ERROR(test::tiny({"start=" + month}), "start: '" + month + "' is not a month; allowed: YYYY-MM");
}

TEST_F(BadScenario, MalformedMonthInListItem) {
  const std::string text = replace_once(tiny_, "{from: 2025-07, age_months: 807}", "{from: 2025-7, age_months: 807}");
  EXPECT_INPUT_ERROR(load("aow_month.yaml", text),
                     file("aow_month.yaml") + ":" + position_of(text, "2025-7,") +
                         " aow_age[1].from: '2025-7' is not a month; allowed: YYYY-MM");
}

TEST_F(BadScenario, ScheduleOrder) {
  EXPECT_INPUT_ERROR(test::tiny({"aow_age.1.from=2024-01"}),
                     "aow_age[1].from: 2024-01 is not after the previous entry's 2024-01; allowed: entries in increasing order of from"s);
  EXPECT_INPUT_ERROR(test::tiny({"aow_age.0.from=2024-02", "aow_age.1.from=2025-07"}),
                     "aow_age[0].from: 2024-02 is after start; allowed: a first entry on or before start (2024-01)"s);
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.tightness=[{from: 2025-01, factor: 1}, {from: 2024-06, factor: 1}]"}),
                     "recruitment.tightness[1].from: 2024-06 is not after the previous entry's 2025-01"s);
}

// ---------------------------------------------------------------------------------------
// Cross-key rules

TEST_F(BadScenario, SharesNotSummingToOne) {
  const std::string tiny_file = test::data_path("tiny/tiny.yaml");
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.share=0.3"}),
                     tiny_file + ":" + position_of(read_text(tiny_file), "- {name: beleid") +
                         " job_families: the shares sum to 1.1; allowed: shares summing to 1 (synthetic population)");
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.share=0"}), "the shares sum to 0.8;"s);
}

TEST_F(BadScenario, SharesDoNotMatterForAnEmployeeFile) {
  const ResolvedScenario s = test::tiny(
      {"population.source=file", "population.file=../bad/employees_ok.csv", "job_families.ict.share=0.9"});
  EXPECT_EQ(s.population.source, PopulationSource::kFile);
}

TEST_F(BadScenario, AgeBandsOutOfOrder) {
  const std::string text = replace_once(tiny_, "{from_years: 60,", "{from_years: 30,");
  EXPECT_INPUT_ERROR(load("bands.yaml", text),
                     file("bands.yaml") + ":" + position_of(text, "from_years: 30,", "30") +
                         " exits.age_bands[2].from_years: 30 is not above the previous band's 35; allowed: bands in increasing order of from_years");
  EXPECT_INPUT_ERROR(test::tiny({"exits.age_bands.1.from_years=18"}),
                     "exits.age_bands[1].from_years: 18 is not above the previous band's 18"s);
  EXPECT_INPUT_ERROR(test::tiny({"exits.age_bands=[]"}), "exits.age_bands: needs at least one band"s);
}

TEST_F(BadScenario, JobFamilyNames) {
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.name=beleid"}), "job_families[1].name: 'beleid' appears twice"s);
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.name=ICT team"}),
                     "job_families[1].name: 'ICT team' is not allowed; allowed: lower-case letters, digits and _"s);
  EXPECT_INPUT_ERROR(test::tiny({"job_families=[]"}), "job_families: needs at least one job family"s);
}

TEST_F(BadScenario, UnknownMunicipalityCodeInSizeClass) {
  const std::string text = replace_once(tiny_, "{name: small, max_inhabitants: 50000,",
                                        "{name: small, municipalities: [GM0002, GM0363], max_inhabitants: 50000,");
  EXPECT_INPUT_ERROR(load("size_class.yaml", text),
                     file("size_class.yaml") + ":" + position_of(text, "GM0363") +
                         " population.size_classes[0].municipalities: unknown municipality code 'GM0363'; allowed: a code in ",
                     "tiny/municipalities.csv"s);
}

TEST_F(BadScenario, MunicipalityInTwoSizeClasses) {
  EXPECT_INPUT_ERROR(test::tiny({"population.size_classes.0.municipalities=[GM0001]",
                                 "population.size_classes.1.municipalities=[GM0001]"}),
                     "population.size_classes[1].municipalities: municipality 'GM0001' is in two size classes"s);
}

TEST_F(BadScenario, SizeClassesNotCoveringEveryMunicipality) {
  EXPECT_INPUT_ERROR(test::tiny({"population.size_classes.1.max_inhabitants=200000"}),
                     "population.size_classes: municipality GM0004 (250000 inhabitants) falls in no class"s,
                     "allowed: classes covering every municipality"s);
}

// ---------------------------------------------------------------------------------------
// The municipality table

TEST_F(BadScenario, MissingMunicipalityFile) {
  const std::string text = replace_once(tiny_, "municipalities: " + fs::absolute(test::data_path("tiny/municipalities.csv")).string(),
                                        "municipalities: no_such.csv");
  EXPECT_INPUT_ERROR(load("missing_data.yaml", text),
                     file("missing_data.yaml") + ":" + position_of(text, "no_such.csv") +
                         " data.municipalities: data file 'no_such.csv' (" + file("no_such.csv") + ") does not exist",
                     "allowed: a CSV file, relative to the scenario's folder or absolute"s);
}

TEST_F(BadScenario, MunicipalityFileIsAFolder) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad"}), "(--set data.municipalities): data.municipalities: data file '../bad'"s,
                     "is a folder; allowed: a CSV file"s);
}

TEST_F(BadScenario, MunicipalityCsvWrongFieldCount) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_field_count.csv"}),
                     test::data_path("bad/municipalities_field_count.csv") +
                         ":3: malformed CSV: 4 fields, the header has 5; allowed: one field per column");
}

TEST_F(BadScenario, MunicipalityCsvBadNumber) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_bad_number.csv"}),
                     "municipalities_bad_number.csv:4:4: inhabitants: '8k' is not a number"s);
}

TEST_F(BadScenario, MunicipalityCsvDuplicateCode) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_duplicate_code.csv"}),
                     "municipalities_duplicate_code.csv:4:1: municipality code 'GM0002' appears twice"s);
}

TEST_F(BadScenario, MunicipalityCsvMissingColumn) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_missing_column.csv"}),
                     "municipalities_missing_column.csv:1: missing column 'labour_market_region'; the header has: code, "
                     "name, province, inhabitants"s);
}

TEST_F(BadScenario, MunicipalityCsvOtherDefects) {
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_header_only.csv"}),
                     "municipalities_header_only.csv: the municipality table has no rows"s);
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=../bad/municipalities_bad_code.csv"}),
                     "municipalities_bad_code.csv:3:1: municipality code '0002' is not of the form GM#### (CBS code)"s);
  const std::string header = "code,name,province,inhabitants,labour_market_region\n";
  const auto table = [&](const std::string& name, const std::string& rows) {
    return test::tiny({"data.municipalities=" + write(name, header + rows)});
  };
  EXPECT_INPUT_ERROR(table("zero.csv", "GM0001,A,P,0,R\n"), "zero.csv:2:4: inhabitants '0' is out of range"s,
                     "allowed: a whole number from 1 to 100000000"s);
  EXPECT_INPUT_ERROR(table("huge.csv", "GM0001,A,P,1e30,R\n"), "huge.csv:2:4: inhabitants '1e30' is out of range"s);
  EXPECT_INPUT_ERROR(table("quote.csv", "GM0001,\"Aa,P,10,R\n"), "quote.csv:2: malformed CSV: unterminated quoted field"s);
  EXPECT_INPUT_ERROR(table("no_region.csv", "GM0001,A,P,10,\n"), "no_region.csv:2:5: empty labour_market_region"s);
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=" + write("empty.csv", "")}),
                     "empty.csv: data file is empty (a header row is required)"s);
  EXPECT_INPUT_ERROR(test::tiny({"data.municipalities=" + write("twice.csv", "code,name,code,province,inhabitants,labour_market_region\n")}),
                     "twice.csv:1:3: column 'code' appears twice in the header; allowed: each column once"s);
}

// ---------------------------------------------------------------------------------------
// The employee file (population.source: file)

Population read_employees(const std::string& fixture) {
  const ResolvedScenario s = test::tiny({"population.source=file", "population.file=../bad/" + fixture});
  return read_employee_file(s, s.population.file);
}

TEST_F(BadScenario, EmployeeFileControlReads) {
  const Population population = read_employees("employees_ok.csv");
  EXPECT_EQ(population.total_agents(), 3u);
  ASSERT_EQ(population.by_municipality[3].size(), 1u);  // GM0004
  const AgentRecord agent = population.by_municipality[3].record(0);
  EXPECT_EQ(agent.family, 1);                        // ict
  EXPECT_EQ(agent.age_months, (2023 - 1990) * 12 + 1);  // born 1990-11, point 0 is 2023-12
  EXPECT_EQ(agent.tenure_months, 47);                // hired 2020-01
  EXPECT_DOUBLE_EQ(agent.contract_fte, 0.8);
}

TEST_F(BadScenario, EmployeeFileUnknownMunicipality) {
  EXPECT_INPUT_ERROR(read_employees("employees_unknown_code.csv"),
                     test::data_path("bad/employees_unknown_code.csv") +
                         ":4:1: municipality_code: unknown municipality code 'GM9999'; allowed: a code in ",
                     "tiny/municipalities.csv"s);
}

TEST_F(BadScenario, EmployeeFileUnknownJobFamily) {
  EXPECT_INPUT_ERROR(read_employees("employees_unknown_family.csv"),
                     "employees_unknown_family.csv:3:2: job_family: unknown job family 'ICT'; allowed: beleid, ict, sociaal_domein"s);
}

TEST_F(BadScenario, EmployeeFileBadFte) {
  EXPECT_INPUT_ERROR(read_employees("employees_bad_fte.csv"),
                     "employees_bad_fte.csv:3:3: contract_fte: 1.2 is out of range; allowed: (0, 1]"s);
  EXPECT_INPUT_ERROR(read_employees("employees_fte_not_number.csv"),
                     "employees_fte_not_number.csv:2:3: contract_fte: 'full' is not a number"s);
}

TEST_F(BadScenario, EmployeeFileMissingColumns) {
  EXPECT_INPUT_ERROR(read_employees("employees_missing_column.csv"),
                     "employees_missing_column.csv:1: missing column 'contract_fte'; the header has: municipality_code, "
                     "job_family, age_years, tenure_years"s);
  EXPECT_INPUT_ERROR(read_employees("employees_no_age.csv"),
                     "employees_no_age.csv:1: needs exactly one of the columns age_years, age_months, birth_month; the header "
                     "has: municipality_code, job_family, contract_fte, tenure_years"s);
  EXPECT_INPUT_ERROR(read_employees("employees_two_ages.csv"),
                     "employees_two_ages.csv:1: needs exactly one of the columns age_years, age_months, birth_month"s);
}

TEST_F(BadScenario, EmployeeFileImpossibleDates) {
  EXPECT_INPUT_ERROR(read_employees("employees_hired_after_start.csv"),
                     "employees_hired_after_start.csv:2:5: hire_month: 2024-03 is after point 0 (2023-12); allowed: a month up "
                     "to 2023-12"s);
}

TEST_F(BadScenario, EmployeeFileValueRanges) {
  const std::string header = "municipality_code,job_family,contract_fte,age_years,tenure_years\n";
  const auto employees = [&](const std::string& name, const std::string& row) {
    const ResolvedScenario s = test::tiny({"population.source=file", "population.file=" + write(name, header + row)});
    return read_employee_file(s, s.population.file);
  };
  EXPECT_INPUT_ERROR(employees("old.csv", "GM0001,beleid,1,400,4\n"),
                     "old.csv:2:4: age_years '400': the age at 2023-12 (point 0) is out of range; allowed: 15 to 80 years"s);
  EXPECT_INPUT_ERROR(employees("huge_age.csv", "GM0001,beleid,1,1e300,4\n"), "huge_age.csv:2:4: age_years '1e300'"s);
  EXPECT_INPUT_ERROR(employees("negative.csv", "GM0001,beleid,1,40,-1\n"),
                     "negative.csv:2:5: tenure_years '-1' is out of range; allowed: a tenure from 0 to 80 years"s);
  EXPECT_INPUT_ERROR(employees("huge_tenure.csv", "GM0001,beleid,1,40,1e300\n"), "huge_tenure.csv:2:5: tenure_years '1e300' is out of range"s);
  EXPECT_INPUT_ERROR(employees("no_rows.csv", ""), "no_rows.csv: the employee file has no rows"s);
}

TEST_F(BadScenario, EmployeeFileMissingOrNotGiven) {
  EXPECT_INPUT_ERROR(test::tiny({"population.source=file", "population.file=../bad/no_such.csv"}),
                     "tiny.yaml (--set population.file): population.file: data file '../bad/no_such.csv'"s,
                     "does not exist"s);
  EXPECT_INPUT_ERROR(test::tiny({"population.source=file"}),
                     "tiny.yaml (--set population.source): population.file: required when population.source is file"s);
}

// ---------------------------------------------------------------------------------------
// --set

TEST_F(BadScenario, SetWithoutEquals) {
  EXPECT_INPUT_ERROR(test::tiny({"exits.move_share"}),
                     "--set exits.move_share: expected key.path=VALUE (e.g. exits.move_share=0.2)"s);
  EXPECT_INPUT_ERROR(test::tiny({"=0.2"}), "--set =0.2: expected key.path=VALUE"s);
}

TEST_F(BadScenario, SetUnknownListItemName) {
  EXPECT_INPUT_ERROR(test::tiny({"job_families.it.share=0.3"}),
                     "--set job_families.it.share=0.3: 'job_families' has no item 'it'; allowed: an index 0..2 or a name: "
                     "beleid, ict, sociaal_domein"s);
}

TEST_F(BadScenario, SetListIndexOutOfRange) {
  EXPECT_INPUT_ERROR(test::tiny({"exits.age_bands.3.quit_annual=0.1"}),
                     "--set exits.age_bands.3.quit_annual=0.1: 'exits.age_bands' has no item '3'; allowed: an index 0..2"s);
  EXPECT_INPUT_ERROR(test::tiny({"exits.age_bands.-1.quit_annual=0.1"}), "'exits.age_bands' has no item '-1'"s);
  EXPECT_INPUT_ERROR(test::tiny({"recruitment.tightness=[]", "recruitment.tightness.0.factor=1"}),
                     "'recruitment.tightness' has no item '0'; allowed: none (the list is empty)"s);
}

TEST_F(BadScenario, SetMalformedPathOrValue) {
  EXPECT_INPUT_ERROR(test::tiny({"exits..move_share=0.2"}), "--set exits..move_share=0.2: empty segment in key path"s);
  EXPECT_INPUT_ERROR(test::tiny({"exits.move_share.x=0.2"}),
                     "--set exits.move_share.x=0.2: 'exits.move_share' is a single value; it has no key 'x'"s);
  EXPECT_INPUT_ERROR(test::tiny({"exits.move_share=[0.2"}), "--set exits.move_share=[0.2: the value is not valid YAML"s);
  EXPECT_INPUT_ERROR(test::tiny({"name="}), "tiny.yaml (--set name): name: no value given; expected string"s);
}

TEST_F(BadScenario, SetUnknownKeyIsNamedAsSet) {
  EXPECT_INPUT_ERROR(test::tiny({"exits.move_shar=0.2"}),
                     "tiny.yaml (--set exits.move_shar): unknown key 'exits.move_shar'; did you mean 'move_share'?"s);
  EXPECT_INPUT_ERROR(test::tiny({"job_families.ict.sahre=0.2"}),
                     "(--set job_families[1].sahre): unknown key 'job_families[1].sahre'; did you mean 'share'?"s);
}

TEST_F(BadScenario, SetOutOfRangeIsNamedAsSet) {
  EXPECT_INPUT_ERROR(test::tiny({"exits.move_share=1.5"}),
                     "tiny.yaml (--set exits.move_share): exits.move_share: 1.5 is out of range; allowed: [0, 1]"s);
}

TEST(ScenarioEditDistance, CountsEdits) {
  EXPECT_EQ(edit_distance("move_shar", "move_share"), 1);
  EXPECT_EQ(edit_distance("sahre", "share"), 2);
  EXPECT_EQ(edit_distance("", "abc"), 3);
  EXPECT_EQ(edit_distance("same", "same"), 0);
}

}  // namespace
}  // namespace krapte

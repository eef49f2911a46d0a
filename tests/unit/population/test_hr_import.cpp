// HR extracts (issue 15 part 4, docs/hr-import.md): field formats, the realistic
// semicolon/decimal-comma extract in tests/data/hr, mixed sources, aggregated import, bad
// rows and the scenario's checks.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "data/field_formats.h"
#include "population/hr_import.h"
#include "population/initial_population.h"
#include "test_support.h"

namespace krapte {
namespace {

using namespace std::string_literals;

ResolvedScenario hr(const std::vector<std::string>& overrides = {}) {
  return load_scenario(test::data_path("hr/hr.yaml"), overrides);
}

/// A scratch file for one test (removed with the folder at exit of the test).
class ScratchFolder {
 public:
  ScratchFolder() : path_(std::filesystem::temp_directory_path() / ("krapte_hr_import_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

std::vector<std::string> split(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, delimiter)) fields.push_back(field);
  return fields;
}

// ---- field formats ----------------------------------------------------------------------

TEST(FieldFormats, DecimalCommaAndPoint) {
  EXPECT_EQ(parse_decimal("28,8", ','), 28.8);
  EXPECT_EQ(parse_decimal("36", ','), 36.0);
  EXPECT_EQ(parse_decimal("-0,5", ','), -0.5);
  EXPECT_EQ(parse_decimal("0.8", '.'), 0.8);
  for (const char* bad : {"36.0", "1.234,5", "1,2,3", "", ",", "-", "3e2", "inf", "nan", " 3", "3a"})
    EXPECT_FALSE(parse_decimal(bad, ',').has_value()) << bad;
  EXPECT_FALSE(parse_decimal("0,8", '.').has_value());
}

TEST(FieldFormats, DatesByFormat) {
  const auto date = parse_date("31-12-1968", "%d-%m-%Y");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year, 1968);
  EXPECT_EQ(date->month, 12);
  EXPECT_EQ(date->day, 31);
  EXPECT_TRUE(parse_date("1-2-1968", "%d-%m-%Y").has_value());  // Excel drops leading zeros
  EXPECT_TRUE(parse_date("1968-12-31", "%Y-%m-%d").has_value());
  EXPECT_TRUE(parse_date("29/02/2000", "%d/%m/%Y").has_value());
  for (const char* bad : {"31-02-1980", "29-02-1900", "00-01-1980", "01-13-1980", "1-1-80", "31-12-1968 00:00", "31.12.1968", ""})
    EXPECT_FALSE(parse_date(bad, "%d-%m-%Y").has_value()) << bad;
  EXPECT_EQ(date_format_problem("%d-%m-%Y"), "");
  EXPECT_NE(date_format_problem("%d-%m"), "");
  EXPECT_NE(date_format_problem("%d%m%Y"), "");
  EXPECT_NE(date_format_problem("%d-%m-%y"), "");
  EXPECT_NE(date_format_problem("%d-%m-%Y%"), "");
}

TEST(FieldFormats, CompletedMonths) {
  const CalendarDate start{2024, 1, 1};
  EXPECT_EQ(completed_months({1968, 12, 31}, start), 55 * 12);      // 55 years and one day
  EXPECT_EQ(completed_months({1968, 12, 1}, start), 55 * 12 + 1);   // exactly 55 years 1 month
  EXPECT_EQ(completed_months({2023, 12, 2}, start), 0);
  EXPECT_EQ(completed_months({2024, 1, 1}, start), 0);
  EXPECT_LT(completed_months({2024, 3, 1}, start), 0);
}

TEST(FieldFormats, YearBands) {
  int from = 0, to = 0;
  EXPECT_TRUE(parse_year_band("25-34", 66, from, to));
  EXPECT_EQ(from, 25);
  EXPECT_EQ(to, 34);
  EXPECT_TRUE(parse_year_band(" 60+ ", 66, from, to));
  EXPECT_EQ(from, 60);
  EXPECT_EQ(to, 66);
  EXPECT_TRUE(parse_year_band("25 - 34", 66, from, to));
  for (const char* bad : {"34-25", "25", "25-", "-25", "a-b", "2.5-3", "+", ""}) EXPECT_FALSE(parse_year_band(bad, 66, from, to)) << bad;
}

// ---- the realistic extract ---------------------------------------------------------------

TEST(HrImport, ReadsTheYouforceLikeExtract) {
  const ResolvedScenario s = hr();
  const Population population = build_initial_population(s);
  const int dijkum = s.municipalities.find("GM0004");
  const int eemhuizen = s.municipalities.find("GM0005");
  // Line 2: born 31-12-1968, in service 01-09-2001, Informatieanalist, 28,8 hours.
  const AgentRecord first = population.by_municipality[dijkum].record(0);
  EXPECT_EQ(first.age_months, 55 * 12);                  // on 2024-01-01
  EXPECT_EQ(first.tenure_months, 22 * 12 + 4);           // 2001-09-01 to 2024-01-01
  EXPECT_EQ(first.family, s.family_index("ict"));
  EXPECT_DOUBLE_EQ(first.contract_fte, 28.8 / 36.0);
  EXPECT_EQ(first.onboarding_months_left, 0);
  // Line 3: 38 hours (above the 36-hour week) -> 1 FTE; in service on the start date.
  const AgentRecord second = population.by_municipality[dijkum].record(1);
  EXPECT_EQ(second.family, s.family_index("sociaal_domein"));
  EXPECT_EQ(second.contract_fte, 1.0);
  EXPECT_EQ(second.tenure_months, 0);
  EXPECT_EQ(second.onboarding_months_left, s.onboarding.months);

  // Every row counted independently of the reader: per organisation, minus the functions
  // mapped to "-", FTE = min(hours / 36, 1).
  std::ifstream in(test::data_path("hr/youforce_dijkum_eemhuizen.csv"));
  std::string line;
  std::getline(in, line);
  std::map<std::string, int> headcount;
  std::map<std::string, double> fte;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto fields = split(line, ';');
    ASSERT_EQ(fields.size(), 9u) << line;
    if (fields[5] == "Wethouder" || fields[5] == "Stagiair") continue;
    std::string hours = fields[6];
    for (char& c : hours) c = c == ',' ? '.' : c;
    headcount[fields[8]] += 1;
    fte[fields[8]] += std::min(1.0, std::stod(hours) / 36.0);
  }
  EXPECT_EQ(static_cast<int>(population.by_municipality[dijkum].size()), headcount["Dijkum"]);
  EXPECT_EQ(static_cast<int>(population.by_municipality[eemhuizen].size()), headcount["Eemhuizen"]);
  for (const auto& [name, m] : {std::pair{"Dijkum"s, dijkum}, std::pair{"Eemhuizen"s, eemhuizen}}) {
    double sum = 0;
    for (double x : population.by_municipality[m].contract_fte) sum += x;
    EXPECT_NEAR(sum, fte[name], 1e-9) << name;
  }
}

TEST(HrImport, MixedSourceKeepsTheSyntheticMunicipalitiesAsTheyWere) {
  const ResolvedScenario mixed = hr();
  const Population with_files = build_initial_population(mixed);
  const Population synthetic = build_initial_population(test::tiny());
  std::set<uint64_t> ids;
  size_t agents = 0;
  for (int m = 0; m < mixed.real_municipalities; ++m) {
    const bool claimed = mixed.population.file_of_municipality[m] >= 0;
    EXPECT_EQ(claimed, m == 3 || m == 4 || m == 6) << m;  // GM0004, GM0005, GM0007
    const auto& a = with_files.by_municipality[m];
    const auto& b = synthetic.by_municipality[m];
    if (!claimed) {
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.age_months, b.age_months);
      EXPECT_EQ(a.contract_fte, b.contract_fte);
      EXPECT_EQ(a.tenure_months, b.tenure_months);
    } else {
      EXPECT_LT(a.size(), b.size() / 4) << "a claimed municipality holds its extract's staff only";
    }
    ids.insert(a.id.begin(), a.id.end());
    agents += a.size();
  }
  EXPECT_EQ(ids.size(), agents) << "agent ids must be unique across files and synthetic cells";
  // The import depends on the seed only, like the synthetic source.
  EXPECT_EQ(build_initial_population(hr({"replications=5"})).by_municipality[6].age_months, with_files.by_municipality[6].age_months);
}

TEST(HrImport, AggregateIsSynthesisedConsistently) {
  const ResolvedScenario s = hr();
  const Population population = build_initial_population(s);
  const auto& gouwe = population.by_municipality[s.municipalities.find("GM0007")];
  // Expected from the aggregate's rows, read here independently: (family, age band) -> counts.
  const std::map<std::string, std::string> family_of = {
      {"Beleidsmedewerker Ruimtelijke Ordening", "beleid"}, {"Senior beleidsadviseur", "beleid"},
      {"Applicatiebeheerder", "ict"}, {"Informatieanalist", "ict"}, {"Consulent Wmo", "sociaal_domein"},
      {"Jeugdconsulent", "sociaal_domein"}};
  struct Expected {
    int headcount = 0;
    double fte = 0;
  };
  std::map<std::pair<int, int>, Expected> expected;  // (family, age from) -> ...
  std::map<std::pair<int, int>, int> age_to;
  std::ifstream in(test::data_path("hr/aggregaat_gouwe.csv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("Gemeente", 0) == 0) continue;
    const auto f = split(line, ';');
    ASSERT_EQ(f.size(), 6u);
    if (!family_of.count(f[1])) continue;  // Wethouder: left out by the map
    const int j = s.family_index(family_of.at(f[1]));
    int from = 0, to = 0;
    ASSERT_TRUE(parse_year_band(f[2], 66, from, to));
    std::string fte = f[5];
    for (char& c : fte) c = c == ',' ? '.' : c;
    expected[{j, from}].headcount += std::stoi(f[4]);
    expected[{j, from}].fte += std::stod(fte);
    age_to[{j, from}] = to;
  }
  std::map<std::pair<int, int>, Expected> got;
  for (size_t i = 0; i < gouwe.size(); ++i) {
    int band_from = -1;
    for (const auto& [key, to] : age_to)
      if (key.first == gouwe.family[i] && gouwe.age_months[i] >= key.second * 12 && gouwe.age_months[i] < (to + 1) * 12)
        band_from = key.second;
    ASSERT_GE(band_from, 0) << "agent " << i << " aged " << gouwe.age_months[i] << " months is in no band of its family";
    got[{gouwe.family[i], band_from}].headcount += 1;
    got[{gouwe.family[i], band_from}].fte += gouwe.contract_fte[i];
    EXPECT_LE(gouwe.tenure_months[i], gouwe.age_months[i] - 18 * 12);
  }
  for (const auto& [key, want] : expected) {
    if (want.headcount == 0) continue;
    EXPECT_EQ(got[key].headcount, want.headcount) << "family " << key.first << " band from " << key.second;
    EXPECT_NEAR(got[key].fte, want.fte, 1e-9) << "family " << key.first << " band from " << key.second;
  }
  // Tenure bands: the 0-4 rows have tenures below 5 years, the 10+ rows from 10 years on.
  for (size_t i = 0; i < gouwe.size(); ++i) {
    if (gouwe.family[i] == s.family_index("ict")) {
      EXPECT_LT(gouwe.tenure_months[i], 5 * 12);
    }
  }
}

// ---- bad rows ----------------------------------------------------------------------------

TEST(HrImport, BadRowsAreCollectedWithLineAndReason) {
  const ResolvedScenario s = hr({"population.files.0.file=youforce_bad_rows.csv"});
  Population population;
  population.by_municipality.resize(s.municipality_count());
  const ImportSummary summary = import_population_files(s, population);
  ASSERT_EQ(summary.files.size(), 2u);
  const ImportFileSummary& bad = summary.files[0];
  EXPECT_EQ(bad.rows_read, 11);
  EXPECT_EQ(bad.rows_imported, 1);
  std::vector<int> lines;
  for (const auto& r : bad.rejected) lines.push_back(r.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  const auto reason = [&](int line) {
    for (const auto& r : bad.rejected)
      if (r.line == line) return r.reason;
    return ""s;
  };
  EXPECT_NE(reason(3).find("Functie: function 'Kok' has no job family in"), std::string::npos) << reason(3);
  EXPECT_NE(reason(4).find("Geboortedatum: is not a date written as %d-%m-%Y"), std::string::npos) << reason(4);
  EXPECT_EQ(reason(4).find("31-02"), std::string::npos) << "a birth date is never quoted back";
  EXPECT_NE(reason(5).find("'36.0' is not a number"), std::string::npos) << reason(5);
  EXPECT_NE(reason(6).find("Datum in dienst: is after the start (2024-01-01)"), std::string::npos) << reason(6);
  EXPECT_NE(reason(7).find("municipality GM0001 is not claimed by population.files[0]; allowed: GM0004, GM0005"), std::string::npos) << reason(7);
  EXPECT_NE(reason(8).find("the age on 2024-01-01 is out of range"), std::string::npos) << reason(8);
  EXPECT_NE(reason(9).find("unknown municipality 'Atlantis'"), std::string::npos) << reason(9);
  EXPECT_NE(reason(10).find("'0' is out of range"), std::string::npos) << reason(10);  // "0005" was found as GM0005
  EXPECT_NE(reason(11).find("Geboortedatum: is empty"), std::string::npos) << reason(11);
  EXPECT_NE(reason(12).find("Functie: function 'Archivaris' has no job family"), std::string::npos) << reason(12);  // mapped to ""
  EXPECT_EQ(bad.unmapped_functions, (std::map<std::string, int64_t>{{"Archivaris", 1}, {"Kok", 1}}));
  EXPECT_EQ(bad.rejected[0].column, 6);

  EXPECT_INPUT_ERROR(throw_if_rejected(summary), "youforce_bad_rows.csv:3:6: Functie: function 'Kok'"s,
                     "; and 9 more rejected rows (lines 4, 5, 6, 7, 8, ...); krapte validate lists them all"s);
  EXPECT_INPUT_ERROR(build_initial_population(s), "youforce_bad_rows.csv:3:6:"s, "and 9 more"s);
  const std::string text = format_import_summary(s, summary);
  EXPECT_NE(text.find("#   rejected: line 12, column 6: Functie: function 'Archivaris'"), std::string::npos) << text;
  EXPECT_NE(text.find("#   function without a job family: 'Kok' (1 row)"), std::string::npos) << text;
  EXPECT_NE(text.find("rows read 11, imported 1, left out by the function map 0, rejected 10"), std::string::npos) << text;
}

TEST(HrImport, OneBadRowAndAggregateBadRows) {
  const ScratchFolder folder;
  const std::string header = "Gemeente;Functiegroep;Leeftijdsklasse;Diensttijd;Aantal medewerkers;FTE\n";
  const std::string file = folder.write("aggregate.csv", header + "GM0007;Consulent Wmo;25-34;0-4;3;2,5\n"
                                                                  "GM0007;Consulent Wmo;34-25;0-4;3;2,5\n"
                                                                  "GM0007;Consulent Wmo;25-34;0-4;2,5;2\n"
                                                                  "GM0007;Consulent Wmo;25-34;0-4;2;2,5\n"
                                                                  "GM0007;Consulent Wmo;5-14;0-4;2;2\n"
                                                                  "GM0007;Consulent Wmo;25-34;x;2;2\n");
  const ResolvedScenario s = hr({"population.files.1.file=" + file});
  Population population;
  population.by_municipality.resize(s.municipality_count());
  const ImportSummary summary = import_population_files(s, population);
  const auto& rejected = summary.files[1].rejected;
  ASSERT_EQ(rejected.size(), 5u);
  EXPECT_NE(rejected[0].reason.find("Leeftijdsklasse: '34-25' is not an age band"), std::string::npos) << rejected[0].reason;
  EXPECT_NE(rejected[1].reason.find("Aantal medewerkers: '2,5' is not a whole number"), std::string::npos) << rejected[1].reason;
  EXPECT_NE(rejected[2].reason.find("FTE: '2,5' does not fit headcount 2"), std::string::npos) << rejected[2].reason;
  EXPECT_NE(rejected[3].reason.find("'5-14' is out of range"), std::string::npos) << rejected[3].reason;
  EXPECT_NE(rejected[4].reason.find("Diensttijd: 'x' is not a tenure band"), std::string::npos) << rejected[4].reason;

  // A single bad row: no "and N more".
  const std::string one = folder.write("one.csv", header + "GM0007;Consulent Wmo;25-34;0-4;3;4\n");
  try {
    (void)build_initial_population(hr({"population.files.1.file=" + one}));
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find("more rejected"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("one.csv:2:6: FTE: '4' does not fit headcount 3"), std::string::npos) << e.what();
  }
}

// ---- the scenario's and the files' structure --------------------------------------------

TEST(HrImport, ScenarioErrors) {
  EXPECT_INPUT_ERROR(hr({"population.files.1.municipalities=[GM0007, GM0004]"}),
                     "population.files[1].municipalities: municipality GM0004 is also claimed by population.files[0]; "
                     "allowed: each municipality in at most one file"s);
  EXPECT_INPUT_ERROR(hr({"population.files.1.municipalities=[GM9999]"}), "unknown municipality code 'GM9999'"s);
  EXPECT_INPUT_ERROR(hr({"population.files.1.municipalities=[]"}), "population.files[1].municipalities: needs at least one"s);
  EXPECT_INPUT_ERROR(hr({"population.files.0.format=afas"}),
                     "population.files[0].format: unknown format 'afas'; allowed: \"\" (krapte's own columns) or a name in "
                     "population.formats: youforce, aggregaat"s);
  EXPECT_INPUT_ERROR(hr({"population.files.0.file=nothing.csv"}), "population.files[0].file: data file 'nothing.csv'"s, "does not exist"s);
  EXPECT_INPUT_ERROR(hr({"population.source=file", "population.file=youforce_dijkum_eemhuizen.csv"}),
                     "population.files: needs population.source: synthetic"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.function_map=\"\""}),
                     "population.formats[0].function_map: required with columns.function"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.columns.job_family=Functie"}),
                     "population.formats[0].columns: names both job_family and function; allowed: exactly one of them"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.columns.hours_per_week=\"\""}),
                     "population.formats[0].columns: names neither hours_per_week nor contract_fte"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.columns.headcount=Aantal"}),
                     "population.formats[0].columns.headcount: is not read from a employees file"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.aggregaat.columns.fte=\"\""}), "needs fte for kind aggregate"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.delimiter=\";;\""}), "population.formats[0].delimiter: ';;' is not allowed"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.delimiter=\",\""}),
                     "population.formats[0].decimal_separator: ',' is also the delimiter"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.date_format=\"%d-%m-%y\""}),
                     "population.formats[0].date_format: '%d-%m-%y' %y is not supported"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.1.name=youforce"}), "population.formats[1].name: 'youforce' appears twice"s);
  EXPECT_INPUT_ERROR(hr({"population.formats.youforce.decimal_separator=\";\""}), "decimal_separator"s, "allowed: . | ,"s);
}

TEST(HrImport, FileStructureErrors) {
  const ScratchFolder folder;
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.formats.youforce.columns.birth_date=Geboren"})),
                     "youforce_dijkum_eemhuizen.csv:1: population.formats[0].columns.birth_date: no column 'Geboren' in the "
                     "header; the header has: Personeelsnummer, Achternaam"s);
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.formats.youforce.columns.municipality=\"\""})),
                     "population.formats[0].columns.municipality: needed, because population.files[0] claims 2 municipalities"s);
  const std::string unknown = folder.write("map1.csv", "function;job_family\nKok;keuken\n");
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.formats.youforce.function_map=" + unknown})),
                     "map1.csv:2:2: job_family: unknown job family 'keuken'; allowed: -, beleid, ict, sociaal_domein"s);
  const std::string twice = folder.write("map2.csv", "function;job_family\nKok;-\n Kok ;beleid\n");
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.formats.youforce.function_map=" + twice})),
                     "map2.csv:3:1: function: 'Kok' is already mapped on line 2"s);
  const std::string wrong_delimiter = folder.write("map3.csv", "function,job_family\nKok,-\n");
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.formats.youforce.function_map=" + wrong_delimiter})),
                     "map3.csv:1: missing column 'function'"s);
  const std::string empty = folder.write("empty.csv", "Gemeente;Functiegroep;Leeftijdsklasse;Diensttijd;Aantal medewerkers;FTE\n");
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.files.1.file=" + empty})), "empty.csv: the extract has no rows"s);
}

TEST(HrImport, ABaseScenariosExtractsStayRelativeToItsFolder) {
  const ScratchFolder folder;
  const std::string child = folder.write("child.yaml", "extends: " + std::filesystem::absolute(test::data_path("hr/hr.yaml")).string() +
                                                           "\nname: child\n");
  const ResolvedScenario s = load_scenario(child);
  ASSERT_EQ(s.population.files.size(), 2u);
  EXPECT_TRUE(std::filesystem::equivalent(s.population.files[0].path, test::data_path("hr/youforce_dijkum_eemhuizen.csv")));
  EXPECT_TRUE(std::filesystem::equivalent(s.population.formats[0].function_map, test::data_path("hr/functies.csv")));
  EXPECT_EQ(build_initial_population(s).by_municipality[3].size(), build_initial_population(hr()).by_municipality[3].size());
}

TEST(HrImport, KrapteOwnColumnsForOneMunicipality) {
  const ScratchFolder folder;
  const std::string file = folder.write("own.csv", "municipality_code,job_family,contract_fte,birth_month,hire_month\n"
                                                   "GM0002,ict,0.8,1980-06,2020-01\nGM0002,beleid,1,1970-01,2000-01\n");
  const ResolvedScenario s = hr({"population.files=[{municipalities: [GM0002], file: " + file + "}]"});
  const Population population = build_initial_population(s);
  EXPECT_EQ(population.by_municipality[1].size(), 2u);
  EXPECT_GT(population.by_municipality[0].size(), 100u);  // the rest synthetic
  EXPECT_GT(population.by_municipality[3].size(), 100u);
  const std::string elsewhere = folder.write("elsewhere.csv", "municipality_code,job_family,contract_fte,age_years,tenure_years\n"
                                                              "GM0002,ict,0.8,40,2\nGM0003,ict,0.8,40,2\n");
  EXPECT_INPUT_ERROR(build_initial_population(hr({"population.files=[{municipalities: [GM0002], file: " + elsewhere + "}]"})),
                     "elsewhere.csv:3:1: municipality_code: municipality GM0003 is not claimed by population.files[0]; allowed: GM0002"s);
}

}  // namespace
}  // namespace krapte

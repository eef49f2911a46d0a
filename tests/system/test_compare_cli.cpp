// `krapte compare` through the real binary: output, CSV, and its bad inputs (exit 2, one line).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>

#include "cli_support.h"

namespace krapte {

namespace {

using Result = test::CliResult;

Result krapte_cli(const std::string& arguments, const std::filesystem::path& folder) {
  return test::run_shell(test::quote(KRAPTE_BINARY) + " " + arguments, folder);
}

}  // namespace

TEST(CompareCli, ComparesTwoRunsAndRefusesBadInput) {
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_compare_cli";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string tiny = test::data_path("tiny/tiny.yaml");
  const std::string a = (folder / "a.h5").string();
  const std::string b = (folder / "b.h5").string();
  ASSERT_EQ(krapte_cli("run " + tiny + " -o " + a + " --replications 3 --quiet", folder).exit_code, 0);
  ASSERT_EQ(krapte_cli("run " + tiny + " -o " + b + " --replications 3 --quiet --set recruitment.mode=collective", folder).exit_code, 0);

  const Result same = krapte_cli("compare " + a + " " + a, folder);
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.out.find("paired by replication (same seed 7, 3 replications"), std::string::npos) << same.out;
  EXPECT_NE(same.out.find("+0.0 [+0.0, +0.0]"), std::string::npos) << same.out;

  const std::string csv = (folder / "diff.csv").string();
  const Result with_csv = krapte_cli("compare " + a + " " + b + " --at 2025-12 --level region --csv " + csv, folder);
  EXPECT_EQ(with_csv.exit_code, 0) << with_csv.err;
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("month,unit,job_family,pairing,base_vacancy_fte", 0), 0u);
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    EXPECT_EQ(line.rfind("2025-12,", 0), 0u) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 3 * 4);  // 3 regions x (3 families + total)

  for (const auto& [arguments, fragment] :
       {std::pair{"compare " + a + " " + b + " --level province", std::string("--level province: unknown level; allowed: national | region | municipality")},
        std::pair{"compare " + a + " " + (folder / "missing.h5").string(), std::string("missing.h5: no such file")},
        std::pair{"compare " + a + " " + b + " --at 2040-01", std::string("no such month in the runs")},
        std::pair{"compare " + a, std::string("other is required")}}) {
    const Result bad = krapte_cli(arguments, folder);
    EXPECT_EQ(bad.exit_code, 2) << arguments;
    EXPECT_NE(bad.err.find(fragment), std::string::npos) << arguments << "\n" << bad.err;
    EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  }
  std::filesystem::remove_all(folder);
}

TEST(CompareCli, AFamilyNamedTotalIsNotTheAllFamiliesRow) {
  // "total" is a legal family name: the all-families row is then labelled "(total)", which
  // no family name can be, and code tells it by its flag, not by its label.
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_total_family";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string scenario = test::data_path("tiny/tiny-total-family.yaml");
  const std::string a = (folder / "a.h5").string();
  const std::string b = (folder / "b.h5").string();
  ASSERT_EQ(krapte_cli("run " + scenario + " -o " + a + " --quiet", folder).exit_code, 0);
  ASSERT_EQ(krapte_cli("run " + scenario + " -o " + b + " --quiet --set recruitment.mode=collective", folder).exit_code, 0);

  const Result summary = krapte_cli("summary " + a, folder);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  // Per month: beleid, total (the family), sociaal_domein, (total) (all families): the
  // all-families headcount is the sum of the three, the family's is not.
  std::istringstream lines(summary.out);
  std::map<std::string, double> headcount;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string month, family;
    double value = 0;
    if (words >> month >> family >> value && month == "2026-12") headcount[family] = value;
  }
  ASSERT_EQ(headcount.size(), 4u) << summary.out;
  ASSERT_TRUE(headcount.count("total") && headcount.count("(total)")) << summary.out;
  EXPECT_NEAR(headcount["(total)"], headcount["beleid"] + headcount["total"] + headcount["sociaal_domein"], 1.5)
      << summary.out;
  EXPECT_LT(headcount["total"], headcount["(total)"]);

  const Result compared = krapte_cli("compare " + a + " " + b + " --csv -", folder);
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  std::vector<std::string> families;
  std::istringstream csv(compared.out);
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string month, unit, family;
    std::getline(fields, month, ',');
    std::getline(fields, unit, ',');
    std::getline(fields, family, ',');
    families.push_back(family);
  }
  EXPECT_EQ(families, (std::vector<std::string>{"beleid", "total", "sociaal_domein", "(total)"})) << compared.out;
  const Result table = krapte_cli("compare " + a + " " + b, folder);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  // The narrowing line sums the all-families rows only: one row, not the family's too.
  EXPECT_NE(table.out.find("pairing narrows the interval of the total vacancy FTE"), std::string::npos) << table.out;

  // The report page's table of differences: the family keeps its key, all families are null.
  const Result report = krapte_cli("report " + a + " " + b + " -o " + (folder / "page.html").string() + " --quiet", folder);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string page = test::read_text(folder / "page.html");
  EXPECT_NE(page.find("{\"family\":\"total\","), std::string::npos);
  EXPECT_NE(page.find("{\"family\":null,"), std::string::npos);
  std::filesystem::remove_all(folder);
}

}  // namespace krapte

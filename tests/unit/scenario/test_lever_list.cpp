// The list of levers is derived from the schema (LeverTag on each lever's section): every
// lever has its scenario and page, and the page index lists them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/schema.h"

namespace krapte {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(LeverList, TenLeversInNumberOrderEachWithItsSections) {
  const std::vector<LeverInfo> levers = scenario_levers();
  ASSERT_EQ(levers.size(), 10u);
  for (size_t i = 0; i < levers.size(); ++i) EXPECT_EQ(levers[i].tag.number, static_cast<int>(i + 1));
  EXPECT_EQ(levers[7].tag.scenario, "more-hours");
  EXPECT_EQ(levers[7].keys, (std::vector<std::string>{"more_hours"}));
  EXPECT_EQ(levers[8].keys, (std::vector<std::string>{"demand_shocks", "demand_growth_paths"}));
}

TEST(LeverList, EveryLeverHasItsScenarioAndPageAndTheIndexNamesBoth) {
  const std::filesystem::path root = KRAPTE_SOURCE_ROOT;
  const std::string index = read_text(root / "docs/levers/README.md");
  for (const LeverInfo& lever : scenario_levers()) {
    const std::string scenario = "scenarios/" + lever.tag.scenario + ".yaml";
    const std::string page = lever.tag.page + ".md";
    EXPECT_TRUE(std::filesystem::exists(root / scenario)) << scenario;
    EXPECT_TRUE(std::filesystem::exists(root / "docs/levers" / page)) << page;
    EXPECT_NE(index.find("`" + scenario + "`"), std::string::npos) << scenario << " not in docs/levers/README.md";
    EXPECT_NE(index.find("(" + page + ")"), std::string::npos) << page << " not in docs/levers/README.md";
  }
}

}  // namespace
}  // namespace krapte

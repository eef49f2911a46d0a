// The list of levers is derived from the schema (LeverTag on each lever's section): every
// lever has its scenario and page, and the page index lists them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "levers/registry.h"
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

// The levers that are one unit (engine/levers/registry.h) write their own rows: a section
// tagged as a lever, found in the one schema contiguous and in the same order.
TEST(LeverRegistry, EachUnitLeverWritesItsTaggedSectionIntoTheSchema) {
  const std::vector<KeySpec>& schema = scenario_schema();
  size_t levers_with_rows = 0;
  levers::for_each([&]<class L>(size_t) {
    if constexpr (requires(SchemaBuilder& b) { L::schema(b); }) {
      SchemaBuilder own;
      L::schema(own);
      ASSERT_FALSE(own.keys.empty());
      EXPECT_NE(own.keys.front().lever.number, 0) << own.keys.front().path << " is not tagged as a lever";
      const auto first = std::find_if(schema.begin(), schema.end(),
                                      [&](const KeySpec& spec) { return spec.path == own.keys.front().path; });
      ASSERT_NE(first, schema.end()) << own.keys.front().path;
      ASSERT_LE(own.keys.size(), static_cast<size_t>(schema.end() - first));
      for (size_t i = 0; i < own.keys.size(); ++i) EXPECT_EQ(first[static_cast<std::ptrdiff_t>(i)].path, own.keys[i].path);
      ++levers_with_rows;
    }
  });
  EXPECT_EQ(levers_with_rows, levers::All::size);
}

// A lever's random-stream purpose is part of its draws: changing it changes every result
// (the golden files). Lever 8 keeps the value it had in core/rng_purpose.h.
TEST(LeverRegistry, UnitLeversKeepTheirRandomStreams) {
  EXPECT_EQ(static_cast<int>(levers::MoreHoursLever::kParticipation), 10);
}

}  // namespace
}  // namespace krapte

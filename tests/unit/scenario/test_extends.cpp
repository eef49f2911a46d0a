// `extends:`: a scenario patches a base scenario (maps merged key by key, lists and values
// replaced), the base's relative data paths stay relative to the base's folder, cycles and
// missing bases are located errors, and errors inside inherited keys name the base file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace krapte {

namespace {

class Extends : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("krapte_test_extends_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "base");
    std::filesystem::create_directories(root_ / "variants");
    std::filesystem::copy_file(test::data_path("tiny/municipalities.csv"), root_ / "base/municipalities.csv");
    std::ifstream in(test::data_path("tiny/tiny.yaml"));
    std::stringstream text;
    text << in.rdbuf();
    write("base/tiny.yaml", text.str());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string write(const std::string& relative, const std::string& text) {
    std::ofstream(root_ / relative) << text;
    return (root_ / relative).string();
  }
  std::filesystem::path root_;
};

}  // namespace

TEST_F(Extends, MergesMapsReplacesListsAndRebasesDataPaths) {
  const std::string child = write("variants/child.yaml",
                                  "extends: ../base/tiny.yaml\n"
                                  "name: child\n"
                                  "exits:\n"
                                  "  move_share: 0.1\n"
                                  "aow_age:\n"
                                  "  - {from: 2024-01, age_months: 810}\n");
  const ResolvedScenario base = load_scenario((root_ / "base/tiny.yaml").string());
  const ResolvedScenario s = load_scenario(child);
  EXPECT_EQ(s.name, "child");
  EXPECT_EQ(s.exits.move_share, 0.1);                                  // overridden
  EXPECT_EQ(s.exits.pressure_sensitivity, base.exits.pressure_sensitivity);  // merged from the base
  EXPECT_EQ(s.exits.age_bands.size(), base.exits.age_bands.size());
  ASSERT_EQ(s.aow_age.size(), 1u);                                     // the list is replaced, not merged
  EXPECT_EQ(s.aow_age[0].age_months, 810);
  EXPECT_EQ(s.municipality_count(), 8);                                // data path relative to the base's folder
  EXPECT_NE(s.canonical_yaml.find("municipalities: \"../base/municipalities.csv\""), std::string::npos) << s.canonical_yaml;
  EXPECT_EQ(s.canonical_yaml.find("extends"), std::string::npos);      // the resolved scenario is self-contained

  // Two levels: a grandchild of the base.
  const std::string grandchild = write("variants/grandchild.yaml", "extends: child.yaml\nname: grandchild\nseed: 3\n");
  const ResolvedScenario g = load_scenario(grandchild);
  EXPECT_EQ(g.seed, 3u);
  EXPECT_EQ(g.exits.move_share, 0.1);
  EXPECT_EQ(g.aow_age[0].age_months, 810);
}

TEST_F(Extends, CyclesAndMissingBasesAreLocatedErrors) {
  const std::string a = write("variants/a.yaml", "extends: b.yaml\nname: a\n");
  write("variants/b.yaml", "extends: a.yaml\nname: b\n");
  EXPECT_INPUT_ERROR(load_scenario(a), "b.yaml:1:10: extends: 'a.yaml' leads back to a scenario that extends it (a cycle)");
  const std::string missing = write("variants/missing.yaml", "name: m\nextends: nowhere.yaml\n");
  EXPECT_INPUT_ERROR(load_scenario(missing), "missing.yaml:2:10: extends: base scenario 'nowhere.yaml'", "does not exist");
}

TEST_F(Extends, ErrorsInInheritedKeysNameTheBaseFile) {
  // The base gets a bad value; the child inherits it without touching it.
  std::ifstream in(root_ / "base/tiny.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string broken = text.str();
  const auto at = broken.find("move_share: 0.4");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, 15, "move_share: 1.4");
  write("base/broken.yaml", broken);
  const std::string child = write("variants/child_of_broken.yaml", "extends: ../base/broken.yaml\nname: c\n");
  EXPECT_INPUT_ERROR(load_scenario(child), "base/broken.yaml:", "exits.move_share: 1.4 is out of range");
  // An override on the command line is reported as such.
  EXPECT_INPUT_ERROR(load_scenario(child, {"exits.move_share=2"}), "(--set exits.move_share)", "out of range");
}

}  // namespace krapte

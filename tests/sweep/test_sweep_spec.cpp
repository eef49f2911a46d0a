// Sweep files: expansion into points (grid, zip, ranges, named points) and every bad sweep
// file caught before any run, with one located line.
#include <gtest/gtest.h>

#include "sweep/plan.h"
#include "sweep/spec.h"
#include "sweep_test_support.h"

namespace krapte {
namespace {

SweepSpec spec_of(const test::ScratchFolder& folder, const std::string& body, bool allow_large = false) {
  return load_sweep_spec(folder.write("sweep.yaml", test::tiny_sweep_text(body)), allow_large);
}

std::vector<std::string> texts(const std::vector<SweepAssignment>& assignments) {
  std::vector<std::string> out;
  for (const auto& a : assignments) out.push_back(a.text());
  return out;
}

TEST(SweepSpec, GridVariesTheLastAxisFastestThenNamedPoints) {
  const test::ScratchFolder folder("grid");
  const SweepSpec spec = spec_of(folder, R"(replications: 3
seed: 11
set: {exits.move_share: 0.3}
axes:
  - {key: recruitment.mode, values: [competitive, collective]}
  - {key: exits.pressure_sensitivity, values: [1, 2, 3]}
points:
  - {name: strong, set: {recruitment.matching_efficiency: 1.2}}
)");
  EXPECT_EQ(spec.name, "sweep");
  EXPECT_EQ(spec.axis_points(), 6);
  EXPECT_EQ(spec.points(), 7);
  EXPECT_EQ(texts(spec.point_assignments(0)),
            (std::vector<std::string>{"recruitment.mode=competitive", "exits.pressure_sensitivity=1"}));
  EXPECT_EQ(texts(spec.point_assignments(4)),
            (std::vector<std::string>{"recruitment.mode=collective", "exits.pressure_sensitivity=2"}));
  EXPECT_EQ(texts(spec.point_assignments(6)), (std::vector<std::string>{"recruitment.matching_efficiency=1.2"}));
  EXPECT_EQ(spec.point_name(6), "strong");
  EXPECT_EQ(spec.point_name(5), "");
  EXPECT_EQ(spec.common_overrides(), (std::vector<std::string>{"exits.move_share=0.3", "replications=3", "seed=11"}));
}

TEST(SweepSpec, ZipTakesTheIthValuesTogether) {
  const test::ScratchFolder folder("zip");
  const SweepSpec spec = spec_of(folder, R"(combine: zip
axes:
  - {key: exits.move_share, values: [0.1, 0.2]}
  - {key: exits.pressure_sensitivity, values: [1, 4]}
)");
  EXPECT_EQ(spec.points(), 2);
  EXPECT_EQ(texts(spec.point_assignments(1)),
            (std::vector<std::string>{"exits.move_share=0.2", "exits.pressure_sensitivity=4"}));
}

TEST(SweepSpec, RangesEndAtToAndRoundAwayBinaryNoise) {
  const test::ScratchFolder folder("range");
  const SweepSpec spec = spec_of(folder, R"(axes:
  - {key: exits.move_share, range: {from: 0.5, to: 1.0, step: 0.1}}
  - {key: recruitment.size_attraction, range: {from: 0, to: 1, count: 3}}
)");
  ASSERT_EQ(spec.axes[0].size(), 6);
  EXPECT_EQ(spec.axes[0].value(2), "0.7");
  EXPECT_EQ(spec.axes[0].value(5), "1");
  EXPECT_EQ(spec.axes[1].value(1), "0.5");
  EXPECT_EQ(spec.points(), 18);
}

TEST(SweepSpec, BadSweepFilesGiveOneLocatedLine) {
  const test::ScratchFolder folder("bad");
  EXPECT_INPUT_ERROR(spec_of(folder, "axis: []\n"), "sweep.yaml:2:1", "unknown sweep key 'axis'", "did you mean 'axes'");
  EXPECT_INPUT_ERROR(spec_of(folder, "axes:\n  - {key: exits.move_share, values: []}\n"), "sweep.yaml:3:", "the axis is empty");
  EXPECT_INPUT_ERROR(spec_of(folder, "combine: zip\naxes:\n  - {key: exits.move_share, values: [0.1, 0.2]}\n"
                                     "  - {key: exits.pressure_sensitivity, values: [1, 2, 3]}\n"),
                     "sweep.yaml:5:", "has 3 values but axes[0] (exits.move_share) has 2", "same length");
  EXPECT_INPUT_ERROR(spec_of(folder, "axes:\n  - {key: exits.move_share, range: {from: 0.5, to: 0.1, step: 0.1}}\n"),
                     "never reaches 0.1");
  EXPECT_INPUT_ERROR(spec_of(folder, "axes:\n  - {key: replications, values: [1, 2]}\n"), "set for the whole sweep");
  EXPECT_INPUT_ERROR(spec_of(folder, "replications: 0\naxes:\n  - {key: seed, values: [1]}\n"), "replications: 0 is not allowed");
  EXPECT_INPUT_ERROR(spec_of(folder, "name: x\n"), "the sweep has no points");
  EXPECT_INPUT_ERROR(spec_of(folder, "points:\n  - {name: a, set: {seed: 1}}\n  - {name: a, set: {seed: 2}}\n"),
                     "'a' is used twice");
  EXPECT_INPUT_ERROR(load_sweep_spec(folder.write("s.yaml", "scenario: nowhere.yaml\naxes: []\n"), false),
                     "s.yaml:1:11", "is not a file");
}

TEST(SweepSpec, MoreThanAMillionPointsNeedYes) {
  const test::ScratchFolder folder("large");
  const std::string body = "axes:\n  - {key: exits.move_share, range: {from: 0, to: 1, count: 1001}}\n"
                           "  - {key: exits.pressure_sensitivity, range: {from: 0, to: 10, count: 1000}}\n";
  EXPECT_INPUT_ERROR(spec_of(folder, body), "the sweep has 1,001,000 points, more than 1,000,000", "--yes");
  EXPECT_EQ(spec_of(folder, body, true).points(), 1001000);
}

TEST(SweepPlan, ScenarioKeysAndValuesAreCheckedBeforeAnyRun) {
  const test::ScratchFolder folder("plan");
  auto plan = [&](const std::string& body) { return SweepPlan(spec_of(folder, body), 2); };
  // An unknown key path, located at the axis's value, with the scenario's "did you mean".
  EXPECT_INPUT_ERROR(plan("axes:\n  - key: exits.move_shar\n    values: [0.1]\n"), "sweep.yaml:4:14",
                     "unknown key 'exits.move_shar'", "did you mean 'move_share'");
  // A value of the wrong type, at its own line and column.
  EXPECT_INPUT_ERROR(plan("axes:\n  - key: exits.move_share\n    values: [0.1, abc]\n"), "sweep.yaml:4:19",
                     "exits.move_share = abc", "'abc' is not a number");
  // tiny.yaml has no trainee programme: --set then makes a map of the missing list.
  EXPECT_INPUT_ERROR(plan("axes:\n  - {key: trainee_programmes.0.intake_per_year, values: [10]}\n"), "sweep.yaml:3:58",
                     "trainee_programmes.0.intake_per_year = 10", "trainee_programmes: expected a list");
  EXPECT_INPUT_ERROR(plan("set: {exits.move_share: 2}\naxes:\n  - {key: seed, values: [1]}\n"), "sweep.yaml:2:25",
                     "set exits.move_share", "out of range");
  // Every point must give the file the same layout.
  EXPECT_INPUT_ERROR(plan("axes:\n  - {key: end, values: [2026-12, 2027-12]}\n"), "point 1 (end=2027-12)",
                     "time axis", "differs from point 0's");
}

TEST(SweepPlan, AnOverridesErrorIsRewordedFromItsPartsNotItsText) {
  const test::ScratchFolder folder("plan-words");
  auto plan = [&](const std::string& body) { return SweepPlan(spec_of(folder, body), 2); };
  // The scenario's words for the value, at the sweep file's location, without "(--set ...)".
  try {
    (void)plan("set: {exits.move_share: 2}\naxes:\n  - {key: seed, values: [1]}\n");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("sweep.yaml:2:25: set exits.move_share: exits.move_share: 2 is out of range"), std::string::npos)
        << what;
    EXPECT_EQ(what.find("--set"), std::string::npos) << what;
  }
  try {
    (void)plan("axes:\n  - {key: exits.move_share, values: [0.1, 3]}\n");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("sweep.yaml:3:43: exits.move_share = 3: exits.move_share: 3 is out of range"), std::string::npos)
        << what;
    EXPECT_EQ(what.find("--set"), std::string::npos) << what;
  }
}

TEST(SweepPlan, PointsAreIdentifiedByTheirScenario) {
  const test::ScratchFolder folder("identity");
  const SweepPlan plan(spec_of(folder, R"(replications: 2
axes:
  - {key: exits.move_share, values: [0.2, 0.4]}
points:
  - {name: same-as-first, set: {exits.move_share: 0.2}}
)"),
                       2);
  ASSERT_EQ(plan.points(), 3);
  EXPECT_EQ(plan.keys(), (std::vector<std::string>{"exits.move_share"}));
  EXPECT_EQ(plan.rows()[1].values, (std::vector<std::string>{"0.4"}));
  EXPECT_NE(plan.rows()[0].point_hash, plan.rows()[1].point_hash);
  EXPECT_EQ(plan.rows()[0].point_hash, plan.rows()[2].point_hash);
  // scenario_hash is what `krapte run` writes for the point alone.
  const ResolvedScenario alone = test::tiny({"exits.move_share=0.4", "replications=2"});
  EXPECT_EQ(plan.rows()[1].scenario_hash, alone.hash);
  EXPECT_EQ(plan.resolve_point(1).canonical_yaml, alone.canonical_yaml);
  // point_hash leaves replications out: more replications keep the finished ones.
  const SweepPlan more(spec_of(folder, "replications: 5\naxes:\n  - {key: exits.move_share, values: [0.2, 0.4]}\n"), 1);
  EXPECT_EQ(more.rows()[1].point_hash, plan.rows()[1].point_hash);
  EXPECT_NE(more.rows()[1].scenario_hash, plan.rows()[1].scenario_hash);
}

}  // namespace
}  // namespace krapte

// krapte optimise (issue 12, docs/optimise.md) through the binary: a known optimum found by an
// exhaustive sweep on tiny, an infeasible target with the closest point, the same result at
// any thread count, and every bad optimisation file as one line with exit 2.
#include <unistd.h>

#include <cmath>
#include <fstream>

#include "cli_support.h"
#include "optimise/evaluate.h"
#include "scenario/resolve.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;

class OptimiseCli : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("krapte_optimise_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  test::CliResult krapte(const std::string& args) { return test::run_krapte(args, dir_, dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  /// tiny-costs with one decision variable: the attractiveness index from 2024-01, which
  /// costs salary x (index - 1) and lowers vacancies (elasticities 2).
  std::string file(double target, const std::string& extra = "", const std::string& scenario = "tiny/tiny-costs.yaml") {
    return "name: known\nscenario: " + test::data_path(scenario) +
           "\nset: ['attractiveness.quit_elasticity=2', 'attractiveness.match_elasticity=2', "
           "'attractiveness.path=[{from: 2024-01, index: 1.0}]', 'costs.measures.attractiveness={pay_share: 1, per_year: 0}']\n"
           "variables:\n  - {path: attractiveness.path.0.index, lower: 1.0, upper: 1.3}\n"
           "objective: {minimise: total_cost, from: 2024-01, to: 2026-12}\n"
           "constraints:\n  - {metric: vacancy_rate, level: national, at: 2026-12, max: " + std::to_string(target) + "}\n"
           "search: {algorithm: cobyla, max_evaluations: 60, x_tolerance: 0.0001}\nverify: {candidates: 1, replications: 2}\n" + extra;
  }
  fs::path dir_;
};

double rate_at(const OptimiseSpec& spec, double index) {
  PointValues values;
  (void)evaluate_on_projection(spec, {index}, 1.0, &values);
  return values.constraint_values[0];
}

TEST_F(OptimiseCli, FindsTheOptimumOfAnExhaustiveSweep) {
  // The target halfway between the rates at the bounds.
  const OptimiseSpec probe = load_optimise_spec(write("probe.yaml", file(0.5)));
  const double target = 0.5 * (rate_at(probe, 1.0) + rate_at(probe, 1.3));
  ASSERT_LT(rate_at(probe, 1.3), rate_at(probe, 1.0)) << "the index should lower the vacancy rate";
  const OptimiseSpec spec = load_optimise_spec(write("known.yaml", file(target)));
  // Exhaustive sweep: the cheapest feasible grid point (steps of 0.0005).
  double best_x = -1, best_cost = 0, below_cost = 0;  // below: the grid point before the best
  double previous_cost = 0;
  for (int i = 0; i <= 600; ++i) {
    const double x = 1.0 + 0.0005 * i;
    PointValues values;
    (void)evaluate_on_projection(spec, {x}, 1.0, &values);
    if (values.margins[0] >= 0 && (best_x < 0 || values.objective < best_cost)) {
      best_x = x;
      best_cost = values.objective;
      below_cost = previous_cost;
    }
    previous_cost = values.objective;
  }
  ASSERT_GT(best_x, 1.0);
  const std::string package = (dir_ / "package.yaml").string();
  const test::CliResult result = krapte("optimise " + test::quote(dir_ / "known.yaml") + " -o " + test::quote(package) + " --quiet");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("candidate 1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("holds in"), std::string::npos) << result.out;
  // The package is a runnable scenario with the optimum in it.
  const ResolvedScenario chosen = load_scenario(package);
  ASSERT_EQ(chosen.attractiveness.path.size(), 1u);
  const double x = chosen.attractiveness.path[0].index;
  EXPECT_NEAR(x, best_x, 0.001) << result.out;  // stated tolerance: two grid steps
  PointValues at_optimum;
  (void)evaluate_on_projection(spec, {x}, 1.0, &at_optimum);
  EXPECT_GE(at_optimum.margins[0], -1e-9 * target);
  // Between grid points the optimum can only be cheaper than the sweep's, by at most one step.
  EXPECT_LE(at_optimum.objective, best_cost * (1 + 1e-12));
  EXPECT_GE(at_optimum.objective, below_cost);
  EXPECT_EQ(chosen.name, "known-package");
  EXPECT_EQ(krapte("run " + test::quote(package) + " --replications 1 --quiet -o " + test::quote(dir_ / "p.h5")).exit_code, 0);

  // Bit-identical at another thread count (the report without its timings, and the package).
  const std::string package2 = (dir_ / "package2.yaml").string();
  const test::CliResult again = krapte("optimise " + test::quote(dir_ / "known.yaml") + " -o " + test::quote(package2) + " --quiet --threads 1");
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_EQ(test::read_text(package), test::read_text(package2));
  auto candidates = [](const std::string& out) { return out.substr(out.find("candidate 1"), out.find("chosen:") - out.find("candidate 1")); };
  EXPECT_EQ(candidates(result.out), candidates(again.out));
}

// Resuming: a run stopped early (here by a small max_evaluations) leaves its journal; a rerun
// with more evaluations replays those without the model and ends where a fresh run ends.
TEST_F(OptimiseCli, ARerunReplaysTheJournalAndEndsAsAFreshRun) {
  const double target = 0.5 * (rate_at(load_optimise_spec(write("probe.yaml", file(0.5))), 1.0) +
                               rate_at(load_optimise_spec(write("probe.yaml", file(0.5))), 1.3));
  std::string short_run = file(target);
  short_run.replace(short_run.find("max_evaluations: 60"), 19, "max_evaluations: 4");
  write("short.yaml", short_run);
  write("full.yaml", file(target));
  const std::string resumed = (dir_ / "resumed.yaml").string();
  const std::string fresh = (dir_ / "fresh.yaml").string();
  ASSERT_EQ(krapte("optimise " + test::quote(dir_ / "short.yaml") + " -o " + test::quote(resumed)).exit_code, 0);
  EXPECT_TRUE(fs::exists(resumed + ".journal"));
  const test::CliResult rerun = krapte("optimise " + test::quote(dir_ / "full.yaml") + " -o " + test::quote(resumed));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  size_t replays = 0;
  for (size_t at = rerun.err.find("(replayed)"); at != std::string::npos; at = rerun.err.find("(replayed)", at + 1)) ++replays;
  EXPECT_EQ(replays, 4u) << rerun.err;
  ASSERT_EQ(krapte("optimise " + test::quote(dir_ / "full.yaml") + " -o " + test::quote(fresh) + " --quiet").exit_code, 0);
  EXPECT_EQ(test::read_text(resumed), test::read_text(fresh));
}

TEST_F(OptimiseCli, InfeasibleTargetReportsTheClosestPoint) {
  write("infeasible.yaml", file(0.0001));
  const std::string package = (dir_ / "package.yaml").string();
  const test::CliResult result = krapte("optimise " + test::quote(dir_ / "infeasible.yaml") + " -o " + test::quote(package) + " --quiet");
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("INFEASIBLE"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("attractiveness.path.0.index=1.3"), std::string::npos) << result.out;  // the closest: the upper bound
  EXPECT_FALSE(fs::exists(package));
}

TEST_F(OptimiseCli, EveryBadFileIsOneLineExit2) {
  const std::string good = file(0.05);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  std::string no_costs = file(0.05, "", "tiny/tiny.yaml");
  no_costs.replace(no_costs.find(", 'costs.measures"), std::string(", 'costs.measures.attractiveness={pay_share: 1, per_year: 0}'").size(), "");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {replaced("attractiveness.path.0.index, lower", "attractiveness.path.0.indx, lower"), "variables[0].path: 'attractiveness.path.0.indx'"},
      {replaced("lower: 1.0, upper: 1.3", "lower: 1.1, upper: 1.1"), "variables[0].upper: equals lower (1.1): empty bounds"},
      {replaced("lower: 1.0, upper: 1.3", "lower: 1.2, upper: 1.1"), "variables[0].lower: 1.2 is above upper 1.1"},
      {replaced("lower: 1.0, upper: 1.3", "lower: 1.0, upper: 20"), "variables[0].path: 'attractiveness.path.0.index' at 20 gives a scenario that does not load"},
      {no_costs, "objective.minimise: total_cost needs a scenario with a costs: section"},
      {replaced("objective:", "objectiv:"), "objectiv: unknown key"},
      {replaced("{algorithm: cobyla", "{algorithm: simplex"), "search.algorithm: 'simplex' is not allowed"},
      {replaced("{algorithm: cobyla", "{algorithm: bobyqa"), "search.algorithm: handles bounds only; allowed with constraints: cobyla"},
      {replaced("at: 2026-12", "at: 2031-12"), "constraints[0].at: 2031-12 is outside the scenario's months"},
      {replaced("metric: vacancy_rate", "metric: vacancy"), "constraints[0].metric: 'vacancy' is not allowed"},
      {replaced("upper: 1.3}", "upper: 1.3, step: 2}"), "variables[0].step: unknown key"},
      {replaced("variables:\n  - {path: attractiveness.path.0.index, lower: 1.0, upper: 1.3}\n", "variables: []\n"), "variables: needs at least one variable"},
      {replaced("name: known\n", "name: known\n  bad: [\n"), "YAML syntax error"},
      {replaced("max: 0.050000", "max: 2"), "constraints[0].max: 2 is out of range"},
  };
  int n = 0;
  for (const auto& [text, fragment] : cases) {
    const std::string path = write("bad" + std::to_string(n++) + ".yaml", text);
    const test::CliResult result = krapte("optimise " + test::quote(path) + " -o " + test::quote(dir_ / "p.yaml"));
    EXPECT_EQ(result.exit_code, 2) << fragment << "\n" << result.err << result.out;
    EXPECT_EQ(result.err.rfind("krapte: error: " + path + ":", 0), 0u) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_FALSE(fs::exists(dir_ / "p.yaml"));
  }
  const test::CliResult missing = krapte("optimise " + test::quote(dir_ / "none.yaml"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such optimisation file"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace krapte

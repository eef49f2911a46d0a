// krapte optimise (issue 12, docs/optimise.md) through the binary: a known optimum found by an
// exhaustive sweep on tiny, an infeasible target with the closest point, the same result at
// any thread count, and every bad optimisation file as one line with exit 2.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli_support.h"
#include "optimise/evaluate.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"

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
  /// tiny-costs with an ict flexpool whose provinces are on/off variables (Noord, West, Zuid),
  /// the regional ict vacancy rate at 2026-12 bounded by `target`.
  std::string pools(double target, const std::string& search = "{on_off: exhaustive}", const std::string& extra_variable = "") {
    return "name: pools\nscenario: " + test::data_path("tiny/tiny-costs.yaml") +
           "\nset: ['costs.measures.flexpools={overhead: 0.15}', "
           "'flexpools=[{name: pool, family: ict, fte_per_province: 4, block_fte: 0.5, from: 2024-03}]']\n"
           "variables:\n  - {path: flexpools.0.provinces, choose: [Noord, West, Zuid], when_none: flexpools.0.fte_per_province=0}\n" +
           extra_variable + "objective: {minimise: total_cost, from: 2024-01, to: 2026-12}\n"
           "constraints:\n  - {metric: vacancy_rate, family: ict, level: region, at: 2026-12, max: " + format_number(target) + "}\n"
           "search: " + search + "\nverify: {candidates: 1, replications: 2}\n";
  }
  fs::path dir_;
};

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        row.push_back(field);
        field.clear();
      } else field += c;
    }
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

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

// The cost-versus-gap front on the one-variable problem: each level's cost is the cheapest of
// an exhaustive sweep (within the stated tolerance), and a looser level never costs more.
TEST_F(OptimiseCli, FrontMatchesAnExhaustiveSweepAndNeverRisesAsTheTargetLoosens) {
  const OptimiseSpec probe = load_optimise_spec(write("probe.yaml", file(0.5)));
  const double high = rate_at(probe, 1.0), low = rate_at(probe, 1.3);
  ASSERT_LT(low, high);
  std::vector<double> levels;
  // Six decimals, so the file's own max (written with six) is exactly the second level.
  for (const double f : {0.2, 0.4, 0.6, 0.8}) levels.push_back(std::round((low + f * (high - low)) * 1e6) / 1e6);
  std::string levels_text;
  for (const double l : levels) levels_text += (levels_text.empty() ? "" : ", ") + format_number(l);
  write("front.yaml", file(levels[1], "front: {max: [" + levels_text + "]}\n"));
  const std::string package = (dir_ / "package.yaml").string();
  const test::CliResult result = krapte("optimise " + test::quote(dir_ / "front.yaml") + " -o " + test::quote(package) + " --quiet");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("front: the best total_cost"), std::string::npos) << result.out;
  const auto rows = read_csv(test::read_text(dir_ / "package-front.csv"));
  ASSERT_EQ(rows.size(), levels.size() + 1) << test::read_text(dir_ / "package-front.csv");
  EXPECT_EQ(rows[0][0], "level");
  // The sweep: cost and rate on a grid of steps of 0.001.
  std::vector<std::pair<double, double>> grid;  // (rate, cost)
  for (int i = 0; i <= 300; ++i) {
    PointValues values;
    (void)evaluate_on_projection(probe, {1.0 + 0.001 * i}, 1.0, &values);
    grid.emplace_back(values.constraint_values[0], values.objective);
  }
  double previous = INFINITY;
  for (size_t l = 0; l < levels.size(); ++l) {
    const auto& row = rows[l + 1];
    ASSERT_EQ(row.size(), 11u);
    EXPECT_EQ(row[0], format_number(levels[l]));
    ASSERT_EQ(row[1], "true") << "level " << levels[l];
    const double cost = std::stod(row[2]);
    size_t best = grid.size();
    for (size_t i = 0; i < grid.size(); ++i)
      if (grid[i].first <= levels[l] && (best == grid.size() || grid[i].second < grid[best].second)) best = i;
    ASSERT_GT(best, 0u);
    ASSERT_LT(best, grid.size());
    // Stated tolerance: at most one grid step's cost above the sweep's best. Cheaper is fine
    // when the point is feasible (checked below): the rate is not monotone between grid points
    // (kinks of the projection), so the grid can miss feasible points the search finds.
    EXPECT_LE(cost, grid[best].second + (grid[best].second - grid[best - 1].second)) << "level " << levels[l];
    EXPECT_LE(cost, previous) << "a looser target must never cost more";
    previous = cost;
    // The point meets its level on the projection, and the agents' values are there.
    const std::string point = row[10];
    const double x = std::stod(point.substr(point.find('=') + 1));
    EXPECT_LE(rate_at(probe, x), levels[l] * (1 + 1e-12)) << point;
    EXPECT_FALSE(std::isnan(std::stod(row[3]))) << "verified with the agents";
    const double probability = std::stod(row[9]);
    EXPECT_GE(probability, 0.0);
    EXPECT_LE(probability, 1.0);
  }
  EXPECT_LT(std::stod(rows.back()[2]), std::stod(rows[1][2])) << "the tightest level should cost more than the loosest here";
  // The page: self-contained, the chart and the table.
  const std::string page = test::read_text(dir_ / "package-front.html");
  EXPECT_NE(page.find("vegaEmbed('#front'"), std::string::npos);
  EXPECT_NE(page.find("<table>"), std::string::npos);
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  // Every level has its own journal; the file's own level reuses the file's search.
  for (size_t l = 0; l < levels.size(); ++l)
    EXPECT_EQ(fs::exists(package + ".front-" + format_number(levels[l]) + ".journal"), l != 1) << levels[l];
}

// On/off items (which provinces get a flexpool): exhaustive finds the brute-force optimum of
// the eight combinations; greedy ends where no single flip improves.
TEST_F(OptimiseCli, OnOffProvincesFindTheBestCombination) {
  const OptimiseSpec probe = load_optimise_spec(write("probe.yaml", pools(0.5)));
  ASSERT_EQ(probe.variables.size(), 3u);
  EXPECT_TRUE(probe.variables[0].on_off());
  EXPECT_EQ(probe.variables[2].choice, "Zuid");
  // Brute force: every combination's cost and worst regional rate.
  struct Combination {
    std::vector<double> x;
    double cost, rate;
  };
  std::vector<Combination> all;
  for (int mask = 0; mask < 8; ++mask) {
    const std::vector<double> x = {double(mask & 1), double((mask >> 1) & 1), double((mask >> 2) & 1)};
    PointValues values;
    (void)evaluate_on_projection(probe, x, 1.0, &values);
    all.push_back({x, values.objective, values.constraint_values[0]});
  }
  // The target: the median worst rate, so some combinations meet it and some do not.
  std::vector<double> rates;
  for (const Combination& c : all) rates.push_back(c.rate);
  std::sort(rates.begin(), rates.end());
  const double target = 0.5 * (rates[3] + rates[4]);
  ASSERT_LT(rates[3], rates[4]) << "the combinations should differ in their worst rate";
  const Combination* best = nullptr;
  for (const Combination& c : all)
    if (c.rate <= target && (!best || c.cost < best->cost)) best = &c;
  ASSERT_NE(best, nullptr);
  auto provinces_of = [](const std::vector<double>& x) {
    std::vector<std::string> names;
    const char* all_names[] = {"Noord", "West", "Zuid"};
    for (int k = 0; k < 3; ++k)
      if (x[k] == 1) names.push_back(all_names[k]);
    return names;
  };

  write("exhaustive.yaml", pools(target));
  const std::string package = (dir_ / "package.yaml").string();
  const test::CliResult result = krapte("optimise " + test::quote(dir_ / "exhaustive.yaml") + " -o " + test::quote(package) + " --quiet");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("8 on/off combinations searched (exhaustive)"), std::string::npos) << result.out;
  const ResolvedScenario chosen = load_scenario(package);
  std::vector<std::string> pool_provinces;
  for (int m = chosen.real_municipalities; m < chosen.municipality_count(); ++m)
    if (chosen.unit_kind[static_cast<size_t>(m)] == UnitKind::kFlexpool)
      pool_provinces.push_back(chosen.municipalities.municipalities[static_cast<size_t>(m)].province);
  EXPECT_EQ(pool_provinces, provinces_of(best->x)) << result.out;

  // Greedy from all on: its result is a combination no single flip improves on.
  write("greedy.yaml", pools(target, "{on_off: greedy, start: [1, 1, 1]}"));
  const std::string greedy_package = (dir_ / "greedy.yaml.out").string();
  const test::CliResult greedy = krapte("optimise " + test::quote(dir_ / "greedy.yaml") + " -o " + test::quote(greedy_package) + " --quiet");
  ASSERT_EQ(greedy.exit_code, 0) << greedy.out << greedy.err;
  const std::string line = greedy.out.substr(greedy.out.find("chosen:"));
  std::vector<double> x(3);
  const char* names[] = {"Noord", "West", "Zuid"};
  for (int k = 0; k < 3; ++k) x[static_cast<size_t>(k)] = line.find(std::string("[") + names[k] + "]=on") != std::string::npos ? 1 : 0;
  const Combination& found = all[static_cast<size_t>(x[0] + 2 * x[1] + 4 * x[2])];
  ASSERT_LE(found.rate, target) << line;
  for (int k = 0; k < 3; ++k) {
    std::vector<double> flipped = x;
    flipped[static_cast<size_t>(k)] = 1 - flipped[static_cast<size_t>(k)];
    const Combination& other = all[static_cast<size_t>(flipped[0] + 2 * flipped[1] + 4 * flipped[2])];
    EXPECT_FALSE(other.rate <= target && other.cost < found.cost) << "flipping " << names[k] << " improves on " << line;
  }

  // With a continuous variable beside the items: each combination gets its own search.
  write("mixed.yaml", pools(target, "{on_off: exhaustive, max_evaluations: 20}",
                            "  - {path: flexpools.0.block_fte, lower: 0.25, upper: 2}\n"));
  const test::CliResult mixed = krapte("optimise " + test::quote(dir_ / "mixed.yaml") + " -o " + test::quote(dir_ / "mixed-package.yaml") + " --quiet");
  ASSERT_EQ(mixed.exit_code, 0) << mixed.out << mixed.err;
  EXPECT_NE(mixed.out.find("8 on/off combinations searched (exhaustive)"), std::string::npos) << mixed.out;
  EXPECT_NO_THROW((void)load_scenario((dir_ / "mixed-package.yaml").string()));
}

// Progress and interrupt: SIGTERM mid-search leaves no package; the rerun replays the journal
// (progress says so) and ends exactly as an uninterrupted run.
TEST_F(OptimiseCli, SigtermMidSearchThenResumeEqualsAFreshRun) {
  const std::string text = pools(0.5, "{on_off: exhaustive, max_evaluations: 40}", "  - {path: flexpools.0.block_fte, lower: 0.25, upper: 2}\n");
  write("long.yaml", text);
  const std::string package = (dir_ / "killed.yaml").string();
  const std::string log = (dir_ / "killed.log").string();
  const pid_t pid = test::spawn_krapte({"optimise", (dir_ / "long.yaml").string(), "-o", package}, log);
  ASSERT_GT(pid, 0);
  // Wait for a few journaled evaluations (the magic line, the scale line, then one per point).
  auto journal_lines = [&] {
    std::ifstream in(package + ".journal");
    return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (journal_lines() < 8 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  // krapte ends on SIGTERM with 128 + SIGTERM (its handler), or by the signal itself.
  const bool stopped = (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) || (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGTERM);
  ASSERT_TRUE(stopped) << "status " << status << ": the search ended before SIGTERM; log: " << test::read_text(log);
  EXPECT_FALSE(fs::exists(package));
  const std::string progress = test::read_text(log);
  EXPECT_NE(progress.find("optimise: evaluation 1/"), std::string::npos) << progress;
  EXPECT_NE(progress.find("best feasible"), std::string::npos) << progress;
  EXPECT_NE(progress.find("s left"), std::string::npos) << progress;

  const test::CliResult resumed = krapte("optimise " + test::quote(dir_ / "long.yaml") + " -o " + test::quote(package));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("(replayed)"), std::string::npos) << resumed.err;
  ASSERT_EQ(krapte("optimise " + test::quote(dir_ / "long.yaml") + " -o " + test::quote(dir_ / "fresh.yaml") + " --quiet").exit_code, 0);
  EXPECT_EQ(test::read_text(package), test::read_text(dir_ / "fresh.yaml"));
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
  auto replaced_in = [](std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
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
      {replaced("{path: attractiveness.path.0.index, lower: 1.0, upper: 1.3}", "{path: replications, lower: 2, upper: 9}"),
       "variables[0].path: 'replications' at 4.228"},
      // the front
      {file(0.05, "front: {max: [0.04]}\n"), "front.max: expected a list of at least two levels"},
      {file(0.05, "front: {max: [0.04, 0.04]}\n"), "front.max[1]: 0.04 appears twice"},
      {file(0.05, "front: {max: [0.04, 1.5]}\n"), "front.max[1]: 1.5 is out of range"},
      {file(0.05, "front: {max: [0.04, x]}\n"), "front.max[1]: 'x' is not a number"},
      {file(0.05, "front: {constraint: 1, max: [0.04, 0.05]}\n"), "front.constraint: 1 is out of range"},
      {file(0.05, "front: {levels: [0.04, 0.05]}\n"), "front.levels: unknown key"},
      {file(0.05, "front: {constraint: 0}\n"), "front.max: missing"},
      {replaced("constraints:\n  - {metric: vacancy_rate, level: national, at: 2026-12, max: 0.050000}\n", "") + "front: {max: [0.04, 0.05]}\n",
       "front: needs a constraint to vary"},
      // on/off items
      {pools(0.5, "{on_off: everything}"), "search.on_off: 'everything' is not allowed"},
      {replaced_in(pools(0.5), "choose: [Noord, West, Zuid]", "choose: [Noord, Oost]"), "variables[0].path: 'flexpools.0.provinces=[\"Noord\", \"Oost\"]' gives a scenario that does not load"},
      {replaced_in(pools(0.5), "choose: [Noord, West, Zuid]", "choose: [Noord, Noord]"), "variables[0].choose[1]: 'Noord' appears twice"},
      {replaced_in(pools(0.5), "choose: [Noord, West, Zuid]", "choose: []"), "variables[0].choose: expected a non-empty list"},
      {replaced_in(pools(0.5), ", when_none: flexpools.0.fte_per_province=0", ""), "variables[0].when_none: missing"},
      {replaced_in(pools(0.5), "when_none: flexpools.0.fte_per_province=0", "when_none: flexpools.0.fte_per_province"), "variables[0].when_none: 'flexpools.0.fte_per_province' is not key.path=VALUE"},
      {replaced_in(pools(0.5), "when_none: flexpools.0.fte_per_province=0", "when_none: flexpools.0.fte_per_provinc=0"), "variables[0].when_none: 'flexpools.0.fte_per_provinc=0' gives a scenario that does not load"},
      {replaced_in(pools(0.5), "when_none: flexpools.0.fte_per_province=0}", "when_none: flexpools.0.fte_per_province=0, lower: 0}"), "variables[0].lower: unknown key"},
      {pools(0.5, "{start: [1, 0.5, 0]}"), "search.start[1]: 0.5 is out of range; allowed: a whole number"},
      {pools(0.5, "{start: [1, 0]}"), "search.start: expected a list of one number per variable (3, each item of a choose: list counting as one"},
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

// Every shipped optimisation file loads and passes every check of the file.
TEST(ShippedOptimiseFiles, EachLoads) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(test::source_path("optimise")))) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    EXPECT_NO_THROW((void)load_optimise_spec(entry.path().string())) << entry.path();
  }
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace krapte

// Issue 15, part 5: no lever makes up vacancies in its first month. Point 0 is the state
// before any lever acts (the baseline's, value for value), and in the month a lever starts
// the national vacancy rate of every job family (and in total) moves at most
// kMaxExcessJump more than the baseline's moves in that month, unless the lever raises that
// family's demand (a flexpool's positions, a demand shock): then the vacancies are real
// work. Run in both modes: the agents (3 replications) and the expected-value projection.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "projection/projection.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {

// 0.2 percentage point. Measured before the fix of issue 15: the centres' opening moved the
// financien rate up 0.5 points more than the baseline's in the agents, and point 0 was
// 19.6 (ict) and 20.0 (financien) points above the baseline's; with the fix the largest
// excess of a lever that does not raise demand is below 0.01 point (docs/model.md).
constexpr double kMaxExcessJump = 0.002;

struct Case {
  const char* file;
  const char* end;  // the month after the lever's first month: the run's last two points
};

const std::vector<Case> kCases = {
    {"collective.yaml", "2025-02"},      {"attractiveness.yaml", "2025-02"}, {"flexpools.yaml", "2025-02"},
    {"more-hours.yaml", "2025-02"},      {"retention.yaml", "2025-02"},      {"standardisation.yaml", "2025-02"},
    {"trainees.yaml", "2025-10"},        {"new-tasks.yaml", "2026-02"},      {"shared-services.yaml", "2026-02"},
    {"stap-naar-voren.yaml", "2025-02"}, {"stap-naar-voren.yaml", "2026-02"},
};

struct National {  // [point][family], summed over replications and every unit
  std::vector<std::vector<double>> vacancy, demand;
};

National national(const std::vector<ReplicationSeries>& all) {
  const SeriesShape& shape = all.front().shape;
  National n;
  n.vacancy.assign(shape.points, std::vector<double>(shape.families, 0.0));
  n.demand = n.vacancy;
  for (const auto& series : all)
    for (int k = 0; k < shape.points; ++k)
      for (int m = 0; m < shape.municipalities; ++m)
        for (int j = 0; j < shape.families; ++j) {
          n.vacancy[k][j] += test::cell(series, k, m, j, Metric::kVacancyFte);
          n.demand[k][j] += test::cell(series, k, m, j, Metric::kDemandFte);
        }
  return n;
}

std::vector<ReplicationSeries> run(const ResolvedScenario& s, bool expected) {
  const RunSetup setup = prepare_run(s);
  if (expected) return {run_projection(s, setup)};
  return test::run_all(s, setup, 2);
}

ResolvedScenario scenario(const std::string& file, const std::string& end) {
  return load_scenario(test::source_path("scenarios/" + file), {"end=" + end, "replications=3"});
}

double rate(const National& n, int k, int j) {  // j = -1: all families
  if (j >= 0) return n.demand[k][j] > 0 ? n.vacancy[k][j] / n.demand[k][j] : 0.0;
  double v = 0, d = 0;
  for (size_t f = 0; f < n.demand[k].size(); ++f) {
    v += n.vacancy[k][f];
    d += n.demand[k][f];
  }
  return v / d;
}

std::vector<int> families_then_total(int families) {
  std::vector<int> order;
  for (int j = 0; j < families; ++j) order.push_back(j);
  order.push_back(-1);
  return order;
}

void check_first_month(bool expected) {
  std::map<std::string, National> baselines;  // by end month
  for (const Case& c : kCases) {
    const ResolvedScenario s = scenario(c.file, c.end);
    const National lever = national(run(s, expected));
    auto cached = baselines.find(c.end);
    if (cached == baselines.end())
      cached = baselines.emplace(c.end, national(run(scenario("baseline.yaml", c.end), expected))).first;
    const National& base = cached->second;
    const int k = s.time.steps() - 1;  // the lever's first month
    const std::string where = std::string(c.file) + " first month " + s.time.month_of_point(k).to_string();
    bool raises_any = false;
    for (int j : families_then_total(s.family_count())) {
      const std::string family = j < 0 ? "total" : s.families[j].name;
      if (j >= 0) {  // point 0: nothing has acted yet
        EXPECT_EQ(lever.demand[0][j], base.demand[0][j]) << where << " " << family;
        EXPECT_EQ(lever.vacancy[0][j], base.vacancy[0][j]) << where << " " << family;
      }
      const bool raises_demand = j >= 0 ? lever.demand[k][j] > base.demand[k][j] * (1 + 1e-12) : raises_any;
      raises_any |= raises_demand;
      if (raises_demand) continue;
      const double excess = (rate(lever, k, j) - rate(lever, k - 1, j)) - (rate(base, k, j) - rate(base, k - 1, j));
      EXPECT_LE(excess, kMaxExcessJump) << where << " " << family << (expected ? " (expected)" : " (agents)");
    }
  }
}

}  // namespace

TEST(LeverFirstMonth, AgentsMakeNoVacanciesUp) { check_first_month(false); }

TEST(LeverFirstMonth, ProjectionMakesNoVacanciesUp) { check_first_month(true); }

}  // namespace krapte

// The rules of MODEL.md §4, each on a hand-built population or cell set.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/ids.h"
#include "core/rates.h"
#include "processes/ageing.h"
#include "processes/exits.h"
#include "processes/moves.h"
#include "processes/placement.h"
#include "processes/recruitment.h"
#include "processes/vacancies.h"
#include "test_support.h"

namespace krapte {

namespace {

AgentRecord agent(uint64_t id, int age_months, int tenure_months = 60, double fte = 1.0, int family = 0) {
  AgentRecord a;
  a.id = id;
  a.age_months = age_months;
  a.tenure_months = tenure_months;
  a.contract_fte = fte;
  a.family = static_cast<uint8_t>(family);
  return a;
}

struct ExitRun {
  std::vector<CellFlows> flows;
  std::vector<Mover> movers;
  MunicipalityAgents agents;
};

ExitRun run_exits(const ResolvedScenario& s, const std::vector<AgentRecord>& people, int step = 1,
                  std::vector<double> previous_vacancy_rate = {}) {
  ExitRun run;
  for (const auto& p : people) run.agents.append(p);
  run.flows.assign(s.family_count(), CellFlows{});
  previous_vacancy_rate.resize(s.family_count(), 0.0);
  const RandomStreams rng(s.seed, 0);
  const StepContext ctx(s, rng, step);
  ExitTable table;
  fill_exit_table(ctx, previous_vacancy_rate.data(), table);
  apply_exits(ctx, 0, table, run.agents, run.flows.data(), run.movers);
  return run;
}

}  // namespace

TEST(Ageing, OneMonthOlderOnboardingAndTraineeCountDown) {
  MunicipalityAgents agents;
  AgentRecord a = agent(1, 300, 0);
  a.onboarding_months_left = 1;
  AgentRecord b = agent(2, 400, 5);
  b.trainee_programme = 1;
  b.trainee_months_left = 2;
  agents.append(a);
  agents.append(b);
  age_agents(agents);
  age_agents(agents);
  EXPECT_EQ(agents.age_months[0], 302);
  EXPECT_EQ(agents.tenure_months[0], 2);
  EXPECT_EQ(agents.onboarding_months_left[0], 0);  // not below 0
  EXPECT_EQ(agents.trainee_months_left[1], 0);
  EXPECT_EQ(agents.trainee_months_left[0], 0);     // not a trainee: unchanged
}

TEST(Exits, AowRetirementAtOrAboveTheAgeInForce) {
  const ResolvedScenario s = test::tiny();  // AOW 804 months until 2025-06, 807 from 2025-07
  auto run = run_exits(s, {agent(1, 803), agent(2, 804), agent(3, 900)}, /*step=*/1);
  EXPECT_EQ(run.flows[0].exits_retirement, 2);
  ASSERT_EQ(run.agents.size(), 1u);
  EXPECT_EQ(run.agents.id[0], 1u);
  // From 2025-07 (step 19) the AOW age is 807 months: 804 stays (unless another exit).
  EXPECT_EQ(s.aow_age_months(s.time.month_of_point(19)), 807);
  EXPECT_EQ(s.aow_age_months(s.time.month_of_point(18)), 804);
  auto later = run_exits(s, {agent(5, 806), agent(6, 807)}, 19);
  EXPECT_EQ(later.flows[0].exits_retirement, 1);
}

TEST(Exits, ReasonsSplitOneDrawInTheOrderEarlyQuitOther) {
  ResolvedScenario s = test::tiny();
  s.exits.move_share = 0;
  s.exits.pressure_sensitivity = 0;
  // One band at age 61: early 0.2, quit 0.3, other 0.1 (annual).
  s.exits.age_bands = {AgeBandRates{0, 0.2, 0.3, 0.1}};
  s.exits.age_bands[0].early_retirement_monthly_prob = monthly_prob_from_annual_rate(0.2);
  s.exits.age_bands[0].other_monthly_prob = monthly_prob_from_annual_rate(0.1);
  s.band_of_age_years.fill(0);
  s.families[0].quit_multiplier = 1;
  std::vector<AgentRecord> people;
  const int n = 200000;
  for (int i = 0; i < n; ++i) people.push_back(agent(static_cast<uint64_t>(i), 61 * 12));
  const auto run = run_exits(s, people);
  const double p_early = monthly_prob_from_annual_rate(0.2);
  const double p_quit = monthly_prob_from_annual_rate(0.3);
  const double p_other = monthly_prob_from_annual_rate(0.1);
  auto expect_count = [&](int count, double p, const char* what) {
    EXPECT_NEAR(count, n * p, 4 * std::sqrt(n * p * (1 - p))) << what;
  };
  expect_count(run.flows[0].exits_early_retirement, p_early, "early");
  expect_count(run.flows[0].exits_quit, p_quit, "quit");
  expect_count(run.flows[0].exits_other, p_other, "other");
  EXPECT_EQ(static_cast<int>(run.agents.size()), n - run.flows[0].exits_early_retirement - run.flows[0].exits_quit -
                                                     run.flows[0].exits_other);
}

TEST(Exits, ClassifyExitSplitsTheDrawEarlyThenQuitThenOther) {
  // Chosen draws against p_early 0.1, p_quit 0.2, p_other 0.05 (p_exit 0.35): the order of
  // the reasons along u[0] is MODEL.md's, so a swapped order moves these outcomes.
  const ResolvedScenario s = test::tiny();
  const RandomStreams rng(s.seed, 0);
  StepContext ctx(s, rng, 1);
  ctx.move_share = 0.4;
  ctx.stay_below = 0.4;
  const double early = 0.1, quit = 0.2, exit = 0.35;
  auto outcome = [&](double u0, double u1) { return classify_exit(ctx, {u0, u1}, early, quit, exit); };
  EXPECT_EQ(outcome(0.0, 0.9), ExitOutcome::kEarlyRetirement);
  EXPECT_EQ(outcome(0.0999, 0.9), ExitOutcome::kEarlyRetirement);
  EXPECT_EQ(outcome(early, 0.9), ExitOutcome::kQuit);  // [p_early, p_early + p_quit): quit
  EXPECT_EQ(outcome(0.2999, 0.9), ExitOutcome::kQuit);
  EXPECT_EQ(outcome(early + quit, 0.0), ExitOutcome::kOther);  // [p_early + p_quit, p_exit): other, whatever u[1]
  EXPECT_EQ(outcome(0.3499, 0.9), ExitOutcome::kOther);
  EXPECT_EQ(outcome(exit, 0.0), ExitOutcome::kStays);  // u[0] >= p_exit: stays
  // A quit is a move candidate when u[1] < move_share.
  EXPECT_EQ(outcome(0.2, 0.3999), ExitOutcome::kMove);
  EXPECT_EQ(outcome(0.2, 0.4), ExitOutcome::kQuit);
  // `prevented_moves: stay`: move_share <= u[1] < stay_below stays with its employer.
  ctx.move_share = 0.2;
  ctx.stay_below = 0.4;
  EXPECT_EQ(outcome(0.2, 0.1999), ExitOutcome::kMove);
  EXPECT_EQ(outcome(0.2, 0.2), ExitOutcome::kStays);
  EXPECT_EQ(outcome(0.2, 0.3999), ExitOutcome::kStays);
  EXPECT_EQ(outcome(0.2, 0.4), ExitOutcome::kQuit);
  // u[1] decides nothing for early retirement or other exits.
  EXPECT_EQ(outcome(0.05, 0.1), ExitOutcome::kEarlyRetirement);
  EXPECT_EQ(outcome(0.32, 0.1), ExitOutcome::kOther);
}

TEST(Exits, FirstYearFactorPressureAndMoveShare) {
  ResolvedScenario s = test::tiny();
  s.exits.age_bands = {AgeBandRates{0, 0, 0.12, 0}};
  s.band_of_age_years.fill(0);
  s.families[0].quit_multiplier = 1;
  s.exits.first_year_quit_factor = 2;
  s.exits.pressure_sensitivity = 3;
  s.exits.pressure_threshold = 0.03;
  const RandomStreams rng(1, 0);
  const StepContext ctx(s, rng, 1);
  ExitTable table;
  const std::vector<double> vacancy_rate = {0.13, 0.0, 0.0};  // pressure = 1 + 3 x 0.10 = 1.3
  fill_exit_table(ctx, vacancy_rate.data(), table);
  EXPECT_NEAR(workload_pressure(s.exits, 0.13), 1.3, 1e-12);
  EXPECT_NEAR(workload_pressure(s.exits, 0.01), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(table.at(0, 0, false, false).quit, monthly_prob_from_annual_rate(0.12 * 1.3));
  EXPECT_DOUBLE_EQ(table.at(0, 0, true, false).quit, monthly_prob_from_annual_rate(0.12 * 1.3 * 2));
  EXPECT_DOUBLE_EQ(table.at(2, 0, false, false).quit, monthly_prob_from_annual_rate(0.12 * 1.3));  // tiny: sociaal x 1.3, no pressure

  // Move share: quits become movers with probability move_share (0.4 in tiny).
  std::vector<AgentRecord> people;
  const int n = 100000;
  for (int i = 0; i < n; ++i) people.push_back(agent(static_cast<uint64_t>(i), 30 * 12, 0));
  auto run = run_exits(s, people, 1, {0.0});
  const int quits = run.flows[0].exits_quit + static_cast<int>(run.movers.size());
  EXPECT_NEAR(static_cast<double>(run.movers.size()) / quits, 0.4, 4 * std::sqrt(0.4 * 0.6 / quits));
  for (const Mover& mover : run.movers) EXPECT_EQ(mover.origin, 0);
  // Collective mode scales move_share by collective.move_share_factor.
  s.recruitment.mode = RecruitmentMode::kCollective;
  s.collective.move_share_factor = 0.5;
  EXPECT_DOUBLE_EQ(StepContext(s, rng, 1).move_share, 0.2);
}

TEST(Exits, TraineesGraduateByRetention) {
  const ResolvedScenario s = test::tiny();
  AgentRecord trainee = agent(77, 25 * 12, 24);
  trainee.trainee_programme = 1;
  trainee.trainee_months_left = 0;
  for (double retention : {0.0, 1.0}) {
    MunicipalityAgents agents;
    agents.append(trainee);
    std::vector<CellFlows> flows(s.family_count());
    std::vector<Mover> movers;
    const RandomStreams rng(s.seed, 0);
    // No ordinary exit for this agent in this test: every exit rate 0.
    ResolvedScenario quiet = s;
    for (auto& band : quiet.exits.age_bands) band = AgeBandRates{band.from_years, 0, 0, 0, 0, 0};
    StepContext quiet_ctx(quiet, rng, 1);
    quiet_ctx.trainee_retention_after = {1.0, retention};
    ExitTable table;
    const std::vector<double> zero(s.family_count(), 0.0);
    fill_exit_table(quiet_ctx, zero.data(), table);
    apply_exits(quiet_ctx, 0, table, agents, flows.data(), movers);
    if (retention == 0.0) {
      EXPECT_EQ(flows[0].exits_trainee, 1);
      EXPECT_EQ(agents.size(), 0u);
    } else {
      EXPECT_EQ(flows[0].exits_trainee, 0);
      ASSERT_EQ(agents.size(), 1u);
      EXPECT_EQ(agents.trainee_programme[0], 0);
    }
  }
}

// The month step's fused pass (ageing, exits, the stayers' tallies) is the three separate
// steps it replaces, value for value: same stayers in the same order, same flows and movers,
// and the tallies' effective FTE is add_effective_supply() after exits to the last bit.
TEST(Exits, FusedPassIsAgeingThenExitsThenSupply) {
  ResolvedScenario s = test::tiny();
  s.exits.pressure_sensitivity = 2;  // some families with their own rows
  MunicipalityAgents start;
  for (uint64_t i = 0; i < 3000; ++i) {
    AgentRecord a = agent(1000 + i * 7919, 18 * 12 + static_cast<int>(i % 600), static_cast<int>(i % 30),
                          0.5 + 0.5 * static_cast<double>(i % 5) / 4, static_cast<int>(i % 3));
    a.onboarding_months_left = static_cast<int>(i % 4);
    if (i % 50 == 0) {
      a.trainee_programme = 1;
      a.trainee_months_left = static_cast<int>(i % 3);
    }
    start.append(a);
  }
  const RandomStreams rng(s.seed, 3);
  StepContext ctx(s, rng, 5);
  ctx.trainee_retention_after = {1.0, 0.5};
  ctx.trainee_productivity = {1.0, 0.6};
  const std::vector<double> vacancy_rate = {0.2, 0.0, 0.05};
  ExitTable table;
  fill_exit_table(ctx, vacancy_rate.data(), table);

  MunicipalityAgents separate = start;
  std::vector<CellFlows> flows_separate(s.family_count());
  std::vector<Mover> movers_separate;
  age_agents(separate);
  apply_exits(ctx, 0, table, separate, flows_separate.data(), movers_separate);
  std::vector<double> supply(s.family_count(), 0.0);
  add_effective_supply(ctx, separate, supply.data());

  MunicipalityAgents fused = start;
  std::vector<CellFlows> flows_fused(s.family_count());
  std::vector<Mover> movers_fused;
  std::vector<CellTally> tallies(s.family_count());
  tallies[0].headcount = 99;  // reset by the pass
  age_and_apply_exits(ctx, 0, table, fused, flows_fused.data(), movers_fused, tallies.data());

  ASSERT_EQ(fused.size(), separate.size());
  ASSERT_LT(fused.size(), start.size());  // some left
  for (size_t i = 0; i < fused.size(); ++i) {
    const AgentRecord a = fused.record(i), b = separate.record(i);
    ASSERT_EQ(a.id, b.id);
    ASSERT_EQ(a.age_months, b.age_months);
    ASSERT_EQ(a.tenure_months, b.tenure_months);
    ASSERT_EQ(a.onboarding_months_left, b.onboarding_months_left);
    ASSERT_EQ(a.trainee_programme, b.trainee_programme);
    ASSERT_EQ(a.trainee_months_left, b.trainee_months_left);
  }
  ASSERT_EQ(movers_fused.size(), movers_separate.size());
  for (size_t i = 0; i < movers_fused.size(); ++i) EXPECT_EQ(movers_fused[i].agent.id, movers_separate[i].agent.id);
  for (int j = 0; j < s.family_count(); ++j) {
    EXPECT_EQ(flows_fused[j].exits_quit, flows_separate[j].exits_quit);
    EXPECT_EQ(flows_fused[j].exits_early_retirement, flows_separate[j].exits_early_retirement);
    EXPECT_EQ(flows_fused[j].exits_other, flows_separate[j].exits_other);
    EXPECT_EQ(flows_fused[j].exits_retirement, flows_separate[j].exits_retirement);
    EXPECT_EQ(flows_fused[j].exits_trainee, flows_separate[j].exits_trainee);
    EXPECT_EQ(tallies[j].effective_fte, supply[j]);  // bit for bit
    int64_t headcount = 0;
    for (size_t i = 0; i < separate.size(); ++i) headcount += separate.family[i] == j ? 1 : 0;
    EXPECT_EQ(tallies[j].headcount, headcount);
  }
}

// The cells moves and recruitment work on, over the test's arrays.
StepCells region_cells(int families, std::vector<double>& vacancy, const std::vector<double>& demand,
                       const std::vector<double>& size_weight, std::vector<CellFlows>& flows,
                       std::vector<MunicipalityAgents>& agents) {
  StepCells cells;
  cells.vacancy_fte = {vacancy, families};
  cells.demand_fte = {demand, families};
  cells.flows = {flows, families};
  cells.size_weight = size_weight.data();
  cells.agents = &agents;
  return cells;
}

TEST(Placement, WeightsFollowTheModeAndSkipOriginAndFullCells) {
  const std::vector<int> municipalities = {0, 1, 2, 3};
  std::vector<double> vacancy = {5.0, 0.0, 1e-10, 10.0};  // family count 1
  const std::vector<double> demand = {100.0, 50.0, 10.0, 10.0};
  const std::vector<double> size_weight = {4.0, 1.0, 1.0, 1.0};
  StepCells cells;
  cells.vacancy_fte = {vacancy, 1};
  cells.demand_fte = {demand, 1};
  cells.size_weight = size_weight.data();
  std::vector<double> scratch;
  const auto choose = [&](const StepCells& grid, RecruitmentMode mode, int excluded, double u,
                                      std::vector<double>& weights) {
    return krapte::choose_destination(grid, municipalities, 0, mode, excluded, u, weights);
  };
  // Competitive weights: 5 x 4 = 20 for m0, 10 for m3 (m1 full, m2 below 1e-9).
  EXPECT_EQ(choose(cells, RecruitmentMode::kCompetitive, -1, 0.0, scratch), 0);
  EXPECT_EQ(choose(cells, RecruitmentMode::kCompetitive, -1, 0.66, scratch), 0);
  EXPECT_EQ(choose(cells, RecruitmentMode::kCompetitive, -1, 0.67, scratch), 3);
  // Collective weights V / D: 0.05 for m0, 1.0 for m3.
  EXPECT_EQ(choose(cells, RecruitmentMode::kCollective, -1, 0.04, scratch), 0);
  EXPECT_EQ(choose(cells, RecruitmentMode::kCollective, -1, 0.05, scratch), 3);
  // The origin is excluded.
  EXPECT_EQ(choose(cells, RecruitmentMode::kCompetitive, 3, 0.99, scratch), 0);
  vacancy[0] = 0;
  EXPECT_EQ(choose(cells, RecruitmentMode::kCompetitive, 3, 0.5, scratch), -1);
  double v = 0.5;
  fill_vacancy(v, 0.8);
  EXPECT_EQ(v, 0.0);  // not below 0
}

TEST(Recruitment, MatchingFunction) {
  EXPECT_DOUBLE_EQ(expected_hires(100, 400, 1.0, 0.5), 100);            // min(v, sqrt(v a)) = min(100, 200)
  EXPECT_DOUBLE_EQ(expected_hires(100, 25, 1.0, 0.5), 50);              // sqrt(100 x 25)
  EXPECT_DOUBLE_EQ(expected_hires(100, 25, 0.5, 0.5), 25);
  EXPECT_NEAR(expected_hires(64, 27, 1.0, 1.0 / 3), std::pow(64, 1.0 / 3) * std::pow(27, 2.0 / 3), 1e-12);  // 36 < 64
  EXPECT_EQ(expected_hires(0, 100, 1.0, 0.5), 0);
  EXPECT_EQ(expected_hires(10, 0, 1.0, 0.5), 0);
}

TEST(Recruitment, HiresGoOnlyToVacanciesAndStopWhenTheyAreFilled) {
  ResolvedScenario s = test::tiny();
  s.families[0].applicants_per_100k_inhabitants = 1e6;  // far more applicants than vacancies
  s.recruitment.new_hire_contract_fte = PiecewiseDistribution({{1.0, 1.0, 1}});
  const int region = 0;  // "Noord": municipalities 0, 1, 2 of the tiny table
  const std::vector<int>& members = s.municipalities.regions[region].municipalities;
  ASSERT_EQ(members.size(), 3u);
  const int families = s.family_count();
  std::vector<double> vacancy(static_cast<size_t>(s.municipality_count()) * families, 0.0);
  std::vector<double> demand(vacancy.size(), 100.0);
  vacancy[static_cast<size_t>(members[0]) * families] = 3.0;
  vacancy[static_cast<size_t>(members[2]) * families] = 2.5;
  std::vector<double> size_weight(s.municipality_count(), 1.0);
  std::vector<CellFlows> flows(vacancy.size());
  std::vector<MunicipalityAgents> agents(s.municipality_count());
  const StepCells cells = region_cells(families, vacancy, demand, size_weight, flows, agents);
  const RandomStreams rng(s.seed, 0);
  const StepContext ctx(s, rng, 1);
  std::vector<double> scratch;
  apply_recruitment(ctx, region, cells, scratch);
  // v = 5.5 heads: E = min(v, ...) = 5.5, H = floor(5.5 + u) is 5 or 6; with 1-FTE hires the
  // vacancies of 3 and 2.5 take 3 + 3 = 6 hires at most, so every hire lands.
  const int hires0 = flows[static_cast<size_t>(members[0]) * families].hires_external;
  const int hires2 = flows[static_cast<size_t>(members[2]) * families].hires_external;
  EXPECT_EQ(flows[static_cast<size_t>(members[1]) * families].hires_external, 0);
  EXPECT_GE(hires0 + hires2, 5);
  EXPECT_LE(hires0, 3);
  EXPECT_LE(hires2, 3);
  EXPECT_EQ(static_cast<int>(agents[members[0]].size()), hires0);
  for (const auto& a : agents)
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a.tenure_months[i], 0);
      EXPECT_EQ(a.onboarding_months_left[i], s.onboarding.months);
      EXPECT_EQ(a.id[i] >> 62, static_cast<uint64_t>(IdOrigin::kHire));
    }
}

TEST(Moves, MoversGoToAnotherMunicipalityOrLeaveAsQuits) {
  const ResolvedScenario s = test::tiny();
  const std::vector<int>& members = s.municipalities.regions[0].municipalities;
  const int families = s.family_count();
  std::vector<double> vacancy(static_cast<size_t>(s.municipality_count()) * families, 0.0);
  std::vector<double> demand(vacancy.size(), 100.0);
  vacancy[static_cast<size_t>(members[1]) * families] = 1.5;  // only m1 has a vacancy
  std::vector<double> size_weight(s.municipality_count(), 1.0);
  std::vector<CellFlows> flows(vacancy.size());
  std::vector<MunicipalityAgents> agents(s.municipality_count());
  const StepCells cells = region_cells(families, vacancy, demand, size_weight, flows, agents);
  // Three movers from m0 (ids out of order) and one from m1 (which has the only vacancy).
  std::vector<Mover> movers = {{agent(30, 400, 50, 1.0), members[0]},
                               {agent(10, 400, 50, 1.0), members[0]},
                               {agent(20, 400, 50, 1.0), members[1]},
                               {agent(40, 400, 50, 1.0), members[0]}};
  const RandomStreams rng(s.seed, 0);
  const StepContext ctx(s, rng, 1);
  std::vector<double> scratch;
  apply_moves(ctx, 0, cells, movers, scratch);
  // In id order: 10 and 30 fill m1's 1.5 FTE (1.0, then the rest 0.5), 20 (from m1) has no
  // destination, 40 finds none left.
  const CellFlows& f0 = flows[static_cast<size_t>(members[0]) * families];
  const CellFlows& f1 = flows[static_cast<size_t>(members[1]) * families];
  EXPECT_EQ(f0.moves_out, 2);
  EXPECT_EQ(f1.moves_in, 2);
  EXPECT_EQ(f0.exits_quit, 1);
  EXPECT_EQ(f1.exits_quit, 1);
  ASSERT_EQ(agents[members[1]].size(), 2u);
  EXPECT_EQ(agents[members[1]].id[0], 10u);
  EXPECT_EQ(agents[members[1]].id[1], 30u);
  EXPECT_EQ(agents[members[1]].tenure_months[0], 0);
  EXPECT_EQ(agents[members[1]].onboarding_months_left[0], s.onboarding.months_after_move);
}

TEST(Vacancies, EffectiveSupplyUsesOnboardingProductivity) {
  const ResolvedScenario s = test::tiny();  // onboarding productivity 0.5
  MunicipalityAgents agents;
  AgentRecord onboarding = agent(1, 300, 0, 0.8);
  onboarding.onboarding_months_left = 3;
  agents.append(onboarding);
  agents.append(agent(2, 300, 50, 0.6));
  agents.append(agent(3, 300, 50, 1.0, 1));
  const RandomStreams rng(1, 0);
  const StepContext ctx(s, rng, 1);
  std::vector<double> supply(s.family_count(), 0.0);
  add_effective_supply(ctx, agents, supply.data());
  EXPECT_DOUBLE_EQ(supply[0], 0.8 * 0.5 + 0.6);
  EXPECT_DOUBLE_EQ(supply[1], 1.0);
  EXPECT_DOUBLE_EQ(vacancy_fte(10, 12), 0.0);
  EXPECT_DOUBLE_EQ(vacancy_fte(10, 7.5), 2.5);
}

}  // namespace krapte

#include "sim/month_step.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>

#include "core/errors.h"
#include "levers/registry.h"

#include "metrics/recorder.h"
#include "processes/ageing.h"
#include "processes/moves.h"
#include "processes/recruitment.h"
#include "processes/vacancies.h"

namespace krapte {

SimState::SimState(const ResolvedScenario& scenario, const RunSetup& setup)
    : SimState(scenario, setup, setup.initial_population) {}

SimState::SimState(const ResolvedScenario& scenario, const RunSetup& setup, Population initial)
    : population(std::move(initial)) {
  const size_t cells = static_cast<size_t>(scenario.municipality_count()) * scenario.family_count();
  demand_fte = setup.demand0_fte;
  // Point 0 is the state before any lever acts: units (centres, pools) have no work yet.
  std::fill(demand_fte.begin() + static_cast<std::ptrdiff_t>(scenario.real_municipalities) * scenario.family_count(),
            demand_fte.end(), 0.0);
  work_kept.assign(cells, 1.0);
  centre_work.resize(scenario.municipality_count());
  vacancy_fte.assign(cells, 0.0);
  previous_vacancy_rate.assign(cells, 0.0);
  flows.assign(cells, CellFlows{});
  movers.resize(scenario.municipality_count());
  region_movers.resize(scenario.region_count());
  region_scratch.resize(scenario.region_count());
  exit_tables.resize(scenario.municipality_count());
  flexpool_fte.assign(cells, 0.0);
  histogram_scratch.assign(cells * kAgeHistogramBands, 0.0);
  tallies.assign(cells, CellTally{});
  tallied_agents.assign(scenario.municipality_count(), 0);
  trainee_productivity.assign(1, 1.0);
  for (const TraineeProgramme& programme : scenario.policies.trainee_programmes)
    trainee_productivity.push_back(programme.productivity);
  // Room for a year of arrivals without reallocation in the hot loop.
  for (auto& agents : population.by_municipality) agents.reserve(agents.size() + agents.size() / 4 + 16);
}

void record_point(const ResolvedScenario& scenario, int point, SimState& state, ReplicationSeries& series, bool with_flows) {
  const int families = scenario.family_count();
  const SeriesShape& shape = series.shape;
  std::fill(state.histogram_scratch.begin(), state.histogram_scratch.end(), 0.0);
  tbb::parallel_for(0, scenario.municipality_count(), [&](int m) {
    const size_t first_cell = static_cast<size_t>(m) * families;
    RecordInputs in;
    in.agents = &state.population.by_municipality[m];
    in.demand_fte = &state.demand_fte[first_cell];
    in.flows = with_flows ? &state.flows[first_cell] : nullptr;
    in.flexpool_fte = &state.flexpool_fte[first_cell];
    in.onboarding_productivity = scenario.onboarding.productivity;
    in.trainee_productivity = state.trainee_productivity.data();
    in.tallies = &state.tallies[first_cell];
    in.tallied_agents = state.tallied_agents[m];
    record_municipality(in, families, &series.cell_sums[shape.cell_offset(point, m, 0)],
                        &state.histogram_scratch[first_cell * kAgeHistogramBands], &state.previous_vacancy_rate[first_cell]);
  });
  // National age histogram: municipalities summed in table order (deterministic).
  double* national = &series.age_histogram[static_cast<size_t>(point) * families * kAgeHistogramBands];
  const size_t per_municipality = static_cast<size_t>(families) * kAgeHistogramBands;
  for (int m = 0; m < scenario.municipality_count(); ++m)
    for (size_t i = 0; i < per_municipality; ++i) national[i] += state.histogram_scratch[m * per_municipality + i];
}

namespace {

// The one view of the state's cell arrays that moves, recruitment and the levers work on.
StepCells step_cells(const RunSetup& setup, SimState& state, int families) {
  StepCells cells;
  cells.vacancy_fte = {state.vacancy_fte, families};
  cells.demand_fte = {state.demand_fte, families};
  cells.flexpool_fte = {state.flexpool_fte, families};
  cells.flows = {state.flows, families};
  cells.work_kept = {state.work_kept, families};
  cells.size_weight = setup.size_weight.data();
  cells.agents = &state.population.by_municipality;
  cells.centre_work = &state.centre_work;
  return cells;
}

bool any_centre_opens(const StepContext& ctx) {
  for (const SharedService& ssc : ctx.scenario.policies.shared_services)
    for (int centre : ssc.centre_of_region)
      if (centre >= 0 && ssc.from == ctx.month) return true;
  return false;
}

// Step 8: policies that add people or capacity, after recruitment (MODEL.md §4.8):
// trainees first, then more hours, then flexpools deployed where vacancies remain.
// Returns whether an agent already there changed (more hours), which the exit pass's
// tallies do not know.
bool apply_capacity_policies(const StepContext& ctx, const StepCells& cells, SimState& state) {
  const ResolvedScenario& s = ctx.scenario;
  const int families = s.family_count();
  if (!s.policies.trainee_programmes.empty()) take_in_trainees(ctx, cells);
  bool agents_changed = false;  // the levers that are one unit, in levers/registry.h's order
  levers::for_each([&]<class L>(size_t) {
    if constexpr (requires { L::act_after_recruitment(ctx, cells); }) agents_changed |= L::act_after_recruitment(ctx, cells);
  });
  bool pools = false;
  for (const Flexpool& pool : s.policies.flexpools) pools |= !pool.pool_units.empty();
  if (pools) {
    std::fill(state.flexpool_fte.begin(), state.flexpool_fte.end(), 0.0);
    state.supply_scratch.assign(state.flexpool_fte.size(), 0.0);
    tbb::parallel_for(0, s.municipality_count(), [&](int m) {
      add_effective_supply(ctx, state.population.by_municipality[m], &state.supply_scratch[static_cast<size_t>(m) * families]);
    });
    deploy_flexpools(ctx, state.supply_scratch, cells);
  }
  return agents_changed;
}

}  // namespace

void month_step(const StepContext& ctx, const RunSetup& setup, SimState& state, ReplicationSeries& series) {
  const ResolvedScenario& s = ctx.scenario;
  const int families = s.family_count();
  std::fill(state.flows.begin(), state.flows.end(), CellFlows{});
  const StepCells cells = step_cells(setup, state, families);

  // Lever 4: in the month a shared-service centre opens, staff and the work they did move
  // together, before ageing (per agent, so the order does not matter) and before demand.
  if (any_centre_opens(ctx)) {
    tbb::parallel_for(0, s.region_count(), [&](int r) { transfer_to_shared_services(ctx, r, cells); });
  }

  // Steps 2-5 per municipality: ageing, demand, exits, vacancies after exits.
  tbb::parallel_for(0, s.municipality_count(), [&](int m) {
    const size_t first_cell = static_cast<size_t>(m) * families;
    MunicipalityAgents& agents = state.population.by_municipality[m];
    CellFlows* flows = &state.flows[first_cell];
    state.movers[m].clear();

    for (int j = 0; j < families; ++j)                                           // §4.3
      state.demand_fte[first_cell + j] =
          setup.demand0_fte[first_cell + j] * ctx.demand_factor[first_cell + j] * state.work_kept[first_cell + j];
    for (const CentreWork& work : state.centre_work[m])  // lever 4: the work a centre took over
      state.demand_fte[first_cell + work.family] +=
          work.share * setup.demand0_fte[work.source_cell] * ctx.demand_factor[work.source_cell];
    fill_exit_table(ctx, &state.previous_vacancy_rate[first_cell], state.exit_tables[m]);
    // §4.2 and §4.4 in one pass; it tallies the stayers, whose effective FTE is the supply.
    CellTally* tallies = &state.tallies[first_cell];
    age_and_apply_exits(ctx, m, state.exit_tables[m], agents, flows, state.movers[m], tallies);
    state.tallied_agents[m] = agents.size();
    double* vacancy = &state.vacancy_fte[first_cell];                          // §4.5
    for (int j = 0; j < families; ++j)  // S = own staff + last deployment of a flexpool
      vacancy[j] = vacancy_fte(state.demand_fte[first_cell + j], tallies[j].effective_fte + state.flexpool_fte[first_cell + j]);
  });

  // Movers regrouped by region (municipalities in table order), before regions run in parallel.
  for (auto& movers : state.region_movers) movers.clear();
  for (int m = 0; m < s.municipality_count(); ++m) {
    auto& target = state.region_movers[s.municipalities.municipalities[m].region];
    target.insert(target.end(), state.movers[m].begin(), state.movers[m].end());
  }

  // Steps 6-7 per region: moves, then recruitment. Regions share no municipality.
  tbb::parallel_for(0, s.region_count(), [&](int r) {
    apply_moves(ctx, r, cells, state.region_movers[r], state.region_scratch[r]);  // §4.6
    apply_recruitment(ctx, r, cells, state.region_scratch[r]);                   // §4.7
  });

  if (apply_capacity_policies(ctx, cells, state))  // §4.8
    std::fill(state.tallied_agents.begin(), state.tallied_agents.end(), 0);
  record_point(s, ctx.step, state, series, true);  // §4.9
}

}  // namespace krapte

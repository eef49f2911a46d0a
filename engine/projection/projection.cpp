#include "projection/projection.h"

#include <oneapi/tbb/parallel_for.h>

#include <climits>
#include <cmath>

#include "processes/recruitment.h"  // expected_hires: the matching function, shared with the agents
#include "projection/cohorts.h"
#include "projection/levers.h"
#include "projection/placement.h"

namespace krapte {

namespace {

using projection::CellArrivals;
using projection::CellState;
using projection::MoverProfile;
using projection::RunConstants;
using projection::StepRates;
using projection::TakenWork;

/// Scratch of one region and family in one step.
struct RegionFamily {
  std::vector<double> vacancy, weight_factor, movers, mover_fte, in_count, in_fte, out_count, unplaced, hires;
  MoverProfile profile;

  void reset(size_t n) {
    for (auto* v : {&vacancy, &weight_factor, &movers, &mover_fte, &in_count, &in_fte, &out_count, &unplaced, &hires})
      v->assign(n, 0.0);
  }
};

/// The cells of every unit [unit * families + j], and where they write their outputs.
struct ProjectionState {
  const ResolvedScenario& s;
  const RunSetup& setup;
  const RunConstants& run;
  ReplicationSeries& series;
  std::vector<CellState> cells;
  std::vector<std::vector<double>> region_histograms;  // [region][point][family][band]
  std::vector<RegionFamily> scratch;                   // [region]

  CellState& cell(int unit, int j) { return cells[static_cast<size_t>(unit) * s.family_count() + static_cast<size_t>(j)]; }
  double* histogram(int r, int k, int j) {
    return region_histograms[static_cast<size_t>(r)].data() +
           (static_cast<size_t>(k) * s.family_count() + static_cast<size_t>(j)) * kAgeHistogramBands;
  }
  void record_region(int r, int k) {  // §4.9
    for (int m : s.municipalities.regions[static_cast<size_t>(r)].municipalities)
      for (int j = 0; j < s.family_count(); ++j)
        projection::record_cell(run, k, cell(m, j), &series.cell_sums[series.shape.cell_offset(k, m, j)], histogram(r, k, j));
  }
};

/// Point 0: the agents' initial population, as cohorts (MODEL.md §3).
void start_region(ProjectionState& state, int r) {
  const ResolvedScenario& s = state.s;
  const int families = s.family_count();
  for (int m : s.municipalities.regions[static_cast<size_t>(r)].municipalities) {
    for (int j = 0; j < families; ++j)
      projection::start_cell(state.run, j, state.setup.demand0_fte[static_cast<size_t>(m) * families + j], state.cell(m, j));
    const MunicipalityAgents& agents = state.setup.initial_population.by_municipality[static_cast<size_t>(m)];
    for (size_t a = 0; a < agents.size(); ++a)
      projection::add_initial_employee(state.run, agents.age_months[a], agents.tenure_months[a], agents.contract_fte[a],
                                       state.cell(m, agents.family[a]));
    for (int j = 0; j < families; ++j) projection::finish_initial_population(state.run, state.cell(m, j));
    if (m >= s.real_municipalities)  // point 0 is the state before any lever acts
      for (int j = 0; j < families; ++j) state.cell(m, j).demand_fte = 0;
  }
  state.record_region(r, 0);
}

/// Steps 2-7 of one labour-market region: regions share no unit, movers or applicants
/// (MODEL.md §4.6-4.7).
void step_region(ProjectionState& state, const StepRates& rates, int r) {
  const ResolvedScenario& s = state.s;
  const RunConstants& run = state.run;
  const Region& region = s.municipalities.regions[static_cast<size_t>(r)];
  const std::vector<int>& units = region.municipalities;
  const size_t n = units.size();
  const int families = s.family_count();
  const int k = rates.step;
  for (int m : units)  // §4.2-4.5
    for (int j = 0; j < families; ++j) {
      CellState& cell = state.cell(m, j);
      double demand = cell.demand0_fte * rates.demand_factor[static_cast<size_t>(m) * families + j] * cell.work_kept;
      for (const TakenWork& work : cell.taken_work)  // lever 4: a centre's work, as at its source
        demand += work.share * state.cells[work.source_cell].demand0_fte * rates.demand_factor[work.source_cell];
      projection::begin_step(run, rates, demand, cell);
    }

  const bool squared = rates.collective && s.collective.weights == CollectiveWeights::kVacancyTimesRate;
  RegionFamily& scratch = state.scratch[static_cast<size_t>(r)];
  for (int j = 0; j < families; ++j) {
    scratch.reset(n);
    bool anyone_moves = false;
    for (size_t i = 0; i < n; ++i) {
      const CellState& cell = state.cell(units[i], j);
      scratch.vacancy[i] = cell.vacancy_fte;
      // Weights V x size^attraction (competitive), V / D or V x V / D (collective).
      scratch.weight_factor[i] = rates.collective ? (cell.demand_fte > 0 ? 1.0 / cell.demand_fte : 0.0)
                                                  : state.setup.size_weight[static_cast<size_t>(units[i])];
      scratch.movers[i] = cell.movers;
      scratch.mover_fte[i] = cell.mover_fte;
      anyone_moves = anyone_moves || cell.movers > 0;
    }
    const projection::PlacementCells placement{scratch.vacancy, scratch.weight_factor, squared};
    if (anyone_moves) {  // §4.6
      scratch.profile.count.setZero(run.axis.length);
      scratch.profile.fte.setZero(run.axis.length);
      scratch.profile.quantities.resize(run.person_quantities.size());
      for (Eigen::ArrayXd& quantity : scratch.profile.quantities) quantity.setZero(run.axis.length);
      for (int m : units) projection::add_movers_to_profile(run, k, state.cell(m, j), scratch.profile);
      projection::finish_mover_profile(run, k, scratch.profile);
      projection::place_movers(placement, scratch.movers, scratch.mover_fte,
                               {scratch.in_count, scratch.in_fte, scratch.out_count, scratch.unplaced});
    }
    // §4.7: E[floor(E + u)] = E, so the expected hires are E itself.
    double vacancy_sum = 0;
    for (size_t i = 0; i < n; ++i) vacancy_sum += scratch.vacancy[i];
    const double applicants = applicants_per_month(s, j, region.inhabitants, rates.month);
    const double expected = expected_hires(vacancy_sum / run.mean_new_hire_fte, applicants, rates.matching_efficiency,
                                           s.recruitment.matching_alpha);
    projection::place_hires(placement, expected, s.recruitment.new_hire_contract_fte, scratch.hires);

    for (size_t i = 0; i < n; ++i) {  // arrivals
      CellState& cell = state.cell(units[i], j);
      cell.vacancy_fte = scratch.vacancy[i];  // V after recruitment, where step 8 places trainees
      cell.flows.moves_out += scratch.out_count[i];
      cell.flows.exits_quit += scratch.unplaced[i];  // a mover without destination quits (MODEL.md conventions)
      const CellArrivals arrivals{scratch.hires[i], scratch.in_count[i], scratch.in_fte[i]};
      projection::finish_step(run, k, arrivals, anyone_moves ? &scratch.profile : nullptr, cell);
    }
  }
}

}  // namespace

ReplicationSeries run_projection(const ResolvedScenario& s, const RunSetup& setup) {
  int min_age = INT_MAX;
  int max_age = INT_MIN;
  for (const MunicipalityAgents& agents : setup.initial_population.by_municipality)
    for (int32_t age : agents.age_months) {
      min_age = std::min(min_age, static_cast<int>(age));
      max_age = std::max(max_age, static_cast<int>(age));
    }
  const RunConstants run = projection::make_run_constants(s, min_age, max_age);

  ReplicationSeries series;
  series.replication = 0;
  series.shape = SeriesShape{s.time.points(), s.municipality_count(), s.family_count(), s.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);

  ProjectionState state{s, setup, run, series, {}, {}, {}};
  state.cells.resize(static_cast<size_t>(s.municipality_count()) * s.family_count());
  state.region_histograms.assign(static_cast<size_t>(s.region_count()),
                                 std::vector<double>(series.shape.histogram_values(), 0.0));
  state.scratch.resize(static_cast<size_t>(s.region_count()));
  tbb::parallel_for(0, s.region_count(), 1, [&](int r) { start_region(state, r); });

  std::vector<StepRates> rates(static_cast<size_t>(s.time.points()));
  tbb::parallel_for(1, s.time.points(), [&](int k) { rates[static_cast<size_t>(k)] = projection::step_rates(s, k); });
  // Steps 1-7 and the levers that are one unit (more hours) stay inside a region. A region's cells fit in the cache, so
  // without levers that reach across regions each region runs alone from start to end.
  auto region_step = [&](int r, const StepRates& step) {
    projection::transfer_to_centres(run, step, r, state.cells);
    step_region(state, step, r);
  };
  auto units_of = [&](int r) -> const std::vector<int>& {
    return s.municipalities.regions[static_cast<size_t>(r)].municipalities;
  };
  if (!projection::levers_cross_regions(s)) {
    tbb::parallel_for(0, s.region_count(), 1, [&](int r) {
      for (int k = 1; k <= s.time.steps(); ++k) {
        region_step(r, rates[static_cast<size_t>(k)]);
        projection::act_in_region_after_recruitment(run, rates[static_cast<size_t>(k)], units_of(r), state.cells);  // §4.8
        state.record_region(r, k);
      }
    });
  } else {  // trainees are placed nationally, a flexpool serves its province: regions meet at step 8
    for (int k = 1; k <= s.time.steps(); ++k) {
      const StepRates& step = rates[static_cast<size_t>(k)];
      tbb::parallel_for(0, s.region_count(), 1, [&](int r) { region_step(r, step); });
      projection::take_in_trainees(run, step, state.cells);  // §4.8, in the agents' order
      tbb::parallel_for(0, s.region_count(), 1,
                        [&](int r) { projection::act_in_region_after_recruitment(run, step, units_of(r), state.cells); });
      projection::deploy_flexpools(run, step, state.cells);
      tbb::parallel_for(0, s.region_count(), 1, [&](int r) { state.record_region(r, k); });
    }
  }

  // The national histogram is the regions' sum in region order, the same at any thread count.
  for (const auto& histogram : state.region_histograms)
    for (size_t i = 0; i < histogram.size(); ++i) series.age_histogram[i] += histogram[i];
  return series;
}

}  // namespace krapte

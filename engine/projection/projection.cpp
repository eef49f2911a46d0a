#include "projection/projection.h"

#include <oneapi/tbb/parallel_for.h>

#include <climits>
#include <cmath>

#include "core/errors.h"
#include "processes/recruitment.h"  // expected_hires, matching_efficiency: the rates, shared with the engine
#include "projection/cohorts.h"
#include "projection/placement.h"

namespace krapte {

namespace {

using projection::CellArrivals;
using projection::CellState;
using projection::MoverProfile;
using projection::RunConstants;

/// What every region reads in step k.
struct StepValues {
  int aow_age_months = 0;
  double tightness = 1;
  double matching_efficiency = 0;
  std::vector<double> demand_factor;  // [family]: (1 + g_j)^(k/12), MODEL.md §4.3
};

std::vector<StepValues> step_values(const ResolvedScenario& s) {
  std::vector<StepValues> steps(static_cast<size_t>(s.time.points()));
  for (int k = 1; k <= s.time.steps(); ++k) {
    const YearMonth c = s.time.month_of_point(k);
    StepValues& v = steps[static_cast<size_t>(k)];
    v.aow_age_months = s.aow_age_months(c);
    v.tightness = s.tightness(c);
    v.matching_efficiency = matching_efficiency(s, c);
    for (const JobFamily& family : s.families) v.demand_factor.push_back(std::pow(1.0 + family.demand_growth_annual, k / 12.0));
  }
  return steps;
}

/// Scratch of one region and family in one step.
struct RegionFamily {
  std::vector<double> vacancy, weight_factor, movers, mover_fte, in_count, in_fte, out_count, unplaced, hires;
  MoverProfile profile;

  void reset(size_t n) {
    for (auto* v : {&vacancy, &weight_factor, &movers, &mover_fte, &in_count, &in_fte, &out_count, &unplaced, &hires})
      v->assign(n, 0.0);
  }
};

/// All steps of one labour-market region: regions share no municipality, movers or
/// applicants (MODEL.md §4.6-4.7), so each runs alone, start to end.
void project_region(const ResolvedScenario& s, const RunSetup& setup, const RunConstants& run,
                    const std::vector<StepValues>& steps, int r, ReplicationSeries& series, double* histogram) {
  const Region& region = s.municipalities.regions[static_cast<size_t>(r)];
  const std::vector<int>& municipalities = region.municipalities;
  const size_t n = municipalities.size();
  const int families = s.family_count();
  const SeriesShape& shape = series.shape;
  auto cell_at = [families](size_t i, int j) { return i * static_cast<size_t>(families) + static_cast<size_t>(j); };
  auto histogram_at = [&](int k, int j) {
    return histogram + (static_cast<size_t>(k) * families + static_cast<size_t>(j)) * kAgeHistogramBands;
  };

  // Point 0: the agents' initial population, as cohorts (MODEL.md §3).
  std::vector<CellState> cells(n * static_cast<size_t>(families));
  for (size_t i = 0; i < n; ++i) {
    const int m = municipalities[i];
    for (int j = 0; j < families; ++j)
      projection::start_cell(run, j, setup.demand0_fte[static_cast<size_t>(m) * families + j], cells[cell_at(i, j)]);
    const MunicipalityAgents& agents = setup.initial_population.by_municipality[static_cast<size_t>(m)];
    for (size_t a = 0; a < agents.size(); ++a)
      projection::add_initial_employee(run, agents.age_months[a], agents.tenure_months[a], agents.contract_fte[a],
                                       cells[cell_at(i, agents.family[a])]);
    for (int j = 0; j < families; ++j) {
      CellState& cell = cells[cell_at(i, j)];
      projection::finish_initial_population(run, cell);
      projection::record_cell(run, 0, cell, &series.cell_sums[shape.cell_offset(0, m, j)], histogram_at(0, j));
    }
  }

  const bool collective = s.recruitment.mode == RecruitmentMode::kCollective;
  const double mean_new_hire_fte = run.mean_new_hire_fte;
  RegionFamily scratch;
  for (int k = 1; k <= s.time.steps(); ++k) {
    const StepValues& step = steps[static_cast<size_t>(k)];
    for (size_t i = 0; i < n; ++i)  // §4.2-4.5
      for (int j = 0; j < families; ++j)
        projection::begin_step(run, k, step.aow_age_months, step.demand_factor[static_cast<size_t>(j)], cells[cell_at(i, j)]);

    for (int j = 0; j < families; ++j) {
      scratch.reset(n);
      bool anyone_moves = false;
      for (size_t i = 0; i < n; ++i) {
        const CellState& cell = cells[cell_at(i, j)];
        scratch.vacancy[i] = cell.vacancy_fte;
        scratch.weight_factor[i] = collective ? (cell.demand_fte > 0 ? 1.0 / cell.demand_fte : 0.0)
                                              : setup.size_weight[static_cast<size_t>(municipalities[i])];
        scratch.movers[i] = cell.movers;
        scratch.mover_fte[i] = cell.mover_fte;
        anyone_moves = anyone_moves || cell.movers > 0;
      }
      const projection::PlacementCells placement{scratch.vacancy, scratch.weight_factor};
      if (anyone_moves) {  // §4.6
        scratch.profile.count.setZero(run.axis.length);
        scratch.profile.fte.setZero(run.axis.length);
        for (size_t i = 0; i < n; ++i) projection::add_movers_to_profile(run, k, cells[cell_at(i, j)], scratch.profile);
        projection::finish_mover_profile(run, k, scratch.profile);
        projection::place_movers(placement, scratch.movers, scratch.mover_fte,
                                 {scratch.in_count, scratch.in_fte, scratch.out_count, scratch.unplaced});
      }
      // §4.7: E[floor(E + u)] = E, so the expected hires are E itself.
      double vacancy_sum = 0;
      for (size_t i = 0; i < n; ++i) vacancy_sum += scratch.vacancy[i];
      const double applicants = s.families[static_cast<size_t>(j)].applicants_per_100k_inhabitants *
                                static_cast<double>(region.inhabitants) / 100000.0 * step.tightness;
      const double expected = expected_hires(vacancy_sum / mean_new_hire_fte, applicants, step.matching_efficiency,
                                             s.recruitment.matching_alpha);
      projection::place_hires(placement, expected, s.recruitment.new_hire_contract_fte, scratch.hires);

      for (size_t i = 0; i < n; ++i) {  // arrivals, then §4.9
        CellState& cell = cells[cell_at(i, j)];
        cell.flows.moves_out = scratch.out_count[i];
        cell.flows.exits_quit += scratch.unplaced[i];  // a mover without destination quits (MODEL.md conventions)
        const CellArrivals arrivals{scratch.hires[i], scratch.in_count[i], scratch.in_fte[i]};
        projection::finish_step(run, k, arrivals, anyone_moves ? &scratch.profile : nullptr, cell);
        projection::record_cell(run, k, cell, &series.cell_sums[shape.cell_offset(k, municipalities[i], j)],
                                histogram_at(k, j));
      }
    }
  }
}

}  // namespace

std::string projection_unsupported(const ResolvedScenario& s) {
  const PolicySpec& p = s.policies;
  const std::pair<bool, const char*> levers[] = {
      {!p.productivity_gains.empty(), "productivity_gains"}, {!p.shared_services.empty(), "shared_services"},
      {!p.trainee_programmes.empty(), "trainee_programmes"}, {!p.flexpools.empty(), "flexpools"},
      {!p.retention.empty(), "retention"},                   {!p.more_hours.empty(), "more_hours"},
      {!p.demand_shocks.empty(), "demand_shocks"},           {!p.growth_paths.empty(), "demand_growth_paths"},
      {!s.attractiveness.path.empty(), "attractiveness.path"}};
  for (const auto& [used, key] : levers)
    if (used) return std::string(key) + ": the expected-value projection does not support this policy lever yet";
  if (s.recruitment.mode == RecruitmentMode::kCollective) {
    if (!s.collective.window.active(s.time.start) || !s.collective.window.active(s.time.end))
      return "collective.from/until: the expected-value projection supports collective mode only for the whole run";
    if (s.collective.weights != CollectiveWeights::kVacancyRate)
      return "collective.weights: the expected-value projection supports only vacancy_rate (MODEL.md §4.6)";
    if (s.collective.prevented_moves_stay)
      return "collective.prevented_moves: the expected-value projection supports only MODEL.md's rule (prevented movers quit)";
  }
  if (s.real_municipalities != s.municipality_count())
    return "the expected-value projection supports municipalities only (no lever units)";
  return "";
}

ReplicationSeries run_projection(const ResolvedScenario& s, const RunSetup& setup) {
  if (const std::string why = projection_unsupported(s); !why.empty())
    throw InputError(SourceLocation{s.source_path, 0, 0}, why + "; allowed: a scenario without policy levers (docs/validation.md)");

  int min_age = INT_MAX;
  int max_age = INT_MIN;
  for (const MunicipalityAgents& agents : setup.initial_population.by_municipality)
    for (int32_t age : agents.age_months) {
      min_age = std::min(min_age, static_cast<int>(age));
      max_age = std::max(max_age, static_cast<int>(age));
    }
  const RunConstants run = projection::make_run_constants(s, min_age, max_age);
  const std::vector<StepValues> steps = step_values(s);

  ReplicationSeries series;
  series.replication = 0;
  series.shape = SeriesShape{s.time.points(), s.municipality_count(), s.family_count(), s.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);

  // Each region adds its headcount by age band to its own histogram; the national one is
  // their sum in region order, the same at any thread count.
  std::vector<std::vector<double>> region_histograms(static_cast<size_t>(s.region_count()),
                                                     std::vector<double>(series.shape.histogram_values(), 0.0));
  tbb::parallel_for(0, s.region_count(), 1, [&](int r) {
    project_region(s, setup, run, steps, r, series, region_histograms[static_cast<size_t>(r)].data());
  });
  for (const auto& histogram : region_histograms)
    for (size_t i = 0; i < histogram.size(); ++i) series.age_histogram[i] += histogram[i];
  return series;
}

}  // namespace krapte

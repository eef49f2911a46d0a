#include "sim/replication.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "metrics/checks.h"

#include "population/initial_population.h"
#include "processes/vacancies.h"
#include "scenario/monthly.h"
#include "sim/month_step.h"
#include "sim/progress.h"

namespace krapte {

RunSetup prepare_run(const ResolvedScenario& scenario) { return prepare_run(scenario, build_initial_population(scenario)); }

namespace {

/// Flexpools (lever 6): their size as demand before the step factors; lever units
/// (shared-service centres and pools): a size weight for placement (the mean of their region's municipalities:
/// they start empty, and an empty employer would otherwise never be chosen).
void add_policy_units(const ResolvedScenario& scenario, RunSetup& setup) {
  const int families = scenario.family_count();
  // A centre's D(0) stays 0: its demand is the work it takes over when it opens (CentreWork).
  for (const Flexpool& pool : scenario.policies.flexpools)
    for (int unit : pool.pool_units) setup.demand0_fte[static_cast<size_t>(unit) * families + pool.family] = pool.fte_per_province;
  for (int unit = scenario.real_municipalities; unit < scenario.municipality_count(); ++unit) {
    const int region = scenario.municipalities.municipalities[unit].region;
    double sum = 0;
    int count = 0;
    for (int m : scenario.municipalities.regions[region].municipalities)
      if (m < scenario.real_municipalities) {
        sum += setup.size_weight[m];
        ++count;
      }
    setup.size_weight[unit] = count > 0 ? sum / count : 1.0;
  }
}

}  // namespace

RunSetup prepare_run(const ResolvedScenario& scenario, Population initial_population) {
  RunSetup setup;
  setup.initial_population = std::move(initial_population);
  setup.initial_population.by_municipality.resize(scenario.municipality_count());
  const int families = scenario.family_count();
  const int municipalities = scenario.municipality_count();
  setup.demand0_fte.assign(static_cast<size_t>(municipalities) * families, 0.0);
  setup.size_weight.assign(municipalities, 0.0);
  const RandomStreams unused(scenario.seed, 0);
  const StepContext point0(scenario, unused, 0);
  for (int m = 0; m < scenario.real_municipalities; ++m) {
    const MunicipalityAgents& agents = setup.initial_population.by_municipality[m];
    double* demand = &setup.demand0_fte[static_cast<size_t>(m) * families];
    add_effective_supply(point0, agents, demand);  // S(m, j, 0)
    for (int j = 0; j < families; ++j) demand[j] /= 1.0 - scenario.families[j].initial_vacancy_rate;
    setup.size_weight[m] = std::pow(static_cast<double>(agents.size()), scenario.recruitment.size_attraction);
  }
  setup.region_of_municipality = region_of_unit(scenario);
  add_policy_units(scenario, setup);
  return setup;
}

ReplicationProgress start_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication) {
  return start_replication(scenario, setup, replication, setup.initial_population);
}

ReplicationProgress start_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication,
                                      Population initial) {
  ReplicationProgress progress(scenario, setup, std::move(initial));
  ReplicationSeries& series = progress.series;
  series.replication = replication;
  series.shape = SeriesShape{scenario.time.points(), scenario.municipality_count(), scenario.family_count(),
                             scenario.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);
  record_point(scenario, 0, progress.state, series, false);
  return progress;
}

void advance_replication(const ResolvedScenario& scenario, const RunSetup& setup, ReplicationProgress& progress,
                         int last_step) {
  const RandomStreams rng(scenario.seed, static_cast<uint32_t>(progress.series.replication));
  for (int k = progress.step + 1; k <= std::min(last_step, scenario.time.steps()); ++k) {
    const StepContext ctx(scenario, rng, k);
    month_step(ctx, setup, progress.state, progress.series);
    progress.step = k;
#ifdef KRAPTE_CHECKS
    if (const std::string violation = stock_flow_violation(progress.series, k); !violation.empty())
      throw std::logic_error("KRAPTE_CHECKS: " + violation);
#endif
  }
}

void fit_series_to(const ResolvedScenario& scenario, ReplicationSeries& series) {
  // Both arrays are point-major: resizing keeps the points before the new end.
  series.shape.points = scenario.time.points();
  series.cell_sums.resize(series.shape.cell_values(), 0.0);
  series.age_histogram.resize(series.shape.histogram_values(), 0.0);
}

void continue_as(const ResolvedScenario& scenario, ReplicationProgress& progress) {
  progress.state.trainee_productivity = trainee_productivity_table(scenario);
  fit_series_to(scenario, progress.series);
}

ReplicationSeries run_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication) {
  ReplicationProgress progress = start_replication(scenario, setup, replication);
  advance_replication(scenario, setup, progress, scenario.time.steps());
  return std::move(progress.series);
}

}  // namespace krapte

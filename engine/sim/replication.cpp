#include "sim/replication.h"

#include <oneapi/tbb/parallel_for.h>

#include <cmath>
#include <stdexcept>

#include "metrics/checks.h"

#include "population/initial_population.h"
#include "processes/vacancies.h"
#include "scenario/monthly.h"
#include "sim/month_step.h"

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

ReplicationSeries run_replication(const ResolvedScenario& scenario, const RunSetup& setup, int replication) {
  ReplicationSeries series;
  series.replication = replication;
  series.shape = SeriesShape{scenario.time.points(), scenario.municipality_count(), scenario.family_count(),
                             scenario.region_count()};
  series.cell_sums.assign(series.shape.cell_values(), 0.0);
  series.age_histogram.assign(series.shape.histogram_values(), 0.0);

  const RandomStreams rng(scenario.seed, static_cast<uint32_t>(replication));
  SimState state(scenario, setup);
  record_point(scenario, 0, state, series, false);
  for (int k = 1; k <= scenario.time.steps(); ++k) {
    const StepContext ctx(scenario, rng, k);
    month_step(ctx, setup, state, series);
#ifdef KRAPTE_CHECKS
    if (const std::string violation = stock_flow_violation(series, k); !violation.empty())
      throw std::logic_error("KRAPTE_CHECKS: " + violation);
#endif
  }
  return series;
}

}  // namespace krapte

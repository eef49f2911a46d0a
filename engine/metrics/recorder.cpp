#include "metrics/recorder.h"

#include <algorithm>

#include "metrics/flow_metrics.h"
#include "processes/vacancies.h"

namespace krapte {

namespace {
inline double& slot(double* cells, int family, Metric metric) {
  return cells[static_cast<size_t>(family) * kMetricCount + static_cast<int>(metric)];
}
}  // namespace

void record_municipality(const RecordInputs& in, int families, double* cells, double* histogram, double* vacancy_rate) {
  const MunicipalityAgents& agents = *in.agents;
  CellTally* tallies = in.tallies;
  if (in.tallied_agents == 0)
    for (int j = 0; j < families; ++j) tallies[j] = CellTally{};
  const size_t n = agents.size();
  for (size_t i = in.tallied_agents; i < n; ++i)
    tallies[agents.family[i]].add(agents, i, in.onboarding_productivity, in.trainee_productivity);
  std::fill(cells, cells + static_cast<size_t>(families) * kMetricCount, 0.0);
  for (int j = 0; j < families; ++j) {
    const CellTally& t = tallies[j];
    slot(cells, j, Metric::kHeadcount) = static_cast<double>(t.headcount);
    slot(cells, j, Metric::kFte) = t.fte;
    slot(cells, j, Metric::kEffectiveFte) = t.effective_fte;
    slot(cells, j, Metric::kTrainees) = static_cast<double>(t.trainees);
    slot(cells, j, Metric::kMeanAge) = t.age_years_sum;  // sum of ages; divided by headcount per level
    slot(cells, j, Metric::kHeadcount55Plus) = static_cast<double>(t.headcount_55plus);
    for (int b = 0; b < kAgeHistogramBands; ++b) histogram[static_cast<size_t>(j) * kAgeHistogramBands + b] += t.age_bands[b];
  }
  for (int j = 0; j < families; ++j) {
    slot(cells, j, Metric::kFlexpoolFte) = in.flexpool_fte[j];
    const double demand = in.demand_fte[j];
    const double supply = slot(cells, j, Metric::kEffectiveFte) + slot(cells, j, Metric::kFlexpoolFte);
    const double vacancy = vacancy_fte(demand, supply);
    slot(cells, j, Metric::kDemandFte) = demand;
    slot(cells, j, Metric::kVacancyFte) = vacancy;
    vacancy_rate[j] = demand > 0 ? vacancy / demand : 0.0;
    if (in.flows == nullptr) continue;
    for_each_flow(in.flows[j], [&](Metric metric, int count, int) { slot(cells, j, metric) = count; });
  }
}

}  // namespace krapte

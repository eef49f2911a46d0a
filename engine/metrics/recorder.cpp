#include "metrics/recorder.h"

#include <algorithm>

#include "processes/vacancies.h"

namespace krapte {

namespace {
inline double& slot(double* cells, int family, Metric metric) {
  return cells[static_cast<size_t>(family) * kMetricCount + static_cast<int>(metric)];
}
constexpr int k55YearsInMonths = 55 * 12;
}  // namespace

void record_municipality(const RecordInputs& in, int families, double* cells, double* histogram, double* vacancy_rate) {
  std::fill(cells, cells + static_cast<size_t>(families) * kMetricCount, 0.0);
  const MunicipalityAgents& agents = *in.agents;
  const size_t n = agents.size();
  for (size_t i = 0; i < n; ++i) {
    const int j = agents.family[i];
    const int age = agents.age_months[i];
    const uint8_t programme = agents.trainee_programme[i];
    double* cell = cells + static_cast<size_t>(j) * kMetricCount;
    cell[static_cast<int>(Metric::kHeadcount)] += 1;
    cell[static_cast<int>(Metric::kFte)] += agents.contract_fte[i];
    cell[static_cast<int>(Metric::kEffectiveFte)] += effective_fte(
        agents.contract_fte[i], agents.onboarding_months_left[i], programme, in.onboarding_productivity, in.trainee_productivity);
    cell[static_cast<int>(Metric::kTrainees)] += programme != 0 ? 1 : 0;
    cell[static_cast<int>(Metric::kMeanAge)] += age / 12.0;  // sum of ages; divided by headcount per level
    cell[static_cast<int>(Metric::kHeadcount55Plus)] += age >= k55YearsInMonths ? 1 : 0;
    histogram[static_cast<size_t>(j) * kAgeHistogramBands + age_histogram_band(age)] += 1;
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
    const CellFlows& f = in.flows[j];
    slot(cells, j, Metric::kHiresExternal) = f.hires_external;
    slot(cells, j, Metric::kHiresTrainee) = f.hires_trainee;
    slot(cells, j, Metric::kMovesIn) = f.moves_in;
    slot(cells, j, Metric::kMovesOut) = f.moves_out;
    slot(cells, j, Metric::kExitsRetirement) = f.exits_retirement;
    slot(cells, j, Metric::kExitsEarlyRetirement) = f.exits_early_retirement;
    slot(cells, j, Metric::kExitsQuit) = f.exits_quit;
    slot(cells, j, Metric::kExitsOther) = f.exits_other;
    slot(cells, j, Metric::kExitsTrainee) = f.exits_trainee;
  }
}

}  // namespace krapte

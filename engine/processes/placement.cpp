#include "processes/placement.h"

#include "core/rates.h"

namespace krapte {

int choose_destination(const StepCells& cells, const std::vector<int>& municipalities, int family,
                       RecruitmentMode mode, int excluded, double u,
                       std::vector<double>& weights, CollectiveWeights collective_weights) {
  weights.assign(municipalities.size(), 0.0);
  double total = 0;
  for (size_t i = 0; i < municipalities.size(); ++i) {
    const int m = municipalities[i];
    if (m == excluded) continue;
    const double vacancy = cells.vacancy_fte.at(m, family);
    if (vacancy <= kVacancyEpsilonFte) continue;
    double weight = vacancy * cells.size_weight[m];
    if (mode == RecruitmentMode::kCollective) {
      const double rate = vacancy / cells.demand_fte.at(m, family);
      weight = collective_weights == CollectiveWeights::kVacancyRate ? rate : vacancy * rate;
    }
    weights[i] = weight;
    total += weight;
  }
  if (!(total > 0)) return -1;
  // Inverse CDF in table order; the last municipality with weight takes any rounding rest.
  const double target = u * total;
  double running = 0;
  int chosen = -1;
  for (size_t i = 0; i < municipalities.size(); ++i) {
    if (weights[i] <= 0) continue;
    chosen = municipalities[i];
    running += weights[i];
    if (target < running) break;
  }
  return chosen;
}

}  // namespace krapte

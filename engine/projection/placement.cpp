#include "projection/placement.h"

#include <cmath>
#include <vector>

#include "core/rates.h"

namespace krapte::projection {

namespace {

/// Chunks of at most one person: the mean-field analogue of placing people one by one.
int chunk_count(double persons) { return std::max(1, static_cast<int>(std::ceil(persons - 1e-9))); }

double weight(const PlacementCells& cells, size_t d) {
  const double vacancy = cells.vacancy_fte[d];
  return vacancy > kVacancyEpsilonFte ? vacancy * cells.weight_factor[d] : 0.0;
}

}  // namespace

void place_movers(PlacementCells cells, std::span<const double> movers, std::span<const double> mover_fte,
                  MoveOutcome outcome) {
  const size_t n = cells.vacancy_fte.size();
  double total = 0;
  for (double m : movers) total += m;
  if (!(total > 0)) return;
  const int chunks = chunk_count(total);
  std::vector<double> weights(n);
  std::vector<double> filled_fte(n);
  for (int chunk = 0; chunk < chunks; ++chunk) {
    for (size_t d = 0; d < n; ++d) weights[d] = weight(cells, d);
    std::fill(filled_fte.begin(), filled_fte.end(), 0.0);
    for (size_t o = 0; o < n; ++o) {
      if (!(movers[o] > 0)) continue;
      const double amount = movers[o] / chunks;
      const double fte_per_mover = mover_fte[o] / movers[o];
      double others = 0;  // a mover does not stay at its origin
      for (size_t d = 0; d < n; ++d)
        if (d != o) others += weights[d];
      if (!(others > 0)) {
        outcome.unplaced_count[o] += amount;
        continue;
      }
      for (size_t d = 0; d < n; ++d) {
        if (d == o || weights[d] <= 0) continue;
        const double arriving = amount * weights[d] / others;
        outcome.in_count[d] += arriving;
        outcome.in_fte[d] += arriving * fte_per_mover;
        outcome.out_count[o] += arriving;
        filled_fte[d] += arriving * fte_per_mover;
      }
    }
    for (size_t d = 0; d < n; ++d) {
      double& vacancy = cells.vacancy_fte[d];
      vacancy = vacancy > filled_fte[d] ? vacancy - filled_fte[d] : 0.0;
    }
  }
}

double place_hires(PlacementCells cells, double expected_hires, double fte_per_hire, std::span<double> hires) {
  if (!(expected_hires > 0)) return 0.0;
  const size_t n = cells.vacancy_fte.size();
  const int chunks = chunk_count(expected_hires);
  const double amount = expected_hires / chunks;
  std::vector<double> weights(n);
  double placed = 0;
  for (int chunk = 0; chunk < chunks; ++chunk) {
    double all_weights = 0;
    for (size_t d = 0; d < n; ++d) all_weights += weights[d] = weight(cells, d);
    if (!(all_weights > 0)) break;  // no vacancy left in the region: the rest are not made
    for (size_t d = 0; d < n; ++d) {
      if (weights[d] <= 0) continue;
      const double arriving = amount * weights[d] / all_weights;
      hires[d] += arriving;
      placed += arriving;
      double& vacancy = cells.vacancy_fte[d];
      vacancy = vacancy > arriving * fte_per_hire ? vacancy - arriving * fte_per_hire : 0.0;
    }
  }
  return placed;
}

}  // namespace krapte::projection

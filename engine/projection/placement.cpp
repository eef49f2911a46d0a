#include "projection/placement.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rates.h"

namespace krapte::projection {

namespace {

/// Chunks of at most one person: the mean-field analogue of placing people one by one.
int chunk_count(double persons) { return std::max(1, static_cast<int>(std::ceil(persons - 1e-9))); }

double weight(const PlacementCells& cells, size_t d) {
  const double vacancy = cells.vacancy_fte[d];
  if (!(vacancy > kVacancyEpsilonFte)) return 0.0;
  return cells.vacancy_squared ? vacancy * vacancy * cells.weight_factor[d] : vacancy * cells.weight_factor[d];
}

}  // namespace

double expected_fill(const PiecewiseDistribution& fte, double vacancy_fte) {
  if (!(vacancy_fte > 0)) return 0.0;
  double total_weight = 0;
  double fill = 0;
  for (const DistributionBin& bin : fte.bins()) {
    total_weight += bin.weight;
    double bin_fill = 0;  // E[min(v, X)] for X uniform on [from, to] or a point mass
    if (vacancy_fte <= bin.from) {
      bin_fill = vacancy_fte;
    } else if (vacancy_fte >= bin.to) {
      bin_fill = 0.5 * (bin.from + bin.to);
    } else {  // from < v < to
      bin_fill = (0.5 * (vacancy_fte * vacancy_fte - bin.from * bin.from) + vacancy_fte * (bin.to - vacancy_fte)) /
                 (bin.to - bin.from);
    }
    fill += bin.weight * bin_fill;
  }
  return total_weight > 0 ? fill / total_weight : 0.0;
}

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
        filled_fte[d] += arriving * std::min(cells.vacancy_fte[d], fte_per_mover);
      }
    }
    for (size_t d = 0; d < n; ++d) {
      double& vacancy = cells.vacancy_fte[d];
      vacancy = vacancy > filled_fte[d] ? vacancy - filled_fte[d] : 0.0;
    }
  }
}

double place_hires(PlacementCells cells, double expected_hires, const PiecewiseDistribution& hire_fte,
                   std::span<double> hires) {
  if (!(expected_hires > 0)) return 0.0;
  const size_t n = cells.vacancy_fte.size();
  const int chunks = chunk_count(expected_hires);
  const double amount = expected_hires / chunks;
  double largest_fte = 0;  // a vacancy at least this large takes the mean FTE
  for (const DistributionBin& bin : hire_fte.bins()) largest_fte = std::max(largest_fte, bin.to);
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
      const double fill = vacancy >= largest_fte ? hire_fte.mean() : expected_fill(hire_fte, vacancy);
      vacancy = std::max(0.0, vacancy - arriving * fill);
    }
  }
  return placed;
}

}  // namespace krapte::projection

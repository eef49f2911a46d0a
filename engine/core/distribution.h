// Piecewise-uniform distributions with point masses: the form every scenario
// distribution takes (ages, FTE, tenure). A bin [from, to) with weight w; from == to is a
// point mass. Two uniforms make one draw: the first picks the bin, the second the place
// in it, so a draw is a pure function of its two uniforms.
#pragma once

#include <vector>

namespace krapte {

struct DistributionBin {
  double from = 0;
  double to = 0;
  double weight = 0;
};

class PiecewiseDistribution {
 public:
  PiecewiseDistribution() = default;
  /// Bins must be non-empty with non-negative weights summing to > 0 (checked by the
  /// scenario loader); weights are normalised here.
  explicit PiecewiseDistribution(std::vector<DistributionBin> bins);

  double draw(double u_bin, double u_within) const;
  double mean() const { return mean_; }
  const std::vector<DistributionBin>& bins() const { return bins_; }
  /// Probability mass of values in [lo, hi) (point masses count when lo <= x < hi).
  double mass_between(double lo, double hi) const;

 private:
  std::vector<DistributionBin> bins_;
  std::vector<double> cumulative_;  // cumulative normalised weight, last == 1
  double mean_ = 0;
};

}  // namespace krapte

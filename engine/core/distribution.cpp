#include "core/distribution.h"

#include <algorithm>

namespace krapte {

PiecewiseDistribution::PiecewiseDistribution(std::vector<DistributionBin> bins) : bins_(std::move(bins)) {
  double total = 0;
  for (const auto& bin : bins_) total += bin.weight;
  double running = 0;
  for (const auto& bin : bins_) {
    running += bin.weight / total;
    cumulative_.push_back(running);
    mean_ += bin.weight / total * 0.5 * (bin.from + bin.to);
  }
  if (!cumulative_.empty()) cumulative_.back() = 1.0;
}

double PiecewiseDistribution::draw(double u_bin, double u_within) const {
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u_bin);
  const size_t index = std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()), bins_.size() - 1);
  const DistributionBin& bin = bins_[index];
  return bin.from + u_within * (bin.to - bin.from);
}

double PiecewiseDistribution::mass_between(double lo, double hi) const {
  double total = 0;
  double mass = 0;
  for (const auto& bin : bins_) total += bin.weight;
  for (const auto& bin : bins_) {
    if (bin.to == bin.from) {
      if (bin.from >= lo && bin.from < hi) mass += bin.weight;
      continue;
    }
    const double overlap = std::max(0.0, std::min(hi, bin.to) - std::max(lo, bin.from));
    mass += bin.weight * overlap / (bin.to - bin.from);
  }
  return mass / total;
}

}  // namespace krapte

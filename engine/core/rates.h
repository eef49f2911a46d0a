// Rate conversions used by every process (MODEL.md §4.4 and "Conventions").
#pragma once

#include <algorithm>
#include <cmath>

namespace krapte {

/// Monthly probability from an annual rate: p = 1 - (1 - a)^(1/12). An annual rate pushed
/// to 1 or above by multipliers is clamped to 1 first (then p = 1); below 0 gives 0.
inline double monthly_prob_from_annual_rate(double annual_rate) {
  if (annual_rate <= 0.0) return 0.0;
  if (annual_rate >= 1.0) return 1.0;
  return -std::expm1(std::log1p(-annual_rate) / 12.0);
}

/// "V > 0" in the model means V > 1e-9 FTE (MODEL.md conventions).
inline constexpr double kVacancyEpsilonFte = 1e-9;

}  // namespace krapte

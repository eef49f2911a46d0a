// Statistics over replications, as every reader of result files states them (summary,
// sweep summary, compare, the report page, calibration): the mean, and percentiles with
// numpy's default interpolation.
#pragma once

#include <vector>

namespace krapte {

/// The arithmetic mean, summed in order; 0 for no values.
double mean_of(const std::vector<double>& values);

/// Percentile q in [0, 1] of `values` with linear interpolation between order statistics
/// (numpy's default, "type 7"); 0 for no values. `values` is reordered.
double percentile(std::vector<double>& values, double q);

/// Mean and 5th, 50th and 95th percentile of a figure over replications.
struct Spread {
  double mean = 0, p05 = 0, p50 = 0, p95 = 0;  // NaN for no values (a sweep point without finished runs)
};
Spread spread_of(std::vector<double> values);

}  // namespace krapte

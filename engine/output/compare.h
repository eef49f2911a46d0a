// `krapte compare`: the vacancy FTE and vacancy rate of two runs at one month, their
// difference and its 90% interval. Runs with the same seed and replication count share
// their random numbers (common random numbers: the same people and the same draws wherever
// the lever does not change them), so the difference is paired by replication; otherwise
// the runs are compared as independent samples (Welch).
#pragma once

#include <string>
#include <vector>

#include "metrics/series.h"

namespace krapte {

struct CompareOptions {
  std::string at;                 // "YYYY-MM"; "" = the last point
  Level level = Level::kNational;
};

/// A difference with its 90% interval; half widths are NaN with fewer than 2 replications.
struct Difference {
  double base = 0;         // mean over replications
  double other = 0;
  double difference = 0;   // other - base
  double half_width_90 = 0;           // of the interval actually used
  double unpaired_half_width_90 = 0;  // Welch interval, for comparison
};

struct CompareRow {
  std::string unit;    // "national", a region or a municipality code
  std::string family;         // a job family, or all_families_label() for the all-families row
  bool all_families = false;  // the row of all families together
  Difference vacancy_fte;
  Difference vacancy_rate;
};

struct CompareResult {
  std::string month;
  bool paired = false;
  std::string pairing_reason;
  int base_replications = 0;
  int other_replications = 0;
  std::vector<CompareRow> rows;
};

CompareResult compare_run_files(const std::string& base, const std::string& other, const CompareOptions& options);
std::string format_compare(const CompareResult& result);
std::string compare_csv(const CompareResult& result);

/// Mean of other - base per replication (paired) or of the means (unpaired, Welch), with
/// its 90% interval: the statistic of every compare row (also the cost rows, cost_compare.h).
/// "+d [lo, hi]" of a difference and its 90% interval, times `scale`, with `decimals`
/// ("[n/a]" without an interval): the table cell of compare and of its cost rows.
std::string format_interval(const Difference& d, double scale, int decimals);
Difference difference_with_interval(const std::vector<double>& base, const std::vector<double>& other, bool paired);

/// Quantile of Student's t distribution (Cornish-Fisher expansion; exact enough for
/// intervals: below 0.2% error from 3 degrees of freedom on).
double student_t_quantile(double probability, double degrees_of_freedom);

}  // namespace krapte

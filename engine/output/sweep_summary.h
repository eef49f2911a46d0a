// `krapte summary` on a sweep file: one row per point at one month (default: the last),
// national totals over job families, mean and 5th/50th/95th percentiles over the point's
// finished replications; sortable by any metric's mean; as a table or as CSV.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "metrics/statistics.h"

namespace krapte {

struct SweepSummaryOptions {
  std::string at;    // YYYY-MM; "" = the last month
  std::string sort;  // a metric name; "" = point order
  bool descending = false;
};

using SweepStatistic = Spread;  // NaN for a point without finished runs

struct SweepSummaryRow {
  int64_t point = 0;
  std::string name;
  std::vector<std::string> values;  // one per varied key
  int runs = 0;                     // finished replications
  std::vector<SweepStatistic> metrics;
};

struct SweepSummary {
  std::string sweep_name;
  std::string scenario_name;
  int64_t points = 0;
  int replications = 0;
  int64_t runs_done = 0;
  bool complete = false;
  std::string month;
  std::vector<std::string> keys;
  std::vector<std::string> metrics;  // headcount, fte, demand_fte, vacancy_fte, vacancy_rate (+ the sort metric)
  std::string sort;
  bool descending = false;
  std::vector<SweepSummaryRow> rows;
};

/// InputError for a file that is not a sweep file, a month not on its time axis or an
/// unknown metric.
SweepSummary summarize_sweep_file(const std::string& path, const SweepSummaryOptions& options);
std::string format_sweep_summary(const std::string& path, const SweepSummary& summary);
std::string sweep_summary_csv(const SweepSummary& summary);

}  // namespace krapte

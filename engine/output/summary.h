// `krapte summary`: national figures per job family and in total, for point 0 and every
// December, as mean and 5th-95th percentile over replications.
#pragma once

#include <string>
#include <vector>

#include "metrics/statistics.h"  // Spread, percentile()

namespace krapte {

using SummaryStat = Spread;  // the mean and 5th-95th percentile are shown

struct SummaryRow {
  std::string month;
  std::string family;         // a job family, or all_families_label() for the all-families row
  bool all_families = false;  // the row of all families together
  SummaryStat headcount, fte, demand_fte, vacancy_fte, vacancy_rate;
};

std::vector<SummaryRow> summarize_run_file(const std::string& path);
std::string format_summary(const std::string& path, const std::vector<SummaryRow>& rows);

}  // namespace krapte

// The table of differences of `krapte report` with two or more files: per job family and
// for all families, vacancy FTE and vacancy rate at the last month, `other - base`, with the
// 90% interval of `krapte compare` (engine/output/compare.h), so that both commands show
// the same numbers: paired by replication when both files have the same seed and
// replication count (common random numbers), Welch's unpaired interval otherwise.
#pragma once

#include <string>

#include "report/report_data.h"

namespace krapte {

/// The rows for `other_file` (the file at `other_index`) against `base_file`, national, at
/// the last month: job families in axis order, then all families (family "").
Differences last_month_differences(const std::string& base_file, const std::string& other_file, int other_index);

}  // namespace krapte

// The metric catalogue (MODEL.md §6): name, unit, description, stock or flow, and how a
// level's value is derived from cell sums. It is the single source of the HDF5 attributes
// and of the metric list in docs/output.md; the writer only knows arrays.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "population/cell_tally.h"

namespace krapte {

enum class Metric : int {
  kHeadcount,
  kFte,
  kEffectiveFte,
  kDemandFte,
  kVacancyFte,
  kVacancyRate,
  kTrainees,
  kFlexpoolFte,
  kMeanAge,
  kHeadcount55Plus,
  kHiresExternal,
  kHiresTrainee,
  kMovesIn,
  kMovesOut,
  kExitsRetirement,
  kExitsEarlyRetirement,
  kExitsQuit,
  kExitsOther,
  kExitsTrainee,
  kCount
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kCount);

/// How a level (municipality, region, nation) gets its value from the cells' sums.
/// Cells store additive sums only; ratios are formed after summing (MODEL.md conventions:
/// rates at every level are summed vacancy FTE over summed demand).
enum class Aggregation {
  kSum,                 // the value is the sum over cells
  kVacancyOverDemand,   // vacancy_fte / demand_fte (0 where demand is 0); cell slot unused
  kAgeSumOverHeadcount, // cell slot holds the sum of ages in years; value = sum / headcount
};

struct MetricInfo {
  Metric metric;
  std::string_view name;
  std::string_view units;
  std::string_view description;
  bool is_flow;
  Aggregation aggregation;
};

const std::array<MetricInfo, kMetricCount>& metric_catalogue();
inline const MetricInfo& metric_info(Metric m) { return metric_catalogue()[static_cast<int>(m)]; }
/// The metric of that name, nullptr if none.
const MetricInfo* find_metric(std::string_view name);
/// Every metric name, comma-separated (for "allowed: ..." in errors).
std::string metric_names();

// kAgeHistogramBands and age_histogram_band(): population/cell_tally.h (the exit pass tallies them).
std::string_view age_histogram_band_label(int band);

/// The output reference page (docs/output.md is this text; a test keeps it current).
std::string output_reference_markdown();

}  // namespace krapte

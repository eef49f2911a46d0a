// What one replication produces: cell sums per point, and the national age histogram.
// Levels (nation, region, municipality) and ratios are derived from these by
// derive_level(), in one fixed order, so every level is bit-reproducible.
#pragma once

#include <vector>

#include "metrics/catalogue.h"

namespace krapte {

struct SeriesShape {
  int points = 0;         // T + 1
  int municipalities = 0;
  int families = 0;
  int regions = 0;

  size_t cell_values() const { return static_cast<size_t>(points) * municipalities * families * kMetricCount; }
  size_t cell_offset(int point, int m, int j) const {
    return ((static_cast<size_t>(point) * municipalities + m) * families + j) * kMetricCount;
  }
  size_t histogram_values() const { return static_cast<size_t>(points) * families * kAgeHistogramBands; }
};

struct ReplicationSeries {
  int replication = 0;
  SeriesShape shape;
  std::vector<double> cell_sums;        // [point][municipality][family][metric] additive sums
  std::vector<double> age_histogram;    // [point][family][band], national
};

/// Every metric at one level, laid out [metric][point][unit][family]; unit = the nation
/// (1), the regions or the municipalities. `region_of_municipality` maps municipality ->
/// region. Cells are summed in municipality order, the same at every thread count.
struct LevelValues {
  int units = 0;
  SeriesShape shape;
  std::vector<double> values;

  const double* metric(Metric m) const {
    return values.data() + static_cast<size_t>(m) * shape.points * units * shape.families;
  }
  double at(Metric m, int point, int unit, int family) const {
    return metric(m)[(static_cast<size_t>(point) * units + unit) * shape.families + family];
  }
  size_t metric_size() const { return static_cast<size_t>(shape.points) * units * shape.families; }
};

/// A level's value of `info` from the additive sums of its cells, indexed by Metric (MODEL.md
/// §6): the sum; Σ vacancy FTE / Σ demand FTE (0 where demand is 0); Σ ages / Σ headcount
/// (0 without employees). derive_level forms every level with it, and the readers of
/// result files their all-families figures (output/result_reader.h): the one place of the rule.
double level_value(const MetricInfo& info, const double* sums);
/// The metrics whose cell sums level_value() reads for `info`: itself for a sum,
/// vacancy_fte and demand_fte for the rate, mean_age (as a sum of ages) and headcount.
std::vector<Metric> level_inputs(const MetricInfo& info);

LevelValues derive_level(const ReplicationSeries& series, Level level, const std::vector<int>& region_of_municipality);
/// The same into `out`, reusing its storage (the run file's writers derive a level per replication).
void derive_level(const ReplicationSeries& series, Level level, const std::vector<int>& region_of_municipality,
                  LevelValues& out);

}  // namespace krapte

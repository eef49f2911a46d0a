#include "metrics/series.h"

#include <algorithm>

namespace krapte {

double level_value(const MetricInfo& info, const double* sums) {
  switch (info.aggregation) {
    case Aggregation::kSum:
      return sums[static_cast<int>(info.metric)];
    case Aggregation::kVacancyOverDemand: {
      const double demand = sums[static_cast<int>(Metric::kDemandFte)];
      return demand > 0 ? sums[static_cast<int>(Metric::kVacancyFte)] / demand : 0.0;
    }
    case Aggregation::kAgeSumOverHeadcount: {
      const double headcount = sums[static_cast<int>(Metric::kHeadcount)];
      return headcount > 0 ? sums[static_cast<int>(Metric::kMeanAge)] / headcount : 0.0;
    }
  }
  return 0.0;
}

std::vector<Metric> level_inputs(const MetricInfo& info) {
  switch (info.aggregation) {
    case Aggregation::kSum:
      return {info.metric};
    case Aggregation::kVacancyOverDemand:
      return {Metric::kVacancyFte, Metric::kDemandFte};
    case Aggregation::kAgeSumOverHeadcount:
      return {Metric::kMeanAge, Metric::kHeadcount};
  }
  return {};
}

LevelValues derive_level(const ReplicationSeries& series, Level level, const std::vector<int>& region_of_municipality) {
  LevelValues out;
  derive_level(series, level, region_of_municipality, out);
  return out;
}

void derive_level(const ReplicationSeries& series, Level level, const std::vector<int>& region_of_municipality,
                  LevelValues& out) {
  const SeriesShape& shape = series.shape;
  out.shape = shape;
  out.units = level == Level::kNational ? 1 : (level == Level::kRegion ? shape.regions : shape.municipalities);
  out.values.resize(out.metric_size() * kMetricCount);  // every value is written below
  std::vector<double> sums(static_cast<size_t>(out.units) * shape.families * kMetricCount);
  for (int point = 0; point < shape.points; ++point) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (int m = 0; m < shape.municipalities; ++m) {
      const int unit = level == Level::kNational ? 0 : (level == Level::kRegion ? region_of_municipality[m] : m);
      for (int j = 0; j < shape.families; ++j) {
        const double* cell = &series.cell_sums[shape.cell_offset(point, m, j)];
        double* target = &sums[(static_cast<size_t>(unit) * shape.families + j) * kMetricCount];
        for (int k = 0; k < kMetricCount; ++k) target[k] += cell[k];
      }
    }
    for (const MetricInfo& info : metric_catalogue()) {
      double* values = out.values.data() + static_cast<size_t>(info.metric) * out.metric_size();
      for (int unit = 0; unit < out.units; ++unit)
        for (int j = 0; j < shape.families; ++j)
          values[(static_cast<size_t>(point) * out.units + unit) * shape.families + j] =
              level_value(info, &sums[(static_cast<size_t>(unit) * shape.families + j) * kMetricCount]);
    }
  }
}

}  // namespace krapte

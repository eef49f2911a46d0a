#include "metrics/checks.h"

#include "metrics/flow_metrics.h"

namespace krapte {

std::string stock_flow_violation(const ReplicationSeries& series, int point) {
  const SeriesShape& shape = series.shape;
  auto value = [&](int k, int m, int j, Metric metric) {
    return series.cell_sums[shape.cell_offset(k, m, j) + static_cast<int>(metric)];
  };
  for (int m = 0; m < shape.municipalities; ++m)
    for (int j = 0; j < shape.families; ++j) {
      double expected = value(point - 1, m, j, Metric::kHeadcount);
      for_each_flow(Flows<int>{}, [&](Metric metric, int, int sign) { expected += sign * value(point, m, j, metric); });
      if (value(point, m, j, Metric::kHeadcount) != expected)
        return "stock-flow identity broken at point " + std::to_string(point) + ", municipality " + std::to_string(m) +
               ", family " + std::to_string(j);
    }
  return "";
}

}  // namespace krapte

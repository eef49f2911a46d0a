#include "metrics/checks.h"

namespace krapte {

std::string stock_flow_violation(const ReplicationSeries& series, int point) {
  const SeriesShape& shape = series.shape;
  auto value = [&](int k, int m, int j, Metric metric) {
    return series.cell_sums[shape.cell_offset(k, m, j) + static_cast<int>(metric)];
  };
  for (int m = 0; m < shape.municipalities; ++m)
    for (int j = 0; j < shape.families; ++j) {
      using M = Metric;
      const double expected = value(point - 1, m, j, M::kHeadcount) + value(point, m, j, M::kHiresExternal) +
                              value(point, m, j, M::kHiresTrainee) + value(point, m, j, M::kMovesIn) -
                              value(point, m, j, M::kMovesOut) - value(point, m, j, M::kExitsRetirement) -
                              value(point, m, j, M::kExitsEarlyRetirement) - value(point, m, j, M::kExitsQuit) -
                              value(point, m, j, M::kExitsOther) - value(point, m, j, M::kExitsTrainee);
      if (value(point, m, j, M::kHeadcount) != expected)
        return "stock-flow identity broken at point " + std::to_string(point) + ", municipality " + std::to_string(m) +
               ", family " + std::to_string(j);
    }
  return "";
}

}  // namespace krapte

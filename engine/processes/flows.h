// The flows of one cell in one step (MODEL.md §6): counted in persons by the agents
// (Flows<int>) and as expectations by the projection (Flows<double>). One field list;
// metrics/flow_metrics.h maps each to its Metric once.
#pragma once

namespace krapte {

template <class T>
struct Flows {
  T hires_external = 0;
  T hires_trainee = 0;
  T moves_in = 0;
  T moves_out = 0;
  T exits_retirement = 0;
  T exits_early_retirement = 0;
  T exits_quit = 0;
  T exits_other = 0;
  T exits_trainee = 0;
};

using CellFlows = Flows<int>;

}  // namespace krapte

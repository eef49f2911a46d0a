#include "processes/moves.h"

#include <algorithm>

namespace krapte {

void apply_moves(const StepContext& ctx, RegionCells& region, std::vector<Mover>& movers, std::vector<double>& scratch) {
  std::sort(movers.begin(), movers.end(), [](const Mover& a, const Mover& b) { return a.agent.id < b.agent.id; });
  const RecruitmentMode mode = ctx.mode;
  for (Mover& mover : movers) {
    const int family = mover.agent.family;
    const PlacementCells cells{region.municipalities, family,       region.families, region.vacancy_fte,
                               region.demand_fte,      region.size_weight};
    const double u = ctx.rng.uniform(RngPurpose::kMoveDestination, mover.agent.id, ctx.step, 0);
    const int destination = choose_destination(cells, mode, mover.origin, u, scratch, ctx.scenario.collective.weights);
    CellFlows& origin_flows = region.flows[static_cast<size_t>(mover.origin) * region.families + family];
    if (destination < 0) {
      ++origin_flows.exits_quit;
      continue;
    }
    const size_t destination_cell = static_cast<size_t>(destination) * region.families + family;
    fill_vacancy(region.vacancy_fte[destination_cell], mover.agent.contract_fte);
    AgentRecord arrival = mover.agent;
    arrival.tenure_months = 0;
    arrival.onboarding_months_left = ctx.scenario.onboarding.months_after_move;
    arrival.trainee_programme = 0;  // a trainee who moves leaves the programme
    arrival.trainee_months_left = 0;
    (*region.agents)[destination].append(arrival);
    ++origin_flows.moves_out;
    ++region.flows[destination_cell].moves_in;
  }
}

}  // namespace krapte

#include "processes/moves.h"

#include <algorithm>

namespace krapte {

void apply_moves(const StepContext& ctx, int region_index, const StepCells& cells, std::vector<Mover>& movers,
                 std::vector<double>& scratch) {
  const std::vector<int>& municipalities = ctx.scenario.municipalities.regions[region_index].municipalities;
  std::sort(movers.begin(), movers.end(), [](const Mover& a, const Mover& b) { return a.agent.id < b.agent.id; });
  const RecruitmentMode mode = ctx.mode;
  for (Mover& mover : movers) {
    const int family = mover.agent.family;
    const double u = ctx.rng.uniform(RngPurpose::kMoveDestination, mover.agent.id, ctx.step, 0);
    const int destination =
        choose_destination(cells, municipalities, family, mode, mover.origin, u, scratch, ctx.scenario.collective.weights);
    CellFlows& origin_flows = cells.flows.at(mover.origin, family);
    if (destination < 0) {
      ++origin_flows.exits_quit;
      continue;
    }
    fill_vacancy(cells.vacancy_fte.at(destination, family), mover.agent.contract_fte);
    AgentRecord arrival = mover.agent;
    arrival.tenure_months = 0;
    arrival.onboarding_months_left = ctx.scenario.onboarding.months_after_move;
    arrival.trainee_programme = 0;  // a trainee who moves leaves the programme
    arrival.trainee_months_left = 0;
    (*cells.agents)[destination].append(arrival);
    ++origin_flows.moves_out;
    ++cells.flows.at(destination, family).moves_in;
  }
}

}  // namespace krapte

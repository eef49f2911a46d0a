// MODEL.md §4.4: exits. AOW retirement first; otherwise one uniform draw split into early
// retirement / quit / other; a quit becomes a move candidate with a second draw; trainees
// whose programme ends stay or leave by a third. Draws are keyed by (agent id, step), so
// the order in which agents or municipalities are processed does not matter.
#pragma once

#include <array>
#include <vector>

#include "population/agents.h"
#include "population/cell_tally.h"
#include "processes/step_context.h"

namespace krapte {

/// A quit who wants another municipal job in the same region (MODEL.md §4.6).
struct Mover {
  AgentRecord agent;
  int origin = 0;  // municipality index
};

/// What one agent's exit draws (u[0]: exit and reason, u[1]: move candidate) decide.
enum class ExitOutcome { kStays, kEarlyRetirement, kQuit, kMove, kOther };
ExitOutcome classify_exit(const StepContext& ctx, const std::array<double, 2>& u, double p_early, double p_quit,
                          double p_exit);

/// pressure = 1 + sensitivity x max(0, vacancy_rate(m, j, k-1) - threshold).
double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate);

/// `previous_vacancy_rate` holds this municipality's cells [family]. Families without
/// pressure (the common case) copy the step's shared table instead of converting again.
void fill_exit_table(const StepContext& ctx, const double* previous_vacancy_rate, ExitTable& table);

/// The table of a municipality without workload pressure in any family (computed once per
/// step and shared).
ExitTable base_exit_table(const StepContext& ctx);

/// Applies exits to one municipality: removes leavers (stable compaction in the same
/// pass), appends move candidates to `movers`, counts exits into `flows` [family].
void apply_exits(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
                 CellFlows* flows, std::vector<Mover>& movers);

/// The month step's pass over a municipality: age_agents() then apply_exits() in one walk
/// over the columns, and the stayers tallied into `tallies` [family] (reset first) in their
/// order, so that the tallies' effective FTE is add_effective_supply() after exits and the
/// recorder need only continue them over the arrivals (population/cell_tally.h).
void age_and_apply_exits(const StepContext& ctx, int municipality, const ExitTable& exit_table, MunicipalityAgents& agents,
                         CellFlows* flows, std::vector<Mover>& movers, CellTally* tallies);

}  // namespace krapte

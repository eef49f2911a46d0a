// MODEL.md §4.4: exits. AOW retirement first; otherwise one uniform draw split into early
// retirement / quit / other; a quit becomes a move candidate with a second draw; trainees
// whose programme ends stay or leave by a third. Draws are keyed by (agent id, step), so
// the order in which agents or municipalities are processed does not matter.
#pragma once

#include <vector>

#include "population/agents.h"
#include "processes/step_context.h"

namespace krapte {

/// A quit who wants another municipal job in the same region (MODEL.md §4.6).
struct Mover {
  AgentRecord agent;
  int origin = 0;  // municipality index
};

/// Monthly quit probabilities of one municipality for this step, [family][band][first
/// year], from the annual rate quit_rate(band) x family multiplier x (first-year factor) x
/// pressure(m, j) x attractiveness^(-elasticity), clamped to 1 before conversion.
struct QuitTable {
  int bands = 0;
  std::vector<double> monthly_prob;
  double at(int family, int band, bool first_year) const {
    return monthly_prob[(static_cast<size_t>(family) * bands + band) * 2 + (first_year ? 1 : 0)];
  }
};

/// pressure = 1 + sensitivity x max(0, vacancy_rate(m, j, k-1) - threshold).
double workload_pressure(const ExitSpec& exits, double previous_vacancy_rate);

/// `previous_vacancy_rate` holds this municipality's cells [family].
void fill_quit_table(const StepContext& ctx, const double* previous_vacancy_rate, QuitTable& table);

/// Applies exits to one municipality: removes leavers (stable compaction), appends move
/// candidates to `movers`, counts exits into `flows` [family]. `keep` is scratch space.
void apply_exits(const StepContext& ctx, int municipality, const QuitTable& quit_table, MunicipalityAgents& agents,
                 CellFlows* flows, std::vector<Mover>& movers, std::vector<uint8_t>& keep);

}  // namespace krapte

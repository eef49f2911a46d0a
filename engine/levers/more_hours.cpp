#include "levers/more_hours.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <string>

#include "processes/step_cells.h"
#include "processes/step_context.h"
#include "projection/cohorts.h"
#include "scenario/lever_reader.h"
#include "scenario/schema.h"

namespace krapte::levers {

// ---- Scenario: schema rows and resolution ------------------------------------------------

void MoreHoursLever::schema(SchemaBuilder& s) {
  s.add("more_hours", KeyType::kList, "", "[]", "Lever 8, working more hours: part-time staff who take part raise their contract FTE towards target_fte over ramp_months (each month by the rest of the gap divided by the months left in the ramp).").lever = {number, "working more hours", "more-hours", "more-hours"};
  s.scope("more_hours[]");
  auto& target_fte = s.real("more_hours[].target_fte", "FTE", "", 0, 1, "FTE that participants move towards.");
  target_fte.required = true;
  target_fte.min_open = true;
  s.real("more_hours[].participation", "", "", 0, 1, "Share of staff below the target who take part (drawn once per person).").required = true;
  s.integer("more_hours[].ramp_months", "months", "12", 1, 120, "Months over which participants reach the target.");
  s.window("more_hours[]");
}

void MoreHoursLever::resolve(const LeverReader& reader, ResolvedScenario& s) {
  const YAML::Node hours = reader.root()["more_hours"];
  for (size_t i = 0; i < hours.size(); ++i) {
    const std::string c = "more_hours[" + std::to_string(i) + "]";
    s.policies.more_hours.push_back(MoreHours{reader.scope(s, hours[i], c), LeverReader::real(hours[i]["target_fte"]),
                                              LeverReader::real(hours[i]["participation"]),
                                              LeverReader::integer(hours[i]["ramp_months"]), reader.window(hours[i], c)});
  }
}

// ---- Agents -------------------------------------------------------------------------------

namespace {

void apply_more_hours(const StepContext& ctx, int municipality, MunicipalityAgents& agents) {
  for (const MoreHours& lever : ctx.scenario.policies.more_hours) {
    if (!lever.window.active(ctx.month) || !lever.scope.municipality[municipality]) continue;
    const int months_into = ctx.month.index - lever.window.from.index;  // 0 in the first month
    const int months_left = std::max(1, lever.ramp_months - months_into);
    for (size_t i = 0; i < agents.size(); ++i) {
      if (!lever.scope.family[agents.family[i]] || agents.contract_fte[i] >= lever.target_fte) continue;
      if (ctx.rng.uniform(MoreHoursLever::kParticipation, agents.id[i], 0, 0) >= lever.participation) continue;
      agents.contract_fte[i] += (lever.target_fte - agents.contract_fte[i]) / months_left;
    }
  }
}

}  // namespace

bool MoreHoursLever::act_after_recruitment(const StepContext& ctx, const StepCells& cells) {
  const ResolvedScenario& s = ctx.scenario;
  bool active = false;
  for (const MoreHours& lever : s.policies.more_hours) active |= lever.window.active(ctx.month);
  if (!active) return false;
  tbb::parallel_for(0, s.municipality_count(), [&](int m) { apply_more_hours(ctx, m, (*cells.agents)[m]); });
  return true;
}

// ---- Projection ---------------------------------------------------------------------------

namespace {

/// E[max(0, target - X)] for X drawn from `fte` (uniform within a bin, or a point mass).
double expected_shortfall(const PiecewiseDistribution& fte, double target) {
  double total_weight = 0;
  double sum = 0;
  for (const DistributionBin& bin : fte.bins()) {
    total_weight += bin.weight;
    double below = 0;
    if (target >= bin.to) {
      below = target - 0.5 * (bin.from + bin.to);
    } else if (target > bin.from) {  // only the part of the bin below the target
      below = 0.5 * (target - bin.from) * (target - bin.from) / (bin.to - bin.from);
    }
    sum += bin.weight * below;
  }
  return total_weight > 0 ? sum / total_weight : 0.0;
}

/// At point k each age's participants close 1 / `months_left` of their gap (quantity
/// `participants` of the cell), as each participant does in the agents.
void add_contract_fte(const projection::RunConstants& run, int k, size_t participants, int months_left,
                      projection::CellState& cell) {
  projection::Pool& pool = cell.pool;
  Eigen::ArrayXd& gap = cell.quantities[participants];
  const projection::AgeAxis& axis = run.axis;
  for (int g = 0; g < axis.segments(); ++g) {
    const auto [first, last] = axis.index_range(g, k);
    if (last == first) continue;
    const double added = gap.segment(first, last - first).sum() / months_left;
    if (!(added > 0)) continue;
    // The segment's arrival groups gain in proportion (their onboarding FTE with them).
    if (pool.segment_fte[g] > 0) cell.group_fte.row(g) *= 1.0 + added / pool.segment_fte[g];
    pool.segment_fte[g] += added;
  }
  pool.fte += gap / months_left;
  gap -= gap / months_left;
  for (projection::TrackedEntry& entry : cell.entries) {
    const double added = entry.quantities[participants] / months_left;
    entry.fte += added;
    entry.quantities[participants] -= added;
  }
}

}  // namespace

// Quantity 2l: FTE below entry l's target of its participants; 2l + 1: of the others.
void MoreHoursLever::person_quantities(const ResolvedScenario& s, std::vector<projection::PersonQuantity>& out) {
  for (const MoreHours& lever : s.policies.more_hours) {
    const double hire_gap = expected_shortfall(s.recruitment.new_hire_contract_fte, lever.target_fte);
    out.push_back(projection::PersonQuantity{lever.participation, hire_gap});
    out.push_back(projection::PersonQuantity{1.0 - lever.participation, hire_gap});
  }
}

void MoreHoursLever::person_amounts(const ResolvedScenario& s, double fte, double* amounts) {
  for (const MoreHours& lever : s.policies.more_hours) {
    const double gap = std::max(0.0, lever.target_fte - fte);
    *amounts++ = gap;
    *amounts++ = gap;
  }
}

// The agents raise each participant below target by (target - FTE) / months left of the
// ramp; summed over the participants of an age that is their gap / months left (each cell
// follows the gap by age as person quantities: start_cell, finish_step, add_trainees).
void MoreHoursLever::project_after_recruitment(const projection::RunConstants& run, const projection::StepRates& rates,
                                               int first_quantity, const std::vector<int>& units,
                                               std::vector<projection::CellState>& cells) {
  const ResolvedScenario& s = *run.scenario;
  const int families = s.family_count();
  for (size_t l = 0; l < s.policies.more_hours.size(); ++l) {
    const MoreHours& lever = s.policies.more_hours[l];
    if (!lever.window.active(rates.month)) continue;
    const int months_left = std::max(1, lever.ramp_months - (rates.month.index - lever.window.from.index));
    const size_t participants = static_cast<size_t>(first_quantity) + 2 * l;
    for (int m : units)
      for (int j = 0; j < families; ++j) {
        if (!lever.scope.applies(m, j)) continue;  // municipalities only: units are out of scope
        add_contract_fte(run, rates.step, participants, months_left,
                         cells[static_cast<size_t>(m) * families + static_cast<size_t>(j)]);
      }
  }
}

}  // namespace krapte::levers

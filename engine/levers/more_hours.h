// Lever 8, working more hours (docs/levers/more-hours.md): part-time staff who take part
// raise their contract FTE towards a target over a ramp. Everything of the lever is here
// and in more_hours.cpp: its schema rows, its resolved entries and their resolution, its
// random-stream purpose, the agents' rule and the projection's rule with its cohort state
// (docs/levers/README.md, "Adding a lever"; registered in levers/registry.h).
#pragma once

#include <array>
#include <vector>

#include "core/rng_purpose.h"
#include "scenario/scope.h"

namespace krapte {

struct ResolvedScenario;
struct SchemaBuilder;
class LeverReader;
struct StepContext;
struct StepCells;
namespace projection {
struct RunConstants;
struct StepRates;
struct CellState;
struct PersonQuantity;
}  // namespace projection

/// One entry of more_hours (the schema rows are the only defaults: every field is set by
/// the resolution).
struct MoreHours {
  Scope scope;
  double target_fte;
  double participation;
  int ramp_months;
  Window window;
};

namespace levers {

struct MoreHoursLever {
  static constexpr int number = 8;
  /// Its part of the resolved scenario: s.policies.more_hours.
  struct Spec {
    std::vector<MoreHours> more_hours;
  };
  /// entity: agent id, step 0; draw 0: takes part (one draw per person for the whole run).
  static constexpr RngPurpose kParticipation = RngPurpose{10};
  static constexpr std::array rng_purposes{kParticipation};

  /// Its rows in the schema (the section tagged lever 8).
  static void schema(SchemaBuilder& s);
  static void resolve(const LeverReader& reader, ResolvedScenario& s);
  template <class F>
  static void for_each_scope(Spec& spec, F&& f) {
    for (MoreHours& lever : spec.more_hours) f(lever.scope);
  }

  /// Agents, MODEL.md §4.8 (after trainees, before flexpools): each participant below the
  /// target raises its contract FTE by the rest of the gap / the months left in the ramp.
  /// Returns whether it changed an agent (the exit pass's tallies are then stale).
  static bool act_after_recruitment(const StepContext& ctx, const StepCells& cells);

  /// Projection: per entry two quantities that follow persons, the contract FTE below the
  /// target of the participants and of the others (a person takes part or not for good).
  static void person_quantities(const ResolvedScenario& s, std::vector<projection::PersonQuantity>& out);
  /// The amount of each of those quantities that one person of contract FTE `fte` has.
  static void person_amounts(const ResolvedScenario& s, double fte, double* amounts);
  /// Projection, §4.8 in the agents' order: the participants of each age close 1 / months
  /// left of their gap, in the cells of `units` (one region: it reaches no other).
  static void project_after_recruitment(const projection::RunConstants& run, const projection::StepRates& rates,
                                        int first_quantity, const std::vector<int>& units,
                                        std::vector<projection::CellState>& cells);
};

}  // namespace levers
}  // namespace krapte

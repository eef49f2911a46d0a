// Lever 9, new tasks (docs/levers/new-tasks.md): demand shocks (demand x factor in the cells
// in scope while active) and growth paths (a family's demand grows at another rate from a
// month on). Everything of the lever is here and in new_tasks.cpp: its schema rows (two
// sections), its resolved entries and their resolution, and its parts of the month's
// demand, which both models read (scenario/monthly.cpp); it draws nothing and has no rule of
// its own in either model (docs/levers/README.md, "Adding a lever").
#pragma once

#include <vector>

#include "core/calendar.h"
#include "scenario/scope.h"

namespace krapte {

struct ResolvedScenario;
struct SchemaBuilder;
class LeverReader;
struct DemandGrowth;

/// One entry of demand_shocks (the schema rows are the only defaults).
struct DemandShock {
  Scope scope;
  double factor;
  Window window;
};

/// One entry of demand_growth_paths.
struct GrowthPathPoint {
  int family;
  YearMonth from;
  double annual_growth;
};

namespace levers {

struct NewTasksLever {
  static constexpr int number = 9;
  /// Its part of the resolved scenario: s.policies.demand_shocks and s.policies.growth_paths.
  struct Spec {
    std::vector<DemandShock> demand_shocks;
    std::vector<GrowthPathPoint> growth_paths;  // per family in increasing order of from
  };

  static void schema(SchemaBuilder& s);
  static void resolve(const LeverReader& reader, ResolvedScenario& s);
  template <class F>
  static void for_each_scope(Spec& spec, F&& f) {
    for (DemandShock& shock : spec.demand_shocks) f(shock.scope);
  }

  /// Demand (MODEL.md §4.3): the factor of municipality cell (m, j) in month c, times the
  /// factor of every shock in force whose scope has it.
  static void scale_demand(const ResolvedScenario& s, YearMonth c, int m, int j, double& factor);
  /// The family's growth up to point k: each growth path's rate from its month on.
  static void grow_demand(const ResolvedScenario& s, int family, int k, DemandGrowth& growth);
};

}  // namespace levers
}  // namespace krapte

// Lever 3, standardisation and innovation (docs/levers/standardisation.md): the work in the
// cells in scope shrinks by annual_gain a year while the lever acts, and stays at that level
// after until. Everything of the lever is here and in productivity_gains.cpp: its schema
// rows, its resolved entries and their resolution, and its part of the month's demand
// factors, which both models read (scenario/monthly.cpp); it draws nothing and has no rule
// of its own in either model (docs/levers/README.md, "Adding a lever").
#pragma once

#include <vector>

#include "core/calendar.h"
#include "scenario/scope.h"

namespace krapte {

struct ResolvedScenario;
struct SchemaBuilder;
class LeverReader;

/// One entry of productivity_gains (the schema rows are the only defaults).
struct ProductivityGain {
  Scope scope;
  double annual_gain;
  Window window;
};

namespace levers {

struct ProductivityGainsLever {
  static constexpr int number = 3;
  /// Its part of the resolved scenario: s.policies.productivity_gains.
  struct Spec {
    std::vector<ProductivityGain> productivity_gains;
  };

  static void schema(SchemaBuilder& s);
  static void resolve(const LeverReader& reader, ResolvedScenario& s);
  template <class F>
  static void for_each_scope(Spec& spec, F&& f) {
    for (ProductivityGain& gain : spec.productivity_gains) f(gain.scope);
  }

  /// Demand (MODEL.md §4.3): the factor of municipality cell (m, j) in month c, times
  /// (1 - annual_gain)^(months the entry has acted / 12) for every entry whose scope has it.
  static void scale_demand(const ResolvedScenario& s, YearMonth c, int m, int j, double& factor);
};

}  // namespace levers
}  // namespace krapte

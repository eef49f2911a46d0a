// The national baseline (and the package of levers), resolved and prepared once, shared by
// the benchmarks.
#pragma once

#include <string>

#include "scenario/resolve.h"
#include "sim/replication.h"

namespace krapte::bench {

struct Fixture {
  ResolvedScenario scenario;
  RunSetup setup;
};

inline Fixture prepare(const std::string& scenario_file) {
  Fixture f{load_scenario(std::string(KRAPTE_SOURCE_ROOT) + "/scenarios/" + scenario_file, {"replications=1"}), {}};
  f.setup = prepare_run(f.scenario);
  return f;
}

inline const Fixture& baseline() {
  static const Fixture fixture = prepare("baseline.yaml");
  return fixture;
}

/// `stap-naar-voren.yaml`: every lever of levers 1-8 at once.
inline const Fixture& package() {
  static const Fixture fixture = prepare("stap-naar-voren.yaml");
  return fixture;
}

}  // namespace krapte::bench

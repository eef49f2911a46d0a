// The national baseline, resolved and prepared once, shared by the benchmarks.
#pragma once

#include <string>

#include "scenario/resolve.h"
#include "sim/replication.h"

namespace krapte::bench {

struct Fixture {
  ResolvedScenario scenario;
  RunSetup setup;
};

inline const Fixture& baseline() {
  static const Fixture fixture = [] {
    Fixture f{load_scenario(std::string(KRAPTE_SOURCE_ROOT) + "/scenarios/baseline.yaml", {"replications=1"}), {}};
    f.setup = prepare_run(f.scenario);
    return f;
  }();
  return fixture;
}

}  // namespace krapte::bench

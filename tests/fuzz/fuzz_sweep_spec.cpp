// libFuzzer target: the sweep file reader (the YAML spec: axes, ranges, named points) and
// its plan against the tiny scenario (every point resolved).
#include "fuzz_support.h"
#include "sweep/plan.h"
#include "sweep/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krapte;
  const std::string path = fuzz::write_input("sweep_fuzz.yaml", data, size);
  fuzz::expect_only_input_errors([&] {
    SweepSpec spec = load_sweep_spec(path, false);
    if (spec.points() > 64) return;  // planning thousands of points is slow, not a finding
    const SweepPlan plan(std::move(spec), 1);
  });
  return 0;
}

// libFuzzer target: the scenario loader (YAML text, extends, validation, resolution) and
// --set overrides. Input: the scenario text, then optionally a line "#--set" followed by
// one override per line.
#include "fuzz_support.h"
#include "scenario/resolve.h"

#include <sstream>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krapte;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  if (const size_t marker = text.find("\n#--set\n"); marker != std::string::npos) {
    std::istringstream lines(text.substr(marker + 8));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) overrides.push_back(line);
    text.resize(marker + 1);
  }
  const std::string path = fuzz::write_input("scenario.yaml", reinterpret_cast<const uint8_t*>(text.data()), text.size());
  fuzz::expect_only_input_errors([&] {
    const ResolvedScenario s = load_scenario(path, overrides);
    // The invariant of issue 14's out-of-bounds read: every mask covers the unit axis.
    const size_t units = s.municipalities.municipalities.size();
    for (const auto& lever : s.policies.more_hours)
      if (lever.scope.municipality.size() != units) std::abort();
    for (const auto& lever : s.policies.productivity_gains)
      if (lever.scope.municipality.size() != units) std::abort();
  });
  return 0;
}

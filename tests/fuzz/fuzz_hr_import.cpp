// libFuzzer target: the HR-extract reader (docs/hr-import.md) with the Youforce-like format
// of tests/data/hr/hr.yaml (semicolons, decimal commas, dd-mm-yyyy, function map): the
// fuzzed bytes replace the person-level extract.
#include "fuzz_support.h"
#include "population/hr_import.h"
#include "scenario/resolve.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krapte;
  static const std::string path = fuzz::write_input("hr_extract_fuzz.csv", data, 0);  // exists before resolving
  static const ResolvedScenario scenario =
      load_scenario(std::string(KRAPTE_TEST_DATA) + "/hr/hr.yaml", {"population.files.0.file=" + path});
  (void)fuzz::write_input("hr_extract_fuzz.csv", data, size);
  fuzz::expect_only_input_errors([&] {
    Population population;
    population.by_municipality.resize(scenario.municipality_count());
    const ImportSummary summary = import_population_files(scenario, population);
    (void)format_import_summary(scenario, summary);
    throw_if_rejected(summary);
  });
  return 0;
}

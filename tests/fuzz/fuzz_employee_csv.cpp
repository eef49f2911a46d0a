// libFuzzer target: the employee file reader, against the tiny scenario's municipalities
// and job families.
#include "fuzz_support.h"
#include "population/initial_population.h"
#include "scenario/resolve.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krapte;
  static const ResolvedScenario scenario = load_scenario((fuzz::scratch() / "tiny.yaml").string(), {});
  const std::string path = fuzz::write_input("employees_fuzz.csv", data, size);
  fuzz::expect_only_input_errors([&] { (void)read_employee_file(scenario, path); });
  return 0;
}

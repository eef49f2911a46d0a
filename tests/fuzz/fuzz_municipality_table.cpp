// libFuzzer target: the municipality table reader (CSV parsing, columns, codes, regions).
#include "data/municipality_table.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace krapte;
  const std::string path = fuzz::write_input("municipalities_fuzz.csv", data, size);
  fuzz::expect_only_input_errors([&] { (void)read_municipality_table(path); });
  return 0;
}

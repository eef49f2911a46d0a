// Shared by the libFuzzer targets: inputs are written to a scratch file (the readers take
// paths, and a real file exercises the same code as the CLI), and the only exception an
// input may cause is InputError. Anything else (another exception, a crash, a sanitizer
// report) is a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/errors.h"

namespace krapte::fuzz {

/// A scratch folder for this process, with the tiny test scenario and its table copied in
/// (so that fuzzed scenarios can `extends: tiny.yaml` and name municipalities.csv).
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path folder = [] {
    const auto path = std::filesystem::temp_directory_path() / ("krapte_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    for (const char* name : {"tiny.yaml", "municipalities.csv"})
      std::filesystem::copy_file(std::filesystem::path(KRAPTE_TEST_DATA) / "tiny" / name, path / name,
                                 std::filesystem::copy_options::overwrite_existing);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch(), ignored);
    });
    return path;
  }();
  return folder;
}

inline std::string write_input(const std::string& name, const uint8_t* data, size_t size) {
  const std::string path = (scratch() / name).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

/// Runs `body`; an InputError is the expected outcome of a bad input, anything else aborts.
template <typename Body>
void expect_only_input_errors(Body body) {
  try {
    body();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: not an InputError: %s\n", e.what());
    std::abort();
  }
}

}  // namespace krapte::fuzz

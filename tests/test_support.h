// Helpers shared by the test executables.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenario/resolve.h"

namespace krapte::test {

/// True in the asan preset's build. AddressSanitizer reserves terabytes of address space
/// for its shadow memory, so a test that limits the address space (`ulimit -v`) cannot run.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

inline std::string data_path(const std::string& relative) { return std::string(KRAPTE_TEST_DATA) + "/" + relative; }
inline std::string source_path(const std::string& relative) { return std::string(KRAPTE_SOURCE_ROOT) + "/" + relative; }

/// The whole text of a file ("" if it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline ResolvedScenario tiny(const std::vector<std::string>& overrides = {}) {
  return load_scenario(data_path("tiny/tiny.yaml"), overrides);
}

/// Expects `statement` to throw InputError whose message contains every fragment.
#define EXPECT_INPUT_ERROR(statement, ...)                                          \
  do {                                                                              \
    try {                                                                           \
      statement;                                                                    \
      ADD_FAILURE() << "no InputError from: " #statement;                           \
    } catch (const ::krapte::InputError& e) {                                       \
      for (const std::string fragment : {__VA_ARGS__})                              \
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)          \
            << "message: " << e.what() << "\n  lacks: " << fragment;                \
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "not one line: " << e.what(); \
    }                                                                               \
  } while (0)

}  // namespace krapte::test

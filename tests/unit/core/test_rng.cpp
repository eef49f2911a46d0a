#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/rng.h"

namespace krapte {

// Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter, key -> output.
TEST(Rng, PhiloxKnownAnswerVectors) {
  EXPECT_EQ(RandomStreams::philox_block({0, 0, 0, 0}, {0, 0}),
            (std::array<uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(RandomStreams::philox_block({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
            (std::array<uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(RandomStreams::philox_block({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
            (std::array<uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Rng, DrawIsAPureFunctionOfItsKeyAndCounter) {
  const RandomStreams a(42, 3);
  const RandomStreams b(42, 3);
  EXPECT_EQ(a.uniform(RngPurpose::kExit, 123456789ull, 17, 1), b.uniform(RngPurpose::kExit, 123456789ull, 17, 1));
  // Pairs agree with single draws.
  const auto pair = a.uniform_pair(RngPurpose::kExit, 99, 5, 0);
  EXPECT_EQ(pair[0], a.uniform(RngPurpose::kExit, 99, 5, 0));
  EXPECT_EQ(pair[1], a.uniform(RngPurpose::kExit, 99, 5, 1));
}

TEST(Rng, EveryPartOfTheKeyAndCounterChangesTheDraw) {
  const double base = RandomStreams(1, 0).uniform(RngPurpose::kExit, 10, 3, 0);
  EXPECT_NE(base, RandomStreams(2, 0).uniform(RngPurpose::kExit, 10, 3, 0));             // seed
  EXPECT_NE(base, RandomStreams(1, 1).uniform(RngPurpose::kExit, 10, 3, 0));             // replication
  EXPECT_NE(base, RandomStreams(1, 0).uniform(RngPurpose::kMoveDestination, 10, 3, 0));  // purpose
  EXPECT_NE(base, RandomStreams(1, 0).uniform(RngPurpose::kExit, 11, 3, 0));             // entity low bits
  EXPECT_NE(base, RandomStreams(1, 0).uniform(RngPurpose::kExit, 10 + (1ull << 40), 3, 0));  // entity high bits
  EXPECT_NE(base, RandomStreams(1, 0).uniform(RngPurpose::kExit, 10, 4, 0));             // step
  EXPECT_NE(base, RandomStreams(1, 0).uniform(RngPurpose::kExit, 10, 3, 2));             // draw index
}

TEST(Rng, UniformsAreInUnitIntervalWithTheRightMoments) {
  const RandomStreams rng(7, 0);
  const int n = 200000;
  double sum = 0;
  double sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform(RngPurpose::kExit, static_cast<uint64_t>(i), 1, 0);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  const double variance = sum_sq / n - mean * mean;
  // 4 standard errors: sd of the mean of U(0,1) is sqrt(1/12/n).
  EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(variance, 1.0 / 12, 0.002);
}

TEST(Ids, OriginsNeverCollide) {
  std::set<uint64_t> ids;
  ids.insert(initial_agent_id(synthetic_population_index(341, 9, 5000)));
  ids.insert(initial_agent_id(0));
  ids.insert(hire_agent_id(1, 0, 0, 0));
  ids.insert(hire_agent_id(84, 34, 9, 12));
  ids.insert(hire_agent_id(84, 34, 9, 13));
  ids.insert(hire_agent_id(85, 34, 9, 12));
  ids.insert(trainee_agent_id(1, 0, 0));
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(hire_agent_id(3, 2, 1, 0) >> 62, static_cast<uint64_t>(IdOrigin::kHire));
}

TEST(Rng, BatchedFirstDrawsAreTheScalarDrawsOnEveryPath) {
  // Ids of every origin (high bits set), odd counts (the vector path's tail), two keys.
  std::vector<uint64_t> ids;
  for (uint64_t i = 0; i < 1003; ++i) ids.push_back(i * 0x9E3779B97F4A7C15ull);
  ids.push_back(hire_agent_id(84, 34, 9, 13));
  ids.push_back(trainee_agent_id(1, 0, 0));
  for (const auto& [seed, replication] : {std::pair<uint32_t, uint32_t>{42, 0}, {7, 19}}) {
    const RandomStreams rng(seed, replication);
    for (size_t n : {ids.size(), size_t{3}, size_t{0}}) {
      std::vector<uint64_t> fast(n + 1, 0), portable(n + 1, 0);
      rng.first_draw_bits(RngPurpose::kExit, 17, ids.data(), n, fast.data());
      detail::first_draw_bits_portable(rng, RngPurpose::kExit, 17, ids.data(), n, portable.data());
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(fast[i], portable[i]) << i;
        ASSERT_EQ(RandomStreams::unit(fast[i]), rng.uniform(RngPurpose::kExit, ids[i], 17, 0)) << i;
      }
      EXPECT_EQ(fast[n], 0u);  // writes exactly n values
    }
  }
}

}  // namespace krapte

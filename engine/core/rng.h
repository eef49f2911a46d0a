// Counter-based randomness (MODEL.md §5) with Random123's Philox4x32-10.
//   key     = (seed, replication)
//   counter = (purpose << 24 | step, entity id low 32 bits, entity id high 32 bits, block)
// One Philox block yields 4 x 32 bits = two 53-bit uniforms, so draw index d lives in
// block d / 2. Nothing here has state: any draw can be recomputed alone, in any order,
// on any thread.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/rng_purpose.h"

namespace krapte {

/// Replication slot for draws that must not depend on the replication (the synthetic
/// population depends on the seed only, MODEL.md §3).
inline constexpr uint32_t kPopulationReplication = 0xFFFFFFFFu;
// Steps are packed in 24 bits of the counter; the scenario's horizon is at most 16000
// months (scenario/resolve.cpp), well inside them.

class RandomStreams {
 public:
  RandomStreams(uint32_t seed, uint32_t replication) : key_{{seed, replication}} {}

  /// The raw Philox block (exposed for the known-answer tests).
  static std::array<uint32_t, 4> philox_block(std::array<uint32_t, 4> counter,
                                              std::array<uint32_t, 2> key) {
    r123::Philox4x32_R<10> generator;
    r123::Philox4x32_R<10>::ctr_type ctr = {{counter[0], counter[1], counter[2], counter[3]}};
    r123::Philox4x32_R<10>::key_type k = {{key[0], key[1]}};
    const auto out = generator(ctr, k);
    return {out[0], out[1], out[2], out[3]};
  }

  /// Two uniforms in [0, 1) with 53 bits each: draws 2*block and 2*block + 1.
  std::array<double, 2> uniform_pair(RngPurpose purpose, uint64_t entity, int step,
                                     uint32_t block) const {
    const std::array<uint32_t, 4> counter = {
        (static_cast<uint32_t>(purpose) << 24) | static_cast<uint32_t>(step),
        static_cast<uint32_t>(entity), static_cast<uint32_t>(entity >> 32), block};
    const auto bits = philox_block(counter, key_);
    return {to_unit(bits[0], bits[1]), to_unit(bits[2], bits[3])};
  }

  /// Draw `index` of (purpose, entity, step): uniform in [0, 1).
  double uniform(RngPurpose purpose, uint64_t entity, int step, uint32_t index) const {
    return uniform_pair(purpose, entity, step, index / 2)[index % 2];
  }

  /// Draw 0 of (purpose, entities[i], step) for n entities, as the 53 bits that unit()
  /// turns into the same double uniform() returns. Vectorised (AVX2 where the CPU has it,
  /// chosen at run time); integer arithmetic only, so every path gives the same bits.
  void first_draw_bits(RngPurpose purpose, int step, const uint64_t* entities, size_t n, uint64_t* bits53) const;
  /// The uniform in [0, 1) of 53 random bits (exact: the bits fit a double's mantissa).
  static double unit(uint64_t bits53) { return static_cast<double>(bits53) * 0x1.0p-53; }

  std::array<uint32_t, 2> key() const { return key_; }

 private:
  static double to_unit(uint32_t high, uint32_t low) {
    return unit(((static_cast<uint64_t>(high) << 32) | low) >> 11);
  }
  std::array<uint32_t, 2> key_;
};

namespace detail {
/// first_draw_bits without the vector path (for the test that both give the same bits).
void first_draw_bits_portable(const RandomStreams& rng, RngPurpose purpose, int step, const uint64_t* entities, size_t n,
                              uint64_t* bits53);
}  // namespace detail

}  // namespace krapte

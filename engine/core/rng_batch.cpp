// RandomStreams::first_draw_bits: Philox4x32-10 for many entities at once. The exit draw of
// every agent every month is the largest single cost of a step (issue 10); its ten rounds
// are independent multiplies per entity, so four entities share one AVX2 instruction. The
// portable path is Random123's own generator. Integer arithmetic only: both paths give the
// bits of RandomStreams::uniform (test_rng checks them against each other).
#include <cstddef>
#include <cstdint>

#include "core/rng.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KRAPTE_HAVE_AVX2_PATH 1
#endif

namespace krapte {

namespace {

constexpr uint32_t kPhiloxM0 = 0xD2511F53u, kPhiloxM1 = 0xCD9E8D57u;  // Random123's multipliers
constexpr uint32_t kPhiloxW0 = 0x9E3779B9u, kPhiloxW1 = 0xBB67AE85u;  // and Weyl key increments

uint64_t first_draw_bits_one(std::array<uint32_t, 2> key, uint32_t counter0, uint64_t entity) {
  const auto bits = RandomStreams::philox_block(
      {counter0, static_cast<uint32_t>(entity), static_cast<uint32_t>(entity >> 32), 0}, key);
  return ((static_cast<uint64_t>(bits[0]) << 32) | bits[1]) >> 11;
}

#ifdef KRAPTE_HAVE_AVX2_PATH
// Each 32-bit word of the Philox state sits in the low half of a 64-bit lane, so that a
// round's two 32 x 32 -> 64 products are one vpmuludq each; the upper halves may hold
// garbage (vpmuludq ignores them) and are masked off at the end.
__attribute__((target("avx2"))) size_t first_draw_bits_avx2(std::array<uint32_t, 2> key, uint32_t counter0,
                                                            const uint64_t* entities, size_t n, uint64_t* bits53) {
  const __m256i m0 = _mm256_set1_epi64x(kPhiloxM0);
  const __m256i m1 = _mm256_set1_epi64x(kPhiloxM1);
  const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFFu);
  __m256i key0[10], key1[10];
  uint32_t k0 = key[0], k1 = key[1];
  for (int r = 0; r < 10; ++r) {
    key0[r] = _mm256_set1_epi64x(k0);
    key1[r] = _mm256_set1_epi64x(k1);
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
  const __m256i c0 = _mm256_set1_epi64x(counter0);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i id = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(entities + i));
    __m256i x0 = c0, x1 = id, x2 = _mm256_srli_epi64(id, 32), x3 = _mm256_setzero_si256();
    for (int r = 0; r < 10; ++r) {
      const __m256i p0 = _mm256_mul_epu32(m0, x0);
      const __m256i p1 = _mm256_mul_epu32(m1, x2);
      x0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x1), key0[r]);
      x2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x3), key1[r]);
      x1 = p1;
      x3 = p0;
    }
    const __m256i bits = _mm256_srli_epi64(_mm256_or_si256(_mm256_slli_epi64(x0, 32), _mm256_and_si256(x1, low32)), 11);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(bits53 + i), bits);
  }
  return i;
}

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

void RandomStreams::first_draw_bits(RngPurpose purpose, int step, const uint64_t* entities, size_t n,
                                    uint64_t* bits53) const {
  const uint32_t counter0 = (static_cast<uint32_t>(purpose) << 24) | static_cast<uint32_t>(step);
  size_t done = 0;
#ifdef KRAPTE_HAVE_AVX2_PATH
  if (cpu_has_avx2()) done = first_draw_bits_avx2(key_, counter0, entities, n, bits53);
#endif
  for (size_t i = done; i < n; ++i) bits53[i] = first_draw_bits_one(key_, counter0, entities[i]);
}

void detail::first_draw_bits_portable(const RandomStreams& rng, RngPurpose purpose, int step, const uint64_t* entities,
                                      size_t n, uint64_t* bits53) {
  const uint32_t counter0 = (static_cast<uint32_t>(purpose) << 24) | static_cast<uint32_t>(step);
  for (size_t i = 0; i < n; ++i) bits53[i] = first_draw_bits_one(rng.key(), counter0, entities[i]);
}

}  // namespace krapte

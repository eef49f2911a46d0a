// Stable 64-bit agent ids (MODEL.md §2): a pure function of how the agent was created,
// never of thread scheduling. The top two bits say how; the rest says which.
#pragma once

#include <cstdint>

namespace krapte {

enum class IdOrigin : uint64_t { kInitial = 0, kHire = 1, kTrainee = 2 };

/// Initial population: the agent's index in the initial population (synthetic: cell
/// (municipality, family) and the index within the cell; employee file: its row).
inline uint64_t initial_agent_id(uint64_t population_index) {
  return (static_cast<uint64_t>(IdOrigin::kInitial) << 62) | (population_index & ((1ull << 62) - 1));
}
inline uint64_t synthetic_population_index(uint32_t municipality, uint32_t family, uint32_t index) {
  return (static_cast<uint64_t>(municipality) << 40) | (static_cast<uint64_t>(family) << 32) | index;
}

/// A hire: (step [14 bits], region [8], family [8], hire index [32]).
inline uint64_t hire_agent_id(int step, uint32_t region, uint32_t family, uint32_t hire_index) {
  return (static_cast<uint64_t>(IdOrigin::kHire) << 62) |
         ((static_cast<uint64_t>(step) & 0x3FFF) << 48) | (static_cast<uint64_t>(region & 0xFF) << 40) |
         (static_cast<uint64_t>(family & 0xFF) << 32) | hire_index;
}

/// A trainee intake: (step [14 bits], programme [16], intake index [32]).
inline uint64_t trainee_agent_id(int step, uint32_t programme, uint32_t intake_index) {
  return (static_cast<uint64_t>(IdOrigin::kTrainee) << 62) |
         ((static_cast<uint64_t>(step) & 0x3FFF) << 48) | (static_cast<uint64_t>(programme & 0xFFFF) << 32) |
         intake_index;
}

}  // namespace krapte

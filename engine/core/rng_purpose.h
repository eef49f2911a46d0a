// Every purpose a random draw serves. A draw is a pure function of (seed, replication |
// purpose, entity id, step, draw index) (MODEL.md §5); two purposes sharing a value would
// silently correlate draws, so uniqueness is checked at compile time. The purposes of a
// lever that is one unit are the lever's own (its rng_purposes, engine/levers); they are
// checked against these in levers/registry.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace krapte {

enum class RngPurpose : uint8_t {
  kInitialPopulation = 1,  // entity: initial agent id; draws: age, FTE, tenure
  kExit = 2,               // entity: agent id; draw 0: exit, draw 1: move candidate
  kTraineeRetention = 3,   // entity: agent id; draw 0: stays after the programme
  kMoveDestination = 4,    // entity: mover id; draw 0: destination
  kHireCount = 5,          // entity: region * 256 + family; draw 0: floor(E + u)
  kHireDestination = 6,    // entity: new agent id; draw 0: municipality
  kHireAttributes = 7,     // entity: new agent id; draws: age, FTE
  kTraineeAttributes = 8,  // entity: trainee id; draws: age
  kTraineePlacement = 9,   // entity: trainee id; draw 0: municipality (proportional allocation)
  // 10: lever 8, more hours (levers/more_hours.h)
  kSharedServiceTransfer = 11,  // entity: agent id; draw 0: moves to the shared-service centre
};

namespace detail {
inline constexpr std::array kAllPurposes = {
    RngPurpose::kInitialPopulation, RngPurpose::kExit,           RngPurpose::kTraineeRetention,
    RngPurpose::kMoveDestination,   RngPurpose::kHireCount,      RngPurpose::kHireDestination,
    RngPurpose::kHireAttributes,    RngPurpose::kTraineeAttributes, RngPurpose::kTraineePlacement,
    RngPurpose::kSharedServiceTransfer};
constexpr bool purposes_unique() {
  for (size_t i = 0; i < kAllPurposes.size(); ++i)
    for (size_t j = i + 1; j < kAllPurposes.size(); ++j)
      if (kAllPurposes[i] == kAllPurposes[j]) return false;
  return true;
}
static_assert(purposes_unique(), "two RNG purposes share a value");
}  // namespace detail

}  // namespace krapte

// What the end-of-month record (MODEL.md §4.9) sums over a cell's agents, as a fold in the
// agents' order. The fold can start in one pass and continue in another: the exit pass
// tallies the stayers it already touches, the recorder adds only the arrivals appended after
// them. Every sum is then built in the same order as one pass over all agents, so the values
// are bit-identical to recording afresh. Counts are integers (exact, like the sums of 1.0
// they replace); FTE and ages are summed as doubles.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "population/agents.h"
#include "scenario/monthly.h"  // kAged55PlusMonths

namespace krapte {

/// Five-year age bands of the national age histogram: <20, 20-24, ..., 65-69, 70+.
inline constexpr int kAgeHistogramBands = 12;
constexpr int age_histogram_band(int age_months) {
  const int band = age_months / 60 - 3;  // 20 years = 240 months -> band 1
  return band < 0 ? 0 : (band >= kAgeHistogramBands ? kAgeHistogramBands - 1 : band);
}


/// What the tally needs of an age in months, looked up instead of computed per agent:
/// `years` is age / 12.0 exactly as the division gives it (the table is made by it).
struct AgeFacts {
  double years;
  uint8_t histogram_band;
  uint8_t is_55plus;
};
inline constexpr int kAgeFactsMonths = 131 * 12;  // ages 0 .. 130 years 11 months
// Made at compile time: a function-local static would cost a guard check per agent.
inline constexpr std::array<AgeFacts, kAgeFactsMonths> kAgeFactsTable = [] {
  std::array<AgeFacts, kAgeFactsMonths> facts{};
  for (int a = 0; a < kAgeFactsMonths; ++a)
    facts[static_cast<size_t>(a)] = {a / 12.0, static_cast<uint8_t>(age_histogram_band(a)),
                                     static_cast<uint8_t>(a >= kAged55PlusMonths ? 1 : 0)};
  return facts;
}();
inline AgeFacts age_facts(int age_months) {
  if (age_months >= 0 && age_months < kAgeFactsMonths) return kAgeFactsTable[static_cast<size_t>(age_months)];
  return {age_months / 12.0, static_cast<uint8_t>(age_histogram_band(age_months)),
          static_cast<uint8_t>(age_months >= kAged55PlusMonths ? 1 : 0)};
}

struct CellTally {
  int64_t headcount = 0;
  int64_t trainees = 0;
  int64_t headcount_55plus = 0;
  double fte = 0;
  double effective_fte = 0;
  double age_years_sum = 0;
  std::array<int32_t, kAgeHistogramBands> age_bands{};

  void add(int age_months, double contract_fte, int32_t onboarding_months_left, uint8_t trainee_programme,
           double onboarding_productivity, const double* trainee_productivity) {
    const AgeFacts age = age_facts(age_months);
    headcount += 1;
    fte += contract_fte;
    effective_fte += krapte::effective_fte(contract_fte, onboarding_months_left, trainee_programme, onboarding_productivity,
                                           trainee_productivity);
    trainees += trainee_programme != 0 ? 1 : 0;
    age_years_sum += age.years;
    headcount_55plus += age.is_55plus;
    age_bands[age.histogram_band] += 1;
  }
  void add(const MunicipalityAgents& agents, size_t i, double onboarding_productivity, const double* trainee_productivity) {
    add(agents.age_months[i], agents.contract_fte[i], agents.onboarding_months_left[i], agents.trainee_programme[i],
        onboarding_productivity, trainee_productivity);
  }
};

}  // namespace krapte

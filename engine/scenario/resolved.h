// The fully resolved scenario: every default filled, every file read, every annual rate
// that does not change during a run converted to a monthly probability once. The engine
// only ever sees `const ResolvedScenario&`.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/distribution.h"
#include "data/municipality_table.h"

namespace krapte {

enum class PopulationSource { kSynthetic, kFile };
enum class RecruitmentMode { kCompetitive, kCollective };

struct JobFamily {
  std::string name;
  double share = 0;
  double initial_vacancy_rate = 0;
  double demand_growth_annual = 0;
  double quit_multiplier = 1;
  double applicants_per_100k_inhabitants = 0;  // per month
};

struct SizeClass {
  std::string name;
  int64_t max_inhabitants = 0;  // exclusive; 0 = no bound
  std::vector<std::string> municipality_codes;
  double fte_per_1000_inhabitants = 0;
};

struct PopulationSpec {
  PopulationSource source = PopulationSource::kSynthetic;
  std::string file;                       // resolved path (source: file)
  std::vector<SizeClass> size_classes;
  std::vector<int> size_class_of_municipality;
  PiecewiseDistribution age_years;
  PiecewiseDistribution contract_fte;
  PiecewiseDistribution tenure_years;
};

struct OnboardingSpec {
  int months = 6;
  double productivity = 0.5;
  int months_after_move = 3;
};

struct AowEntry {
  YearMonth from;
  int age_months = 804;
};

struct AgeBandRates {
  int from_years = 0;
  double early_retirement_annual = 0;
  double quit_annual = 0;
  double other_annual = 0;
  // Derived once: these do not depend on the state of the run.
  double early_retirement_monthly_prob = 0;
  double other_monthly_prob = 0;
};

struct ExitSpec {
  std::vector<AgeBandRates> age_bands;
  double first_year_quit_factor = 2;
  double pressure_sensitivity = 0;
  double pressure_threshold = 0;
  double move_share = 0;
};

struct TightnessEntry {
  YearMonth from;
  double factor = 1;
};

struct RecruitmentSpec {
  RecruitmentMode mode = RecruitmentMode::kCompetitive;
  double matching_efficiency = 1;
  double matching_alpha = 0.5;
  double size_attraction = 0;
  PiecewiseDistribution new_hire_age_years;
  PiecewiseDistribution new_hire_contract_fte;
  std::vector<TightnessEntry> tightness;
};

struct CollectiveSpec {
  double move_share_factor = 1;
  double efficiency_bonus = 0;
};

struct AttractivenessSpec {
  double index = 1;
  double quit_elasticity = 0;
  double match_elasticity = 0;
};

/// Ages in completed years used for band look-ups are clamped to this.
inline constexpr int kMaxAgeYears = 130;

struct ResolvedScenario {
  std::string name;
  std::string description;
  std::string source_path;
  TimeAxis time;
  uint32_t seed = 1;
  int replications = 1;

  MunicipalityTable municipalities;
  std::vector<JobFamily> families;
  PopulationSpec population;
  OnboardingSpec onboarding;
  std::vector<AowEntry> aow_age;
  ExitSpec exits;
  RecruitmentSpec recruitment;
  CollectiveSpec collective;
  AttractivenessSpec attractiveness;
  bool write_municipality_level = true;

  std::string canonical_yaml;  // what `krapte validate` prints and /scenario stores
  uint64_t hash = 0;           // FNV-1a of canonical_yaml

  // Derived look-ups.
  std::array<uint8_t, kMaxAgeYears + 1> band_of_age_years{};  // exit band by completed years

  int family_count() const { return static_cast<int>(families.size()); }
  int municipality_count() const { return municipalities.size(); }
  int region_count() const { return static_cast<int>(municipalities.regions.size()); }
  int family_index(const std::string& name) const;  // -1 if unknown
  /// AOW age in months in force in calendar month c (last entry with from <= c).
  int aow_age_months(YearMonth c) const;
  /// Applicant supply factor in calendar month c.
  double tightness(YearMonth c) const;
  int exit_band(int age_months) const {
    const int years = age_months / 12;
    return band_of_age_years[years < 0 ? 0 : (years > kMaxAgeYears ? kMaxAgeYears : years)];
  }
};

}  // namespace krapte

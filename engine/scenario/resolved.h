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
#include "levers/registry.h"
#include "scenario/cost_spec.h"
#include "scenario/scope.h"

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

/// How an HR extract is written (population.formats, docs/hr-import.md).
enum class ImportKind { kEmployees, kAggregate };

/// krapte's fields that a format can find in an extract, by header name.
enum class ImportField {
  kMunicipality, kJobFamily, kFunction, kBirthDate, kAgeYears, kHireDate, kTenureYears, kHoursPerWeek,
  kContractFte, kAgeBand, kTenureBand, kHeadcount, kFte, kCount
};
inline constexpr const char* kImportFieldNames[] = {
    "municipality", "job_family", "function", "birth_date", "age_years", "hire_date", "tenure_years",
    "hours_per_week", "contract_fte", "age_band", "tenure_band", "headcount", "fte"};

struct ImportFormat {
  std::string name;
  ImportKind kind = ImportKind::kEmployees;
  char delimiter = ',';
  char decimal_separator = '.';
  std::string date_format = "%Y-%m-%d";
  double full_time_hours_per_week = 36;  // CAO Gemeenten
  std::string function_map;              // resolved path; "" = none
  std::array<std::string, static_cast<size_t>(ImportField::kCount)> columns;  // header per field; "" = not read
  const std::string& column(ImportField field) const { return columns[static_cast<size_t>(field)]; }
};

/// One entry of population.files.
struct ImportFile {
  std::string path;               // resolved
  std::vector<int> municipalities;  // claimed, table order as listed
  int format = -1;                // index into PopulationSpec::formats; -1 = krapte's own columns
  std::string key;                // "population.files[0]", for messages
};

struct PopulationSpec {
  PopulationSource source = PopulationSource::kSynthetic;
  std::string file;                       // resolved path (source: file)
  std::vector<SizeClass> size_classes;
  std::vector<int> size_class_of_municipality;
  PiecewiseDistribution age_years;
  PiecewiseDistribution contract_fte;
  PiecewiseDistribution tenure_years;
  // HR extracts (source: synthetic): files for some municipalities, synthetic for the rest.
  std::vector<ImportFormat> formats;
  std::vector<ImportFile> files;
  std::vector<int> file_of_municipality;  // [real municipality] index into files, -1 = synthetic
  bool has_files() const { return !files.empty(); }
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

/// Destination weights in collective mode (MODEL.md §4.6 and an extension).
enum class CollectiveWeights { kVacancyRate, kVacancyTimesRate };

struct CollectiveSpec {
  double move_share_factor = 1;
  double efficiency_bonus = 0;
  CollectiveWeights weights = CollectiveWeights::kVacancyRate;
  bool prevented_moves_stay = false;  // extension; MODEL.md: they quit the sector
  Window window{YearMonth{0}, YearMonth{1 << 30}};
};

struct AttractivenessPoint {
  YearMonth from;
  double index = 1;
};

struct AttractivenessSpec {
  double index = 1;
  double quit_elasticity = 0;
  double match_elasticity = 0;
  std::vector<AttractivenessPoint> path;  // lever 2
};

struct SharedService {  // lever 4
  std::string name;
  Scope scope;
  double share = 0;
  double efficiency = 0;
  YearMonth from;
  std::vector<int> centre_of_region;  // unit index of the region's centre, -1 if none
};

enum class TraineeAllocation { kLargestShortage, kProportionalToDemand };

struct TraineeProgramme {  // lever 5
  std::string name;
  int family = 0;
  Scope scope;  // municipalities that take trainees
  int intake_per_year = 0;
  int intake_month = 9;
  int duration_months = 24;
  double productivity = 0.5;
  double retention_after = 0.7;
  double contract_fte = 1;
  PiecewiseDistribution age_years;
  TraineeAllocation allocation = TraineeAllocation::kLargestShortage;
  Window window;
};

struct Flexpool {  // lever 6: one pool unit per province in scope
  std::string name;
  int family = 0;
  double fte_per_province = 0;
  double block_fte = 1;
  Window window;
  std::vector<int> pool_units;                       // unit index of each pool
  std::vector<std::vector<int>> served_municipalities;  // per pool: the province's municipalities
};

struct Retention {  // lever 7
  std::vector<uint8_t> family;
  int from_age_years = 60;
  double quit_multiplier = 1;
  double early_retirement_multiplier = 1;
  Window window;
};

/// What kind of employer a unit of the municipality axis is.
enum class UnitKind : uint8_t { kMunicipality, kSharedServiceCentre, kFlexpool };

/// The levers' resolved entries: those that are one unit (engine/levers) through
/// levers::Specs (s.policies.more_hours, s.policies.productivity_gains, s.policies.demand_shocks, ...), the others here.
struct PolicySpec : levers::Specs {
  std::vector<SharedService> shared_services;
  std::vector<TraineeProgramme> trainee_programmes;
  std::vector<Flexpool> flexpools;
  std::vector<Retention> retention;
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
  PolicySpec policies;
  bool write_municipality_level = true;
  /// /costs/municipality as well (output.municipality_costs; needs the municipality level).
  bool write_municipality_costs = false;
  CostSpec costs;  // issue 12: prices only; nothing in the model reads them

  /// Kind of each unit of `municipalities` (the table's municipalities, then the
  /// shared-service centres and flexpools that levers add, appended in that order).
  std::vector<UnitKind> unit_kind;
  /// Count of real municipalities (the first units).
  int real_municipalities = 0;

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
  /// Attractiveness index in force in calendar month c (lever 2).
  double attractiveness_index(YearMonth c) const;
  /// Whether collective recruitment is in force in month c (lever 1).
  bool collective_in_force(YearMonth c) const {
    return recruitment.mode == RecruitmentMode::kCollective && collective.window.active(c);
  }
  int exit_band(int age_months) const {
    const int years = age_months / 12;
    return band_of_age_years[years < 0 ? 0 : (years > kMaxAgeYears ? kMaxAgeYears : years)];
  }
};

}  // namespace krapte

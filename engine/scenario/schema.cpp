#include "scenario/schema.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace krapte {

std::string KeySpec::parent() const {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}
std::string KeySpec::leaf() const {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string format_number(double x) {
  char buffer[64];
  // Below 2^53 every whole double is exact, so the integer text round-trips too.
  if (x == std::floor(x) && std::abs(x) < 9007199254740992.0) {
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(x));
    return std::string(buffer, result.ptr);
  }
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

namespace {
// A range must show the real bound (4294967295, not 4.29497e+09).
std::string number_text(double x) { return format_number(x); }
}  // namespace

std::string KeySpec::range_text() const {
  if (type == KeyType::kEnum) {
    std::string text = allowed;
    for (size_t pos = 0; (pos = text.find('|', pos)) != std::string::npos; pos += 3) text.replace(pos, 1, " | ");
    return text;
  }
  if (type == KeyType::kMonth) return "YYYY-MM";
  if (type == KeyType::kBool) return "true | false";
  if (type != KeyType::kInt && type != KeyType::kReal) return "";
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max)
    return std::string(min_open ? "(" : "[") + number_text(min) + ", " + number_text(max) + (max_open ? ")" : "]");
  if (has_min) return std::string(min_open ? "> " : ">= ") + number_text(min);
  if (has_max) return std::string(max_open ? "< " : "<= ") + number_text(max);
  return "any";
}

std::string KeySpec::type_name() const {
  switch (type) {
    case KeyType::kMap: return "map";
    case KeyType::kList: return "list of maps";
    case KeyType::kInt: return "integer";
    case KeyType::kReal: return "number";
    case KeyType::kString: return "string";
    case KeyType::kMonth: return "month";
    case KeyType::kBool: return "boolean";
    case KeyType::kEnum: return "one of";
    case KeyType::kStringList: return "list of strings";
  }
  return "?";
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct SchemaBuilder {
  std::vector<KeySpec> keys;

  KeySpec& add(std::string path, KeyType type, std::string unit, std::string default_yaml, std::string description) {
    KeySpec spec;
    spec.path = std::move(path);
    spec.type = type;
    spec.unit = std::move(unit);
    spec.default_yaml = std::move(default_yaml);
    spec.description = std::move(description);
    keys.push_back(std::move(spec));
    return keys.back();
  }
  KeySpec& map(std::string path, std::string description) {
    return add(std::move(path), KeyType::kMap, "", "", std::move(description));
  }
  KeySpec& real(std::string path, std::string unit, std::string default_yaml, double lo, double hi,
                std::string description) {
    KeySpec& spec = add(std::move(path), KeyType::kReal, std::move(unit), std::move(default_yaml), std::move(description));
    spec.min = lo;
    spec.max = hi;
    return spec;
  }
  KeySpec& integer(std::string path, std::string unit, std::string default_yaml, double lo, double hi,
                   std::string description) {
    KeySpec& spec = add(std::move(path), KeyType::kInt, std::move(unit), std::move(default_yaml), std::move(description));
    spec.min = lo;
    spec.max = hi;
    return spec;
  }
  /// A piecewise-uniform distribution: a list of {from, to, weight} bins.
  void distribution(const std::string& path, const std::string& unit, double lo, double hi, bool required,
                    const std::string& description) {
    add(path, KeyType::kList, "", "", description + " A list of bins {from, to, weight}: the value is uniform in "
        "[from, to) within a bin (from = to is a point mass); weights are relative.").required = required;
    real(path + "[].from", unit, "", lo, hi, "Lower end of the bin.").required = true;
    real(path + "[].to", unit, "", lo, hi, "Upper end of the bin (exclusive; equal to from for a point mass).").required = true;
    real(path + "[].weight", "", "", 0, kInf, "Relative weight of the bin.").required = true;
  }
};

std::vector<KeySpec> build_schema() {
  SchemaBuilder s;
  s.add("name", KeyType::kString, "", "", "Scenario name; the default output file is results/<name>.h5.").required = true;
  s.add("description", KeyType::kString, "", "\"\"", "Free text describing the scenario.");
  s.add("start", KeyType::kMonth, "calendar month", "", "First simulated month (step 1). Point 0 is the month before.").required = true;
  s.add("end", KeyType::kMonth, "calendar month", "", "Last simulated month (inclusive); not before start.").required = true;
  s.integer("seed", "", "1", 0, 4294967295.0, "Random seed (32 bits). Same scenario and seed: bit-identical output.");
  s.integer("replications", "", "1", 1, 100000, "Number of replications (independent random histories).");

  s.map("data", "Data files. Relative paths are relative to the scenario file's folder.");
  s.add("data.municipalities", KeyType::kString, "path", "", "Municipality table: code,name,province,inhabitants,labour_market_region.").required = true;

  s.map("population", "Initial population (MODEL.md §3).");
  auto& source = s.add("population.source", KeyType::kEnum, "", "synthetic", "Where the initial agents come from: built from the municipality table (synthetic) or read from an employee-level CSV (file).");
  source.allowed = "synthetic|file";
  s.add("population.file", KeyType::kString, "path", "\"\"", "Employee-level CSV (source: file); see docs/model.md for its columns.");
  s.add("population.size_classes", KeyType::kList, "", "[]", "Municipality size classes (synthetic source). A municipality listed in a class's `municipalities` belongs to it; otherwise to the first class whose max_inhabitants exceeds its inhabitants (0 = no upper bound).");
  s.add("population.size_classes[].name", KeyType::kString, "", "", "Name of the class.").required = true;
  s.integer("population.size_classes[].max_inhabitants", "inhabitants", "0", 0, kInf, "Exclusive upper bound on inhabitants; 0 = none.");
  s.add("population.size_classes[].municipalities", KeyType::kStringList, "CBS codes", "[]", "Municipalities placed in this class by code (e.g. the G4).");
  s.real("population.size_classes[].fte_per_1000_inhabitants", "FTE per 1000 inhabitants", "", 0, 1000, "Contract FTE employed per 1,000 inhabitants.").required = true;
  s.distribution("population.age_years", "years", 15, 80, false, "Age of initial agents (synthetic source).");
  s.distribution("population.contract_fte", "FTE", 0, 1, false, "Contract FTE of initial agents (synthetic source); values must lie in (0, 1].");
  s.distribution("population.tenure_years", "years", 0, 60, false, "Tenure of initial agents (synthetic source); capped at age minus 18 years.");

  s.add("job_families", KeyType::kList, "", "", "Job families (MODEL.md §1); at least one.").required = true;
  s.add("job_families[].name", KeyType::kString, "", "", "Identifier of the family (lower case, no spaces).").required = true;
  s.real("job_families[].share", "", "0", 0, 1, "Share of a municipality's FTE in this family (synthetic source); shares sum to 1.");
  auto& ivr = s.real("job_families[].initial_vacancy_rate", "", "0", 0, 1, "Vacancy rate at point 0: D(0) = S(0) / (1 - rate).");
  ivr.max_open = true;
  auto& growth = s.real("job_families[].demand_growth_annual", "1/year", "0", -1, 1, "Annual demand growth g: D(k) = D(0) (1+g)^(k/12).");
  growth.min_open = true;
  s.real("job_families[].quit_multiplier", "", "1", 0, 100, "Multiplier on the quit rate for this family.");
  s.real("job_families[].applicants_per_100k_inhabitants", "persons per month per 100,000 inhabitants", "0", 0, kInf, "Applicants per month for this family, per 100,000 inhabitants of a region.");

  s.map("onboarding", "Reduced productivity of newcomers (MODEL.md §2).");
  s.integer("onboarding.months", "months", "6", 0, 120, "Months of onboarding after a hire.");
  s.real("onboarding.productivity", "", "0.5", 0, 1, "Productivity while onboarding.");
  s.integer("onboarding.months_after_move", "months", "3", 0, 120, "Months of onboarding after a move between municipalities.");

  s.add("aow_age", KeyType::kList, "", "", "State pension (AOW) age schedule; the entry in force is the last whose from is <= the month. The first entry must start on or before start.").required = true;
  s.add("aow_age[].from", KeyType::kMonth, "calendar month", "", "First month this AOW age applies.").required = true;
  s.integer("aow_age[].age_months", "months", "", 600, 960, "AOW age in months (67 years = 804).").required = true;

  s.map("exits", "Exits (MODEL.md §4.4).");
  s.add("exits.age_bands", KeyType::kList, "", "", "Annual exit rates by age band; a band runs from its from_years to the next band's (completed years). Ages below the first or above the last band use that band.").required = true;
  s.integer("exits.age_bands[].from_years", "years", "", 0, 120, "Lower end of the band (completed years).").required = true;
  s.real("exits.age_bands[].early_retirement_annual", "1/year", "0", 0, 1, "Annual early-retirement rate (0 below 60 by convention).");
  s.real("exits.age_bands[].quit_annual", "1/year", "0", 0, 1, "Annual voluntary quit rate before multipliers.");
  s.real("exits.age_bands[].other_annual", "1/year", "0", 0, 1, "Annual rate of other exits (disability, death, dismissal, end of contract).");
  s.real("exits.first_year_quit_factor", "", "2", 0, 100, "Quit rate multiplier while tenure < 12 months.");
  s.real("exits.pressure_sensitivity", "", "0", 0, 100, "Workload pressure: quits x (1 + sensitivity x max(0, vacancy rate - threshold)).");
  s.real("exits.pressure_threshold", "", "0", 0, 1, "Vacancy rate above which pressure raises quits.");
  s.real("exits.move_share", "", "0", 0, 1, "Probability that a quit wants another municipal job in the same region (a move).");

  s.map("recruitment", "Moves and regional recruitment (MODEL.md §4.6-4.7).");
  auto& mode = s.add("recruitment.mode", KeyType::kEnum, "", "competitive", "competitive: destinations weighted by V x size^size_attraction; collective: by V / D, moves scaled by collective.move_share_factor, efficiency bonus.");
  mode.allowed = "competitive|collective";
  s.real("recruitment.matching_efficiency", "", "1", 0, kInf, "Matching efficiency of E = min(v, efficiency v^alpha a^(1-alpha)).");
  s.real("recruitment.matching_alpha", "", "0.5", 0, 1, "Elasticity alpha of hires with respect to vacancies.");
  s.real("recruitment.size_attraction", "", "0", 0, 10, "Exponent on municipality size (headcount at point 0) in competitive destination weights.");
  s.map("recruitment.new_hire", "New hires' characteristics.");
  s.distribution("recruitment.new_hire.age_years", "years", 15, 80, true, "Age of new hires.");
  s.distribution("recruitment.new_hire.contract_fte", "FTE", 0, 1, true, "Contract FTE of new hires; values in (0, 1]. Its mean is mean_new_hire_fte.");
  s.add("recruitment.tightness", KeyType::kList, "", "[]", "Applicant supply factor over time (tightness_j(c), all families): the entry in force is the last whose from is <= the month; 1 before the first.");
  s.add("recruitment.tightness[].from", KeyType::kMonth, "calendar month", "", "First month of this factor.").required = true;
  s.real("recruitment.tightness[].factor", "", "", 0, kInf, "Factor on applicants per month.").required = true;

  s.map("collective", "Collective mode (recruitment.mode: collective).");
  s.real("collective.move_share_factor", "", "1", 0, 1, "Factor on exits.move_share in collective mode (no-poaching agreement).");
  s.real("collective.efficiency_bonus", "", "0", 0, 10, "Matching efficiency x (1 + bonus) in collective mode (joint campaigns).");

  s.map("attractiveness", "Attractiveness of the sector relative to the market.");
  auto& index = s.real("attractiveness.index", "", "1", 0, 10, "Attractiveness index (1 = market).");
  index.min_open = true;
  s.real("attractiveness.quit_elasticity", "", "0", 0, 20, "Quits x index^(-quit_elasticity).");
  s.real("attractiveness.match_elasticity", "", "0", 0, 20, "Matching efficiency x index^(match_elasticity).");

  s.map("output", "What the output file holds.");
  s.add("output.municipality_level", KeyType::kBool, "", "true", "Write the /municipality group (the largest part of the file).");
  return s.keys;
}

}  // namespace

const std::vector<KeySpec>& scenario_schema() {
  static const std::vector<KeySpec> schema = build_schema();
  return schema;
}

const KeySpec* find_key_spec(std::string_view path) {
  for (const KeySpec& spec : scenario_schema())
    if (spec.path == path) return &spec;
  return nullptr;
}

std::string scenario_reference_markdown() {
  std::ostringstream out;
  out << "# Scenario file reference\n\n"
      << "Generated from the schema table in `engine/scenario/schema.cpp` by `krapte schema`; a test\n"
      << "checks that this page is current. Keys inside list items are written `list[].key`.\n"
      << "`--set` addresses list items by index or by their `name`, e.g.\n"
      << "`--set job_families.ict.demand_growth_annual=0.03` or `--set exits.age_bands.0.quit_annual=0.1`.\n\n"
      << "| key | type | unit | default | allowed | description |\n"
      << "|---|---|---|---|---|---|\n";
  for (const KeySpec& spec : scenario_schema()) {
    std::string fallback = spec.required ? "required" : (spec.default_yaml.empty() ? "(none)" : spec.default_yaml);
    if (spec.type == KeyType::kMap) fallback = "";
    out << "| `" << spec.path << "` | " << spec.type_name() << " | " << spec.unit << " | " << fallback << " | "
        << spec.range_text() << " | " << spec.description << " |\n";
  }
  return out.str();
}

}  // namespace krapte

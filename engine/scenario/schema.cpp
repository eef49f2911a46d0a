#include "scenario/schema.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "levers/registry.h"

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

std::vector<std::string> KeySpec::allowed_values() const {
  std::vector<std::string> values;
  if (type != KeyType::kEnum) return values;
  size_t begin = 0;
  for (size_t bar; (bar = allowed.find('|', begin)) != std::string::npos; begin = bar + 1)
    values.push_back(allowed.substr(begin, bar - begin));
  values.push_back(allowed.substr(begin));
  return values;
}

int KeySpec::allowed_index(std::string_view text) const {
  const std::vector<std::string> values = allowed_values();
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == text) return static_cast<int>(i);
  return -1;
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<KeySpec> build_schema() {
  SchemaBuilder s;
  // The levers that are one unit (levers/registry.h) write their own rows, among the lever
  // sections by their number: 3 to 9 each at its place among the sections still written
  // here, any other after lever 9.
  auto unit_levers = [&](int lowest, int highest) {
    levers::for_each([&]<class L>(size_t) {
      if constexpr (requires { L::schema(s); })
        if (L::number >= lowest && L::number <= highest) L::schema(s);
    });
  };
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
  // HR extracts (issue 15 part 4, docs/hr-import.md). No defaults on the lists: a scenario
  // without them resolves (and prints) exactly as before.
  s.add("population.files", KeyType::kList, "", "", "HR extracts for some municipalities (source: synthetic): each claimed municipality takes its staff from its file, the rest stay synthetic. A municipality in two entries, or a row for a municipality its file does not claim, is an error. See docs/hr-import.md.");
  s.add("population.files[].municipalities", KeyType::kStringList, "CBS codes", "", "Municipalities whose staff this file holds (and that are not synthesised).").required = true;
  s.add("population.files[].file", KeyType::kString, "path", "", "The extract (CSV), relative to the scenario's folder.").required = true;
  s.add("population.files[].format", KeyType::kString, "", "\"\"", "Name of an entry of population.formats; \"\" = krapte's own employee-file columns (docs/model.md).");
  s.add("population.formats", KeyType::kList, "", "", "How an HR extract is written: delimiter, decimal separator, date format, which header holds which field, the function-name mapping. See docs/hr-import.md.");
  s.add("population.formats[].name", KeyType::kString, "", "", "Name that population.files[].format refers to.").required = true;
  auto& import_kind = s.add("population.formats[].kind", KeyType::kEnum, "", "employees", "employees: one row per employee (person-level); aggregate: headcount and FTE per municipality x family x age band (and optionally tenure band), synthesised into agents.");
  import_kind.allowed = "employees|aggregate";
  s.add("population.formats[].delimiter", KeyType::kString, "", "\",\"", "Field separator: one character (\";\" for most AFAS and Youforce exports) or tab.");
  auto& decimal = s.add("population.formats[].decimal_separator", KeyType::kEnum, "", ".", "Decimal separator of numbers (\",\" in Dutch exports: 0,8 or 28,8). No thousands separators.");
  decimal.allowed = ".|,";
  s.add("population.formats[].date_format", KeyType::kString, "", "\"%Y-%m-%d\"", "Format of dates: %d, %m and %Y once each, other characters literal (e.g. %d-%m-%Y for 31-12-1968).");
  auto& week = s.real("population.formats[].full_time_hours_per_week", "hours per week", "36", 0, 60, "Hours of a full-time week: contract FTE = hours per week / this, at most 1. 36 in the CAO Gemeenten (scenarios/data/SOURCES.md).");
  week.min_open = true;
  s.add("population.formats[].function_map", KeyType::kString, "path", "\"\"", "CSV (same delimiter as the extract) with columns function,job_family mapping the extract's function names to job families; job_family - leaves the function out on purpose, empty = not yet mapped (a rejected row). Required with columns.function.");
  s.map("population.formats[].columns", "Header names in the extract of krapte's fields; a field not named here is not read. Other columns (names, personnel numbers) are ignored.");
  s.add("population.formats[].columns.municipality", KeyType::kString, "header", "", "CBS code (GM0363 or 0363) or the table's name; may be left out when the file claims one municipality.");
  s.add("population.formats[].columns.job_family", KeyType::kString, "header", "", "krapte's job family names (or use function with a function_map).");
  s.add("population.formats[].columns.function", KeyType::kString, "header", "", "The extract's own function name, mapped by function_map.");
  s.add("population.formats[].columns.birth_date", KeyType::kString, "header", "", "employees: birth date (date_format); age = completed months at the first day of start.");
  s.add("population.formats[].columns.age_years", KeyType::kString, "header", "", "employees: age in years at the start (instead of birth_date).");
  s.add("population.formats[].columns.hire_date", KeyType::kString, "header", "", "employees: date in service with this municipality (date_format); tenure = completed months at the first day of start.");
  s.add("population.formats[].columns.tenure_years", KeyType::kString, "header", "", "employees: tenure in years at the start (instead of hire_date).");
  s.add("population.formats[].columns.hours_per_week", KeyType::kString, "header", "", "employees: contract hours per week (FTE = hours / full_time_hours_per_week).");
  s.add("population.formats[].columns.contract_fte", KeyType::kString, "header", "", "employees: contract FTE in (0, 1] (instead of hours_per_week).");
  s.add("population.formats[].columns.age_band", KeyType::kString, "header", "", "aggregate: age band in completed years, A-B (inclusive) or A+ (to the AOW age at start).");
  s.add("population.formats[].columns.tenure_band", KeyType::kString, "header", "", "aggregate (optional): tenure band in completed years, A-B or A+; without it tenures are drawn from population.tenure_years.");
  s.add("population.formats[].columns.headcount", KeyType::kString, "header", "", "aggregate: number of employees in the row (a whole number).");
  s.add("population.formats[].columns.fte", KeyType::kString, "header", "", "aggregate: their summed contract FTE (at most headcount); each gets fte / headcount.");

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

  {
    auto& key = s.add("aow_age", KeyType::kList, "", "", "State pension (AOW) age schedule (lever 10: an alternative schedule); the entry in force is the last whose from is <= the month. The first entry must start on or before start.");
    key.required = true;
    key.lever = {10, "pension age", "aow-later", "aow"};
  }
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

  s.map("collective", "Collective mode (recruitment.mode: collective), lever 1 of the programme.").lever = {1, "collective recruitment", "collective", "collective"};
  s.add("collective.from", KeyType::kMonth, "calendar month", "", "First month of collective mode; none = from the start.");
  s.add("collective.until", KeyType::kMonth, "calendar month", "", "Last month of collective mode (inclusive); none = to the end.");
  s.real("collective.move_share_factor", "", "1", 0, 1, "Factor on exits.move_share in collective mode (no-poaching agreement).");
  s.real("collective.efficiency_bonus", "", "0", 0, 10, "Matching efficiency x (1 + bonus) in collective mode (joint campaigns).");
  auto& weights = s.add("collective.weights", KeyType::kEnum, "", "vacancy_rate", "Destination weights in collective mode: vacancy_rate = V / D (MODEL.md §4.6 as written); vacancy_times_rate = V x V / D (need in FTE, prioritised by rate: an extension, see docs/model.md).");
  weights.allowed = "vacancy_rate|vacancy_times_rate";
  auto& prevented = s.add("collective.prevented_moves", KeyType::kEnum, "", "quit", "What becomes of a quit that would have been a move without the no-poaching factor: quit = leaves the sector (MODEL.md §4.4 as written); stay = stays with the employer (an extension, see docs/levers/collective.md).");
  prevented.allowed = "quit|stay";

  s.map("attractiveness", "Attractiveness of the sector relative to the market.");
  auto& index = s.real("attractiveness.index", "", "1", 0, 10, "Attractiveness index (1 = market).");
  index.min_open = true;
  s.real("attractiveness.quit_elasticity", "", "0", 0, 20, "Quits x index^(-quit_elasticity).");
  s.real("attractiveness.match_elasticity", "", "0", 0, 20, "Matching efficiency x index^(match_elasticity).");
  s.add("attractiveness.path", KeyType::kList, "", "[]", "Lever 2: the index over time (e.g. collective labour agreement rises above the market): the entry in force is the last whose from is <= the month; `index` before the first.").lever = {2, "attractiveness of the sector", "attractiveness", "attractiveness"};
  s.add("attractiveness.path[].from", KeyType::kMonth, "calendar month", "", "First month of this index.").required = true;
  auto& path_index = s.real("attractiveness.path[].index", "", "", 0, 10, "Attractiveness index from then on (1 = market).");
  path_index.required = true;
  path_index.min_open = true;

  unit_levers(3, 3);

  s.add("shared_services", KeyType::kList, "", "[]", "Lever 4, shared services (joint execution): from `from`, a share of the demand of the families in scope moves from each municipality to a regional centre that needs (1 - efficiency) of it; the same share of their staff, drawn person by person, moves with it. One centre per region in scope, staffed and recruiting like a municipality of that region.").lever = {4, "shared services", "shared-services", "shared-services"};
  s.add("shared_services[].name", KeyType::kString, "", "\"GGU\"", "Name of the centres (the region is appended).");
  s.scope("shared_services[]");
  s.real("shared_services[].share", "", "", 0, 1, "Share of the demand (and staff) that moves to the centre.").required = true;
  auto& ssc_efficiency = s.real("shared_services[].efficiency", "", "0", 0, 1, "Share of the moved demand the centre saves by scale.");
  ssc_efficiency.max_open = true;
  s.add("shared_services[].from", KeyType::kMonth, "calendar month", "", "Month the centres open (the move is permanent).").required = true;

  s.add("trainee_programmes", KeyType::kList, "", "[]", "Lever 5, joint trainee programmes: a yearly intake of trainees who work at reduced productivity during the programme and stay afterwards with probability retention_after.").lever = {5, "trainee programmes", "trainees", "trainees"};
  s.add("trainee_programmes[].name", KeyType::kString, "", "", "Name of the programme.").required = true;
  s.add("trainee_programmes[].family", KeyType::kString, "job family", "", "Job family the trainees work in.").required = true;
  s.scope("trainee_programmes[]", false);
  s.integer("trainee_programmes[].intake_per_year", "persons per year", "", 0, 100000, "Trainees taken in each year (in one intake).").required = true;
  s.integer("trainee_programmes[].intake_month", "month of the year", "9", 1, 12, "Calendar month of the intake (9 = September).");
  s.integer("trainee_programmes[].duration_months", "months", "24", 1, 120, "Length of the programme.");
  s.real("trainee_programmes[].productivity", "", "0.5", 0, 1, "Productivity while in the programme.");
  s.real("trainee_programmes[].retention_after", "", "0.7", 0, 1, "Probability that a trainee stays after the programme.");
  auto& trainee_fte = s.real("trainee_programmes[].contract_fte", "FTE", "1", 0, 1, "Contract FTE of a trainee.");
  trainee_fte.min_open = true;
  s.distribution("trainee_programmes[].age_years", "years", 15, 80, true, "Age of trainees at intake.");
  auto& allocation = s.add("trainee_programmes[].allocation", KeyType::kEnum, "", "largest_shortage", "largest_shortage: each trainee in turn to the municipality in scope with the largest vacancy FTE in the family; proportional_to_demand: drawn with weights D(m, j).");
  allocation.allowed = "largest_shortage|proportional_to_demand";
  s.window("trainee_programmes[]");

  s.add("flexpools", KeyType::kList, "", "[]", "Lever 6, provincial flexpools: per province a pool of staff (its own agents, who age, leave and are replaced by the pool's own recruitment in the region where most of the province lives) deployed each month in blocks to the municipalities of the province with the highest vacancy rate in the family.").lever = {6, "provincial flexpools", "flexpools", "flexpools"};
  s.add("flexpools[].name", KeyType::kString, "", "\"flexpool\"", "Name of the pools (the province is appended).");
  s.add("flexpools[].family", KeyType::kString, "job family", "", "Job family of the pool.").required = true;
  s.add("flexpools[].provinces", KeyType::kStringList, "provinces", "[]", "Provinces with a pool; [] = all.");
  s.real("flexpools[].fte_per_province", "FTE", "", 0, 10000, "Size of each pool (its demand).").required = true;
  auto& block = s.real("flexpools[].block_fte", "FTE", "1", 0, 100, "Deployment block size.");
  block.min_open = true;
  s.window("flexpools[]");

  s.add("retention", KeyType::kList, "", "[]", "Lever 7, retention of older staff: multipliers on the quit and early-retirement rates from an age on. At most one entry per job family.").lever = {7, "retention of older staff", "retention", "retention"};
  s.add("retention[].families", KeyType::kStringList, "job families", "[]", "Job families it applies to; [] = all.");
  s.integer("retention[].from_age_years", "years", "", 0, 120, "Age (completed years) from which the multipliers apply.").required = true;
  s.real("retention[].quit_multiplier", "", "1", 0, 10, "Multiplier on the annual quit rate.");
  s.real("retention[].early_retirement_multiplier", "", "1", 0, 10, "Multiplier on the annual early-retirement rate.");
  s.window("retention[]");

  unit_levers(8, 8);

  unit_levers(9, 9);
  unit_levers(10, std::numeric_limits<int>::max());

  // Costs (issue 12, docs/costs.md): absent = no /costs datasets. Once present, every
  // value is required (no defaults), so no cost is zero by omission.
  s.map("costs", "Costs of staff, vacancies and measures (docs/costs.md); absent = no costs are computed. Every key below is required once costs: is present, and every measure the scenario uses needs its entry under costs.measures.").present_only = true;
  s.integer("costs.price_year", "year", "", 1900, 2200, "Year whose price level the euro amounts below are in.").required = true;
  s.real("costs.annual_increase", "1/year", "", -0.5, 1, "Salary indexation per calendar year after price_year: amounts x (1 + increase)^(year - price_year).").required = true;
  s.real("costs.employer_charges", "", "", 0, 5, "Employer charges on gross salary (holiday pay, year-end and individual choice budget, pension and social premiums): salary cost = gross x (1 + charges).").required = true;
  s.add("costs.salary", KeyType::kList, "", "", "Gross monthly salary per full-time FTE by job family; one entry per family.").required = true;
  s.add("costs.salary[].family", KeyType::kString, "job family", "", "Job family.").required = true;
  s.real("costs.salary[].gross_per_fte_month", "euros per FTE-month", "", 0, 1e6, "Gross salary of one full-time FTE for a month (the scale typical of the family).").required = true;
  s.map("costs.vacancy", "What a vacancy costs.");
  s.real("costs.vacancy.external_share", "", "", 0, 1, "Share of vacancy FTE filled by external hire (inhuur); the rest is work not done (vacancy_unfilled_fte).").required = true;
  s.real("costs.vacancy.external_premium", "", "", 0, 10, "Cost of one externally hired FTE-month as a factor on the salary cost of an FTE-month.").required = true;
  s.map("costs.measures", "Cost of each measure in its own terms; a measure the scenario uses without its entry here is an error.");
  s.map("costs.measures.collective", "Collective recruitment (lever 1): while in force.").present_only = true;
  s.real("costs.measures.collective.per_year", "euros per year", "", 0, 1e12, "Joint campaigns, platform and coordination, nationally.").required = true;
  s.map("costs.measures.attractiveness", "Attractiveness path (lever 2): while the index differs from attractiveness.index.").present_only = true;
  s.real("costs.measures.attractiveness.pay_share", "", "", 0, 1, "Share of the index change paid as salary: salary cost x pay_share x (index / attractiveness.index - 1).").required = true;
  s.real("costs.measures.attractiveness.per_year", "euros per year", "", 0, 1e12, "Campaign cost nationally.").required = true;
  s.map("costs.measures.productivity_gains", "Standardisation and innovation (lever 3), per entry with annual_gain > 0.").present_only = true;
  s.real("costs.measures.productivity_gains.one_off", "euros", "", 0, 1e12, "In the entry's from month.").required = true;
  s.real("costs.measures.productivity_gains.per_year", "euros per year", "", 0, 1e12, "While the entry acts.").required = true;
  s.map("costs.measures.shared_services", "Shared-service centres (lever 4), per centre.").present_only = true;
  s.real("costs.measures.shared_services.one_off_per_centre", "euros", "", 0, 1e12, "In the month the centre opens.").required = true;
  s.real("costs.measures.shared_services.per_year_per_centre", "euros per year", "", 0, 1e12, "From the opening on (management, housing, systems; staff are in salary).").required = true;
  s.map("costs.measures.trainee_programmes", "Trainee programmes (lever 5); the trainees' salary is in salary.").present_only = true;
  s.real("costs.measures.trainee_programmes.per_trainee_month", "euros per trainee-month", "", 0, 1e7, "Training and coaching per trainee per month in the programme.").required = true;
  s.real("costs.measures.trainee_programmes.per_intake", "euros per trainee", "", 0, 1e7, "Recruitment and selection per trainee taken in.").required = true;
  s.map("costs.measures.flexpools", "Flexpools (lever 6); the pool staff's salary is in salary (at the pool units).").present_only = true;
  s.real("costs.measures.flexpools.overhead", "", "", 0, 10, "Overhead per deployed FTE-month as a factor on its salary cost.").required = true;
  s.map("costs.measures.retention", "Retention of older staff (lever 7).").present_only = true;
  s.real("costs.measures.retention.per_person_month", "euros per person-month", "", 0, 1e7, "Retention bonus per month for each employee in the scheme's families aged from_age_years or over while it acts.").required = true;
  s.map("costs.measures.more_hours", "More hours (lever 8); the extra hours are paid at salary cost (in salary).").present_only = true;
  s.real("costs.measures.more_hours.per_year", "euros per year", "", 0, 1e12, "Arrangements (child care, scheduling) per entry while it acts.").required = true;

  s.map("output", "What the output file holds.");
  s.add("output.municipality_level", KeyType::kBool, "", "true", "Write the /municipality group (the largest part of the file).");
  s.add("output.municipality_costs", KeyType::kBool, "", "false", "With costs: and output.municipality_level, also write /costs/municipality (as large as the /municipality group; off by default: the national and region costs are what krapte reads).");
  s.add("extends", KeyType::kString, "path", "", "A base scenario this one patches: its keys are merged under this file's (maps merged key by key, lists and values replaced). Relative paths in the base stay relative to the base's folder; this path is relative to this file's folder.");
  return s.keys;
}

}  // namespace

const std::vector<KeySpec>& scenario_schema() {
  static const std::vector<KeySpec> schema = build_schema();
  return schema;
}

std::vector<LeverInfo> scenario_levers() {
  std::vector<LeverInfo> levers;
  for (const KeySpec& spec : scenario_schema()) {
    if (spec.lever.number == 0) continue;
    auto same = std::find_if(levers.begin(), levers.end(),
                             [&](const LeverInfo& info) { return info.tag.number == spec.lever.number; });
    if (same == levers.end()) same = levers.insert(levers.end(), LeverInfo{spec.lever, {}});
    same->keys.push_back(spec.path);
  }
  std::stable_sort(levers.begin(), levers.end(),
                   [](const LeverInfo& a, const LeverInfo& b) { return a.tag.number < b.tag.number; });
  return levers;
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

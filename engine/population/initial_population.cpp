#include "population/initial_population.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/ids.h"
#include "core/rng.h"
#include "data/csv.h"
#include "population/hr_import.h"

namespace krapte {

namespace {

constexpr int kAdultAgeMonths = 18 * 12;
constexpr double kMinAgeMonths = 15 * 12;
constexpr double kMaxAgeMonths = 80 * 12;

/// Initial onboarding and tenure rules shared by both sources (MODEL.md §3).
void finish_initial_agent(AgentRecord& agent, const ResolvedScenario& scenario) {
  agent.tenure_months = std::clamp(agent.tenure_months, 0, std::max(0, agent.age_months - kAdultAgeMonths));
  agent.onboarding_months_left = std::max(0, scenario.onboarding.months - agent.tenure_months);
}

}  // namespace

Population build_synthetic_population(const ResolvedScenario& scenario) {
  const RandomStreams rng(scenario.seed, kPopulationReplication);
  const int family_count = scenario.family_count();
  Population population;
  population.by_municipality.resize(scenario.municipality_count());  // lever units start empty
  const std::vector<int>& file_of = scenario.population.file_of_municipality;
  tbb::parallel_for(0, scenario.real_municipalities, [&](int m) {
    if (!file_of.empty() && file_of[m] >= 0) return;  // staff from an HR extract (hr_import.h)
    const Municipality& municipality = scenario.municipalities.municipalities[m];
    const SizeClass& size_class = scenario.population.size_classes[scenario.population.size_class_of_municipality[m]];
    const double municipality_fte =
        static_cast<double>(municipality.inhabitants) * size_class.fte_per_1000_inhabitants / 1000.0;
    MunicipalityAgents& agents = population.by_municipality[m];
    for (int j = 0; j < family_count; ++j) {
      const double target_fte = municipality_fte * scenario.families[j].share;
      double cell_fte = 0;
      for (uint32_t index = 0; cell_fte < target_fte; ++index) {
        AgentRecord agent;
        agent.id = initial_agent_id(synthetic_population_index(m, j, index));
        const auto u01 = rng.uniform_pair(RngPurpose::kInitialPopulation, agent.id, 0, 0);
        const auto u23 = rng.uniform_pair(RngPurpose::kInitialPopulation, agent.id, 0, 1);
        const auto u45 = rng.uniform_pair(RngPurpose::kInitialPopulation, agent.id, 0, 2);
        agent.family = static_cast<uint8_t>(j);
        agent.age_months = static_cast<int32_t>(std::floor(scenario.population.age_years.draw(u01[0], u01[1]) * 12.0));
        agent.contract_fte = scenario.population.contract_fte.draw(u23[0], u23[1]);
        agent.tenure_months = static_cast<int32_t>(std::floor(scenario.population.tenure_years.draw(u45[0], u45[1]) * 12.0));
        finish_initial_agent(agent, scenario);
        cell_fte += agent.contract_fte;
        agents.append(agent);
      }
    }
  });
  return population;
}

namespace {

// Months between a YYYY-MM field and the reference month (point 0), for ages and tenures.
int months_before(const CsvTable& csv, const CsvRow& row, int column, YearMonth reference, const std::string& what) {
  const auto month = parse_year_month(row.fields[column]);
  if (!month) throw InputError(csv.where(row, column), what + ": '" + row.fields[column] + "' is not a month; allowed: YYYY-MM");
  if (reference < *month)
    throw InputError(csv.where(row, column), what + ": " + month->to_string() + " is after point 0 (" +
                                                 reference.to_string() + "); allowed: a month up to " +
                                                 reference.to_string());
  return reference.index - month->index;
}

std::string header_text(const CsvTable& csv) {
  std::string text;
  for (const auto& name : csv.header) text += (text.empty() ? "" : ", ") + name;
  return "; the header has: " + text;
}

}  // namespace

Population read_employee_file(const ResolvedScenario& scenario, const std::string& path, const ImportFile* claimed_by) {
  const CsvTable csv = read_csv(path);
  const int c_code = csv.require_column("municipality_code");
  const int c_family = csv.require_column("job_family");
  const int c_fte = csv.require_column("contract_fte");
  const int c_age_years = csv.column("age_years");
  const int c_age_months = csv.column("age_months");
  const int c_birth = csv.column("birth_month");
  const int c_tenure_years = csv.column("tenure_years");
  const int c_tenure_months = csv.column("tenure_months");
  const int c_hire = csv.column("hire_month");
  if ((c_age_years >= 0) + (c_age_months >= 0) + (c_birth >= 0) != 1)
    throw InputError(SourceLocation{path, 1, 0},
                     "needs exactly one of the columns age_years, age_months, birth_month" + header_text(csv));
  if ((c_tenure_years >= 0) + (c_tenure_months >= 0) + (c_hire >= 0) != 1)
    throw InputError(SourceLocation{path, 1, 0},
                     "needs exactly one of the columns tenure_years, tenure_months, hire_month" + header_text(csv));
  if (csv.rows.empty()) throw InputError(SourceLocation{path, 0, 0}, "the employee file has no rows");

  std::string families;
  for (const auto& family : scenario.families) families += (families.empty() ? "" : ", ") + family.name;
  const YearMonth reference = scenario.time.month_of_point(0);

  Population population;
  population.by_municipality.resize(scenario.municipality_count());
  uint64_t row_index = 0;
  std::vector<uint32_t> cell_index(static_cast<size_t>(scenario.real_municipalities) * scenario.family_count(), 0);
  std::string claimed;
  if (claimed_by != nullptr)
    for (int m : claimed_by->municipalities) claimed += (claimed.empty() ? "" : ", ") + scenario.municipalities.municipalities[m].code;
  for (const CsvRow& row : csv.rows) {
    int m = scenario.municipalities.find(row.fields[c_code]);
    if (m >= scenario.real_municipalities) m = -1;  // lever units (centres, pools) take no staff from the file
    if (m < 0)
      throw InputError(csv.where(row, c_code), "municipality_code: unknown municipality code '" + row.fields[c_code] +
                                                   "'; allowed: a code in " + scenario.municipalities.path);
    if (claimed_by != nullptr &&
        std::find(claimed_by->municipalities.begin(), claimed_by->municipalities.end(), m) == claimed_by->municipalities.end())
      throw InputError(csv.where(row, c_code), "municipality_code: municipality " + row.fields[c_code] + " is not claimed by " +
                                                   claimed_by->key + "; allowed: " + claimed + " (" + claimed_by->key +
                                                   ".municipalities)");
    const int j = scenario.family_index(row.fields[c_family]);
    if (j < 0)
      throw InputError(csv.where(row, c_family),
                       "job_family: unknown job family '" + row.fields[c_family] + "'; allowed: " + families);
    AgentRecord agent;
    // Beside synthetic municipalities, ids by cell as theirs are, so none is taken twice.
    agent.id = claimed_by == nullptr
                   ? initial_agent_id(row_index++)
                   : initial_agent_id(synthetic_population_index(static_cast<uint32_t>(m), static_cast<uint32_t>(j),
                                                                 cell_index[static_cast<size_t>(m) * scenario.family_count() + j]++));
    agent.family = static_cast<uint8_t>(j);
    agent.contract_fte = parse_csv_number(csv, row, c_fte, "contract_fte");
    if (!(agent.contract_fte > 0 && agent.contract_fte <= 1))
      throw InputError(csv.where(row, c_fte), "contract_fte: " + row.fields[c_fte] + " is out of range; allowed: (0, 1]");
    // Ranges are checked on the value as read, before any cast to months.
    const int age_column = c_birth >= 0 ? c_birth : (c_age_years >= 0 ? c_age_years : c_age_months);
    double age_months = 0;
    if (c_birth >= 0) {
      age_months = months_before(csv, row, c_birth, reference, "birth_month");
    } else {
      const double value = parse_csv_number(csv, row, age_column, csv.header[age_column]);
      age_months = std::floor(c_age_years >= 0 ? value * 12.0 : value);
    }
    if (age_months < kMinAgeMonths || age_months > kMaxAgeMonths)
      throw InputError(csv.where(row, age_column),
                       csv.header[age_column] + " '" + row.fields[age_column] + "': the age at " + reference.to_string() +
                           " (point 0) is out of range; allowed: 15 to 80 years");
    agent.age_months = static_cast<int32_t>(age_months);
    const int tenure_column = c_hire >= 0 ? c_hire : (c_tenure_years >= 0 ? c_tenure_years : c_tenure_months);
    double tenure_months = 0;
    if (c_hire >= 0) {
      tenure_months = months_before(csv, row, c_hire, reference, "hire_month");
    } else {
      const double value = parse_csv_number(csv, row, tenure_column, csv.header[tenure_column]);
      tenure_months = std::floor(c_tenure_years >= 0 ? value * 12.0 : value);
    }
    if (tenure_months < 0 || tenure_months > kMaxAgeMonths)
      throw InputError(csv.where(row, tenure_column), csv.header[tenure_column] + " '" + row.fields[tenure_column] +
                                                          "' is out of range; allowed: a tenure from 0 to 80 years");
    agent.tenure_months = static_cast<int32_t>(tenure_months);
    finish_initial_agent(agent, scenario);
    population.by_municipality[m].append(agent);
  }
  return population;
}

Population build_initial_population(const ResolvedScenario& scenario) {
  if (scenario.population.source == PopulationSource::kFile) return read_employee_file(scenario, scenario.population.file);
  Population population = build_synthetic_population(scenario);
  if (scenario.population.has_files()) throw_if_rejected(import_population_files(scenario, population));
  return population;
}

}  // namespace krapte

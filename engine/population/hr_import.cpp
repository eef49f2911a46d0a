#include "population/hr_import.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/ids.h"
#include "core/rng.h"
#include "data/csv.h"
#include "data/field_formats.h"
#include "population/initial_population.h"
#include "scenario/schema.h"

namespace krapte {

int64_t ImportSummary::rejected_rows() const {
  int64_t count = 0;
  for (const ImportFileSummary& file : files) count += static_cast<int64_t>(file.rejected.size());
  return count;
}

bool parse_year_band(const std::string& text, int open_upper, int& from_years, int& to_years) {
  const std::string_view band = trim_field(text);
  const auto whole = [](std::string_view part, int& value) {
    part = trim_field(part);
    const auto number = parse_decimal(part, '.');
    if (!number || *number != std::floor(*number) || *number < 0 || *number > 130 || part.find('.') != part.npos) return false;
    value = static_cast<int>(*number);
    return true;
  };
  if (!band.empty() && band.back() == '+') {
    if (!whole(band.substr(0, band.size() - 1), from_years)) return false;
    to_years = std::max(from_years, open_upper);
    return true;
  }
  const size_t dash = band.find('-', 1);
  if (dash == std::string_view::npos) return false;
  if (!whole(band.substr(0, dash), from_years) || !whole(band.substr(dash + 1), to_years)) return false;
  return to_years >= from_years;
}

namespace {

constexpr int kMinAgeYears = 15;
constexpr int kMaxAgeYears = 80;
constexpr int kAdultAgeMonths = 18 * 12;
constexpr double kMaxHoursPerWeek = 60;
constexpr double kMaxAggregateHeadcount = 1e6;

/// A row's first problem: thrown inside the row loop, caught there and recorded.
struct RowProblem {
  int column;
  std::string reason;
};

/// Function name -> job family index; -1 = left out on purpose ("-"), -2 = not yet mapped.
struct FunctionMap {
  std::string path;
  std::unordered_map<std::string, int> family_of;
  std::unordered_map<std::string, int> line_of;
};

FunctionMap read_function_map(const ResolvedScenario& s, const ImportFormat& format) {
  FunctionMap map;
  map.path = format.function_map;
  const CsvTable csv = read_csv(format.function_map, format.delimiter);
  const int c_function = csv.require_column("function");
  const int c_family = csv.require_column("job_family");
  std::string families = "-";
  for (const auto& family : s.families) families += ", " + family.name;
  for (const CsvRow& row : csv.rows) {
    const std::string function(trim_field(row.fields[c_function]));
    const std::string family(trim_field(row.fields[c_family]));
    if (function.empty()) throw InputError(csv.where(row, c_function), "function: is empty; allowed: a function name of the extract");
    int j = -2;
    if (family == "-") {
      j = -1;
    } else if (!family.empty()) {
      j = s.family_index(family);
      if (j < 0)
        throw InputError(csv.where(row, c_family), "job_family: unknown job family '" + family + "'; allowed: " + families +
                                                       " (- leaves the function out), or empty while not yet mapped");
    }
    if (const auto it = map.line_of.find(function); it != map.line_of.end())
      throw InputError(csv.where(row, c_function), "function: '" + function + "' is already mapped on line " +
                                                       std::to_string(it->second) + "; allowed: each function once");
    map.family_of[function] = j;
    map.line_of[function] = row.line;
  }
  return map;
}

/// Reads one mapped extract (kind employees or aggregate).
class ExtractReader {
 public:
  ExtractReader(const ResolvedScenario& s, const ImportFile& file, const ImportFormat& format, Population& population,
                ImportFileSummary& summary, std::vector<uint32_t>& next_index)
      : s_(s), file_(file), format_(format), population_(population), summary_(summary), next_index_(next_index),
        rng_(s.seed, kPopulationReplication) {
    start_date_ = CalendarDate{s.time.start.year(), s.time.start.month(), 1};
    aow_years_at_start_ = s.aow_age_months(s.time.start) / 12;
    for (const auto& family : s.families) families_ += (families_.empty() ? "" : ", ") + family.name;
    for (int m : file.municipalities) claimed_ += (claimed_.empty() ? "" : ", ") + s.municipalities.municipalities[m].code;
    for (int m = 0; m < s.real_municipalities; ++m) municipality_by_name_[s.municipalities.municipalities[m].name] = m;
    if (!format.function_map.empty()) function_map_ = read_function_map(s, format);
  }

  void read() {
    const CsvTable csv = read_csv(file_.path, format_.delimiter);
    const std::string format_key = "population.formats[" + std::to_string(file_.format) + "]";
    for (size_t f = 0; f < column_.size(); ++f) {
      column_[f] = -1;
      const std::string& name = format_.columns[f];
      if (name.empty()) continue;
      for (size_t i = 0; i < csv.header.size(); ++i)
        if (trim_field(csv.header[i]) == name) column_[f] = static_cast<int>(i);
      if (column_[f] < 0) {
        std::string present;
        for (const auto& h : csv.header) present += (present.empty() ? "" : ", ") + h;
        throw InputError(SourceLocation{csv.path, 1, 0}, format_key + ".columns." + kImportFieldNames[f] + ": no column '" +
                                                             name + "' in the header; the header has: " + present);
      }
    }
    if (column(ImportField::kMunicipality) < 0 && file_.municipalities.size() != 1)
      throw InputError(SourceLocation{csv.path, 1, 0},
                       format_key + ".columns.municipality: needed, because " + file_.key + " claims " +
                           std::to_string(file_.municipalities.size()) + " municipalities (" + claimed_ +
                           "); allowed: the header of the column with each row's municipality");
    if (csv.rows.empty()) throw InputError(SourceLocation{csv.path, 0, 0}, "the extract has no rows");
    for (const CsvRow& row : csv.rows) {
      ++summary_.rows_read;
      try {
        if (format_.kind == ImportKind::kEmployees) {
          read_employee(row);
        } else {
          read_aggregate(row);
        }
      } catch (const RowProblem& problem) {
        summary_.rejected.push_back(ImportRejection{row.line, problem.column + 1, problem.reason});
      }
    }
  }

 private:
  int column(ImportField field) const { return column_[static_cast<size_t>(field)]; }
  const std::string& header(ImportField field) const { return format_.column(field); }

  [[noreturn]] void reject(ImportField field, const std::string& reason) const {
    throw RowProblem{column(field), header(field) + ": " + reason};
  }

  std::string_view field(const CsvRow& row, ImportField f) const {
    const std::string_view text = trim_field(row.fields[column(f)]);
    if (text.empty()) reject(f, "is empty");
    return text;
  }

  double number(const CsvRow& row, ImportField f) const {
    const std::string_view text = field(row, f);
    const auto value = parse_decimal(text, format_.decimal_separator);
    if (!value)
      reject(f, "'" + std::string(text) + "' is not a number; allowed: digits with '" + format_.decimal_separator +
                    "' as the decimal separator (population.formats: decimal_separator)");
    return *value;
  }

  /// A date field. The value is not quoted back: a birth date is personal data.
  CalendarDate date(const CsvRow& row, ImportField f) const {
    const auto value = parse_date(field(row, f), format_.date_format);
    if (!value) reject(f, "is not a date written as " + format_.date_format + " (population.formats: date_format)");
    return *value;
  }

  int municipality(const CsvRow& row) const {
    if (column(ImportField::kMunicipality) < 0) return file_.municipalities.front();
    const std::string text(field(row, ImportField::kMunicipality));
    int m = s_.municipalities.find(text);
    if (m < 0 && !text.empty() && text.size() <= 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      m = s_.municipalities.find("GM" + std::string(4 - text.size(), '0') + text);  // "363" or "0363"
    if (m < 0 || m >= s_.real_municipalities) {
      const auto it = municipality_by_name_.find(text);
      m = it == municipality_by_name_.end() ? -1 : it->second;
    }
    if (m < 0) reject(ImportField::kMunicipality, "unknown municipality '" + text + "'; allowed: a CBS code or name in " + s_.municipalities.path);
    if (s_.population.file_of_municipality[m] != file_index())
      reject(ImportField::kMunicipality, "municipality " + s_.municipalities.municipalities[m].code + " is not claimed by " +
                                             file_.key + "; allowed: " + claimed_ + " (" + file_.key + ".municipalities)");
    return m;
  }

  int file_index() const { return s_.population.file_of_municipality[file_.municipalities.front()]; }

  /// The job family index; -1 for a function left out on purpose.
  int family(const CsvRow& row) {
    if (column(ImportField::kJobFamily) >= 0) {
      const std::string text(field(row, ImportField::kJobFamily));
      const int j = s_.family_index(text);
      if (j < 0) reject(ImportField::kJobFamily, "unknown job family '" + text + "'; allowed: " + families_);
      return j;
    }
    const std::string text(field(row, ImportField::kFunction));
    const auto it = function_map_.family_of.find(text);
    if (it == function_map_.family_of.end() || it->second == -2) {
      ++summary_.unmapped_functions[text];
      reject(ImportField::kFunction, "function '" + text + "' has no job family in " + function_map_.path +
                                         "; allowed: a function mapped there to one of " + families_ + " or - (left out)");
    }
    return it->second;
  }

  void add_agent(AgentRecord& agent, int m) {
    agent.tenure_months = std::clamp(agent.tenure_months, 0, std::max(0, agent.age_months - kAdultAgeMonths));
    agent.onboarding_months_left = std::max(0, s_.onboarding.months - agent.tenure_months);
    ImportCell& cell = summary_.cells[static_cast<size_t>(m) * s_.family_count() + agent.family];
    cell.headcount += 1;
    cell.fte += agent.contract_fte;
    population_.by_municipality[m].append(agent);
  }

  uint64_t next_id(int m, int j) {
    return initial_agent_id(synthetic_population_index(static_cast<uint32_t>(m), static_cast<uint32_t>(j),
                                                       next_index_[static_cast<size_t>(m) * s_.family_count() + j]++));
  }

  void read_employee(const CsvRow& row) {
    const int m = municipality(row);
    const int j = family(row);
    AgentRecord agent;
    agent.family = static_cast<uint8_t>(j < 0 ? 0 : j);
    // Age and tenure in completed months on the first day of start (= point 0's end).
    if (column(ImportField::kBirthDate) >= 0) {
      agent.age_months = completed_months(date(row, ImportField::kBirthDate), start_date_);
      if (agent.age_months < kMinAgeYears * 12 || agent.age_months > kMaxAgeYears * 12)
        reject(ImportField::kBirthDate, "the age on " + start_text() + " is out of range; allowed: 15 to 80 years");
    } else {
      const double years = number(row, ImportField::kAgeYears);
      if (!(years >= kMinAgeYears && years <= kMaxAgeYears))
        reject(ImportField::kAgeYears, "'" + std::string(field(row, ImportField::kAgeYears)) + "' is out of range; allowed: 15 to 80 years");
      agent.age_months = static_cast<int32_t>(std::floor(years * 12.0));
    }
    if (column(ImportField::kHireDate) >= 0) {
      const CalendarDate hired = date(row, ImportField::kHireDate);
      if (start_date_ < hired)
        reject(ImportField::kHireDate, "is after the start (" + start_text() + "); allowed: staff employed on the start date");
      agent.tenure_months = completed_months(hired, start_date_);
    } else {
      const double years = number(row, ImportField::kTenureYears);
      if (!(years >= 0 && years <= kMaxAgeYears))
        reject(ImportField::kTenureYears, "'" + std::string(field(row, ImportField::kTenureYears)) + "' is out of range; allowed: 0 to 80 years");
      agent.tenure_months = static_cast<int32_t>(std::floor(years * 12.0));
    }
    bool capped = false;
    if (column(ImportField::kHoursPerWeek) >= 0) {
      const double hours = number(row, ImportField::kHoursPerWeek);
      if (!(hours > 0 && hours <= kMaxHoursPerWeek))
        reject(ImportField::kHoursPerWeek, "'" + std::string(field(row, ImportField::kHoursPerWeek)) +
                                               "' is out of range; allowed: more than 0 and at most 60 hours per week");
      // The model's contract FTE is at most 1: hours above the full-time week count as 1 FTE.
      capped = hours > format_.full_time_hours_per_week;
      agent.contract_fte = capped ? 1.0 : hours / format_.full_time_hours_per_week;
    } else {
      agent.contract_fte = number(row, ImportField::kContractFte);
      if (!(agent.contract_fte > 0 && agent.contract_fte <= 1))
        reject(ImportField::kContractFte, "'" + std::string(field(row, ImportField::kContractFte)) + "' is out of range; allowed: (0, 1]");
    }
    if (j < 0) {  // checked like any row, then left out on purpose
      ++summary_.rows_left_out;
      return;
    }
    summary_.rows_hours_capped += capped ? 1 : 0;
    agent.id = next_id(m, j);
    add_agent(agent, m);
    ++summary_.rows_imported;
  }

  void read_aggregate(const CsvRow& row) {
    const int m = municipality(row);
    const int j = family(row);
    int age_from = 0, age_to = 0;
    const std::string age_text(field(row, ImportField::kAgeBand));
    if (!parse_year_band(age_text, aow_years_at_start_ - 1, age_from, age_to))
      reject(ImportField::kAgeBand, "'" + age_text + "' is not an age band; allowed: A-B (completed years, inclusive) or A+");
    if (age_from < kMinAgeYears || age_to > kMaxAgeYears)
      reject(ImportField::kAgeBand, "'" + age_text + "' is out of range; allowed: bands within 15 to 80 years");
    int tenure_from = -1, tenure_to = -1;
    if (column(ImportField::kTenureBand) >= 0) {
      const std::string tenure_text(field(row, ImportField::kTenureBand));
      if (!parse_year_band(tenure_text, -1, tenure_from, tenure_to) || tenure_from > kMaxAgeYears)
        reject(ImportField::kTenureBand, "'" + tenure_text + "' is not a tenure band; allowed: A-B (completed years, inclusive) or A+");
      if (trim_field(tenure_text).back() == '+') tenure_to = -1;  // open: up to age minus 18 years
    }
    const double headcount = number(row, ImportField::kHeadcount);
    if (headcount != std::floor(headcount) || headcount < 0 || headcount > kMaxAggregateHeadcount)
      reject(ImportField::kHeadcount, "'" + std::string(field(row, ImportField::kHeadcount)) +
                                          "' is not a whole number from 0 to 1000000");
    const double fte = number(row, ImportField::kFte);
    if (headcount == 0 ? fte != 0 : !(fte > 0 && fte <= headcount))
      reject(ImportField::kFte, "'" + std::string(field(row, ImportField::kFte)) + "' does not fit headcount " +
                                    std::string(field(row, ImportField::kHeadcount)) +
                                    "; allowed: more than 0 and at most the headcount (0 with headcount 0)");
    if (j < 0) {
      ++summary_.rows_left_out;
      return;
    }
    const int n = static_cast<int>(headcount);
    for (int k = 0; k < n; ++k) {
      AgentRecord agent;
      agent.id = next_id(m, j);
      agent.family = static_cast<uint8_t>(j);
      // Equal FTE for everyone in the row: the aggregate says nothing about its spread.
      agent.contract_fte = fte / headcount;
      const auto u = rng_.uniform_pair(RngPurpose::kInitialPopulation, agent.id, 0, 0);
      const int age_lo = age_from * 12;
      const int age_span = (age_to - age_from + 1) * 12;
      agent.age_months = age_lo + std::min(age_span - 1, static_cast<int>(std::floor(u[0] * age_span)));
      if (tenure_from < 0) {
        const auto v = rng_.uniform_pair(RngPurpose::kInitialPopulation, agent.id, 0, 2);  // as the synthetic source
        agent.tenure_months = static_cast<int32_t>(std::floor(s_.population.tenure_years.draw(v[0], v[1]) * 12.0));
      } else {
        const int upper = tenure_to >= 0 ? tenure_to : std::max(tenure_from, (agent.age_months - kAdultAgeMonths) / 12);
        const int span = (upper - tenure_from + 1) * 12;
        agent.tenure_months = tenure_from * 12 + std::min(span - 1, static_cast<int>(std::floor(u[1] * span)));
      }
      add_agent(agent, m);
    }
    ++summary_.rows_imported;
  }

  std::string start_text() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-01", start_date_.year, start_date_.month);
    return text;
  }

  const ResolvedScenario& s_;
  const ImportFile& file_;
  const ImportFormat& format_;
  Population& population_;
  ImportFileSummary& summary_;
  std::vector<uint32_t>& next_index_;
  RandomStreams rng_;
  CalendarDate start_date_;
  int aow_years_at_start_ = 67;
  std::string families_;
  std::string claimed_;
  std::unordered_map<std::string, int> municipality_by_name_;
  FunctionMap function_map_;
  std::array<int, static_cast<size_t>(ImportField::kCount)> column_{};
};

}  // namespace

ImportSummary import_population_files(const ResolvedScenario& s, Population& population) {
  ImportSummary summary;
  for (int m = 0; m < s.real_municipalities; ++m) summary.synthetic_municipalities += s.population.file_of_municipality[m] < 0;
  std::vector<uint32_t> next_index(static_cast<size_t>(s.real_municipalities) * s.family_count(), 0);
  for (const ImportFile& file : s.population.files) {
    ImportFileSummary& result = summary.files.emplace_back();
    result.file = &file;
    result.cells.assign(static_cast<size_t>(s.real_municipalities) * s.family_count(), ImportCell{});
    if (file.format < 0) {
      // krapte's own columns: the employee-file reader, stopping at the first bad row.
      Population read = read_employee_file(s, file.path, &file);
      for (int m : file.municipalities) {
        MunicipalityAgents& agents = read.by_municipality[m];
        for (size_t i = 0; i < agents.size(); ++i) {
          const AgentRecord agent = agents.record(i);
          ImportCell& cell = result.cells[static_cast<size_t>(m) * s.family_count() + agent.family];
          cell.headcount += 1;
          cell.fte += agent.contract_fte;
          population.by_municipality[m].append(agent);
          ++result.rows_read;
          ++result.rows_imported;
        }
      }
      continue;
    }
    ExtractReader(s, file, s.population.formats[file.format], population, result, next_index).read();
  }
  return summary;
}

void throw_if_rejected(const ImportSummary& summary) {
  const ImportFileSummary* first_file = nullptr;
  std::string more_lines;
  int64_t more = 0;
  constexpr int kLinesListed = 5;
  for (const ImportFileSummary& file : summary.files)
    for (const ImportRejection& rejection : file.rejected) {
      if (first_file == nullptr) {
        first_file = &file;
        continue;
      }
      if (more < kLinesListed)
        more_lines += (more_lines.empty() ? "" : ", ") + (&file == first_file ? "" : file.file->path + ":") + std::to_string(rejection.line);
      ++more;
    }
  if (first_file == nullptr) return;
  const ImportRejection& first = first_file->rejected.front();
  std::string message = first.reason;
  if (more > 0)
    message += "; and " + std::to_string(more) + " more rejected row" + (more == 1 ? "" : "s") + " (line" + (more == 1 ? " " : "s ") +
               more_lines + (more > kLinesListed ? ", ..." : "") + "); krapte validate lists them all";
  throw InputError(SourceLocation{first_file->file->path, first.line, first.column}, message);
}

std::string format_import_summary(const ResolvedScenario& s, const ImportSummary& summary) {
  std::string out;
  char line[512];
  for (const ImportFileSummary& result : summary.files) {
    const ImportFile& file = *result.file;
    std::string codes;
    for (int m : file.municipalities) codes += (codes.empty() ? "" : ", ") + s.municipalities.municipalities[m].code;
    const std::string format = file.format < 0 ? "krapte's own columns" : "format " + s.population.formats[file.format].name;
    const bool aggregate = file.format >= 0 && s.population.formats[file.format].kind == ImportKind::kAggregate;
    out += "# import " + file.key + ": " + file.path + " (" + format + (aggregate ? ", aggregate" : "") + ") for " + codes + "\n";
    std::snprintf(line, sizeof line, "#   rows read %lld, imported %lld, left out by the function map %lld, rejected %zu\n",
                  static_cast<long long>(result.rows_read), static_cast<long long>(result.rows_imported),
                  static_cast<long long>(result.rows_left_out), result.rejected.size());
    out += line;
    if (result.rows_hours_capped > 0) {
      std::snprintf(line, sizeof line, "#   rows with more hours than the %s-hour full-time week, counted as 1 FTE: %lld\n",
                    format_number(s.population.formats[file.format].full_time_hours_per_week).c_str(),
                    static_cast<long long>(result.rows_hours_capped));
      out += line;
    }
    out += "#   municipality  job_family            headcount         FTE\n";
    for (int m : file.municipalities) {
      int64_t total_headcount = 0;
      double total_fte = 0;
      for (int j = 0; j < s.family_count(); ++j) {
        const ImportCell& cell = result.cells[static_cast<size_t>(m) * s.family_count() + j];
        total_headcount += cell.headcount;
        total_fte += cell.fte;
        std::snprintf(line, sizeof line, "#   %-13s %-20s %10lld %11.2f\n", s.municipalities.municipalities[m].code.c_str(),
                      s.families[j].name.c_str(), static_cast<long long>(cell.headcount), cell.fte);
        out += line;
      }
      std::snprintf(line, sizeof line, "#   %-13s %-20s %10lld %11.2f\n", s.municipalities.municipalities[m].code.c_str(), "(all)",
                    static_cast<long long>(total_headcount), total_fte);
      out += line;
    }
    for (const auto& [function, rows] : result.unmapped_functions) {
      std::snprintf(line, sizeof line, "#   function without a job family: '%s' (%lld row%s)\n", one_line(function).c_str(),
                    static_cast<long long>(rows), rows == 1 ? "" : "s");
      out += line;
    }
    for (const ImportRejection& rejection : result.rejected)
      out += "#   rejected: line " + std::to_string(rejection.line) + ", column " + std::to_string(rejection.column) + ": " +
             one_line(rejection.reason) + "\n";
  }
  out += "# synthetic: " + std::to_string(summary.synthetic_municipalities) + " of " + std::to_string(s.real_municipalities) +
         " municipalities\n";
  return out;
}

}  // namespace krapte

// What `krapte report` shows, computed from one or more run files: every figure of the
// page (docs/report.md), as means and 5th-95th percentiles over replications, and the
// JSON the page embeds. The page's scripts only lay these numbers out; they compute
// nothing a reader relies on, so the numbers can be checked against the HDF5 files.
// Reading (through output/result_reader.h): report_data.cpp; the JSON: report_json.cpp
// with json_writer.h; the families' display names: display_names.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/display_names.h"

namespace krapte {

/// Mean and 5th/95th percentile over replications of one series (index: time point).
struct Band {
  std::vector<double> mean, p05, p95;
};

/// One municipality at the last month, all job families together.
struct MunicipalityLast {
  double rate_mean = 0, rate_p05 = 0, rate_p95 = 0;
  double vacancy_fte = 0, demand_fte = 0;  // means
};

/// Everything the page shows of one run file.
struct ScenarioReport {
  std::string file;   // as given on the command line
  std::string label;  // file stem, made unique among the files of one report
  std::string scenario_name, scenario_hash, created, krapte_version, git_commit;
  std::string mode;  // "agents" or "expected" (the projection); "" in older files
  int64_t seed = 0;
  int64_t replications = 0;

  // National fan charts, index [family] with the last entry = all families: vacancy FTE
  // summed, vacancy rate = summed vacancy / summed demand, both per replication first.
  std::vector<Band> vacancy_fte, vacancy_rate;

  // Flows per calendar year (steps 1..T grouped by year), summed over job families, mean
  // over replications: flow_names[i] -> flows[i][year].
  std::vector<std::vector<double>> flows;

  // National headcount by age band at point 0 and at the last point, mean over replications.
  std::vector<double> age_start, age_end;

  // Vacancy rate per region at the last point, mean over replications, [region][family]
  // with the last column = all families.
  std::vector<std::vector<double>> region_rate_last;
  // Region map, all families: [time][region] means of rate, vacancy FTE and demand FTE.
  std::vector<std::vector<double>> region_rate, region_vacancy_fte, region_demand_fte;

  // Costs (issue 12), only when the file has /costs: total cost summed over the run's months
  // and families, mean over replications, in euros.
  bool has_costs = false;
  double cost_total = 0;

  // Only when the file has the /municipality group.
  bool has_municipalities = false;
  // Map, all families: [time][municipality] means of rate, vacancy FTE and demand FTE.
  std::vector<std::vector<double>> municipality_rate, municipality_vacancy_fte, municipality_demand_fte;
  std::vector<MunicipalityLast> municipality_last;  // [municipality]
  std::vector<int> top_municipalities;              // 20 (or fewer) indices, largest rate first
};

/// One row of the table of differences against the first file: a job family (or all),
/// at the last month, `other - base` with a 90% interval (report/differences.h).
struct DifferenceStat {
  double base = 0, other = 0, difference = 0, low = 0, high = 0;  // low/high NaN: no interval
};
struct DifferenceRow {
  std::string family;  // key; "" = all families
  DifferenceStat vacancy_fte, vacancy_rate;
};
struct Differences {
  int other = 0;        // index of the file compared with file 0
  bool paired = false;  // same seed and replication count: common random numbers
  std::string method;   // how the interval was formed, in words
  std::vector<DifferenceRow> rows;
};

struct ReportData {
  std::vector<std::string> time;          // "YYYY-MM" per point
  std::vector<std::string> job_families;  // keys
  std::vector<std::string> regions;
  std::vector<std::vector<std::string>> municipalities;  // code, name, province, region
  std::vector<std::string> age_bands;
  std::vector<std::string> years;   // calendar years of steps 1..T
  std::vector<int> months_in_year;  // how many simulated months each year has
  std::vector<ScenarioReport> scenarios;
  std::vector<Differences> differences;  // one per file after the first
};

/// The flows of the "hires against exits" chart, in the order of ScenarioReport::flows.
const std::vector<std::string>& report_flow_names();

/// Reads the files; InputError (one line) if a file is missing, not a krapte run file, or
/// its axes (time, job families, regions, municipalities, age bands) differ from the first.
ReportData build_report_data(const std::vector<std::string>& files);

/// The JSON embedded in the page (numbers to 6 significant digits; NaN as null).
std::string report_data_json(const ReportData& data);

}  // namespace krapte

// Reading the run files of a report: every figure of the page, through output/result_reader.h.
#include "report/report_data.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>

#include "core/errors.h"
#include "metrics/catalogue.h"
#include "metrics/statistics.h"
#include "output/hdf5_handles.h"
#include "output/result_reader.h"
#include "output/run_file.h"
#include "report/differences.h"

namespace krapte {

namespace {
/// The flows of the "hires against exits" chart.
const std::vector<Metric>& report_flows() {
  static const std::vector<Metric> kFlows = {Metric::kHiresExternal,   Metric::kHiresTrainee, Metric::kExitsRetirement,
                                             Metric::kExitsEarlyRetirement, Metric::kExitsQuit,    Metric::kExitsOther,
                                             Metric::kExitsTrainee};
  return kFlows;
}
}  // namespace

const std::vector<std::string>& report_flow_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const Metric m : report_flows()) names.emplace_back(metric_info(m).name);
    return names;
  }();
  return kNames;
}

namespace {

/// Mean, 5th and 95th percentile of `values`.
void summarize(const std::vector<double>& values, double& mean, double& p05, double& p95) {
  const Spread spread = spread_of(values);
  mean = spread.mean;
  p05 = spread.p05;
  p95 = spread.p95;
}

std::string range_text(const std::vector<std::string>& labels) {
  if (labels.empty()) return "empty";
  return labels.front() + ".." + labels.back() + " (" + std::to_string(labels.size()) + ")";
}

std::string list_text(const std::vector<std::string>& labels) {
  std::string text;
  for (size_t i = 0; i < labels.size() && i < 12; ++i) text += (i ? ", " : "") + labels[i];
  if (labels.size() > 12) text += ", ... (" + std::to_string(labels.size()) + ")";
  return text;
}

/// The municipalities of a file's municipality axis, by its kind column: units that levers
/// add (shared-service centres, flexpools; docs/levers) come after them, so a scenario with
/// such a lever still compares with the baseline; its units count in the region figures.
std::vector<std::vector<std::string>> real_municipalities(const RunFileContents& header) {
  std::vector<std::vector<std::string>> rows;
  for (size_t u = 0; u < header.municipalities.size() && header.is_municipality(u); ++u) rows.push_back(header.municipalities[u]);
  return rows;
}

/// InputError unless `file`'s axes equal those of the first file.
void check_same_axes(const ReportData& data, const std::string& first, const std::string& file,
                     const RunFileContents& header, const std::vector<std::string>& age_bands) {
  auto differ = [&](const std::string& axis, const std::string& mine, const std::string& theirs) {
    throw InputError(SourceLocation{file, 0, 0}, "its " + axis + " differs from that of the first file " + first +
                                                     " (" + mine + " against " + theirs +
                                                     "); allowed: result files of the same months, job families, "
                                                     "regions and municipalities");
  };
  if (header.time != data.time) differ("time axis", range_text(header.time), range_text(data.time));
  if (header.job_families != data.job_families)
    differ("job family axis", list_text(header.job_families), list_text(data.job_families));
  if (header.regions != data.regions) differ("region axis", list_text(header.regions), list_text(data.regions));
  std::vector<std::string> mine, theirs;
  for (const auto& m : real_municipalities(header)) mine.push_back(m[0]);
  for (const auto& m : data.municipalities) theirs.push_back(m[0]);
  if (mine != theirs) differ("municipality axis", list_text(mine), list_text(theirs));
  if (age_bands != data.age_bands) differ("age band axis", list_text(age_bands), list_text(data.age_bands));
}

ScenarioReport read_scenario(const std::string& path, const ReportData& axes) {
  ScenarioReport s;
  s.file = path;
  const ResultReader reader(path);
  const RunFileContents& header = reader.header();
  s.scenario_name = header.scenario_name;
  s.seed = header.seed;
  s.replications = header.replications;
  s.scenario_hash = reader.optional_attribute("scenario_hash");
  s.created = reader.optional_attribute("created");
  s.krapte_version = reader.optional_attribute("krapte_version");
  s.git_commit = reader.optional_attribute("git_commit");
  s.mode = reader.optional_attribute("mode");
  s.has_costs = reader.exists("costs/national/total_cumulative");

  const size_t reps = static_cast<size_t>(header.replications);
  const size_t points = axes.time.size();
  const size_t families = axes.job_families.size();
  const size_t regions = axes.regions.size();
  const size_t municipalities = axes.municipalities.size();
  const size_t bands = axes.age_bands.size();
  const size_t last = points - 1;
  const auto all_families = [&](size_t j) { return j < families ? Families::one(j) : Families::all(); };

  if (s.has_costs) {  // the cost page: total cost over the run against the gap at its end
    const auto total = reader.read(Level::kNational, "costs/national", "total_cumulative");
    for (size_t r = 0; r < reps; ++r)
      for (size_t j = 0; j < families; ++j) s.cost_total += total[(r * points + last) * families + j] / static_cast<double>(reps);
  }

  // National fan charts: per family and all families, per replication first.
  s.vacancy_fte.assign(families + 1, Band{});
  s.vacancy_rate.assign(families + 1, Band{});
  for (size_t j = 0; j <= families; ++j) {
    Band& fte = s.vacancy_fte[j];
    Band& rate = s.vacancy_rate[j];
    for (Band* band : {&fte, &rate}) {
      band->mean.resize(points);
      band->p05.resize(points);
      band->p95.resize(points);
    }
    for (size_t k = 0; k < points; ++k) {
      summarize(reader.aggregate(Level::kNational, Metric::kVacancyFte, k, 0, all_families(j)), fte.mean[k], fte.p05[k], fte.p95[k]);
      summarize(reader.aggregate(Level::kNational, Metric::kVacancyRate, k, 0, all_families(j)), rate.mean[k], rate.p05[k],
                rate.p95[k]);
    }
  }

  // Flows per calendar year, all families.
  for (const Metric flow : report_flows()) {
    std::vector<double> per_year(axes.years.size(), 0.0);
    for (size_t k = 1; k < points; ++k) {
      const auto year = static_cast<size_t>(std::find(axes.years.begin(), axes.years.end(), axes.time[k].substr(0, 4)) -
                                            axes.years.begin());
      for (size_t r = 0; r < reps; ++r)
        for (size_t j = 0; j < families; ++j) per_year[year] += reader.at(Level::kNational, flow, r, k, 0, j);
    }
    for (double& value : per_year) value /= static_cast<double>(reps);
    s.flows.push_back(per_year);
  }

  // Age pyramid at the first and the last point.
  const auto& histogram = reader.age_histogram(bands);
  s.age_start.assign(bands, 0.0);
  s.age_end.assign(bands, 0.0);
  for (size_t r = 0; r < reps; ++r)
    for (size_t j = 0; j < families; ++j)
      for (size_t b = 0; b < bands; ++b) {
        s.age_start[b] += histogram[((r * points + 0) * families + j) * bands + b];
        s.age_end[b] += histogram[((r * points + last) * families + j) * bands + b];
      }
  for (size_t b = 0; b < bands; ++b) {
    s.age_start[b] /= static_cast<double>(reps);
    s.age_end[b] /= static_cast<double>(reps);
  }

  // Regions: the table at the last point (per family and all) and the map at every point.
  s.region_rate_last.assign(regions, std::vector<double>(families + 1, 0.0));
  s.region_rate.assign(points, std::vector<double>(regions, 0.0));
  s.region_vacancy_fte = s.region_rate;
  s.region_demand_fte = s.region_rate;
  for (size_t k = 0; k < points; ++k)
    for (size_t g = 0; g < regions; ++g) {
      const auto rate = reader.aggregate(Level::kRegion, Metric::kVacancyRate, k, g, Families::all());
      const auto vacancy = reader.aggregate(Level::kRegion, Metric::kVacancyFte, k, g, Families::all());
      const auto demand = reader.aggregate(Level::kRegion, Metric::kDemandFte, k, g, Families::all());
      for (size_t r = 0; r < reps; ++r) {
        if (k == last)
          for (size_t j = 0; j < families; ++j)
            s.region_rate_last[g][j] += reader.at(Level::kRegion, Metric::kVacancyRate, r, k, g, j) / static_cast<double>(reps);
        s.region_rate[k][g] += rate[r] / static_cast<double>(reps);
        s.region_vacancy_fte[k][g] += vacancy[r] / static_cast<double>(reps);
        s.region_demand_fte[k][g] += demand[r] / static_cast<double>(reps);
        if (k == last) s.region_rate_last[g][families] += rate[r] / static_cast<double>(reps);
      }
    }

  // Municipalities: the map, the last month and the 20 largest vacancy rates.
  s.has_municipalities = reader.has(Level::kMunicipality, Metric::kVacancyFte) && reader.has(Level::kMunicipality, Metric::kDemandFte);
  if (s.has_municipalities) {
    s.municipality_rate.assign(points, std::vector<double>(municipalities, 0.0));
    s.municipality_vacancy_fte = s.municipality_rate;
    s.municipality_demand_fte = s.municipality_rate;
    s.municipality_last.assign(municipalities, MunicipalityLast{});
    for (size_t k = 0; k < points; ++k)
      for (size_t m = 0; m < municipalities; ++m) {
        const auto rates = reader.aggregate(Level::kMunicipality, Metric::kVacancyRate, k, m, Families::all());
        const auto vacancy = reader.aggregate(Level::kMunicipality, Metric::kVacancyFte, k, m, Families::all());
        const auto demand = reader.aggregate(Level::kMunicipality, Metric::kDemandFte, k, m, Families::all());
        for (size_t r = 0; r < reps; ++r) {
          s.municipality_vacancy_fte[k][m] += vacancy[r] / static_cast<double>(reps);
          s.municipality_demand_fte[k][m] += demand[r] / static_cast<double>(reps);
        }
        if (k == last) {
          MunicipalityLast& out = s.municipality_last[m];
          out.vacancy_fte = s.municipality_vacancy_fte[k][m];
          out.demand_fte = s.municipality_demand_fte[k][m];
          summarize(rates, out.rate_mean, out.rate_p05, out.rate_p95);
          s.municipality_rate[k][m] = out.rate_mean;
        } else {
          s.municipality_rate[k][m] = mean_of(rates);
        }
      }
    std::vector<int> order(municipalities);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return s.municipality_last[static_cast<size_t>(a)].rate_mean >
             s.municipality_last[static_cast<size_t>(b)].rate_mean;
    });
    order.resize(std::min<size_t>(order.size(), 20));
    s.top_municipalities = order;
  }
  return s;
}

}  // namespace

ReportData build_report_data(const std::vector<std::string>& files) {
  if (files.empty()) throw InputError("no result file given; allowed: one or more .h5 files written by krapte run");
  ReportData data;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i];
    const RunFileContents header = read_run_file_header(path);
    std::vector<std::string> age_bands;
    {
      const h5::Handle file = h5::open_file_read(path);
      if (!h5::exists(file, axis_path(Axis::kAgeBand))) not_a_run_file(path, "no /" + axis_path(Axis::kAgeBand));
      try {
        age_bands = h5::read_strings(file, axis_path(Axis::kAgeBand));
      } catch (const std::runtime_error& e) {
        not_a_run_file(path, e.what());
      }
    }
    if (i == 0) {
      data.time = header.time;
      data.job_families = header.job_families;
      data.regions = header.regions;
      data.municipalities = real_municipalities(header);
      data.age_bands = age_bands;
      for (size_t k = 1; k < data.time.size(); ++k) {
        const std::string year = data.time[k].substr(0, 4);
        if (data.years.empty() || data.years.back() != year) {
          data.years.push_back(year);
          data.months_in_year.push_back(0);
        }
        ++data.months_in_year.back();
      }
    } else {
      check_same_axes(data, files[0], path, header, age_bands);
    }
    data.scenarios.push_back(read_scenario(path, data));
  }

  // Labels: the file stems, made unique.
  std::map<std::string, int> seen;
  for (ScenarioReport& s : data.scenarios) {
    std::string label = std::filesystem::path(s.file).stem().string();
    if (label.empty()) label = s.scenario_name;
    const int count = ++seen[label];
    s.label = count == 1 ? label : label + " (" + std::to_string(count) + ")";
  }
  for (size_t i = 1; i < files.size(); ++i)
    data.differences.push_back(last_month_differences(files[0], files[i], static_cast<int>(i)));
  return data;
}

}  // namespace krapte

#include "report/report_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>

#include "core/errors.h"
#include "core/version.h"
#include "output/hdf5_handles.h"
#include "output/run_file.h"
#include "output/summary.h"
#include "report/differences.h"

namespace krapte {

std::string job_family_display_name(const std::string& key) {
  // The names the municipal sector uses (A&O fonds Gemeenten, Personeelsmonitor).
  static const std::map<std::string, std::string> kNames = {
      {"bestuur_management", "Bestuur en management"},
      {"beleid", "Beleid"},
      {"dienstverlening", "Publieke dienstverlening"},
      {"sociaal_domein", "Sociaal domein"},
      {"ruimtelijk_domein", "Ruimtelijk domein"},
      {"ict", "ICT en informatievoorziening"},
      {"financien",
       "Financi\xC3\xAB"
       "n"},
      {"bedrijfsvoering", "Bedrijfsvoering"},
      {"openbare_ruimte", "Openbare ruimte"},
      {"handhaving", "Toezicht en handhaving"},
  };
  if (const auto it = kNames.find(key); it != kNames.end()) return it->second;
  std::string name = key;
  std::replace(name.begin(), name.end(), '_', ' ');
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

const std::vector<std::string>& report_flow_names() {
  static const std::vector<std::string> kFlows = {"hires_external",         "hires_trainee", "exits_retirement",
                                                  "exits_early_retirement", "exits_quit",    "exits_other",
                                                  "exits_trainee"};
  return kFlows;
}

namespace {

[[noreturn]] void not_a_run_file(const std::string& path, const std::string& why) {
  throw InputError(SourceLocation{path, 0, 0},
                   "not a krapte run file (" + why + "); allowed: a file written by krapte run");
}

std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + "]";
}

/// Reads /<group>/<name> and checks its shape.
std::vector<double> read_checked(const std::string& path, const std::string& group, const std::string& name,
                                 const std::vector<hsize_t>& expected) {
  std::vector<hsize_t> dims;
  std::vector<double> values = read_run_dataset(path, group, name, dims);
  if (dims != expected)
    not_a_run_file(
        path, "/" + group + "/" + name + " has shape " + dims_text(dims) + ", the axes give " + dims_text(expected));
  return values;
}

std::string optional_attribute(hid_t file, const char* name) {
  try {
    return h5::read_string_attribute(file, name);
  } catch (const std::exception&) {
    return "";
  }
}

double mean_of(const std::vector<double>& values) {
  const double sum = std::accumulate(values.begin(), values.end(), 0.0);
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

/// Mean, 5th and 95th percentile of `values` (reordered).
void summarize(std::vector<double>& values, double& mean, double& p05, double& p95) {
  mean = mean_of(values);
  p05 = percentile(values, 0.05);
  p95 = percentile(values, 0.95);
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

/// The municipalities of a file's municipality axis: units that levers add (shared-service
/// centres, flexpools; docs/levers) come after them and have no CBS code, so a scenario with
/// such a lever still compares with the baseline; its units count in the region figures.
std::vector<std::vector<std::string>> real_municipalities(const RunFileContents& header) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : header.municipalities) {
    if (row[0].rfind("GM", 0) != 0) break;
    rows.push_back(row);
  }
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
  const RunFileContents header = read_run_file_header(path);
  s.scenario_name = header.scenario_name;
  s.seed = header.seed;
  s.replications = header.replications;
  bool has_municipality_group = false;
  {
    const h5::Handle file = h5::open_file_read(path);
    s.scenario_hash = optional_attribute(file, "scenario_hash");
    s.created = optional_attribute(file, "created");
    s.krapte_version = optional_attribute(file, "krapte_version");
    s.git_commit = optional_attribute(file, "git_commit");
    s.mode = optional_attribute(file, "mode");
    has_municipality_group =
        h5::exists(file, "municipality/vacancy_fte") && h5::exists(file, "municipality/demand_fte");
    s.has_costs = h5::exists(file, "costs/national/total_cumulative");
  }

  const size_t reps = static_cast<size_t>(header.replications);
  const size_t points = axes.time.size();
  const size_t families = axes.job_families.size();
  const size_t regions = axes.regions.size();
  const size_t municipalities = axes.municipalities.size();
  const size_t units = header.municipalities.size();  // municipalities, then any lever units
  const size_t bands = axes.age_bands.size();
  const size_t last = points - 1;
  const std::vector<hsize_t> national_dims = {reps, points, families};
  const std::vector<hsize_t> region_dims = {reps, points, regions, families};

  // National fan charts and the per-replication values at the last point.
  const auto vacancy = read_checked(path, "national", "vacancy_fte", national_dims);
  const auto demand = read_checked(path, "national", "demand_fte", national_dims);
  auto national = [&](const std::vector<double>& v, size_t r, size_t k, size_t j) {
    return v[(r * points + k) * families + j];
  };
  if (s.has_costs) {  // the cost page: total cost over the run against the gap at its end
    const auto total = read_checked(path, "costs/national", "total_cumulative", national_dims);
    for (size_t r = 0; r < reps; ++r)
      for (size_t j = 0; j < families; ++j) s.cost_total += national(total, r, last, j) / static_cast<double>(reps);
  }
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
      std::vector<double> f(reps), q(reps);
      for (size_t r = 0; r < reps; ++r) {
        double v = 0, d = 0;
        for (size_t jj = (j < families ? j : 0); jj < (j < families ? j + 1 : families); ++jj) {
          v += national(vacancy, r, k, jj);
          d += national(demand, r, k, jj);
        }
        f[r] = v;
        q[r] = d > 0 ? v / d : 0.0;
      }
      summarize(f, fte.mean[k], fte.p05[k], fte.p95[k]);
      summarize(q, rate.mean[k], rate.p05[k], rate.p95[k]);
    }
  }

  // Flows per calendar year, all families.
  for (const std::string& name : report_flow_names()) {
    const auto flow = read_checked(path, "national", name, national_dims);
    std::vector<double> per_year(axes.years.size(), 0.0);
    for (size_t k = 1; k < points; ++k) {
      const auto year = static_cast<size_t>(std::find(axes.years.begin(), axes.years.end(), axes.time[k].substr(0, 4)) -
                                            axes.years.begin());
      for (size_t r = 0; r < reps; ++r)
        for (size_t j = 0; j < families; ++j) per_year[year] += national(flow, r, k, j);
    }
    for (double& value : per_year) value /= static_cast<double>(reps);
    s.flows.push_back(per_year);
  }

  // Age pyramid at the first and the last point.
  const auto histogram = read_checked(path, "national", "age_histogram", {reps, points, families, bands});
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

  // Regions: the table at the last point and the map at every point.
  const auto region_rate = read_checked(path, "region", "vacancy_rate", region_dims);
  const auto region_vacancy = read_checked(path, "region", "vacancy_fte", region_dims);
  const auto region_demand = read_checked(path, "region", "demand_fte", region_dims);
  auto regional = [&](const std::vector<double>& v, size_t r, size_t k, size_t g, size_t j) {
    return v[((r * points + k) * regions + g) * families + j];
  };
  s.region_rate_last.assign(regions, std::vector<double>(families + 1, 0.0));
  s.region_rate.assign(points, std::vector<double>(regions, 0.0));
  s.region_vacancy_fte = s.region_rate;
  s.region_demand_fte = s.region_rate;
  for (size_t k = 0; k < points; ++k)
    for (size_t g = 0; g < regions; ++g)
      for (size_t r = 0; r < reps; ++r) {
        double v = 0, d = 0;
        for (size_t j = 0; j < families; ++j) {
          v += regional(region_vacancy, r, k, g, j);
          d += regional(region_demand, r, k, g, j);
          if (k == last) s.region_rate_last[g][j] += regional(region_rate, r, k, g, j) / static_cast<double>(reps);
        }
        const double rate = d > 0 ? v / d : 0.0;
        s.region_rate[k][g] += rate / static_cast<double>(reps);
        s.region_vacancy_fte[k][g] += v / static_cast<double>(reps);
        s.region_demand_fte[k][g] += d / static_cast<double>(reps);
        if (k == last) s.region_rate_last[g][families] += rate / static_cast<double>(reps);
      }

  // Municipalities: the map, the last month and the 20 largest vacancy rates.
  s.has_municipalities = has_municipality_group;
  if (s.has_municipalities) {
    const std::vector<hsize_t> dims = {reps, points, units, families};
    const auto m_vacancy = read_checked(path, "municipality", "vacancy_fte", dims);
    const auto m_demand = read_checked(path, "municipality", "demand_fte", dims);
    s.municipality_rate.assign(points, std::vector<double>(municipalities, 0.0));
    s.municipality_vacancy_fte = s.municipality_rate;
    s.municipality_demand_fte = s.municipality_rate;
    s.municipality_last.assign(municipalities, MunicipalityLast{});
    std::vector<double> rates(reps);
    for (size_t k = 0; k < points; ++k)
      for (size_t m = 0; m < municipalities; ++m) {
        for (size_t r = 0; r < reps; ++r) {
          double v = 0, d = 0;
          const size_t base = ((r * points + k) * units + m) * families;
          for (size_t j = 0; j < families; ++j) {
            v += m_vacancy[base + j];
            d += m_demand[base + j];
          }
          rates[r] = d > 0 ? v / d : 0.0;
          s.municipality_vacancy_fte[k][m] += v / static_cast<double>(reps);
          s.municipality_demand_fte[k][m] += d / static_cast<double>(reps);
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

// ---- JSON ---------------------------------------------------------------------------------

class Json {
 public:
  void raw(const std::string& text) { out_ += text; }
  void string(const std::string& text) {
    out_ += '"';
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"') {
        out_ += "\\\"";
      } else if (c == '\\') {
        out_ += "\\\\";
      } else if (byte < 0x20 || c == '<' || c == '>' || c == '&') {  // nothing can close the <script>
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
        out_ += escaped;
      } else {
        out_ += c;
      }
    }
    out_ += '"';
  }
  void number(double value) {
    if (!std::isfinite(value)) {
      out_ += "null";
      return;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value == 0.0 ? 0.0 : value);  // no "-0"
    out_ += buffer;
  }
  void number(int64_t value) { out_ += std::to_string(value); }
  void numbers(const std::vector<double>& values) {
    out_ += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += ',';
      number(values[i]);
    }
    out_ += ']';
  }
  void integers(const std::vector<int>& values) {
    out_ += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += ',';
      number(static_cast<int64_t>(values[i]));
    }
    out_ += ']';
  }
  void matrix(const std::vector<std::vector<double>>& rows) {
    out_ += '[';
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i) out_ += ",\n";
      numbers(rows[i]);
    }
    out_ += ']';
  }
  void strings(const std::vector<std::string>& values) {
    out_ += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += ',';
      string(values[i]);
    }
    out_ += ']';
  }
  void key(const std::string& name) {
    string(name);
    out_ += ':';
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

void write_bands(Json& json, const std::vector<Band>& bands) {
  json.raw("[");
  for (size_t j = 0; j < bands.size(); ++j) {
    json.raw(j ? ",\n{" : "{");
    json.key("mean");
    json.numbers(bands[j].mean);
    json.raw(",");
    json.key("p05");
    json.numbers(bands[j].p05);
    json.raw(",");
    json.key("p95");
    json.numbers(bands[j].p95);
    json.raw("}");
  }
  json.raw("]");
}

void write_stat(Json& json, const DifferenceStat& stat) {
  json.raw("{");
  json.key("base");
  json.number(stat.base);
  json.raw(",");
  json.key("other");
  json.number(stat.other);
  json.raw(",");
  json.key("difference");
  json.number(stat.difference);
  json.raw(",");
  json.key("low");
  json.number(stat.low);
  json.raw(",");
  json.key("high");
  json.number(stat.high);
  json.raw("}");
}

void write_scenario(Json& json, const ScenarioReport& s) {
  json.raw("{");
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"file", s.file},
                                                        {"label", s.label},
                                                        {"scenario_name", s.scenario_name},
                                                        {"scenario_hash", s.scenario_hash},
                                                        {"created", s.created},
                                                        {"krapte_version", s.krapte_version},
                                                        {"git_commit", s.git_commit},
                                                        {"mode", s.mode}}) {
    json.key(name);
    json.string(value);
    json.raw(",");
  }
  json.key("cost_total");  // euros over the run, mean over replications; null without /costs
  if (s.has_costs) json.number(s.cost_total);
  else json.raw("null");
  json.raw(",");
  json.key("seed");
  json.number(s.seed);
  json.raw(",");
  json.key("replications");
  json.number(s.replications);
  json.raw(",\n");
  json.key("national");
  json.raw("{");
  json.key("vacancy_fte");
  write_bands(json, s.vacancy_fte);
  json.raw(",\n");
  json.key("vacancy_rate");
  write_bands(json, s.vacancy_rate);
  json.raw("},\n");
  json.key("flows");
  json.raw("{");
  for (size_t i = 0; i < s.flows.size(); ++i) {
    if (i) json.raw(",");
    json.key(report_flow_names()[i]);
    json.numbers(s.flows[i]);
  }
  json.raw("},\n");
  json.key("age");
  json.raw("{");
  json.key("start");
  json.numbers(s.age_start);
  json.raw(",");
  json.key("end");
  json.numbers(s.age_end);
  json.raw("},\n");
  json.key("region_last_rate");
  json.matrix(s.region_rate_last);
  json.raw(",\n");
  json.key("region_map");
  json.raw("{");
  json.key("rate");
  json.matrix(s.region_rate);
  json.raw(",\n");
  json.key("vacancy_fte");
  json.matrix(s.region_vacancy_fte);
  json.raw(",\n");
  json.key("demand_fte");
  json.matrix(s.region_demand_fte);
  json.raw("},\n");
  json.key("municipality");
  if (!s.has_municipalities) {
    json.raw("null}");
    return;
  }
  json.raw("{");
  json.key("rate");
  json.matrix(s.municipality_rate);
  json.raw(",\n");
  json.key("vacancy_fte");
  json.matrix(s.municipality_vacancy_fte);
  json.raw(",\n");
  json.key("demand_fte");
  json.matrix(s.municipality_demand_fte);
  json.raw(",\n");
  json.key("last");
  json.raw("{");
  std::vector<double> mean, p05, p95, vacancy, demand;
  for (const MunicipalityLast& m : s.municipality_last) {
    mean.push_back(m.rate_mean);
    p05.push_back(m.rate_p05);
    p95.push_back(m.rate_p95);
    vacancy.push_back(m.vacancy_fte);
    demand.push_back(m.demand_fte);
  }
  json.key("rate_mean");
  json.numbers(mean);
  json.raw(",");
  json.key("rate_p05");
  json.numbers(p05);
  json.raw(",");
  json.key("rate_p95");
  json.numbers(p95);
  json.raw(",");
  json.key("vacancy_fte");
  json.numbers(vacancy);
  json.raw(",");
  json.key("demand_fte");
  json.numbers(demand);
  json.raw("},\n");
  json.key("top");
  json.integers(s.top_municipalities);
  json.raw("}}");
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
      if (!h5::exists(file, "axes/age_band")) not_a_run_file(path, "no /axes/age_band");
      try {
        age_bands = h5::read_strings(file, "axes/age_band");
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

std::string report_data_json(const ReportData& data) {
  Json json;
  json.raw("{");
  json.key("format");
  json.number(int64_t{1});
  json.raw(",");
  json.key("generator");
  json.string(std::string("krapte ") + version() + " (git " + git_commit() + ")");
  json.raw(",\n");
  json.key("time");
  json.strings(data.time);
  json.raw(",\n");
  json.key("families");
  json.raw("[");
  for (size_t j = 0; j < data.job_families.size(); ++j) {
    json.raw(j ? ",{" : "{");
    json.key("key");
    json.string(data.job_families[j]);
    json.raw(",");
    json.key("name");
    json.string(job_family_display_name(data.job_families[j]));
    json.raw("}");
  }
  json.raw("],\n");
  json.key("regions");
  json.strings(data.regions);
  json.raw(",\n");
  json.key("municipalities");
  json.raw("[");
  for (size_t m = 0; m < data.municipalities.size(); ++m) {
    const auto& row = data.municipalities[m];
    json.raw(m ? ",\n{" : "{");
    json.key("code");
    json.string(row[0]);
    json.raw(",");
    json.key("name");
    json.string(row[1]);
    json.raw(",");
    json.key("province");
    json.string(row[2]);
    json.raw(",");
    json.key("region");
    json.string(row[3]);
    json.raw("}");
  }
  json.raw("],\n");
  json.key("age_bands");
  json.strings(data.age_bands);
  json.raw(",\n");
  json.key("years");
  json.strings(data.years);
  json.raw(",\n");
  json.key("months_in_year");
  json.integers(data.months_in_year);
  json.raw(",\n");
  json.key("flows");
  json.strings(report_flow_names());
  json.raw(",\n");
  json.key("scenarios");
  json.raw("[");
  for (size_t i = 0; i < data.scenarios.size(); ++i) {
    if (i) json.raw(",\n");
    write_scenario(json, data.scenarios[i]);
  }
  json.raw("],\n");
  json.key("differences");
  json.raw("[");
  for (size_t i = 0; i < data.differences.size(); ++i) {
    const Differences& d = data.differences[i];
    json.raw(i ? ",\n{" : "{");
    json.key("other");
    json.number(static_cast<int64_t>(d.other));
    json.raw(",");
    json.key("paired");
    json.raw(d.paired ? "true" : "false");
    json.raw(",");
    json.key("level");
    json.number(0.90);
    json.raw(",");
    json.key("method");
    json.string(d.method);
    json.raw(",");
    json.key("rows");
    json.raw("[");
    for (size_t r = 0; r < d.rows.size(); ++r) {
      json.raw(r ? ",\n{" : "{");
      json.key("family");
      if (d.rows[r].family.empty()) {
        json.raw("null");
      } else {
        json.string(d.rows[r].family);
      }
      json.raw(",");
      json.key("vacancy_fte");
      write_stat(json, d.rows[r].vacancy_fte);
      json.raw(",");
      json.key("vacancy_rate");
      write_stat(json, d.rows[r].vacancy_rate);
      json.raw("}");
    }
    json.raw("]}");
  }
  json.raw("]}\n");
  return json.take();
}

}  // namespace krapte

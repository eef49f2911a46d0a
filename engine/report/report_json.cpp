// report_data_json(): the data of the page as the JSON it embeds (docs/report.md).
#include <string>
#include <utility>
#include <vector>

#include "core/version.h"
#include "report/display_names.h"
#include "report/json_writer.h"
#include "report/report_data.h"

namespace krapte {

namespace {

void write_bands(JsonWriter& json, const std::vector<Band>& bands) {
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

void write_stat(JsonWriter& json, const DifferenceStat& stat) {
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

void write_scenario(JsonWriter& json, const ScenarioReport& s) {
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

std::string report_data_json(const ReportData& data) {
  JsonWriter json;
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

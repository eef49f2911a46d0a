#include "output/sweep_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/errors.h"
#include "metrics/catalogue.h"
#include "output/hdf5_handles.h"
#include "output/result_reader.h"
#include "scenario/schema.h"

namespace krapte {

namespace {

constexpr size_t kFixedColumns = 4;  // id, point_name, scenario_hash, point_hash

/// The metrics every sweep summary shows (the sort metric is added to them).
std::vector<std::string> shown_metrics() {
  std::vector<std::string> names;
  for (const Metric m : {Metric::kHeadcount, Metric::kFte, Metric::kDemandFte, Metric::kVacancyFte, Metric::kVacancyRate})
    names.emplace_back(metric_info(m).name);
  return names;
}

void sort_rows(SweepSummary& summary) {
  if (summary.sort.empty()) return;
  const auto column = static_cast<size_t>(
      std::find(summary.metrics.begin(), summary.metrics.end(), summary.sort) - summary.metrics.begin());
  std::stable_sort(summary.rows.begin(), summary.rows.end(), [&](const SweepSummaryRow& a, const SweepSummaryRow& b) {
    const double x = a.metrics[column].mean, y = b.metrics[column].mean;
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);  // points without runs last
    return summary.descending ? x > y : x < y;
  });
}

[[noreturn]] void not_a_sweep(const std::string& path, const std::string& why) {
  throw InputError(SourceLocation{path, 0, 0}, "not a krapte sweep file (" + why + "); allowed: a file written by krapte sweep");
}

}  // namespace

namespace {
SweepSummary summarize(const std::string& path, const SweepSummaryOptions& options);
}  // namespace

SweepSummary summarize_sweep_file(const std::string& path, const SweepSummaryOptions& options) {
  try {
    return summarize(path, options);
  } catch (const h5::Error& e) {
    // A sweep stopped by a full disk or killed during a write (docs/sweeps.md).
    throw InputError(SourceLocation{path, 0, 0}, std::string("the sweep file is damaged or incomplete (") + e.what() +
                                                     "); a resume cannot repair it: remove it and run the sweep again");
  }
}

namespace {
SweepSummary summarize(const std::string& path, const SweepSummaryOptions& options) {
  SweepSummary summary;
  summary.metrics = shown_metrics();
  if (!options.sort.empty()) {
    if (find_metric(options.sort) == nullptr)
      throw InputError(SourceLocation{"--sort " + options.sort, 0, 0}, "unknown metric; allowed: " + metric_names());
    if (std::find(summary.metrics.begin(), summary.metrics.end(), options.sort) == summary.metrics.end())
      summary.metrics.push_back(options.sort);
  }
  summary.sort = options.sort;
  summary.descending = options.descending;

  const h5::Handle file = h5::open_file_read(path);
  if (!h5::exists(file, "sweep/points") || !h5::exists(file, "sweep/done")) not_a_sweep(path, "no /sweep group");
  std::vector<h5::TableColumn> table;
  std::vector<uint8_t> done;
  std::vector<std::string> time;
  size_t families = 0;
  try {
    summary.scenario_name = h5::read_string_attribute(file, std::string(root_attribute(RootAttribute::kScenarioName)));
    const h5::Handle group(H5Gopen2(file, "sweep", H5P_DEFAULT), H5Gclose, "open /sweep");
    summary.sweep_name = h5::read_string_attribute(group, "name");
    summary.complete = h5::read_int_attribute(group, "complete") == 1;
    table = h5::read_table(file, "sweep/points");
    std::vector<hsize_t> dims;
    done = h5::read_flags(file, "sweep/done", dims);
    if (dims.size() != 2 || table.size() < kFixedColumns || dims[0] != table[0].size())
      not_a_sweep(path, "/sweep/done does not match /sweep/points");
    summary.points = static_cast<int64_t>(dims[0]);
    summary.replications = static_cast<int>(dims[1]);
    time = h5::read_strings(file, axis_path(Axis::kTime));
    families = h5::read_strings(file, axis_path(Axis::kJobFamily)).size();
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    not_a_sweep(path, e.what());
  }
  if (time.empty()) not_a_sweep(path, "empty /axes/time");
  size_t month = time.size() - 1;
  if (!options.at.empty()) {
    const auto found = std::find(time.begin(), time.end(), options.at);
    if (found == time.end())
      throw InputError(SourceLocation{"--at " + options.at, 0, 0},
                       "not a month of the file; allowed: " + time.front() + " .. " + time.back() + " (YYYY-MM)");
    month = static_cast<size_t>(found - time.begin());
  }
  summary.month = time[month];
  for (size_t c = kFixedColumns; c < table.size(); ++c) summary.keys.push_back(table[c].name);

  const auto points = static_cast<size_t>(summary.points);
  const auto replications = static_cast<size_t>(summary.replications);
  // National, all families, per (point, replication): point * replications + replication.
  const ResultReader totals = ResultReader::sweep_at(path, points, replications, families, month);
  std::vector<std::vector<double>> per_metric;
  for (const std::string& name : summary.metrics)
    per_metric.push_back(totals.aggregate(Level::kNational, find_metric(name)->metric, month, 0, Families::all()));
  for (size_t p = 0; p < points; ++p) {
    SweepSummaryRow row;
    row.point = static_cast<int64_t>(p);
    row.name = table[1].text(p);
    for (size_t c = kFixedColumns; c < table.size(); ++c) row.values.push_back(table[c].text(p));
    for (size_t r = 0; r < replications; ++r) row.runs += done[p * replications + r];
    for (const auto& values : per_metric) {
      std::vector<double> finished;
      for (size_t r = 0; r < replications; ++r)
        if (done[p * replications + r]) finished.push_back(values[p * replications + r]);
      row.metrics.push_back(spread_of(finished));
    }
    summary.runs_done += row.runs;
    summary.rows.push_back(std::move(row));
  }
  sort_rows(summary);
  return summary;
}
}  // namespace

namespace {

std::string cell(const MetricInfo& info, const SweepStatistic& s) {
  if (std::isnan(s.mean)) return "-";
  const bool rate = info.units == "1";
  const int decimals = rate ? 2 : info.aggregation == Aggregation::kAgeSumOverHeadcount ? 1 : 0;
  const double scale = rate ? 100.0 : 1.0;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%.*f [%.*f-%.*f]", decimals, s.mean * scale, decimals, s.p05 * scale, decimals,
                s.p95 * scale);
  return buffer;
}

std::string padded(const std::string& text, size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string format_sweep_summary(const std::string& path, const SweepSummary& summary) {
  bool any_name = false;
  for (const auto& row : summary.rows) any_name = any_name || !row.name.empty();
  std::vector<std::string> header = {"point"};
  if (any_name) header.push_back("name");
  for (const auto& key : summary.keys) header.push_back(key);
  header.push_back("runs");
  for (const auto& metric : summary.metrics) header.push_back(find_metric(metric)->units == "1" ? metric + " (%)" : metric);
  std::vector<std::vector<std::string>> lines = {header};
  for (const SweepSummaryRow& row : summary.rows) {
    std::vector<std::string> line = {std::to_string(row.point)};
    if (any_name) line.push_back(row.name.empty() ? "-" : row.name);
    line.insert(line.end(), row.values.begin(), row.values.end());
    line.push_back(std::to_string(row.runs) + "/" + std::to_string(summary.replications));
    for (size_t m = 0; m < summary.metrics.size(); ++m) line.push_back(cell(*find_metric(summary.metrics[m]), row.metrics[m]));
    lines.push_back(std::move(line));
  }
  std::vector<size_t> widths(header.size(), 0);
  for (const auto& line : lines)
    for (size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());

  const int64_t runs = summary.points * summary.replications;
  std::string out = path + ": sweep '" + summary.sweep_name + "' of scenario '" + summary.scenario_name + "', " +
                    std::to_string(summary.points) + " points x " + std::to_string(summary.replications) +
                    " replications, " + std::to_string(summary.runs_done) + " of " + std::to_string(runs) + " runs done" +
                    (summary.complete ? "" : " (unfinished: run the same krapte sweep again to finish it)") + "\n";
  out += "National totals at " + summary.month + ": mean [5th-95th percentile] over replications" +
         (summary.sort.empty() ? "" : "; sorted by " + summary.sort + (summary.descending ? " (descending)" : "")) + "\n";
  for (const auto& line : lines) {
    std::string text;
    for (size_t c = 0; c < line.size(); ++c) text += (c == 0 ? "" : "  ") + padded(line[c], widths[c]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

std::string sweep_summary_csv(const SweepSummary& summary) {
  // append() rather than "," + ...: GCC 12 gives a false -Wrestrict on the latter.
  std::string out = "point,point_name";
  for (const auto& key : summary.keys) out.append(",").append(csv_field(key));
  out.append(",month,runs");
  for (const auto& metric : summary.metrics)
    for (const char* statistic : {"mean", "p05", "p50", "p95"}) out.append(",").append(metric).append("_").append(statistic);
  out.append("\n");
  auto number = [](double x) { return std::isnan(x) ? std::string() : format_number(x); };
  for (const SweepSummaryRow& row : summary.rows) {
    out.append(std::to_string(row.point)).append(",").append(csv_field(row.name));
    for (const auto& value : row.values) out.append(",").append(csv_field(value));
    out.append(",").append(summary.month).append(",").append(std::to_string(row.runs));
    for (const SweepStatistic& s : row.metrics)
      out.append(",").append(number(s.mean)).append(",").append(number(s.p05)).append(",").append(number(s.p50))
          .append(",").append(number(s.p95));
    out.append("\n");
  }
  return out;
}

}  // namespace krapte

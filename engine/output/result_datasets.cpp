#include "output/result_datasets.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/version.h"
#include "scenario/monthly.h"

namespace krapte {

std::string hex64(uint64_t value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string iso_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

void write_run_attributes(hid_t file, const ResolvedScenario& scenario, const std::string& mode) {
  h5::write_attribute(file, "krapte_version", std::string(version()));
  h5::write_attribute(file, "git_commit", std::string(git_commit()));
  h5::write_attribute(file, "scenario_name", scenario.name);
  h5::write_attribute(file, "scenario_hash", hex64(scenario.hash));
  h5::write_attribute(file, "seed", static_cast<int64_t>(scenario.seed));
  h5::write_attribute(file, "replications", static_cast<int64_t>(scenario.replications));
  h5::write_attribute(file, "start", scenario.time.start.to_string());
  h5::write_attribute(file, "end", scenario.time.end.to_string());
  h5::write_attribute(file, "created", iso_now());
  h5::write_attribute(file, "mode", mode);
  h5::write_text(file, "scenario", scenario.canonical_yaml);
}

RunAxes run_axes(const ResolvedScenario& scenario) {
  RunAxes axes;
  for (int k = 0; k < scenario.time.points(); ++k) axes.time.push_back(scenario.time.month_of_point(k).to_string());
  // Levers add units after the municipalities: shared-service centres and flexpools.
  for (int u = 0; u < scenario.municipality_count(); ++u) {
    const Municipality& m = scenario.municipalities.municipalities[u];
    const UnitKind kind = scenario.unit_kind[u];
    axes.units.push_back({m.code, m.name, m.province, scenario.municipalities.regions[m.region].name,
                          kind == UnitKind::kMunicipality ? "municipality"
                          : kind == UnitKind::kSharedServiceCentre ? "shared_service_centre"
                                                                   : "flexpool"});
  }
  for (const Region& r : scenario.municipalities.regions) axes.regions.push_back(r.name);
  for (const JobFamily& f : scenario.families) axes.job_families.push_back(f.name);
  for (int b = 0; b < kAgeHistogramBands; ++b) axes.age_bands.emplace_back(age_histogram_band_label(b));
  return axes;
}

namespace {
const std::vector<std::string> kUnitColumns = {"code", "name", "province", "region", "kind"};
}  // namespace

RunAxes read_run_axes(hid_t file) {
  RunAxes axes;
  axes.time = h5::read_strings(file, "axes/time");
  axes.units = h5::read_string_table(file, "axes/municipality", kUnitColumns);
  axes.regions = h5::read_strings(file, "axes/region");
  axes.job_families = h5::read_strings(file, "axes/job_family");
  axes.age_bands = h5::read_strings(file, "axes/age_band");
  return axes;
}

void write_run_axes(hid_t file, const ResolvedScenario& scenario) {
  const RunAxes labels = run_axes(scenario);
  const h5::Handle axes = h5::create_group(file, "axes");
  h5::write_strings(axes, "time", labels.time);
  h5::write_string_table(axes, "municipality", kUnitColumns, labels.units);
  h5::write_strings(axes, "region", labels.regions);
  h5::write_strings(axes, "job_family", labels.job_families);
  h5::write_strings(axes, "age_band", labels.age_bands);
}

namespace {

void describe(hid_t dataset, const std::string& units, const std::string& description, bool is_flow,
              const std::string& dimensions) {
  h5::write_attribute(dataset, "units", units);
  h5::write_attribute(dataset, "description", description);
  h5::write_attribute(dataset, "kind", is_flow ? std::string("flow") : std::string("stock"));
  h5::write_attribute(dataset, "dimensions", dimensions);
}

std::vector<hsize_t> joined(const std::vector<hsize_t>& leading, const std::vector<hsize_t>& rest) {
  std::vector<hsize_t> dims = leading;
  dims.insert(dims.end(), rest.begin(), rest.end());
  return dims;
}

std::vector<hsize_t> histogram_dims(const ResolvedScenario& scenario) {
  return {static_cast<hsize_t>(scenario.time.points()), static_cast<hsize_t>(scenario.family_count()),
          static_cast<hsize_t>(kAgeHistogramBands)};
}

}  // namespace

std::vector<ResultDatasets::LevelDatasets> ResultDatasets::levels_of(const ResolvedScenario& scenario) {
  const auto points = static_cast<hsize_t>(scenario.time.points());
  const auto families = static_cast<hsize_t>(scenario.family_count());
  std::vector<LevelDatasets> levels = {
      {Level::kNational, "national", {points, families}},
      {Level::kRegion, "region", {points, static_cast<hsize_t>(scenario.region_count()), families}}};
  if (scenario.write_municipality_level)
    levels.push_back({Level::kMunicipality, "municipality", {points, static_cast<hsize_t>(scenario.municipality_count()), families}});
  return levels;
}

bool counts_persons(const MetricInfo& info) { return info.units.substr(0, 7) == "persons"; }

ResultDatasets ResultDatasets::create(hid_t file, const ResolvedScenario& scenario, const std::vector<hsize_t>& leading,
                                      const std::string& leading_names, bool nan_fill, bool integer_counts) {
  // Every result dataset is made here: its type, chunks (one run each) and filters.
  const auto type_of = [integer_counts](bool persons) {
    return integer_counts && persons ? h5::StoredType::kInt32 : h5::StoredType::kFloat64;
  };
  ResultDatasets result;
  result.integer_counts_ = integer_counts;
  result.levels_ = levels_of(scenario);
  result.region_of_municipality_ = region_of_unit(scenario);
  result.leading_rank_ = leading.size();
  std::vector<h5::Handle> groups;
  for (const LevelDatasets& level : result.levels_) {
    groups.push_back(h5::create_group(file, level.name));
    const std::string unit_dimension = level.level == Level::kNational ? "" : level.level == Level::kRegion ? "region," : "municipality,";
    for (const MetricInfo& info : metric_catalogue()) {
      result.datasets_.push_back(h5::create_chunked(groups.back(), std::string(info.name), joined(leading, level.run_dims),
                                                    type_of(counts_persons(info)), leading.size(), nan_fill));
      describe(result.datasets_.back(), std::string(info.units), std::string(info.description), info.is_flow,
               leading_names + ",time," + unit_dimension + "job_family");
    }
  }
  result.datasets_.push_back(h5::create_chunked(groups.front(), "age_histogram", joined(leading, histogram_dims(scenario)),
                                                type_of(true), leading.size(), nan_fill));
  describe(result.datasets_.back(), "persons", "Headcount by five-year age band (completed years), national, per job family.",
           false, leading_names + ",time,job_family,age_band");
  return result;
}

ResultDatasets ResultDatasets::open(hid_t file, const ResolvedScenario& scenario, size_t leading_rank) {
  ResultDatasets result;
  result.levels_ = levels_of(scenario);
  result.region_of_municipality_ = region_of_unit(scenario);
  result.leading_rank_ = leading_rank;
  for (const LevelDatasets& level : result.levels_)
    for (const MetricInfo& info : metric_catalogue())
      result.datasets_.push_back(h5::open_dataset(file, level.name + "/" + std::string(info.name)));
  result.datasets_.push_back(h5::open_dataset(file, "national/age_histogram"));
  // A file of agent runs stores counts as int32: the histogram tells (it is a count).
  const h5::Handle type(H5Dget_type(result.datasets_.back()), H5Tclose, "read the type of national/age_histogram");
  result.integer_counts_ = H5Tget_class(type) == H5T_INTEGER;
  return result;
}

EncodedReplication ResultDatasets::encode_levels(const std::vector<LevelDatasets>& levels, const std::vector<int>& region_of,
                                                 const ReplicationSeries& series, bool integer_counts) {
  EncodedReplication encoded;
  // Reused per worker thread: a fresh municipality level is tens of MB of new pages to fault in.
  thread_local LevelValues values;
  for (const LevelDatasets& level : levels) {
    derive_level(series, level.level, region_of, values);
    for (const MetricInfo& info : metric_catalogue())
      encoded.chunks.push_back(integer_counts && counts_persons(info)
                                   ? h5::encode_chunk_int32(values.metric(info.metric), values.metric_size())
                                   : h5::encode_chunk(values.metric(info.metric), values.metric_size()));
  }
  encoded.chunks.push_back(integer_counts ? h5::encode_chunk_int32(series.age_histogram.data(), series.age_histogram.size())
                                          : h5::encode_chunk(series.age_histogram.data(), series.age_histogram.size()));
  return encoded;
}

EncodedReplication ResultDatasets::encode(const ReplicationSeries& series) const {
  return encode_levels(levels_, region_of_municipality_, series, integer_counts_);
}

EncodedReplication encode_replication(const ResolvedScenario& layout, const ReplicationSeries& series, bool integer_counts) {
  return ResultDatasets::encode_levels(ResultDatasets::levels_of(layout), region_of_unit(layout), series,
                                       integer_counts);
}

namespace {
std::vector<hsize_t> chunk_offset(const std::vector<hsize_t>& leading_index, size_t run_rank) {
  std::vector<hsize_t> offset = leading_index;
  offset.resize(leading_index.size() + run_rank, 0);
  return offset;
}
}  // namespace

void ResultDatasets::write(const std::vector<hsize_t>& leading_index, const EncodedReplication& replication) const {
  size_t i = 0;
  for (const LevelDatasets& level : levels_)
    for (int m = 0; m < kMetricCount; ++m, ++i)
      h5::write_encoded_chunk(datasets_[i], chunk_offset(leading_index, level.run_dims.size()), replication.chunks[i]);
  h5::write_encoded_chunk(datasets_[i], chunk_offset(leading_index, 3), replication.chunks[i]);
}

EncodedReplication ResultDatasets::read(const std::vector<hsize_t>& leading_index) const {
  EncodedReplication replication;
  size_t i = 0;
  for (const LevelDatasets& level : levels_)
    for (int m = 0; m < kMetricCount; ++m, ++i)
      replication.chunks.push_back(h5::read_encoded_chunk(datasets_[i], chunk_offset(leading_index, level.run_dims.size())));
  replication.chunks.push_back(h5::read_encoded_chunk(datasets_[i], chunk_offset(leading_index, 3)));
  return replication;
}

void ResultDatasets::close() { datasets_.clear(); }

}  // namespace krapte

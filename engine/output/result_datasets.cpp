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
  // Every attribute of the catalogue, in its order (a new one without a value here is a -Wswitch warning).
  for (const RootAttributeInfo& info : root_attribute_catalogue()) {
    const std::string name(info.name);
    switch (info.attribute) {
      case RootAttribute::kKrapteVersion: h5::write_attribute(file, name, std::string(version())); break;
      case RootAttribute::kGitCommit: h5::write_attribute(file, name, std::string(git_commit())); break;
      case RootAttribute::kScenarioName: h5::write_attribute(file, name, scenario.name); break;
      case RootAttribute::kScenarioHash: h5::write_attribute(file, name, hex64(scenario.hash)); break;
      case RootAttribute::kSeed: h5::write_attribute(file, name, static_cast<int64_t>(scenario.seed)); break;
      case RootAttribute::kReplications: h5::write_attribute(file, name, static_cast<int64_t>(scenario.replications)); break;
      case RootAttribute::kStart: h5::write_attribute(file, name, scenario.time.start.to_string()); break;
      case RootAttribute::kEnd: h5::write_attribute(file, name, scenario.time.end.to_string()); break;
      case RootAttribute::kCreated: h5::write_attribute(file, name, iso_now()); break;
      case RootAttribute::kMode: h5::write_attribute(file, name, mode); break;
      case RootAttribute::kCount: break;
    }
  }
  h5::write_text(file, std::string(kScenarioDataset), scenario.canonical_yaml);
}

static_assert(static_cast<size_t>(UnitKind::kMunicipality) == 0 && static_cast<size_t>(UnitKind::kSharedServiceCentre) == 1 &&
                  static_cast<size_t>(UnitKind::kFlexpool) == 2 && kUnitKinds.size() == 3,
              "kUnitKinds (metrics/catalogue.h) names the UnitKinds in their order");

RunAxes run_axes(const ResolvedScenario& scenario) {
  RunAxes axes;
  for (int k = 0; k < scenario.time.points(); ++k) axes.time.push_back(scenario.time.month_of_point(k).to_string());
  // Levers add units after the municipalities: shared-service centres and flexpools.
  for (int u = 0; u < scenario.municipality_count(); ++u) {
    const Municipality& m = scenario.municipalities.municipalities[u];
    const UnitKind kind = scenario.unit_kind[u];
    axes.units.push_back({m.code, m.name, m.province, scenario.municipalities.regions[m.region].name,
                          std::string(kUnitKinds[static_cast<size_t>(kind)])});
  }
  for (const Region& r : scenario.municipalities.regions) axes.regions.push_back(r.name);
  for (const JobFamily& f : scenario.families) axes.job_families.push_back(f.name);
  for (int b = 0; b < kAgeHistogramBands; ++b) axes.age_bands.emplace_back(age_histogram_band_label(b));
  return axes;
}

namespace {
const std::vector<std::string> kUnitColumnNames(kUnitColumns.begin(), kUnitColumns.end());
std::string axis_name(Axis axis) { return std::string(axis_catalogue()[static_cast<int>(axis)].name); }
}  // namespace

RunAxes read_run_axes(hid_t file) {
  RunAxes axes;
  axes.time = h5::read_strings(file, axis_path(Axis::kTime));
  axes.units = h5::read_string_table(file, axis_path(Axis::kMunicipality), kUnitColumnNames);
  axes.regions = h5::read_strings(file, axis_path(Axis::kRegion));
  axes.job_families = h5::read_strings(file, axis_path(Axis::kJobFamily));
  axes.age_bands = h5::read_strings(file, axis_path(Axis::kAgeBand));
  return axes;
}

void write_run_axes(hid_t file, const ResolvedScenario& scenario) {
  const RunAxes labels = run_axes(scenario);
  const h5::Handle axes = h5::create_group(file, "axes");
  // In the catalogue's order.
  for (const AxisInfo& axis : axis_catalogue()) {
    switch (axis.axis) {
      case Axis::kTime: h5::write_strings(axes, axis_name(axis.axis), labels.time); break;
      case Axis::kMunicipality: h5::write_string_table(axes, axis_name(axis.axis), kUnitColumnNames, labels.units); break;
      case Axis::kRegion: h5::write_strings(axes, axis_name(axis.axis), labels.regions); break;
      case Axis::kJobFamily: h5::write_strings(axes, axis_name(axis.axis), labels.job_families); break;
      case Axis::kAgeBand: h5::write_strings(axes, axis_name(axis.axis), labels.age_bands); break;
      case Axis::kCount: break;
    }
  }
}

namespace {

/// The catalogue's attributes of a dataset; `dimensions` after the leading ones.
void describe(hid_t dataset, std::string_view units, std::string_view description, bool is_flow,
              const std::string& leading_names, std::string_view dimensions) {
  h5::write_attribute(dataset, std::string(kUnitsAttribute), std::string(units));
  h5::write_attribute(dataset, std::string(kDescriptionAttribute), std::string(description));
  h5::write_attribute(dataset, std::string(kKindAttribute), std::string(kind_text(is_flow)));
  h5::write_attribute(dataset, std::string(kDimensionsAttribute), leading_names + "," + std::string(dimensions));
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
      {Level::kNational, std::string(level_info(Level::kNational).group), {points, families}},
      {Level::kRegion, std::string(level_info(Level::kRegion).group),
       {points, static_cast<hsize_t>(scenario.region_count()), families}}};
  if (scenario.write_municipality_level)
    levels.push_back({Level::kMunicipality, std::string(level_info(Level::kMunicipality).group),
                      {points, static_cast<hsize_t>(scenario.municipality_count()), families}});
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
    for (const MetricInfo& info : metric_catalogue()) {
      result.datasets_.push_back(h5::create_chunked(groups.back(), std::string(info.name), joined(leading, level.run_dims),
                                                    type_of(counts_persons(info)), leading.size(), nan_fill));
      describe(result.datasets_.back(), info.units, info.description, info.is_flow, leading_names,
               level_info(level.level).dimensions);
    }
  }
  const HistogramInfo& histogram = age_histogram_info();  // in the national group, the first
  result.datasets_.push_back(h5::create_chunked(groups.front(), std::string(histogram.name),
                                                joined(leading, histogram_dims(scenario)), type_of(true), leading.size(), nan_fill));
  describe(result.datasets_.back(), histogram.units, histogram.description, histogram.is_flow, leading_names,
           histogram.dimensions);
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
  const std::string histogram = std::string(level_info(age_histogram_info().level).group) + "/" +
                                std::string(age_histogram_info().name);
  result.datasets_.push_back(h5::open_dataset(file, histogram));
  // A file of agent runs stores counts as int32: the histogram tells (it is a count).
  const h5::Handle type(H5Dget_type(result.datasets_.back()), H5Tclose, "read the type of " + histogram);
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

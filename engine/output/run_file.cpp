#include "output/run_file.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "core/calendar.h"
#include "core/errors.h"
#include "core/version.h"

namespace krapte {

namespace {

// The temporary file in progress, for the SIGINT/SIGTERM handler (async-signal-safe unlink).
char g_pending_temporary[4096] = {0};

std::string iso_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string hex64(uint64_t value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

void describe(hid_t dataset, const MetricInfo& info, const std::string& dimensions) {
  h5::write_attribute(dataset, "units", std::string(info.units));
  h5::write_attribute(dataset, "description", std::string(info.description));
  h5::write_attribute(dataset, "kind", info.is_flow ? std::string("flow") : std::string("stock"));
  h5::write_attribute(dataset, "dimensions", dimensions);
}

}  // namespace

const char* pending_temporary_file() { return g_pending_temporary; }

struct RunFileWriter::Group {
  Level level;
  std::vector<hsize_t> dims;
  h5::Handle group;
  std::vector<h5::Handle> datasets;  // one per metric, catalogue order
};

RunFileWriter::RunFileWriter(const std::string& path, const ResolvedScenario& scenario, const std::string& mode)
    : path_(path), scenario_(scenario) {
  const std::filesystem::path target(path);
  const auto folder = target.parent_path();
  if (!folder.empty() && !std::filesystem::is_directory(folder))
    throw InputError(SourceLocation{path, 0, 0},
                     "the output folder '" + folder.string() + "' " +
                         (std::filesystem::exists(folder) ? "is not a folder" : "does not exist") +
                         "; allowed: a file in an existing folder");
  if (std::filesystem::is_directory(target))
    throw InputError(SourceLocation{path, 0, 0}, "the output path is a folder; allowed: a file name such as results/run.h5");
  temporary_path_ = path + ".tmp-" + std::to_string(::getpid());
  file_ = h5::create_file(temporary_path_);
  for (const Municipality& m : scenario.municipalities.municipalities) region_of_municipality_.push_back(m.region);
  std::snprintf(g_pending_temporary, sizeof g_pending_temporary, "%s", temporary_path_.c_str());

  h5::write_attribute(file_, "krapte_version", std::string(version()));
  h5::write_attribute(file_, "git_commit", std::string(git_commit()));
  h5::write_attribute(file_, "scenario_name", scenario.name);
  h5::write_attribute(file_, "scenario_hash", hex64(scenario.hash));
  h5::write_attribute(file_, "seed", static_cast<int64_t>(scenario.seed));
  h5::write_attribute(file_, "replications", static_cast<int64_t>(scenario.replications));
  h5::write_attribute(file_, "start", scenario.time.start.to_string());
  h5::write_attribute(file_, "end", scenario.time.end.to_string());
  h5::write_attribute(file_, "created", iso_now());
  h5::write_attribute(file_, "mode", mode);
  h5::write_text(file_, "scenario", scenario.canonical_yaml);

  const h5::Handle axes = h5::create_group(file_, "axes");
  std::vector<std::string> time;
  for (int k = 0; k < scenario.time.points(); ++k) time.push_back(scenario.time.month_of_point(k).to_string());
  h5::write_strings(axes, "time", time);
  // Levers add units after the municipalities: shared-service centres and flexpools.
  std::vector<std::vector<std::string>> municipalities;
  for (int u = 0; u < scenario.municipality_count(); ++u) {
    const Municipality& m = scenario.municipalities.municipalities[u];
    const UnitKind kind = scenario.unit_kind[u];
    municipalities.push_back({m.code, m.name, m.province, scenario.municipalities.regions[m.region].name,
                              kind == UnitKind::kMunicipality ? "municipality"
                              : kind == UnitKind::kSharedServiceCentre ? "shared_service_centre"
                                                                       : "flexpool"});
  }
  h5::write_string_table(axes, "municipality", {"code", "name", "province", "region", "kind"}, municipalities);
  std::vector<std::string> regions;
  for (const Region& r : scenario.municipalities.regions) regions.push_back(r.name);
  h5::write_strings(axes, "region", regions);
  std::vector<std::string> families;
  for (const JobFamily& f : scenario.families) families.push_back(f.name);
  h5::write_strings(axes, "job_family", families);
  std::vector<std::string> bands;
  for (int b = 0; b < kAgeHistogramBands; ++b) bands.emplace_back(age_histogram_band_label(b));
  h5::write_strings(axes, "age_band", bands);

  const auto reps = static_cast<hsize_t>(scenario.replications);
  const auto points = static_cast<hsize_t>(scenario.time.points());
  const auto family_count = static_cast<hsize_t>(scenario.family_count());
  struct LevelSpec {
    Level level;
    const char* name;
    std::vector<hsize_t> dims;
    const char* dimensions;
  };
  std::vector<LevelSpec> levels = {
      {Level::kNational, "national", {reps, points, family_count}, "replication,time,job_family"},
      {Level::kRegion, "region", {reps, points, static_cast<hsize_t>(scenario.region_count()), family_count},
       "replication,time,region,job_family"}};
  if (scenario.write_municipality_level)
    levels.push_back({Level::kMunicipality, "municipality",
                      {reps, points, static_cast<hsize_t>(scenario.municipality_count()), family_count},
                      "replication,time,municipality,job_family"});
  for (const LevelSpec& spec : levels) {
    auto group = std::make_unique<Group>();
    group->level = spec.level;
    group->dims = spec.dims;
    group->group = h5::create_group(file_, spec.name);
    for (const MetricInfo& info : metric_catalogue()) {
      group->datasets.push_back(h5::create_chunked_doubles(group->group, std::string(info.name), spec.dims));
      describe(group->datasets.back(), info, spec.dimensions);
    }
    groups_.push_back(std::move(group));
  }
  histogram_ = h5::create_chunked_doubles(groups_.front()->group, "age_histogram",
                                          {reps, points, family_count, static_cast<hsize_t>(kAgeHistogramBands)});
  h5::write_attribute(histogram_, "units", std::string("persons"));
  h5::write_attribute(histogram_, "description", std::string("Headcount by five-year age band (completed years), national, per job family."));
  h5::write_attribute(histogram_, "kind", std::string("stock"));
  h5::write_attribute(histogram_, "dimensions", std::string("replication,time,job_family,age_band"));
}

RunFileWriter::~RunFileWriter() {
  if (committed_) return;
  groups_.clear();
  histogram_.close();
  file_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
  g_pending_temporary[0] = '\0';
}

void RunFileWriter::write_replication(const ReplicationSeries& series) {
  // Outside the lock: derive every level and compress every chunk.
  std::vector<std::vector<h5::EncodedChunk>> chunks;
  for (const auto& group : groups_) {
    const LevelValues values = derive_level(series, group->level, region_of_municipality_);
    auto& encoded = chunks.emplace_back();
    for (const MetricInfo& info : metric_catalogue())
      encoded.push_back(h5::encode_chunk(values.metric(info.metric), values.metric_size()));
  }
  const h5::EncodedChunk histogram = h5::encode_chunk(series.age_histogram.data(), series.age_histogram.size());

  const std::lock_guard lock(hdf5_mutex_);
  const auto index = static_cast<hsize_t>(series.replication);
  for (size_t g = 0; g < groups_.size(); ++g)
    for (size_t i = 0; i < chunks[g].size(); ++i)
      h5::write_encoded_slice(groups_[g]->datasets[i], index, groups_[g]->dims.size(), chunks[g][i]);
  h5::write_encoded_slice(histogram_, index, 4, histogram);
}

void RunFileWriter::commit() {
  groups_.clear();
  histogram_.close();
  h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + temporary_path_);
  file_.close();
  std::error_code error;
  std::filesystem::rename(temporary_path_, path_, error);
  if (error) throw InputError(SourceLocation{path_, 0, 0}, "cannot rename the finished file into place: " + error.message());
  committed_ = true;
  g_pending_temporary[0] = '\0';
}

namespace {

// Shape of a dataset without reading it.
std::vector<hsize_t> dataset_dims(hid_t file, const std::string& name) {
  const h5::Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  const h5::Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw std::runtime_error("HDF5: cannot read the rank of " + name);
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0) h5::check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), "read the shape of " + name);
  return dims;
}

[[noreturn]] void not_a_run_file(const std::string& path, const std::string& why) {
  throw InputError(SourceLocation{path, 0, 0}, "not a krapte run file (" + why + "); allowed: a file written by krapte run");
}

}  // namespace

RunFileContents read_run_file_header(const std::string& path) {
  const h5::Handle file = h5::open_file_read(path);
  for (const char* required : {"axes/time", "axes/job_family", "axes/region", "axes/municipality", "national", "scenario"})
    if (!h5::exists(file, required)) not_a_run_file(path, std::string("no /") + required);
  RunFileContents contents;
  // An HDF5 file with the right names but the wrong content must not become an internal
  // error, and the readers index by the axes, so their shapes are checked here.
  try {
    contents.scenario_name = h5::read_string_attribute(file, "scenario_name");
    contents.seed = h5::read_int_attribute(file, "seed");
    contents.replications = h5::read_int_attribute(file, "replications");
    contents.scenario_yaml = h5::read_text(file, "scenario");
    contents.time = h5::read_strings(file, "axes/time");
    contents.job_families = h5::read_strings(file, "axes/job_family");
    contents.regions = h5::read_strings(file, "axes/region");
    contents.municipalities = h5::read_string_table(file, "axes/municipality", {"code", "name", "province", "region"});
    if (contents.replications < 1) not_a_run_file(path, "replications attribute below 1");
    if (contents.time.empty()) not_a_run_file(path, "empty /axes/time");
    for (const auto& label : contents.time)
      if (!parse_year_month(label)) not_a_run_file(path, "/axes/time label '" + label + "' is not YYYY-MM");
    const std::vector<hsize_t> expected = {static_cast<hsize_t>(contents.replications),
                                           static_cast<hsize_t>(contents.time.size()),
                                           static_cast<hsize_t>(contents.job_families.size())};
    for (const MetricInfo& info : metric_catalogue()) {
      const std::string name = "national/" + std::string(info.name);
      if (h5::exists(file, name) && dataset_dims(file, name) != expected)
        not_a_run_file(path, "/" + name + " does not have the shape [replication, time, job_family] of the axes");
    }
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    not_a_run_file(path, e.what());
  }
  return contents;
}

std::vector<double> read_run_dataset(const std::string& path, const std::string& group, const std::string& name,
                                     std::vector<hsize_t>& dims) {
  const h5::Handle file = h5::open_file_read(path);
  const std::string full = group + "/" + name;
  if (!h5::exists(file, full)) not_a_run_file(path, "no /" + full);
  try {
    return h5::read_doubles(file, full, dims);
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    not_a_run_file(path, e.what());
  }
}

}  // namespace krapte

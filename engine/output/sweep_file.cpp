#include "output/sweep_file.h"

#include "output/output_path.h"

#include <oneapi/tbb/parallel_for.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "core/errors.h"
#include "core/version.h"
#include "output/dimension_scales.h"
#include "output/run_file.h"
#include "output/summary.h"

namespace krapte {

namespace {

constexpr int kStatistics = 4;  // mean, p05, p50, p95
const std::vector<std::string> kStatisticNames = {"mean", "p05", "p50", "p95"};
constexpr int kSummaryLevels = 2;  // national, region: the first two levels of ResultDatasets

bool is_number(const std::string& text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value);
}

/// /sweep/points: id, point_name, scenario_hash, point_hash, then one column per varied key,
/// float64 when every value is a number.
std::vector<h5::TableColumn> points_table(const SweepDescription& sweep) {
  using Type = h5::TableColumn::Type;
  std::vector<h5::TableColumn> columns(4 + sweep.keys.size());
  columns[0] = {"id", Type::kInt64, {}, {}, {}};
  columns[1] = {"point_name", Type::kString, {}, {}, {}};
  columns[2] = {"scenario_hash", Type::kString, {}, {}, {}};
  columns[3] = {"point_hash", Type::kString, {}, {}, {}};
  for (size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPoint& point = sweep.points[p];
    columns[0].integers.push_back(static_cast<int64_t>(p));
    columns[1].texts.push_back(point.name);
    columns[2].texts.push_back(hex64(point.scenario_hash));
    columns[3].texts.push_back(hex64(point.point_hash));
  }
  for (size_t k = 0; k < sweep.keys.size(); ++k) {
    h5::TableColumn& column = columns[4 + k];
    column.name = sweep.keys[k];
    bool numeric = true;
    for (const SweepPoint& point : sweep.points) numeric = numeric && is_number(point.values[k]);
    column.type = numeric ? Type::kFloat64 : Type::kString;
    for (const SweepPoint& point : sweep.points) {
      if (numeric) column.reals.push_back(std::stod(point.values[k]));
      else column.texts.push_back(point.values[k]);
    }
  }
  return columns;
}

bool same_table(const std::vector<h5::TableColumn>& a, const std::vector<h5::TableColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t c = 0; c < a.size(); ++c) {
    if (a[c].name != b[c].name || a[c].type != b[c].type || a[c].size() != b[c].size()) return false;
    for (size_t r = 0; r < a[c].size(); ++r)
      if (a[c].text(r) != b[c].text(r)) return false;
  }
  return true;
}

const h5::TableColumn& column_named(const std::vector<h5::TableColumn>& columns, const std::string& name) {
  for (const auto& column : columns)
    if (column.name == name) return column;
  throw std::runtime_error("HDF5: /sweep/points has no column " + name);
}


[[noreturn]] void not_a_sweep_file(const std::string& path, const std::string& why) {
  throw InputError(SourceLocation{path, 0, 0}, "exists and is not a sweep file (" + why +
                                                   "); allowed: a new file name, or the file of an earlier krapte sweep to "
                                                   "finish (remove it to start over)");
}

}  // namespace

/// An earlier sweep file, read before deciding how to reuse it.
struct EarlierSweep {
  std::string version;
  int64_t replications = 0;
  bool municipality_level = false;
  RunAxes axes;
  std::vector<h5::TableColumn> table;
  std::vector<uint8_t> done;
  bool swmr_format = false;  // written by a krapte that writes sweep files in SWMR mode
};

namespace {

EarlierSweep read_earlier(const std::string& path) {
  h5::silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) not_a_sweep_file(path, "not an HDF5 file");
  const h5::Handle file = h5::open_file_read(path);
  if (!h5::exists(file, "sweep/done") || !h5::exists(file, "sweep/points")) not_a_sweep_file(path, "no /sweep group");
  EarlierSweep earlier;
  H5F_info2_t info;
  earlier.swmr_format = H5Fget_info2(file, &info) >= 0 && info.super.version >= 3;
  try {
    earlier.version = h5::read_string_attribute(file, "krapte_version");
    const h5::Handle sweep(H5Gopen2(file, "sweep", H5P_DEFAULT), H5Gclose, "open /sweep");
    earlier.replications = h5::read_int_attribute(sweep, "replications");
    earlier.municipality_level = h5::exists(file, "municipality");
    earlier.axes = read_run_axes(file);
    earlier.table = h5::read_table(file, "sweep/points");
    std::vector<hsize_t> dims;
    earlier.done = h5::read_flags(file, "sweep/done", dims);
    if (dims.size() != 2 || static_cast<int64_t>(dims[1]) != earlier.replications ||
        dims[0] != column_named(earlier.table, "point_hash").size())
      not_a_sweep_file(path, "/sweep/done does not match /sweep/points");
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    not_a_sweep_file(path, e.what());
  }
  return earlier;
}

/// A /sweep/summary dataset: the catalogue's attributes, dimensions point,statistic and the level's.
void describe(hid_t dataset, const MetricInfo& info, Level level) {
  h5::write_attribute(dataset, std::string(kUnitsAttribute), std::string(info.units));
  h5::write_attribute(dataset, std::string(kDescriptionAttribute), std::string(info.description) + " Statistics over replications.");
  h5::write_attribute(dataset, std::string(kKindAttribute), std::string(kind_text(info.is_flow)));
  h5::write_attribute(dataset, std::string(kDimensionsAttribute), "point,statistic," + std::string(level_info(level).dimensions));
}

std::vector<hsize_t> zeros_after(int64_t point, size_t rest) {
  std::vector<hsize_t> offset(1 + rest, 0);
  offset[0] = static_cast<hsize_t>(point);
  return offset;
}

}  // namespace

namespace {
/// Temporary files (`<output>.tmp-<pid>`) that a sweep killed while building them left
/// behind: the ones no process holds a lock on (a sweep building one locks it).
void remove_stale_temporaries(const std::string& path) {
  const std::filesystem::path output(path);
  const std::filesystem::path folder = output.has_parent_path() ? output.parent_path() : ".";
  const std::string prefix = output.filename().string() + ".tmp-";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !entry.is_regular_file(error)) continue;
    try {
      const FileLock stale(entry.path().string());
    } catch (const InputError&) {
      continue;  // being built by a running sweep
    }
    std::filesystem::remove(entry.path(), error);
  }
}
}  // namespace

bool is_sweep_file(const std::string& path) {
  h5::silence_errors();
  if (!std::filesystem::is_regular_file(path) || H5Fis_hdf5(path.c_str()) <= 0) return false;
  const h5::Handle file = h5::open_file_read(path);
  return h5::exists(file, "sweep");
}

SweepFile::SweepFile(const std::string& path, const SweepDescription& sweep)
    : path_(path),
      replications_(sweep.replications),
      points_(static_cast<int64_t>(sweep.points.size())),
      layout_(sweep.layout) {
  check_output_path(path, "results/sweep.h5");
  remove_stale_temporaries(path);
  if (!std::filesystem::exists(path)) {
    build_and_replace(sweep, nullptr);
    return;
  }
  lock_ = FileLock(path);  // before reading it: no other sweep may be writing it
  const EarlierSweep earlier = read_earlier(path);
  const bool same_layout = earlier.version == version() && earlier.axes == run_axes(*sweep.layout) &&
                           earlier.municipality_level == sweep.layout->write_municipality_level;
  if (same_layout && earlier.swmr_format && earlier.replications == sweep.replications &&
      same_table(earlier.table, points_table(sweep))) {
    if (h5::closed_by_its_writer(path)) {
      open_in_place(sweep);
      resume_.runs_kept = runs_done();
    } else {
      // Killed while writing: its flagged runs are whole and readable, but HDF5 1.10 may
      // allocate new chunks wrongly in such a file ("addr overflow" at its end of
      // allocation, seen in about 1 of 5 resumes under load). So its runs go into a new
      // file, which replaces it before any new run is written.
      build_and_replace(sweep, &earlier);
    }
    resume_.kind = SweepResume::Kind::kInPlace;
    return;
  }

  // Another sweep, or this one changed: a new file with the runs of unchanged points copied.
  resume_.kind = SweepResume::Kind::kRebuilt;
  if (!same_layout) resume_.why_rebuilt = "its axes or krapte version differ, so no run is reused";
  build_and_replace(sweep, same_layout ? &earlier : nullptr);
}

void SweepFile::build_and_replace(const SweepDescription& sweep, const EarlierSweep* earlier) {
  const std::string temporary = path_ + ".tmp-" + std::to_string(::getpid());
  try {
    create(temporary, sweep);
    temporary_lock_ = FileLock(temporary);  // not stale: another sweep must leave it alone
    if (earlier != nullptr) copy_unchanged_runs(sweep, *earlier);
    close_hdf5();
    std::filesystem::rename(temporary, path_);
    lock_ = std::move(temporary_lock_);  // the lock goes with the file (flock locks the file, not its name)
  } catch (const std::exception& e) {
    try {
      close_hdf5();
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): the first error is the one to report
    }
    temporary_lock_.release();
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    set_pending_temporary_file("");
    if (dynamic_cast<const InputError*>(&e) != nullptr) throw;
    throw InputError(SourceLocation{path_, 0, 0}, std::string("cannot write the sweep file: ") + e.what());
  }
  set_pending_temporary_file("");
  open_in_place(sweep);
}

void SweepFile::copy_unchanged_runs(const SweepDescription& sweep, const EarlierSweep& earlier) {
  const h5::Handle old_file = h5::open_file_read(path_);
  const ResultDatasets old_datasets = ResultDatasets::open(old_file, *sweep.layout, 2);
  const h5::TableColumn& old_hashes = column_named(earlier.table, "point_hash");
  std::unordered_map<std::string, int64_t> old_point_of;
  for (size_t q = old_hashes.size(); q-- > 0;) old_point_of[old_hashes.texts[q]] = static_cast<int64_t>(q);
  const int shared_replications = static_cast<int>(std::min<int64_t>(earlier.replications, replications_));
  int64_t changed = 0;
  for (int64_t p = 0; p < points_; ++p) {
    const auto found = old_point_of.find(hex64(sweep.points[p].point_hash));
    if (found == old_point_of.end()) {
      ++changed;
      continue;
    }
    for (int r = 0; r < shared_replications; ++r) {
      if (earlier.done[static_cast<size_t>(found->second) * earlier.replications + r] == 0) continue;
      datasets_.write({static_cast<hsize_t>(p), static_cast<hsize_t>(r)},
                      old_datasets.read({static_cast<hsize_t>(found->second), static_cast<hsize_t>(r)}));
      h5::write_flag(done_dataset_, {static_cast<hsize_t>(p), static_cast<hsize_t>(r)}, 1);
      ++resume_.runs_kept;
    }
  }
  resume_.why_rebuilt = std::to_string(changed) + " of " + std::to_string(points_) + " points are new or changed";
  if (earlier.replications != replications_)
    resume_.why_rebuilt += ", replications " + std::to_string(earlier.replications) + " -> " + std::to_string(replications_);
}

SweepFile::~SweepFile() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw; close() reports errors when called
  }
}

void SweepFile::create(const std::string& target, const SweepDescription& sweep) {
  set_pending_temporary_file(target);  // removed by the CLI's signal handler if interrupted here
  file_ = h5::create_swmr_file(target);
  write_run_attributes(file_, *sweep.base, "agents");
  write_run_axes(file_, *sweep.layout);
  datasets_ = ResultDatasets::create(file_, *sweep.layout, {static_cast<hsize_t>(points_), static_cast<hsize_t>(replications_)},
                                     "point,replication", /*nan_fill=*/true);
  const h5::Handle group = h5::create_group(file_, "sweep");
  h5::write_attribute(group, "name", sweep.name);
  h5::write_attribute(group, "spec_file", sweep.spec_path);
  h5::write_attribute(group, "points", points_);
  h5::write_attribute(group, "replications", static_cast<int64_t>(replications_));
  h5::write_attribute(group, "complete", int64_t{0});
  h5::write_text(group, "spec", sweep.spec_text);
  h5::write_table(group, "points", points_table(sweep));
  done_dataset_ = h5::create_flags(group, "done", {static_cast<hsize_t>(points_), static_cast<hsize_t>(replications_)});
  h5::write_attribute(done_dataset_, "description", std::string("1 once run (point, replication) is in the file"));
  h5::write_attribute(done_dataset_, "dimensions", std::string("point,replication"));

  const h5::Handle summary = h5::create_group(group, "summary");
  h5::write_strings(summary, "statistic", kStatisticNames);
  const ResolvedScenario& s = *sweep.layout;
  const auto time = static_cast<hsize_t>(s.time.points());
  const auto families = static_cast<hsize_t>(s.family_count());
  const auto points = static_cast<hsize_t>(points_);
  for (const MetricInfo& info : metric_catalogue()) {
    const h5::Handle metric = h5::create_group(summary, std::string(info.name));
    const h5::Handle national = h5::create_chunked_doubles(metric, std::string(level_info(Level::kNational).group),
                                                           {points, kStatistics, time, families}, 1, true);
    describe(national, info, Level::kNational);
    const h5::Handle region =
        h5::create_chunked_doubles(metric, std::string(level_info(Level::kRegion).group),
                                   {points, kStatistics, time, static_cast<hsize_t>(s.region_count()), families}, 1, true);
    describe(region, info, Level::kRegion);
  }
  attach_dimension_scales(file_);  // named axes for xarray and netCDF tools (issue 15)
}

void SweepFile::open_in_place(const SweepDescription& sweep) {
  if (!lock_.held()) lock_ = FileLock(path_);
  file_ = h5::open_file_swmr_write(path_);
  datasets_ = ResultDatasets::open(file_, *sweep.layout, 2);
  done_dataset_ = h5::open_dataset(file_, "sweep/done");
  std::vector<hsize_t> dims;
  done_ = h5::read_flags(file_, "sweep/done", dims);
  const h5::Handle group(H5Gopen2(file_, "sweep", H5P_DEFAULT), H5Gclose, "open /sweep");
  complete_ = h5::read_int_attribute(group, "complete") == 1;
}

int64_t SweepFile::runs_done() const {
  const std::lock_guard lock(hdf5_mutex_);
  int64_t count = 0;
  for (uint8_t flag : done_) count += flag;
  return count;
}

void SweepFile::write_run(int64_t point, int replication, const EncodedReplication& run) {
  const std::lock_guard lock(hdf5_mutex_);
  const std::vector<hsize_t> at = {static_cast<hsize_t>(point), static_cast<hsize_t>(replication)};
  try {
    datasets_.write(at, run);
    // Flushed before the flag is written: SWMR orders HDF5's metadata, but a raw write (the
    // flag) can reach the file before the chunk index that the flush writes. Without this
    // flush a kill could leave a run flagged whose chunks are not in the index (the kill
    // trials found it).
    h5::check(H5Fflush(file_, H5F_SCOPE_LOCAL), "flush " + path_);
    h5::write_flag(done_dataset_, at, 1);
    done_[index(point, replication)] = 1;
    // Flushed after every run: a stop (or a crash at any moment) keeps what is done.
    h5::check(H5Fflush(file_, H5F_SCOPE_LOCAL), "flush " + path_);
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

void SweepFile::summarise_point(int64_t point) {
  const ResolvedScenario& s = *layout_;
  for (int level = 0; level < kSummaryLevels; ++level) {
    const size_t units = level == 0 ? 1 : static_cast<size_t>(s.region_count());
    const size_t count = static_cast<size_t>(s.time.points()) * units * s.family_count();
    const size_t run_rank = level == 0 ? 2 : 3;
    for (const MetricInfo& info : metric_catalogue()) {
      const hid_t dataset = datasets_.datasets()[level * kMetricCount + static_cast<int>(info.metric)];
      std::vector<h5::EncodedChunk> stored(replications_);
      {
        const std::lock_guard lock(hdf5_mutex_);
        for (int r = 0; r < replications_; ++r) {
          std::vector<hsize_t> offset = zeros_after(point, run_rank + 1);
          offset[1] = static_cast<hsize_t>(r);
          stored[r] = h5::read_encoded_chunk(dataset, offset);
        }
      }
      std::vector<std::vector<double>> runs;
      for (const auto& chunk : stored) runs.push_back(h5::decode_chunk(chunk, count));
      std::vector<double> statistics(kStatistics * count);
      std::vector<double> across(replications_);
      for (size_t i = 0; i < count; ++i) {
        double sum = 0;  // in replication order: the same at any thread count
        for (int r = 0; r < replications_; ++r) sum += across[r] = runs[r][i];
        statistics[i] = sum / replications_;
        statistics[count + i] = percentile(across, 0.05);
        statistics[2 * count + i] = percentile(across, 0.50);
        statistics[3 * count + i] = percentile(across, 0.95);
      }
      const h5::EncodedChunk encoded = h5::encode_chunk(statistics.data(), statistics.size());
      const std::lock_guard lock(hdf5_mutex_);
      const std::string name = "sweep/summary/" + std::string(info.name) + (level == 0 ? "/national" : "/region");
      const h5::Handle summary = h5::open_dataset(file_, name);
      h5::write_encoded_chunk(summary, zeros_after(point, run_rank + 1), encoded);
    }
  }
}

bool SweepFile::finish(const std::atomic<bool>& stop) {
  try {
    return finish_summaries(stop);
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

bool SweepFile::finish_summaries(const std::atomic<bool>& stop) {
  tbb::parallel_for(int64_t{0}, points_, [&](int64_t point) {
    if (!stop) summarise_point(point);
  });
  if (stop) return false;
  const std::lock_guard lock(hdf5_mutex_);
  // The statistics on the file before `complete` says they are (as for a run's flag).
  h5::check(H5Fflush(file_, H5F_SCOPE_LOCAL), "flush " + path_);
  const h5::Handle group(H5Gopen2(file_, "sweep", H5P_DEFAULT), H5Gclose, "open /sweep");
  h5::update_attribute(group, "complete", 1);
  h5::check(H5Fflush(file_, H5F_SCOPE_LOCAL), "flush " + path_);
  complete_ = true;
  return true;
}

void SweepFile::close() {
  close_hdf5();
  lock_.release();
}

void SweepFile::close_hdf5() {
  const std::lock_guard lock(hdf5_mutex_);
  datasets_.close();
  done_dataset_.close();
  try {
    if (file_.get() >= 0) h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
    if (file_.get() >= 0) h5::check(H5Fclose(file_.release()), "close " + path_);
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

}  // namespace krapte

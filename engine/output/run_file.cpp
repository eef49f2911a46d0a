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
#include "output/dimension_scales.h"
#include "output/output_path.h"

namespace krapte {

namespace {

// The temporary file in progress, for the SIGINT/SIGTERM handler (async-signal-safe unlink).
char g_pending_temporary[4096] = {0};

}  // namespace

const char* pending_temporary_file() { return g_pending_temporary; }

void set_pending_temporary_file(const std::string& path) {
  std::snprintf(g_pending_temporary, sizeof g_pending_temporary, "%s", path.c_str());
}

RunFileWriter::RunFileWriter(const std::string& path, const ResolvedScenario& scenario, const std::string& mode)
    : path_(path), scenario_(scenario) {
  check_output_path(path, "results/run.h5");
  temporary_path_ = path + ".tmp-" + std::to_string(::getpid());
  // Named for the signal handler before it exists: a SIGTERM while HDF5 creates it (found
  // by Cli.SigtermLeavesNoFile under ASan on a loaded machine) must not leave it behind.
  set_pending_temporary_file(temporary_path_);
  file_ = h5::create_file(temporary_path_);
  write_header(mode);
}

RunFileWriter::RunFileWriter(InMemory, const ResolvedScenario& scenario, const std::string& mode)
    : path_(scenario.name + ".h5 (in memory)"), scenario_(scenario) {
  file_ = h5::create_memory_file(path_);
  write_header(mode);
}

void RunFileWriter::write_header(const std::string& mode) {
  write_run_attributes(file_, scenario_, mode);
  write_run_axes(file_, scenario_);
  // Agent runs count whole persons: those datasets are int32 (the projection's are fractional).
  datasets_ = ResultDatasets::create(file_, scenario_, {static_cast<hsize_t>(scenario_.replications)}, "replication",
                                     /*nan_fill=*/false, /*integer_counts=*/mode == "agents");
  costs_ = CostDatasets::create(file_, scenario_, {static_cast<hsize_t>(scenario_.replications)}, "replication");
  attach_dimension_scales(file_);  // named axes for xarray and netCDF tools
}

RunFileWriter::~RunFileWriter() {
  if (committed_) return;
  datasets_.close();
  costs_.close();
  file_.close();
  if (temporary_path_.empty()) return;  // in memory
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
  g_pending_temporary[0] = '\0';
}

std::vector<char> RunFileWriter::commit_image() {
  datasets_.close();
  costs_.close();
  h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
  std::vector<char> image = h5::file_image(file_);
  h5::check(H5Fclose(file_.release()), "close " + path_);
  committed_ = true;
  return image;
}

void RunFileWriter::write_replication(const ReplicationSeries& series) {
  const EncodedReplication encoded = datasets_.encode(series);  // outside the lock: derive and compress
  const EncodedReplication costs = costs_.encode(series);
  const std::lock_guard lock(hdf5_mutex_);
  try {
    datasets_.write({static_cast<hsize_t>(series.replication)}, encoded);
    costs_.write({static_cast<hsize_t>(series.replication)}, costs);
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

void RunFileWriter::commit() {
  try {
    datasets_.close();
    costs_.close();
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
  h5::close_and_rename(file_, temporary_path_, path_, "file");
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

}  // namespace

void not_a_run_file(const std::string& path, const std::string& why) {
  throw InputError(SourceLocation{path, 0, 0}, "not a krapte run file (" + why + "); allowed: a file written by krapte run");
}

RunFileContents read_run_file_header(const std::string& path) {
  const h5::Handle file = h5::open_file_read(path);
  if (h5::exists(file, "sweep")) not_a_run_file(path, "it is a sweep file: read it with krapte summary or h5py, docs/sweeps.md");
  for (const std::string& required :
       {axis_path(Axis::kTime), axis_path(Axis::kJobFamily), axis_path(Axis::kRegion), axis_path(Axis::kMunicipality),
        std::string(level_info(Level::kNational).group), std::string(kScenarioDataset)})
    if (!h5::exists(file, required)) not_a_run_file(path, "no /" + required);
  RunFileContents contents;
  // An HDF5 file with the right names but the wrong content must not become an internal
  // error, and the readers index by the axes, so their shapes are checked here.
  try {
    contents.scenario_name = h5::read_string_attribute(file, std::string(root_attribute(RootAttribute::kScenarioName)));
    contents.seed = h5::read_int_attribute(file, std::string(root_attribute(RootAttribute::kSeed)));
    contents.replications = h5::read_int_attribute(file, std::string(root_attribute(RootAttribute::kReplications)));
    contents.scenario_yaml = h5::read_text(file, std::string(kScenarioDataset));
    contents.time = h5::read_strings(file, axis_path(Axis::kTime));
    contents.job_families = h5::read_strings(file, axis_path(Axis::kJobFamily));
    contents.regions = h5::read_strings(file, axis_path(Axis::kRegion));
    const std::string units = axis_path(Axis::kMunicipality);
    const std::string kind(kUnitColumns[4]);
    contents.municipalities = h5::read_string_table(
        file, units, {std::string(kUnitColumns[0]), std::string(kUnitColumns[1]), std::string(kUnitColumns[2]), std::string(kUnitColumns[3])});
    contents.unit_kinds.assign(contents.municipalities.size(), std::string(kUnitKinds[0]));  // files before levers added units
    if (h5::has_column(file, units, kind))
      for (size_t u = 0; const auto& row : h5::read_string_table(file, units, {kind})) contents.unit_kinds[u++] = row[0];
    if (contents.replications < 1) not_a_run_file(path, "replications attribute below 1");
    if (contents.time.empty()) not_a_run_file(path, "empty /axes/time");
    for (const auto& label : contents.time)
      if (!parse_year_month(label)) not_a_run_file(path, "/axes/time label '" + label + "' is not YYYY-MM");
    const std::vector<hsize_t> expected = {static_cast<hsize_t>(contents.replications),
                                           static_cast<hsize_t>(contents.time.size()),
                                           static_cast<hsize_t>(contents.job_families.size())};
    for (const MetricInfo& info : metric_catalogue()) {
      const std::string name = std::string(level_info(Level::kNational).group) + "/" + std::string(info.name);
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

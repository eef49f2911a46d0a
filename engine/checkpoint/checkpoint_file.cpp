#include "checkpoint/checkpoint_file.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "checkpoint/past_view.h"
#include "checkpoint/state_io.h"
#include "core/errors.h"
#include "core/version.h"
#include "output/output_path.h"
#include "scenario/resolve.h"

namespace krapte {

namespace {

constexpr const char* kFormat = "krapte checkpoint 1";

char g_pending_checkpoint[4096] = {0};

std::string hex64(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

template <class T>
void hash_bytes(uint64_t& hash, const std::vector<T>& values) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
  for (size_t i = 0; i < values.size() * sizeof(T); ++i) {
    hash ^= bytes[i];
    hash *= 1099511628211ull;
  }
}

std::string build_identity() { return std::string("krapte ") + version() + " (git " + git_commit() + ")"; }

}  // namespace

const char* pending_checkpoint_file() { return g_pending_checkpoint; }

uint64_t setup_hash(const RunSetup& setup) {
  uint64_t hash = 1469598103934665603ull;
  hash_bytes(hash, setup.demand0_fte);
  hash_bytes(hash, setup.size_weight);
  hash_bytes(hash, setup.region_of_municipality);
  for (const MunicipalityAgents& agents : setup.initial_population.by_municipality) {
    hash_bytes(hash, agents.id);
    // As int32, the column's type before issue 10 narrowed it: earlier checkpoints still match.
    hash_bytes(hash, std::vector<int32_t>(agents.age_months.begin(), agents.age_months.end()));
    hash_bytes(hash, agents.contract_fte);
  }
  return hash;
}

int checkpoint_step(const ResolvedScenario& scenario, const std::string& month, const std::string& option) {
  const auto parsed = parse_year_month(month);
  const std::string allowed = "; allowed: a month YYYY-MM from " + scenario.time.start.to_string() + " to " +
                              scenario.time.end.to_string() + " (the state at its end is written)";
  if (!parsed) throw InputError(option + ": '" + month + "' is not a month" + allowed);
  if (*parsed < scenario.time.start || *parsed > scenario.time.end)
    throw InputError(option + ": " + month + " is outside the run" + allowed);
  return parsed->index - scenario.time.start.index + 1;
}

CheckpointWriter::CheckpointWriter(const std::string& path, const ResolvedScenario& scenario, const RunSetup& setup,
                                   int step)
    : path_(path), replications_(scenario.replications) {
  check_output_path(path, "results/at-2026-01.ckpt.h5");
  temporary_path_ = path + ".tmp-" + std::to_string(::getpid());
  file_ = h5::create_file(temporary_path_);
  std::snprintf(g_pending_checkpoint, sizeof g_pending_checkpoint, "%s", temporary_path_.c_str());
  const YearMonth month = scenario.time.month_of_point(step);
  const std::string past = past_view_yaml(scenario, month);
  try {
    h5::write_attribute(file_, "format", std::string(kFormat));
    h5::write_attribute(file_, "krapte_version", std::string(version()));
    h5::write_attribute(file_, "git_commit", std::string(git_commit()));
    h5::write_attribute(file_, "scenario_name", scenario.name);
    h5::write_attribute(file_, "month", month.to_string());
    h5::write_attribute(file_, "step", static_cast<int64_t>(step));
    h5::write_attribute(file_, "seed", static_cast<int64_t>(scenario.seed));
    h5::write_attribute(file_, "replications", static_cast<int64_t>(scenario.replications));
    h5::write_attribute(file_, "past_hash", hex64(fnv1a_64(past)));
    h5::write_attribute(file_, "setup_hash", hex64(setup_hash(setup)));
    h5::write_text(file_, "scenario", scenario.canonical_yaml);
    h5::write_text(file_, "past", past);
    group_ = h5::create_group(file_, "replication");
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

CheckpointWriter::~CheckpointWriter() {
  if (committed_) return;
  group_.close();
  file_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
  g_pending_checkpoint[0] = '\0';
}

void CheckpointWriter::write(const ReplicationProgress& progress) {
  const std::lock_guard lock(mutex_);
  try {
    const h5::Handle group = h5::create_group(group_, std::to_string(progress.series.replication));
    checkpoint::write_progress(group, progress);
    ++written_;
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
}

void CheckpointWriter::commit() {
  if (written_ != replications_)
    throw std::logic_error("checkpoint: " + std::to_string(written_) + " of " + std::to_string(replications_) +
                           " replications written");
  try {
    group_.close();
  } catch (const h5::Error& e) {
    throw h5::write_failure(path_, e);
  }
  h5::close_and_rename(file_, temporary_path_, path_, "checkpoint");
  committed_ = true;
  g_pending_checkpoint[0] = '\0';
}

CheckpointReader::CheckpointReader(const std::string& path, const ResolvedScenario& scenario) : path_(path) {
  const SourceLocation here{path, 0, 0};
  const std::string damaged = "; allowed: a checkpoint written by `krapte run --checkpoint` (write it again)";
  file_ = h5::open_file_read(path);
  std::string past;
  std::string written_by;
  std::string past_hash;
  try {
    if (!h5::exists(file_, "past") || h5::read_string_attribute(file_, "format") != kFormat)
      throw InputError(here, "format: not a krapte checkpoint" + damaged);
    written_by = "krapte " + h5::read_string_attribute(file_, "krapte_version") + " (git " +
                 h5::read_string_attribute(file_, "git_commit") + ")";
    month_ = h5::read_string_attribute(file_, "month");
    step_ = static_cast<int>(h5::read_int_attribute(file_, "step"));
    past_hash = h5::read_string_attribute(file_, "past_hash");
    setup_hash_ = h5::read_string_attribute(file_, "setup_hash");
    past = h5::read_text(file_, "past");
  } catch (const h5::Error& e) {
    throw InputError(here, std::string("the checkpoint is damaged or incomplete (") + e.what() + ")" + damaged);
  }
  // The bits of a continuation are those of the uninterrupted run only with the same model code.
  if (written_by != build_identity())
    throw InputError(here, "krapte_version: written by " + written_by + ", this is " + build_identity() +
                               "; allowed: a checkpoint written by the same krapte (run the past again)");
  if (hex64(fnv1a_64(past)) != past_hash)
    throw InputError(here, "past: the stored scenario does not match its hash (a damaged file)" + damaged);
  const auto month = parse_year_month(month_);
  if (!month || step_ < 1) throw InputError(here, "month: not a month of a run" + damaged);
  if (scenario.time.end < *month)
    throw InputError(here, "end: " + scenario.time.end.to_string() + " is before the checkpoint's month " + month_ +
                               "; allowed: an end on or after " + month_);
  const std::string differs = first_past_difference(past, past_view_yaml(scenario, *month));
  if (!differs.empty())
    throw InputError(here, differs + ": differs from the checkpoint (the scenario as it acts up to " + month_ +
                               "); allowed: changes that take effect after " + month_ +
                               " (levers and dated entries whose from is later, name, description, end, output, costs)");
  // Equal pasts have equal starts, so the step is the same month of this scenario.
  if (month->index - scenario.time.start.index + 1 != step_) throw InputError(here, "step: does not match month" + damaged);
}

void CheckpointReader::check_setup(const RunSetup& setup) const {
  if (hex64(setup_hash(setup)) != setup_hash_)
    throw InputError(SourceLocation{path_, 0, 0},
                     "population: the initial state differs from the checkpoint's (same scenario keys, other data?); "
                     "allowed: the data files the checkpoint was written with");
}

ReplicationProgress CheckpointReader::read(int replication, const ResolvedScenario& scenario, const RunSetup& setup) {
  const std::lock_guard lock(mutex_);
  try {
    const std::string name = "replication/" + std::to_string(replication);
    if (!h5::exists(file_, name)) throw h5::Error("replication " + std::to_string(replication) + " is missing");
    const h5::Handle group(H5Gopen2(file_, name.c_str(), H5P_DEFAULT), H5Gclose, "open " + name);
    ReplicationProgress progress = checkpoint::read_progress(group, scenario, setup);
    if (progress.step != step_ || progress.series.replication != replication)
      throw h5::Error(name + " is not at step " + std::to_string(step_));
    return progress;
  } catch (const h5::Error& e) {
    throw InputError(SourceLocation{path_, 0, 0},
                     std::string("the checkpoint is damaged or incomplete (") + e.what() +
                         "); allowed: a checkpoint written by `krapte run --checkpoint` (write it again)");
  }
}

}  // namespace krapte

// The one reader of result files (run files, and a sweep file's results at one month):
// datasets keyed by Level and Metric, and aggregate(), the one way a figure over several job
// families is formed: from the families' sums by metrics/series.h level_value(), the rule
// derive_level() writes every level with (vacancy_rate = Σ vacancy FTE / Σ demand FTE).
// krapte summary, compare, the sweep summary and the report page read through it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/catalogue.h"
#include "metrics/series.h"
#include "output/hdf5_handles.h"
#include "output/run_file.h"

namespace krapte {

/// Which job families a figure covers: one, by its place on the job_family axis, or all of
/// them together. Never a name: a family may legally be named `total`.
class Families {
 public:
  static Families all() { return Families(-1); }
  static Families one(size_t family) { return Families(static_cast<long>(family)); }
  bool is_all() const { return index_ < 0; }
  size_t index() const { return static_cast<size_t>(index_); }

 private:
  explicit Families(long index) : index_(index) {}
  long index_;
};

/// The label of the all-families row in `krapte summary` and `krapte compare` (text and
/// CSV): "total", or "(total)" when a job family is itself named `total`. Family names are
/// lower-case letters, digits and _ (scenario/resolve.cpp), so "(total)" never is one and
/// the label is never ambiguous. Code tells the row by Families::is_all(), never by this label.
std::string all_families_label(const std::vector<std::string>& job_families);

class ResultReader {
 public:
  /// A run file, its header checked (InputError "not a krapte run file" otherwise).
  explicit ResultReader(const std::string& path);
  /// A sweep file's results at time point `point` only, leading dimensions {points,
  /// replications}: runs are numbered point * replications + replication. The caller has
  /// checked that the file is a sweep file; shapes are not checked (HDF5 errors propagate).
  static ResultReader sweep_at(const std::string& path, size_t points, size_t replications, size_t families,
                               size_t point);

  const std::string& path() const { return path_; }
  /// The run file's header (attributes and axes); in a sweep reader only `job_families`.
  const RunFileContents& header() const { return header_; }
  /// Leading indices: replications, or points x replications.
  size_t runs() const { return runs_; }
  /// Units of a level: 1 (the nation), the regions, or every unit of the municipality axis
  /// (levers' units after the municipalities: RunFileContents::is_municipality tells).
  size_t units(Level level) const;
  bool has(Level level, Metric metric) const;
  /// Whether the file holds the object at `name` ("costs/national/total").
  bool exists(const std::string& name) const { return h5::exists(file_, name); }
  /// A string attribute of the root, "" where the file has none (files of older krapte).
  std::string optional_attribute(const char* name) const;

  /// Every stored value of `metric` at `level`, [run][time][unit][family] (read once, kept).
  const std::vector<double>& values(Level level, Metric metric) const;
  /// The stored value of `metric` at `level` for one run, time point, unit and family.
  double at(Level level, Metric metric, size_t run, size_t point, size_t unit, size_t family) const;
  /// Per run, `metric` at `level`'s `unit` at time point `point` over `families`: the stored
  /// value for one family; for all families the level's value formed from the families' sums
  /// by level_value() (sums summed, the rate as Σ vacancy / Σ demand, mean age as Σ ages / Σ headcount).
  std::vector<double> aggregate(Level level, Metric metric, size_t point, size_t unit, Families families) const;

  /// /national/age_histogram, [run][time][family][band] with `bands` age bands (the
  /// /axes/age_band the caller read), its shape checked.
  const std::vector<double>& age_histogram(size_t bands) const;
  /// A dataset of `level`'s shape outside the metrics (a cost, "costs/national",
  /// "total_cumulative"), [run][time]([unit])[family]; its shape checked against the axes.
  std::vector<double> read(Level level, const std::string& group, const std::string& name) const;

 private:
  ResultReader() = default;
  std::vector<double> checked(const std::string& name, const std::vector<hsize_t>& expected) const;

  std::string path_;
  h5::Handle file_;
  RunFileContents header_;
  size_t runs_ = 0;
  size_t points_ = 0;      // time points held: every point, or 1 in a sweep reader
  size_t first_point_ = 0; // the file's time point of the first held point
  size_t families_ = 0;
  bool sweep_ = false;
  mutable std::map<std::pair<Level, Metric>, std::vector<double>> cache_;
  mutable std::vector<double> histogram_;
};

}  // namespace krapte

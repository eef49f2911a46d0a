#include "output/result_reader.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/errors.h"

namespace krapte {

std::string all_families_label(const std::vector<std::string>& job_families) {
  const bool taken = std::find(job_families.begin(), job_families.end(), "total") != job_families.end();
  return taken ? "(total)" : "total";
}

namespace {

std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + "]";
}

}  // namespace

ResultReader::ResultReader(const std::string& path) : path_(path), header_(read_run_file_header(path)) {
  file_ = h5::open_file_read(path);
  runs_ = static_cast<size_t>(header_.replications);
  points_ = header_.time.size();
  families_ = header_.job_families.size();
}

ResultReader ResultReader::sweep_at(const std::string& path, size_t points, size_t replications, size_t families,
                                    size_t point) {
  ResultReader reader;
  reader.path_ = path;
  reader.file_ = h5::open_file_read(path);
  reader.sweep_ = true;
  reader.runs_ = points * replications;
  reader.points_ = 1;
  reader.first_point_ = point;
  reader.families_ = families;
  reader.header_.replications = static_cast<int64_t>(replications);
  reader.header_.job_families.resize(families);
  return reader;
}

size_t ResultReader::units(Level level) const {
  switch (level) {
    case Level::kNational:
      return 1;
    case Level::kRegion:
      return header_.regions.size();
    case Level::kMunicipality:
      return header_.municipalities.size();
  }
  return 0;
}

bool ResultReader::has(Level level, Metric metric) const {
  return h5::exists(file_, std::string(level_info(level).group) + "/" + std::string(metric_info(metric).name));
}

std::string ResultReader::optional_attribute(const char* name) const {
  try {
    return h5::read_string_attribute(file_, name);
  } catch (const std::exception&) {
    return "";
  }
}

std::vector<double> ResultReader::checked(const std::string& name, const std::vector<hsize_t>& expected) const {
  if (!h5::exists(file_, name)) not_a_run_file(path_, "no /" + name);
  std::vector<hsize_t> dims;
  std::vector<double> values;
  try {
    values = h5::read_doubles(file_, name, dims);
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    not_a_run_file(path_, e.what());
  }
  if (dims != expected)
    not_a_run_file(path_, "/" + name + " has shape " + dims_text(dims) + ", the axes give " + dims_text(expected));
  return values;
}

const std::vector<double>& ResultReader::values(Level level, Metric metric) const {
  const auto key = std::make_pair(level, metric);
  if (const auto found = cache_.find(key); found != cache_.end()) return found->second;
  const std::string name = std::string(level_info(level).group) + "/" + std::string(metric_info(metric).name);
  std::vector<double> values;
  if (sweep_) {
    const size_t replications = static_cast<size_t>(header_.replications);
    values = h5::read_doubles_block(file_, name, {0, 0, first_point_, 0},
                                    {runs_ / std::max<size_t>(replications, 1), replications, 1, families_});
  } else {
    values = read(level, std::string(level_info(level).group), std::string(metric_info(metric).name));
  }
  return cache_.emplace(key, std::move(values)).first->second;
}

double ResultReader::at(Level level, Metric metric, size_t run, size_t point, size_t unit, size_t family) const {
  const size_t k = point - first_point_;
  return values(level, metric)[((run * points_ + k) * units(level) + unit) * families_ + family];
}

std::vector<double> ResultReader::aggregate(Level level, Metric metric, size_t point, size_t unit,
                                            Families families) const {
  const MetricInfo& info = metric_info(metric);
  std::vector<double> out(runs_);
  if (!families.is_all()) {  // one family: its stored value is the level's value
    for (size_t r = 0; r < runs_; ++r) out[r] = at(level, metric, r, point, unit, families.index());
    return out;
  }
  // All families: the cells' sums of the inputs summed over families, then the level's rule.
  const std::vector<Metric> inputs = level_inputs(info);
  std::array<double, kMetricCount> sums{};
  for (size_t r = 0; r < runs_; ++r) {
    sums.fill(0.0);
    for (const Metric input : inputs) {
      double& sum = sums[static_cast<size_t>(input)];
      const bool is_mean = metric_info(input).aggregation == Aggregation::kAgeSumOverHeadcount;
      for (size_t j = 0; j < families_; ++j) {
        const double value = at(level, input, r, point, unit, j);
        // A stored mean back to its sum (mean age x headcount = the sum of ages).
        sum += is_mean ? value * at(level, Metric::kHeadcount, r, point, unit, j) : value;
      }
    }
    out[r] = level_value(info, sums.data());
  }
  return out;
}

const std::vector<double>& ResultReader::age_histogram(size_t bands) const {
  const HistogramInfo& info = age_histogram_info();
  if (histogram_.empty())
    histogram_ = checked(std::string(level_info(info.level).group) + "/" + std::string(info.name), {runs_, points_, families_, bands});
  return histogram_;
}

std::vector<double> ResultReader::read(Level level, const std::string& group, const std::string& name) const {
  std::vector<hsize_t> expected = {runs_, points_};
  if (level != Level::kNational) expected.push_back(units(level));
  expected.push_back(families_);
  return checked(group + "/" + name, expected);
}

}  // namespace krapte

#include "output/dimension_scales.h"

#include <hdf5_hl.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/hdf5_handles.h"
#include "output/result_datasets.h"

namespace krapte {

namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

/// A 1-D dataset of variable-length UTF-8 strings: what netCDF-4 and h5netcdf read as text
/// (fixed-length strings come back as bytes).
h5::Handle write_text_coordinate(hid_t group, const std::string& name, const std::vector<std::string>& labels) {
  const h5::Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "make a string type");
  h5::check(H5Tset_size(type, H5T_VARIABLE), "make the string type variable-length");
  h5::check(H5Tset_cset(type, H5T_CSET_UTF8), "set string charset");
  const hsize_t dims[1] = {labels.size()};
  const h5::Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "make a space");
  h5::Handle dataset(H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                     "create coordinate " + name);
  std::vector<const char*> pointers;
  for (const std::string& label : labels) pointers.push_back(label.c_str());
  if (!labels.empty()) h5::check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "write " + name);
  return dataset;
}

h5::Handle write_index_coordinate(hid_t group, const std::string& name, hsize_t length) {
  std::vector<int64_t> index(length);
  for (hsize_t i = 0; i < length; ++i) index[i] = static_cast<int64_t>(i);
  const hsize_t dims[1] = {length};
  const h5::Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "make a space");
  h5::Handle dataset(H5Dcreate2(group, name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     H5Dclose, "create coordinate " + name);
  if (length > 0) h5::check(H5Dwrite(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, index.data()), "write " + name);
  return dataset;
}

/// The labels of each named axis, from /axes (and the statistics of a sweep's summary).
std::map<std::string, std::vector<std::string>> axis_labels(hid_t file) {
  const RunAxes axes = read_run_axes(file);
  std::vector<std::string> codes;
  for (const auto& unit : axes.units) codes.push_back(unit.at(0));
  std::map<std::string, std::vector<std::string>> labels = {{"time", axes.time},
                                                            {"region", axes.regions},
                                                            {"municipality", codes},
                                                            {"job_family", axes.job_families},
                                                            {"age_band", axes.age_bands}};
  if (h5::exists(file, "sweep/summary/statistic")) labels["statistic"] = h5::read_strings(file, "sweep/summary/statistic");
  return labels;
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

std::vector<std::string> members(hid_t group) {
  std::vector<std::string> names;
  h5::check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link, &names), "list a group");
  return names;
}

std::vector<hsize_t> shape_of(hid_t dataset, const std::string& name) {
  const h5::Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw std::logic_error("dimension scales: cannot read the rank of " + name);
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

/// The dimension names of a dataset without a `dimensions` attribute: the 1-D label
/// datasets (/axes/time, /sweep/summary/statistic, ...) are their own axis, /sweep/points
/// has one row per point; scalars (/scenario, /sweep/spec) have none.
std::vector<std::string> implied_dimensions(const std::string& name, size_t rank,
                                            const std::map<std::string, std::vector<std::string>>& labels) {
  if (rank == 1 && labels.count(name) > 0) return {name};
  if (rank == 1 && name == "points") return {"point"};
  if (rank == 0) return {};
  throw std::logic_error("dimension scales: " + name + " names no dimensions");
}

class GroupScales {
 public:
  GroupScales(hid_t group, const std::map<std::string, std::vector<std::string>>& labels, GroupScales* parent)
      : group_(group), labels_(labels), parent_(parent) {}

  /// Attaches the scale of `axis` (made on first use) to dimension `d` of `dataset`.
  void attach(hid_t dataset, const std::string& name, const std::string& axis, unsigned d, hsize_t length) {
    auto scale = scales_.find(axis);
    if (scale == scales_.end()) {
      if (H5Lexists(group_, axis.c_str(), H5P_DEFAULT) > 0) {
        // A dataset of this group is named like the axis (/sweep/summary/<metric>/region):
        // the scale goes to the parent group, whose dimensions netCDF's children see.
        if (parent_ == nullptr) throw std::logic_error("dimension scales: a dataset is named like the axis " + axis);
        parent_->attach(dataset, name, axis, d, length);
        return;
      }
      const auto known = labels_.find(axis);
      if (known != labels_.end() && known->second.size() != length)
        throw std::logic_error("dimension scales: the labels of " + axis + " do not match the length of " + name);
      h5::Handle made = known != labels_.end() ? write_text_coordinate(group_, axis, known->second)
                                               : write_index_coordinate(group_, axis, length);  // replication, point
      h5::check(H5DSset_scale(made, axis.c_str()), "make " + axis + " a dimension scale");
      scale = scales_.emplace(axis, std::move(made)).first;
    }
    h5::check(H5DSattach_scale(dataset, scale->second, d), "attach " + axis + " to " + name);
  }

 private:
  hid_t group_;
  const std::map<std::string, std::vector<std::string>>& labels_;
  GroupScales* parent_;
  std::map<std::string, h5::Handle> scales_;  // made in this group, by dimension name
};

void attach_in_group(hid_t group, const std::map<std::string, std::vector<std::string>>& labels,
                     GroupScales* parent = nullptr) {
  GroupScales scales(group, labels, parent);
  for (const std::string& name : members(group)) {  // listed before any coordinate is made
    H5O_info_t info;
    h5::check(H5Oget_info_by_name2(group, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT), "inspect " + name);
    if (info.type == H5O_TYPE_GROUP) {
      const h5::Handle child(H5Gopen2(group, name.c_str(), H5P_DEFAULT), H5Gclose, "open group " + name);
      attach_in_group(child, labels, &scales);
      continue;
    }
    if (info.type != H5O_TYPE_DATASET) continue;
    const h5::Handle dataset = h5::open_dataset(group, name);
    const std::vector<hsize_t> dims = shape_of(dataset, name);
    const bool named = H5Aexists(dataset, "dimensions") > 0;
    const std::vector<std::string> axes =
        named ? split(h5::read_string_attribute(dataset, "dimensions")) : implied_dimensions(name, dims.size(), labels);
    if (axes.size() != dims.size())
      throw std::logic_error("dimension scales: " + name + " has not the dimensions its attribute names");
    if (!named && axes.size() == 1 && axes[0] == name) {  // a label dataset: the scale of its own axis
      h5::check(H5DSset_scale(dataset, name.c_str()), "make " + name + " a dimension scale");
      continue;
    }
    for (size_t d = 0; d < axes.size(); ++d) scales.attach(dataset, name, axes[d], static_cast<unsigned>(d), dims[d]);
  }
}

}  // namespace

void attach_dimension_scales(hid_t file) { attach_in_group(file, axis_labels(file)); }

}  // namespace krapte

// Named axes for the Python ecosystem and netCDF tools (issue 15): every dataset of a run or
// sweep file gets HDF5 dimension scales, so that xarray.open_dataset(path, group="national",
// engine="h5netcdf") returns named dimensions with coordinate labels.
#pragma once

#include <hdf5.h>

namespace krapte {

/// Walks every group of the file. Each dataset with a `dimensions` attribute
/// ("replication,time,job_family", ...) gets, in its own group, a 1-D coordinate dataset per
/// named dimension (a netCDF coordinate variable: labels from /axes and
/// /sweep/summary/statistic as variable-length UTF-8 strings; `replication` and `point` as
/// 0..n-1), made a dimension scale (H5DSset_scale) and attached to that axis
/// (H5DSattach_scale). The label datasets themselves (/axes/*, /sweep/summary/statistic)
/// become the scales of their own axis and /sweep/points is attached to `point`, so every
/// group opens without phony dimensions. /axes must be written; existing attributes are
/// kept. Call once, after every dataset is created (values may be written later).
void attach_dimension_scales(hid_t file);

}  // namespace krapte

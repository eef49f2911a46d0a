// Typed 1-D datasets of a checkpoint: the state's columns as they are in memory (uint8,
// int32, int64, uint64, float64), chunked, shuffled, deflated and with HDF5's Fletcher-32
// checksum per chunk, so that a damaged file is an error on reading, never a wrong state.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace krapte::checkpoint {

template <class T>
void write_column(hid_t parent, const std::string& name, const std::vector<T>& values);
/// h5::Error if the dataset is missing, damaged or not of `expected` elements.
template <class T>
std::vector<T> read_column(hid_t parent, const std::string& name, size_t expected);
/// The same without a length check.
template <class T>
std::vector<T> read_column(hid_t parent, const std::string& name);

}  // namespace krapte::checkpoint

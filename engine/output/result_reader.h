// Reading result files: which job families a figure covers, and how the all-families row
// is labelled in what summary and compare print.
#pragma once

#include <string>
#include <vector>

namespace krapte {

/// The label of the all-families row in `krapte summary` and `krapte compare` (text and
/// CSV): "total", or "(total)" when a job family is itself named `total`. Family names are
/// lower-case letters, digits and _ (scenario/resolve.cpp), so "(total)" never is one and
/// the label is never ambiguous. Code tells the row by its all_families flag, never by
/// this label.
std::string all_families_label(const std::vector<std::string>& job_families);

}  // namespace krapte

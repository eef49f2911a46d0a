// The fitted scenario that `krapte calibrate` writes: it `extends` the calibrated scenario
// and replaces the top-level keys that hold fitted values (lists are replaced whole by
// `extends`, so a touched list is written whole), with the fit in its header comment.
#pragma once

#include <string>

#include "calibrate/calibration_fit.h"

namespace krapte {

/// The text of the fitted scenario file to be written at `output_path`.
std::string fitted_scenario_yaml(const CalibrationSpec& spec, const CalibrationResult& result, const std::string& output_path);

/// Writes `text` to `path` through a temporary file renamed when complete.
void write_text_file_atomically(const std::string& path, const std::string& text);

}  // namespace krapte

// A small RFC-4180 CSV reader (quoted fields, "" escapes, CRLF) that keeps line numbers for
// error messages. Data files are small (hundreds of thousands of rows at most), so the
// whole file is read at once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/errors.h"

namespace krapte {

struct CsvRow {
  int line = 0;  // 1-based line of the row in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  /// Index of a header column, or -1.
  int column(const std::string& name) const;
  /// Index of a header column; InputError naming the file and the allowed names if absent.
  int require_column(const std::string& name) const;
  SourceLocation where(const CsvRow& row, int column) const;
};

/// The whole text of an input file (scenario or data). InputError for a folder, a file that
/// cannot be opened or read, or one larger than max_bytes (so that /dev/zero or a wrong
/// path to a huge file fails instead of filling memory). `kind` names it in messages.
std::string read_input_file(const std::string& path, size_t max_bytes, const std::string& kind);

inline constexpr size_t kMaxDataFileBytes = size_t{256} << 20;

/// Reads a CSV file with a header row. Lines starting with '#' are comments. Throws
/// InputError for a missing/unreadable file, an empty file, a malformed quote or a row
/// with a different number of fields than the header. `delimiter` separates fields (HR
/// exports are often semicolon-separated, docs/hr-import.md).
CsvTable read_csv(const std::string& path, char delimiter = ',');

/// Parses a number in a CSV field; InputError at (file, line, column) if it is not one.
double parse_csv_number(const CsvTable& table, const CsvRow& row, int column, const std::string& what);

}  // namespace krapte

#include "data/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace krapte {

int CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

int CsvTable::require_column(const std::string& name) const {
  const int index = column(name);
  if (index >= 0) return index;
  std::string present;
  for (const auto& h : header) present += (present.empty() ? "" : ", ") + h;
  throw InputError(SourceLocation{path, 1, 0},
                   "missing column '" + name + "'; the header has: " + present);
}

SourceLocation CsvTable::where(const CsvRow& row, int column_index) const {
  return SourceLocation{path, row.line, column_index + 1};
}

namespace {

// Splits one logical record starting at `pos`; advances pos and line.
bool next_record(const std::string& text, size_t& pos, int& line, std::vector<std::string>& fields,
                 const std::string& path, char delimiter) {
  fields.clear();
  if (pos >= text.size()) return false;
  std::string field;
  bool quoted = false;
  const int start_line = line;
  while (pos < text.size()) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          field += '"';
          pos += 2;
          continue;
        }
        quoted = false;
        ++pos;
        continue;
      }
      if (c == '\n') ++line;
      field += c;
      ++pos;
      continue;
    }
    if (c == '"') {
      if (!field.empty())
        throw InputError(SourceLocation{path, line, 0}, "malformed CSV: a quote inside an unquoted field");
      quoted = true;
      ++pos;
    } else if (c == delimiter) {
      fields.push_back(field);
      field.clear();
      ++pos;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      fields.push_back(field);
      return true;
    } else {
      field += c;
      ++pos;
    }
  }
  if (quoted) throw InputError(SourceLocation{path, start_line, 0}, "malformed CSV: unterminated quoted field");
  fields.push_back(field);
  ++line;
  return true;
}

}  // namespace

std::string read_input_file(const std::string& path, size_t max_bytes, const std::string& kind) {
  std::error_code ignored;
  // An ifstream opens a folder without complaint and reads nothing from it.
  if (std::filesystem::is_directory(path, ignored))
    throw InputError(SourceLocation{path, 0, 0}, "is a folder; allowed: a " + kind);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "cannot open " + kind + ": " + std::strerror(errno));
  std::string text;
  std::vector<char> buffer(size_t{1} << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes)
      throw InputError(SourceLocation{path, 0, 0}, "the " + kind + " is larger than " + std::to_string(max_bytes >> 20) +
                                                       " MB; allowed: files up to that size");
  }
  if (in.bad()) throw InputError(SourceLocation{path, 0, 0}, "cannot read " + kind);
  return text;
}

CsvTable read_csv(const std::string& path, char delimiter) {
  std::string text = read_input_file(path, kMaxDataFileBytes, "data file");
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) text.erase(0, 3);  // UTF-8 BOM

  CsvTable table;
  table.path = path;
  size_t pos = 0;
  int line = 1;
  std::vector<std::string> fields;
  while (true) {
    const int record_line = line;
    if (!next_record(text, pos, line, fields, path, delimiter)) break;
    const bool blank = fields.size() == 1 && fields[0].empty();
    if (blank || (!fields.empty() && !fields[0].empty() && fields[0][0] == '#')) continue;
    if (table.header.empty()) {
      // A repeated column name would make column() silently pick the first one.
      for (size_t i = 0; i < fields.size(); ++i)
        for (size_t k = 0; k < i; ++k)
          if (fields[i] == fields[k])
            throw InputError(SourceLocation{path, record_line, static_cast<int>(i) + 1},
                             "column '" + fields[i] + "' appears twice in the header; allowed: each column once");
      table.header = fields;
      continue;
    }
    if (fields.size() != table.header.size())
      throw InputError(SourceLocation{path, record_line, 0},
                       "malformed CSV: " + std::to_string(fields.size()) + " fields, the header has " +
                           std::to_string(table.header.size()) + "; allowed: one field per column");
    table.rows.push_back(CsvRow{record_line, fields});
  }
  if (table.header.empty()) throw InputError(SourceLocation{path, 0, 0}, "data file is empty (a header row is required)");
  return table;
}

double parse_csv_number(const CsvTable& table, const CsvRow& row, int column, const std::string& what) {
  const std::string& text = row.fields[column];
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value))
    throw InputError(table.where(row, column), what + ": '" + text + "' is not a number");
  return value;
}

}  // namespace krapte

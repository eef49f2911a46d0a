#include "data/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

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
                 const std::string& path) {
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
    } else if (c == ',') {
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

CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, std::string("cannot open data file: ") + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(SourceLocation{path, 0, 0}, "cannot read data file");
  std::string text = buffer.str();
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) text.erase(0, 3);  // UTF-8 BOM

  CsvTable table;
  table.path = path;
  size_t pos = 0;
  int line = 1;
  std::vector<std::string> fields;
  while (true) {
    const int record_line = line;
    if (!next_record(text, pos, line, fields, path)) break;
    const bool blank = fields.size() == 1 && fields[0].empty();
    if (blank || (!fields.empty() && !fields[0].empty() && fields[0][0] == '#')) continue;
    if (table.header.empty()) {
      table.header = fields;
      continue;
    }
    if (fields.size() != table.header.size())
      throw InputError(SourceLocation{path, record_line, 0},
                       "malformed CSV: " + std::to_string(fields.size()) + " fields, the header has " +
                           std::to_string(table.header.size()));
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

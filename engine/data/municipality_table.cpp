#include "data/municipality_table.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "data/csv.h"

namespace krapte {

int MunicipalityTable::find(const std::string& code) const {
  const auto it = index_by_code.find(code);
  return it == index_by_code.end() ? -1 : it->second;
}

namespace {
constexpr double kMaxInhabitants = 1e8;

bool is_cbs_code(const std::string& code) {
  if (code.size() != 6 || code[0] != 'G' || code[1] != 'M') return false;
  return std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

MunicipalityTable read_municipality_table(const std::string& path) {
  const CsvTable csv = read_csv(path);
  const int c_code = csv.require_column("code");
  const int c_name = csv.require_column("name");
  const int c_province = csv.require_column("province");
  const int c_inhabitants = csv.require_column("inhabitants");
  const int c_region = csv.require_column("labour_market_region");
  if (csv.rows.empty()) throw InputError(SourceLocation{path, 0, 0}, "the municipality table has no rows");

  MunicipalityTable table;
  table.path = path;
  std::vector<std::string> region_of_row;
  for (const CsvRow& row : csv.rows) {
    Municipality m;
    m.code = row.fields[c_code];
    if (!is_cbs_code(m.code))
      throw InputError(csv.where(row, c_code), "municipality code '" + m.code + "' is not of the form GM#### (CBS code)");
    if (table.index_by_code.count(m.code))
      throw InputError(csv.where(row, c_code), "municipality code '" + m.code + "' appears twice");
    m.name = row.fields[c_name];
    m.province = row.fields[c_province];
    if (m.name.empty()) throw InputError(csv.where(row, c_name), "empty municipality name");
    if (m.province.empty()) throw InputError(csv.where(row, c_province), "empty province");
    const double inhabitants = parse_csv_number(csv, row, c_inhabitants, "inhabitants");
    // The upper bound keeps the cast defined and the synthetic population finite.
    if (inhabitants < 1 || inhabitants > kMaxInhabitants || inhabitants != std::floor(inhabitants))
      throw InputError(csv.where(row, c_inhabitants), "inhabitants '" + row.fields[c_inhabitants] +
                                                          "' is out of range; allowed: a whole number from 1 to 100000000");
    m.inhabitants = static_cast<int64_t>(inhabitants);
    if (row.fields[c_region].empty()) throw InputError(csv.where(row, c_region), "empty labour_market_region");
    region_of_row.push_back(row.fields[c_region]);
    table.index_by_code[m.code] = table.size();
    table.municipalities.push_back(std::move(m));
  }

  std::map<std::string, int> region_index;  // alphabetical order
  for (const auto& name : region_of_row) region_index.emplace(name, 0);
  for (const auto& [name, index] : region_index) {
    region_index[name] = static_cast<int>(table.regions.size());
    table.regions.push_back(Region{name, 0, {}});
  }
  for (int i = 0; i < table.size(); ++i) {
    Municipality& m = table.municipalities[i];
    m.region = region_index[region_of_row[i]];
    table.regions[m.region].inhabitants += m.inhabitants;
    table.regions[m.region].municipalities.push_back(i);
  }
  if (table.regions.size() > 255)
    throw InputError(SourceLocation{path, 0, 0}, "more than 255 labour-market regions are not supported");
  return table;
}

}  // namespace krapte

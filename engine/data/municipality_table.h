// The municipalities (MODEL.md §1): code, name, province, inhabitants, labour-market
// region. Regions are indexed in alphabetical order of their names; municipalities in the
// order of the file (sorted by CBS code in the shipped table).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace krapte {

struct Municipality {
  std::string code;  // CBS code, "GM0363"
  std::string name;
  std::string province;
  int64_t inhabitants = 0;
  int region = 0;  // index into MunicipalityTable::regions
};

struct Region {
  std::string name;
  int64_t inhabitants = 0;
  std::vector<int> municipalities;  // indices, in table order
};

struct MunicipalityTable {
  std::string path;
  std::vector<Municipality> municipalities;
  std::vector<Region> regions;
  std::unordered_map<std::string, int> index_by_code;

  int size() const { return static_cast<int>(municipalities.size()); }
  /// Index of a code, or -1.
  int find(const std::string& code) const;
};

/// Reads code,name,province,inhabitants,labour_market_region. InputError (file:line:col)
/// on a missing column, duplicate or malformed code, non-positive inhabitants, empty names.
MunicipalityTable read_municipality_table(const std::string& path);

}  // namespace krapte

#include "report/display_names.h"

#include <algorithm>
#include <map>

namespace krapte {

std::string job_family_display_name(const std::string& key) {
  // The names the municipal sector uses (A&O fonds Gemeenten, Personeelsmonitor).
  static const std::map<std::string, std::string> kNames = {
      {"bestuur_management", "Bestuur en management"},
      {"beleid", "Beleid"},
      {"dienstverlening", "Publieke dienstverlening"},
      {"sociaal_domein", "Sociaal domein"},
      {"ruimtelijk_domein", "Ruimtelijk domein"},
      {"ict", "ICT en informatievoorziening"},
      {"financien",
       "Financi\xC3\xAB"
       "n"},
      {"bedrijfsvoering", "Bedrijfsvoering"},
      {"openbare_ruimte", "Openbare ruimte"},
      {"handhaving", "Toezicht en handhaving"},
  };
  if (const auto it = kNames.find(key); it != kNames.end()) return it->second;
  std::string name = key;
  std::replace(name.begin(), name.end(), '_', ' ');
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

}  // namespace krapte

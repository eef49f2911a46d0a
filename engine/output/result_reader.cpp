#include "output/result_reader.h"

#include <algorithm>

namespace krapte {

std::string all_families_label(const std::vector<std::string>& job_families) {
  const bool taken = std::find(job_families.begin(), job_families.end(), "total") != job_families.end();
  return taken ? "(total)" : "total";
}

}  // namespace krapte

#include "core/calendar.h"

#include <cstdio>

namespace krapte {

std::string YearMonth::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year(), month());
  return buffer;
}

std::optional<YearMonth> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    year = year * 10 + (text[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    month = month * 10 + (text[i] - '0');
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return std::nullopt;
  return YearMonth::of(year, month);
}

}  // namespace krapte

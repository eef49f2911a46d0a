#include "data/field_formats.h"

#include <charconv>
#include <cmath>

namespace krapte {

std::string_view trim_field(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_decimal(std::string_view text, char decimal_separator) {
  std::string plain;
  bool digit = false;
  bool separator = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      plain += c;
    } else if (c == '-' && i == 0) {
      plain += c;
    } else if (c == decimal_separator && !separator) {
      separator = true;
      plain += '.';
    } else {
      return std::nullopt;  // a second separator, the other separator, a letter, a space
    }
  }
  if (!digit) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || ptr != plain.data() + plain.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string date_format_problem(std::string_view format) {
  int day = 0, month = 0, year = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      if (format[i] >= '0' && format[i] <= '9') return "a digit outside %d, %m, %Y would be ambiguous";
      continue;
    }
    if (i + 1 >= format.size()) return "ends with a lone %";
    switch (format[++i]) {
      case 'd': ++day; break;
      case 'm': ++month; break;
      case 'Y': ++year; break;
      default: return std::string("%") + format[i] + " is not supported";
    }
  }
  if (day != 1 || month != 1 || year != 1) return "needs each of %d, %m and %Y exactly once";
  // Two one-or-two-digit fields next to each other (%d%m) could not be told apart.
  if (format.find("%d%m") != std::string_view::npos || format.find("%m%d") != std::string_view::npos)
    return "%d and %m need a separator between them";
  return "";
}

namespace {

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap_year(year) ? 29 : kDays[month - 1];
}

// Reads min..max digits at pos; -1 if fewer than min.
int read_digits(std::string_view text, size_t& pos, int min_digits, int max_digits) {
  int value = 0;
  int count = 0;
  while (count < max_digits && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++count;
  }
  return count < min_digits ? -1 : value;
}

}  // namespace

std::optional<CalendarDate> parse_date(std::string_view text, std::string_view format) {
  CalendarDate date;
  size_t pos = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      if (pos >= text.size() || text[pos] != format[i]) return std::nullopt;
      ++pos;
      continue;
    }
    const char conversion = format[++i];
    const int value = conversion == 'Y' ? read_digits(text, pos, 4, 4) : read_digits(text, pos, 1, 2);
    if (value < 0) return std::nullopt;
    (conversion == 'Y' ? date.year : conversion == 'm' ? date.month : date.day) = value;
  }
  if (pos != text.size()) return std::nullopt;
  if (date.year < 1900 || date.year > 2200 || date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
  return date;
}

int completed_months(const CalendarDate& from, const CalendarDate& to) {
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  // The month is completed only once its day is reached again (born on the 31st: a
  // month later on the 1st is not yet a completed month).
  if (months > 0 && to.day < from.day) --months;
  if (months < 0 && to.day > from.day) ++months;
  return months;
}

}  // namespace krapte

// How the fields of an HR extract are written (docs/hr-import.md): decimal commas, dates
// like 31-12-1968, padded fields. Small pure functions, so the reader and its tests share them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace krapte {

struct CalendarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..days in the month
};

/// The field without leading and trailing spaces and tabs (exports pad fixed-width columns).
std::string_view trim_field(std::string_view text);

/// A number written with `decimal_separator` ('.' or ','): optional '-', digits, at most one
/// separator. No thousands separators, exponents, "inf" or "nan". nullopt otherwise.
std::optional<double> parse_decimal(std::string_view text, char decimal_separator);

/// "" if `format` is a usable date format, else what is wrong with it. A format holds each of
/// %d, %m and %Y exactly once, other characters literally (e.g. %d-%m-%Y, %Y-%m-%d, %d/%m/%Y).
std::string date_format_problem(std::string_view format);

/// A date written as `format` (date_format_problem(format) must be ""): %d and %m take one or
/// two digits, %Y four; the day must exist in that month (29 February only in leap years).
std::optional<CalendarDate> parse_date(std::string_view text, std::string_view format);

/// Completed months from `from` to `to` (an age or a tenure on the day `to`); negative when
/// `to` is before `from`. Born 31-12-1968: on 2024-01-01, 660 months (55 years 0 months).
int completed_months(const CalendarDate& from, const CalendarDate& to);

inline bool operator<(const CalendarDate& a, const CalendarDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

}  // namespace krapte

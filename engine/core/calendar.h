// Calendar months and the model's time axis (MODEL.md §1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace krapte {

/// A calendar month, stored as months since January of year 0 (year*12 + month-1),
/// so that differences are plain integer month counts.
struct YearMonth {
  int32_t index = 0;

  static YearMonth of(int year, int month) { return YearMonth{year * 12 + (month - 1)}; }
  int year() const { return index / 12; }
  int month() const { return index % 12 + 1; }
  std::string to_string() const;  // "YYYY-MM"
  YearMonth plus_months(int months) const { return YearMonth{index + months}; }
  friend auto operator<=>(YearMonth, YearMonth) = default;
};

/// Parses "YYYY-MM" (year 1900..2200, month 01..12); nullopt if malformed.
std::optional<YearMonth> parse_year_month(std::string_view text);

/// The time axis of a run: steps k = 1..T simulate months start..end; point k = 0..T is the
/// end-of-month state, point 0 labelled with the month before start (MODEL.md §1).
struct TimeAxis {
  YearMonth start;
  YearMonth end;

  int steps() const { return end.index - start.index + 1; }
  int points() const { return steps() + 1; }
  /// Calendar month simulated by step k (k >= 1), and the label of point k (k >= 0).
  YearMonth month_of_point(int k) const { return YearMonth{start.index + k - 1}; }
};

}  // namespace krapte

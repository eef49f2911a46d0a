// When and where a lever acts: its window of months and its scope of cells. Apart from
// resolved.h so that a lever's own header (engine/levers) can use them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/calendar.h"

namespace krapte {

/// When a lever acts: from `from` to `until` inclusive (open-ended without until).
struct Window {
  YearMonth from;
  YearMonth until{1 << 30};
  bool active(YearMonth c) const { return from <= c && c <= until; }
  /// Months the lever has acted by the end of month c (0 before from, frozen after until).
  int months_active(YearMonth c) const {
    const YearMonth last = c < until ? c : until;
    return last < from ? 0 : last.index - from.index + 1;
  }
};

/// Which cells a lever applies to, resolved from lists of names ([] = all).
struct Scope {
  std::vector<uint8_t> family;        // [family] 1 if in scope
  std::vector<uint8_t> municipality;  // [unit] 1 if in scope (municipalities only)
  bool applies(int unit, int family_index) const { return municipality[unit] && family[family_index]; }
};

}  // namespace krapte

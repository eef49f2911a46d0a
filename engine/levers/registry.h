// The one list of levers that are one unit (a file pair in engine/levers, docs/levers/README.md
// "Adding a lever"). Every caller iterates this list at compile time: the schema writes each
// lever's rows, the resolver resolves it, the month step and the projection step call its
// rules at their place in MODEL.md's order, and its random-stream purposes are checked
// against every other. A lever defines only the hooks it needs (see MoreHoursLever); a caller
// calls a hook where the lever has it. No virtual call: each call is a direct static call.
#pragma once

#include <array>
#include <cstddef>

#include "core/rng_purpose.h"
#include "levers/more_hours.h"
#include "levers/new_tasks.h"
#include "levers/productivity_gains.h"

namespace krapte::levers {

template <class... L>
struct List {
  static constexpr size_t size = sizeof...(L);
};

/// Every lever that is one unit, in the order the month step and the projection call
/// them where two act at the same point of MODEL.md §4. Their schema rows and resolution go
/// by their number (L::number) among the lever sections.
// In the demand factors lever 9's shocks come before lever 3's gains.
using All = List<NewTasksLever, ProductivityGainsLever, MoreHoursLever>;

/// f.template operator()<L>(index) for each lever L of All, in order.
template <class F>
constexpr void for_each(F&& f) {
  [&]<class... L>(List<L...>) {
    size_t index = 0;
    (f.template operator()<L>(index++), ...);
  }(All{});
}

/// The levers' parts of the resolved scenario (PolicySpec derives from it).
template <class>
struct SpecsOf;
template <class... L>
struct SpecsOf<List<L...>> : L::Spec... {};
using Specs = SpecsOf<All>;

namespace detail {
/// A lever's purposes; none for a lever that draws nothing (no rng_purposes).
template <class L>
constexpr auto purposes_of() {
  if constexpr (requires { L::rng_purposes; })
    return L::rng_purposes;
  else
    return std::array<RngPurpose, 0>{};
}
template <class... L>
constexpr auto all_purposes(List<L...>) {
  constexpr size_t n = krapte::detail::kAllPurposes.size() + (purposes_of<L>().size() + ... + 0);
  std::array<RngPurpose, n> all{};
  size_t i = 0;
  for (RngPurpose p : krapte::detail::kAllPurposes) all[i++] = p;
  ((([&] {
     for (RngPurpose p : purposes_of<L>()) all[i++] = p;
   })()),
   ...);
  return all;
}
constexpr bool unique(const auto& purposes) {
  for (size_t i = 0; i < purposes.size(); ++i)
    for (size_t j = i + 1; j < purposes.size(); ++j)
      if (purposes[i] == purposes[j]) return false;
  return true;
}
static_assert(unique(all_purposes(All{})), "a lever's random-stream purpose is used by another purpose");
}  // namespace detail

}  // namespace krapte::levers

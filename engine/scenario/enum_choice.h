// One typed parser for every enum key of the scenario file: the schema's allowed values
// (KeySpec::allowed) are the only list of texts, and the caller lists the C++ values in
// the same order, so a text maps to its value by position. No string compares with a
// catch-all else: an unknown text is an error, never the last value.
#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "scenario/schema.h"

namespace krapte {

/// The value of `text` for the enum key `spec`: values[i] for the i-th allowed value,
/// nullopt for a text the schema does not allow. A schema with another number of allowed
/// values than `values` is a programming error (std::logic_error), caught by every test
/// that resolves a scenario.
template <typename E, size_t N>
std::optional<E> parse_enum(const KeySpec& spec, std::string_view text, const std::array<E, N>& values) {
  if (spec.type != KeyType::kEnum || spec.allowed_values().size() != N)
    throw std::logic_error("parse_enum: " + spec.path + " does not list " + std::to_string(N) + " allowed values");
  const int index = spec.allowed_index(text);
  if (index < 0) return std::nullopt;
  return values[static_cast<size_t>(index)];
}

}  // namespace krapte

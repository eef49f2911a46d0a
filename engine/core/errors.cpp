#include "core/errors.h"

namespace krapte {

std::string format_location(const SourceLocation& where) {
  std::string out;
  out.reserve(where.file.size() + 32);
  out.append(where.file);
  if (where.line > 0) {
    out.append(":").append(std::to_string(where.line));
    if (where.column > 0) out.append(":").append(std::to_string(where.column));
  }
  if (!out.empty()) out.append(": ");
  return out;
}

InputError::InputError(const SourceLocation& where, const std::string& message)
    : std::runtime_error(format_location(where) + message) {}

InputError::InputError(const std::string& message) : std::runtime_error(message) {}

}  // namespace krapte

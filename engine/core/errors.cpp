#include "core/errors.h"

namespace krapte {

std::string format_location(const SourceLocation& where) {
  std::string out;
  out.reserve(where.file.size() + 32);
  if (!where.set_override.empty()) {
    // append() rather than "--set " + ...: GCC 12 gives a false -Wrestrict on the latter.
    if (where.file.empty()) return out.append("--set ").append(where.set_override).append(": ");
    return out.append(where.file).append(" (--set ").append(where.set_override).append("): ");
  }
  out.append(where.file);
  if (where.line > 0) {
    out.append(":").append(std::to_string(where.line));
    if (where.column > 0) out.append(":").append(std::to_string(where.column));
  }
  if (!out.empty()) out.append(": ");
  return out;
}

std::string one_line(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\0') {
      out += "\\0";
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// One line already here: what() is a C string, so a NUL in a key would cut the message.
InputError::InputError(const SourceLocation& where, const std::string& message)
    : std::runtime_error(one_line(format_location(where) + message)), where_(where), message_(one_line(message)) {}

InputError::InputError(const std::string& message)
    : std::runtime_error(one_line(message)), message_(one_line(message)) {}

}  // namespace krapte

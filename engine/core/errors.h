// Typed, located errors. Every bad input (scenario, data file, command line, output path)
// becomes an InputError whose what() is one line: "file:line:col: key: what is wrong; what
// is allowed". The CLI prints it and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace krapte {

/// Where in an input a problem sits. line/column are 1-based; 0 means "not known".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A problem with something the user gave us. Never a bug in krapte.
class InputError : public std::runtime_error {
 public:
  InputError(const SourceLocation& where, const std::string& message);
  explicit InputError(const std::string& message);
};

/// The message as one printable line: control characters (a newline or NUL in a key, a
/// path or a value quoted back) become escapes such as \n, \0 or \x1b.
std::string one_line(const std::string& message);

/// Formats "file:line:col: " (omitting unknown parts).
std::string format_location(const SourceLocation& where);

}  // namespace krapte

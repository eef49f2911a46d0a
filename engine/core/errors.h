// Typed, located errors. Every bad input (scenario, data file, command line, output path)
// becomes an InputError whose what() is one line: "file:line:col: key: what is wrong; what
// is allowed". The CLI prints it and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace krapte {

/// Where in an input a problem sits. line/column are 1-based; 0 means "not known".
struct SourceLocation {
  SourceLocation() = default;
  SourceLocation(std::string file_, int line_ = 0, int column_ = 0)  // NOLINT: implicit, as the aggregate was
      : file(std::move(file_)), line(line_), column(column_) {}
  /// The key `key_path` of scenario `file_` as a --set override gave it ("" = the assignment
  /// `key_path` itself, before any file): format_location() words it "FILE (--set KEY): " or
  /// "--set ASSIGNMENT: ".
  static SourceLocation of_override(std::string file_, std::string key_path) {
    SourceLocation where(std::move(file_));
    where.set_override = std::move(key_path);
    return where;
  }

  std::string file;
  int line = 0;
  int column = 0;
  std::string set_override;  // the override to blame, "" if none
};

/// A problem with something the user gave us. Never a bug in krapte.
/// what() is format_location(where()) + message(); the parts stay readable, so that a caller
/// that rewords an error (a sweep point's override) need not parse what().
class InputError : public std::runtime_error {
 public:
  InputError(const SourceLocation& where, const std::string& message);
  explicit InputError(const std::string& message);

  const SourceLocation& where() const { return where_; }
  /// The message without its location, as one line.
  const std::string& message() const { return message_; }
  /// Whether the problem sits in a --set override rather than in a file.
  bool from_override() const { return !where_.set_override.empty(); }

 private:
  SourceLocation where_;
  std::string message_;
};

/// The message as one printable line: control characters (a newline or NUL in a key, a
/// path or a value quoted back) become escapes such as \n, \0 or \x1b.
std::string one_line(const std::string& message);

/// Formats "file:line:col: " (omitting unknown parts).
std::string format_location(const SourceLocation& where);

}  // namespace krapte

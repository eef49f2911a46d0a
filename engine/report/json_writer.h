// A small hand-written JSON writer for the data the report page embeds: strings escaped so
// that nothing can close the page's <script>, numbers to 6 significant digits, NaN and
// infinities as null. The caller writes the structure (raw "{", ",", key()).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace krapte {

class JsonWriter {
 public:
  void raw(const std::string& text) { out_ += text; }
  /// A JSON string; control characters and < > & as \u escapes.
  void string(const std::string& text);
  /// %.6g; non-finite values as null, -0 as 0.
  void number(double value);
  void number(int64_t value) { out_ += std::to_string(value); }
  void numbers(const std::vector<double>& values);
  void integers(const std::vector<int>& values);
  /// Rows of numbers, one per line.
  void matrix(const std::vector<std::vector<double>>& rows);
  void strings(const std::vector<std::string>& values);
  /// "name": before a value.
  void key(const std::string& name);
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace krapte

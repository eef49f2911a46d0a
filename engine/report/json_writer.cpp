#include "report/json_writer.h"

#include <cmath>
#include <cstdio>

namespace krapte {

void JsonWriter::string(const std::string& text) {
  out_ += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"') {
      out_ += "\\\"";
    } else if (c == '\\') {
      out_ += "\\\\";
    } else if (byte < 0x20 || c == '<' || c == '>' || c == '&') {  // nothing can close the <script>
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out_ += escaped;
    } else {
      out_ += c;
    }
  }
  out_ += '"';
}

void JsonWriter::number(double value) {
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value == 0.0 ? 0.0 : value);  // no "-0"
  out_ += buffer;
}

void JsonWriter::numbers(const std::vector<double>& values) {
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out_ += ',';
    number(values[i]);
  }
  out_ += ']';
}

void JsonWriter::integers(const std::vector<int>& values) {
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out_ += ',';
    number(static_cast<int64_t>(values[i]));
  }
  out_ += ']';
}

void JsonWriter::matrix(const std::vector<std::vector<double>>& rows) {
  out_ += '[';
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i) out_ += ",\n";
    numbers(rows[i]);
  }
  out_ += ']';
}

void JsonWriter::strings(const std::vector<std::string>& values) {
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out_ += ',';
    string(values[i]);
  }
  out_ += ']';
}

void JsonWriter::key(const std::string& name) {
  string(name);
  out_ += ':';
}

}  // namespace krapte

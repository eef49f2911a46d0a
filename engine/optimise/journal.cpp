#include "optimise/journal.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"

namespace krapte {

namespace {
constexpr const char* kMagic = "krapte-optimise-journal";

std::string hex(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%a", value);
  return buffer;
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> values;
  std::istringstream in(text);
  std::string token;
  while (in >> token) values.push_back(std::strtod(token.c_str(), nullptr));
  return values;
}
}  // namespace

std::string journal_key(const OptimiseSpec& spec, uint64_t base_scenario_hash) {
  std::ostringstream key;
  key << base_scenario_hash << ";" << static_cast<int>(spec.objective) << ";" << spec.from << ";" << spec.to << ";"
      << static_cast<int>(spec.search.algorithm) << ";" << hex(spec.search.x_tolerance) << ";" << hex(spec.search.initial_step);
  for (const DecisionVariable& v : spec.variables) key << ";" << v.path << "," << hex(v.lower) << "," << hex(v.upper) << "," << v.integer << "," << v.choice << "," << v.when_none;
  key << ";" << static_cast<int>(spec.on_off);
  for (const OptimiseConstraint& c : spec.constraints) key << ";" << c.label();
  for (double s : spec.start) key << ";" << hex(s);
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a_64(key.str())));
  return hash;
}

EvaluationJournal::EvaluationJournal(const std::string& path, const std::string& key) : path_(path) {
  bool keep = false;
  {
    std::ifstream in(path);
    std::string line;
    if (in && std::getline(in, line) && line == std::string(kMagic) + " " + key) {
      keep = true;
      while (std::getline(in, line)) {
        if (line.rfind("scale ", 0) == 0) {
          scale_ = std::strtod(line.c_str() + 6, nullptr);
          continue;
        }
        const size_t first = line.find('|');
        const size_t second = line.find('|', first == std::string::npos ? 0 : first + 1);
        if (first == std::string::npos || second == std::string::npos) break;  // a line cut by an interrupt
        SearchEvaluation e;
        e.x = numbers(line.substr(0, first));
        const std::vector<double> objective = numbers(line.substr(first + 1, second - first - 1));
        if (objective.size() != 1) break;
        e.objective = objective[0];
        e.constraints = numbers(line.substr(second + 1));
        entries_[e.x] = e;
      }
    }
  }
  file_ = std::fopen(path.c_str(), keep ? "a" : "w");
  if (file_ == nullptr) throw InputError(SourceLocation{path, 0, 0}, "cannot write the optimise journal beside the package file");
  if (!keep) {
    std::fprintf(file_, "%s %s\n", kMagic, key.c_str());
    std::fflush(file_);
  }
}

EvaluationJournal::~EvaluationJournal() {
  if (file_) std::fclose(file_);
}

const SearchEvaluation* EvaluationJournal::find(const std::vector<double>& x) const {
  const auto it = entries_.find(x);
  return it == entries_.end() ? nullptr : &it->second;
}

void EvaluationJournal::set_scale(double scale) {
  scale_ = scale;
  std::fprintf(file_, "scale %s\n", hex(scale).c_str());
  std::fflush(file_);
}

void EvaluationJournal::append(const SearchEvaluation& e) {
  entries_[e.x] = e;
  std::string line;
  for (double x : e.x) line += hex(x) + " ";
  line += "| " + hex(e.objective) + " |";
  for (double g : e.constraints) line += " " + hex(g);
  std::fprintf(file_, "%s\n", line.c_str());
  std::fflush(file_);
}

}  // namespace krapte

// The evaluation journal of `krapte optimise` (docs/optimise.md, "Resuming"): every projection
// evaluation is appended (and flushed) as one line of hex floats. NLopt's local algorithms are
// deterministic, so a rerun of the same problem asks for the same points in the same order: the
// journal answers them without running the model, and the search goes on where it stopped
// (after an interrupt, or with a larger max_evaluations). A journal of another problem (a
// different key) is replaced.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "optimise/nlopt_search.h"
#include "optimise/spec.h"

namespace krapte {

class EvaluationJournal {
 public:
  /// Opens `path`, keeping its entries when its key matches `key`, else starting it afresh.
  /// InputError if it cannot be written.
  EvaluationJournal(const std::string& path, const std::string& key);
  ~EvaluationJournal();
  EvaluationJournal(const EvaluationJournal&) = delete;
  EvaluationJournal& operator=(const EvaluationJournal&) = delete;

  /// The journaled evaluation at exactly x (bit for bit), or nullptr.
  const SearchEvaluation* find(const std::vector<double>& x) const;
  void append(const SearchEvaluation& evaluation);
  /// The objective scale of the problem (0 if not yet journaled).
  double scale() const { return scale_; }
  void set_scale(double scale);
  size_t size() const { return entries_.size(); }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  double scale_ = 0;
  std::map<std::vector<double>, SearchEvaluation> entries_;
};

/// Everything that decides the search path except max_evaluations and verify: the base
/// scenario (its hash), variables, objective, constraints, algorithm, tolerances, start.
std::string journal_key(const OptimiseSpec& spec, uint64_t base_scenario_hash);

}  // namespace krapte

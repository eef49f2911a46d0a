// The population store: a structure of arrays per municipality (MODEL.md §2). A
// municipality's agents are contiguous, so the municipality is the unit of parallel work;
// exits are removed by a stable compaction and arrivals appended, which keeps the order
// (and so every sum over it) a pure function of the history.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace krapte {

// Column types as narrow as their ranges allow, because every month step streams every
// column of every agent (issue 10, bytes per agent): ages and tenures in months fit int16
// (input ages are at most 80 years, runs at most a few centuries); onboarding and trainee
// months left fit uint8 (the schema caps both at 120 months).
using AgeMonths = int16_t;
using MonthsLeft = uint8_t;

/// One agent's values, used only at the edges (arrivals, reading files, tests).
struct AgentRecord {
  uint64_t id = 0;
  uint8_t family = 0;
  int32_t age_months = 0;
  int32_t tenure_months = 0;  // at the current municipality
  double contract_fte = 1.0;  // (0, 1]
  int32_t onboarding_months_left = 0;
  uint8_t trainee_programme = 0;  // 0 = not a trainee, else programme index + 1
  int32_t trainee_months_left = 0;
};

class MunicipalityAgents {
 public:
  std::vector<uint64_t> id;
  std::vector<uint8_t> family;
  std::vector<AgeMonths> age_months;
  std::vector<AgeMonths> tenure_months;
  std::vector<double> contract_fte;
  std::vector<MonthsLeft> onboarding_months_left;
  std::vector<uint8_t> trainee_programme;  // 0 = not a trainee, else programme index + 1
  std::vector<MonthsLeft> trainee_months_left;

  size_t size() const { return id.size(); }
  void append(const AgentRecord& agent);
  AgentRecord record(size_t i) const;
  void reserve(size_t n);
  /// Stable compaction in place, one agent at a time: copy agent `from` to slot `to`
  /// (to <= from), then truncate() to the number kept. Used inside a single pass that
  /// decides who stays, so leavers cost no second pass over the columns.
  void move_agent(size_t from, size_t to);  // below: AgentColumns::move_agent on this store
  void truncate(size_t n);
};

/// Raw pointers to a municipality's columns for the hot passes. Held in a local, they stay
/// in registers: through the vectors, every one-byte store (family, trainee_programme may
/// alias anything) would make the compiler reload every column's data pointer.
struct AgentColumns {
  uint64_t* id;
  uint8_t* family;
  AgeMonths* age_months;
  AgeMonths* tenure_months;
  double* contract_fte;
  MonthsLeft* onboarding_months_left;
  uint8_t* trainee_programme;
  MonthsLeft* trainee_months_left;

  explicit AgentColumns(MunicipalityAgents& a)
      : id(a.id.data()), family(a.family.data()), age_months(a.age_months.data()), tenure_months(a.tenure_months.data()),
        contract_fte(a.contract_fte.data()), onboarding_months_left(a.onboarding_months_left.data()),
        trainee_programme(a.trainee_programme.data()), trainee_months_left(a.trainee_months_left.data()) {}
  /// MunicipalityAgents::move_agent on the raw columns.
  void move_agent(size_t from, size_t to) const {
    id[to] = id[from];
    family[to] = family[from];
    age_months[to] = age_months[from];
    tenure_months[to] = tenure_months[from];
    contract_fte[to] = contract_fte[from];
    onboarding_months_left[to] = onboarding_months_left[from];
    trainee_programme[to] = trainee_programme[from];
    trainee_months_left[to] = trainee_months_left[from];
  }
};

inline void MunicipalityAgents::move_agent(size_t from, size_t to) { AgentColumns(*this).move_agent(from, to); }

/// All agents of one replication, grouped by municipality (table order).
struct Population {
  std::vector<MunicipalityAgents> by_municipality;

  size_t total_agents() const;
};

/// Effective FTE (MODEL.md §2): contract FTE x productivity; productivity is the
/// programme's while a trainee (`trainee_productivity` is indexed by trainee_programme,
/// entry 0 unused), the onboarding productivity while onboarding, else 1.
inline double effective_fte(double contract_fte, int32_t onboarding_months_left, uint8_t trainee_programme,
                            double onboarding_productivity, const double* trainee_productivity) {
  if (trainee_programme != 0) return contract_fte * trainee_productivity[trainee_programme];
  if (onboarding_months_left > 0) return contract_fte * onboarding_productivity;
  return contract_fte;
}

}  // namespace krapte

#include "sweep/branch_plan.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "checkpoint/past_view.h"
#include "core/errors.h"
#include "scenario/resolve.h"

namespace krapte {

namespace {

// Every month a dated entry or lever of the scenario starts: where pasts can part.
void collect_starts(const YAML::Node& node, std::set<int32_t>& starts) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      if (entry.first.Scalar() == "from" && entry.second.IsScalar())
        if (const auto month = parse_year_month(entry.second.Scalar())) starts.insert(month->index);
      collect_starts(entry.second, starts);
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) collect_starts(item, starts);
  }
}

BranchPlan grouped(const std::vector<uint64_t>& pasts, YearMonth month, int step) {
  BranchPlan plan;
  plan.month = month;
  plan.step = step;
  std::map<uint64_t, size_t> group_of_past;  // in order of each group's first point
  std::vector<std::vector<int64_t>> all;
  for (size_t p = 0; p < pasts.size(); ++p) {
    const auto [it, fresh] = group_of_past.emplace(pasts[p], all.size());
    if (fresh) all.emplace_back();
    all[it->second].push_back(static_cast<int64_t>(p));
  }
  for (auto& group : all)
    if (group.size() >= 2) plan.groups.push_back(std::move(group));
  if (plan.groups.empty()) plan.step = 0;
  return plan;
}

}  // namespace

int64_t BranchPlan::branched_points() const {
  int64_t n = 0;
  for (const auto& group : groups) n += static_cast<int64_t>(group.size());
  return n;
}

BranchPlan plan_branches(const SweepSpec& spec, const ResolvedScenario& layout, int64_t points,
                         const std::function<ResolvedScenario(int64_t)>& resolve, int threads) {
  if (spec.branch_at.empty() || points < 2) return {};
  const TimeAxis& time = layout.time;
  tbb::task_arena arena(threads);
  // Pasts are compared by their FNV-1a hash: a sweep may have millions of points.
  const auto pasts_at = [&](YearMonth month, const std::vector<ResolvedScenario>* resolved) {
    std::vector<uint64_t> pasts(static_cast<size_t>(points));
    arena.execute([&] {
      tbb::parallel_for(int64_t{0}, points, [&](int64_t p) {
        pasts[p] = fnv1a_64(past_view_yaml(resolved ? (*resolved)[p] : resolve(p), month));
      });
    });
    return pasts;
  };
  const auto step_of = [&](YearMonth month) { return month.index - time.start.index + 1; };

  if (spec.branch_at != "auto") {
    const YearMonth month = *parse_year_month(spec.branch_at);
    if (month < time.start || month >= time.end)
      throw InputError(spec.branch_at_where, "branch_at: " + spec.branch_at + " is outside the run; allowed: a month from " +
                                                 time.start.to_string() + " to " + time.end.plus_months(-1).to_string() +
                                                 " (the months after it are run per point) | auto");
    return grouped(pasts_at(month, nullptr), month, step_of(month));
  }
  // auto: the latest month before a start where every point still has the same past.
  if (points > kMaxAutoBranchPoints)
    throw InputError(spec.branch_at_where, "branch_at: auto compares every point's scenario at every month where one "
                                           "starts something, for at most " + std::to_string(kMaxAutoBranchPoints) +
                                           " points; allowed: a month YYYY-MM");
  std::vector<ResolvedScenario> scenarios(static_cast<size_t>(points));
  arena.execute([&] { tbb::parallel_for(int64_t{0}, points, [&](int64_t p) { scenarios[p] = resolve(p); }); });
  std::set<int32_t> starts;
  for (const ResolvedScenario& s : scenarios) collect_starts(YAML::Load(s.canonical_yaml), starts);
  starts.insert(time.end.index);  // points that differ in nothing the model reads share all but the last month
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
    const YearMonth month{*it - 1};
    if (month < time.start || month >= time.end) continue;
    const std::vector<uint64_t> pasts = pasts_at(month, &scenarios);
    bool shared = true;
    for (const uint64_t past : pasts) shared = shared && past == pasts[0];
    if (shared) return grouped(pasts, month, step_of(month));
  }
  return {};
}

}  // namespace krapte

// The `costs:` section (issue 12, docs/costs.md). Kept apart from resolve.cpp: costs are
// prices laid over the results, and nothing the model computes reads them.
#include <set>
#include <string>

#include "scenario/resolve.h"

namespace krapte {

namespace {

struct CostResolver {
  const ScenarioTree& tree;
  const YAML::Node root;

  [[noreturn]] void fail(const YAML::Node& node, const std::string& concrete, const std::string& message) const {
    throw InputError(tree.where(node, concrete), concrete + ": " + message);
  }

  /// A used measure without its cost entry: located at the measure, so the user sees which.
  void require(bool used, bool given, const std::string& lever, const std::string& keys) const {
    if (used && !given)
      fail(root[lever], lever, "the scenario uses this measure but costs.measures." + lever +
                                   " is missing; allowed: a costs.measures." + lever + " entry {" + keys +
                                   "} (docs/costs.md), so that no measure looks free by omission");
  }

  FixedCosts fixed(const YAML::Node& measures, const char* lever) const {
    FixedCosts costs;
    const YAML::Node entry = measures[lever];
    if (!entry) return costs;
    costs.given = true;
    if (entry["one_off"]) costs.one_off_euros = entry["one_off"].as<double>();
    if (entry["one_off_per_centre"]) costs.one_off_euros = entry["one_off_per_centre"].as<double>();
    if (entry["per_year"]) costs.per_year_euros = entry["per_year"].as<double>();
    if (entry["per_year_per_centre"]) costs.per_year_euros = entry["per_year_per_centre"].as<double>();
    return costs;
  }

  void resolve(ResolvedScenario& s) const {
    const YAML::Node node = root["costs"];
    if (!node) return;
    CostSpec& c = s.costs;
    c.enabled = true;
    c.price_year = static_cast<int>(node["price_year"].as<double>());
    c.annual_increase = node["annual_increase"].as<double>();
    c.employer_charges = node["employer_charges"].as<double>();

    const YAML::Node salary = node["salary"];
    c.gross_per_fte_month.assign(s.family_count(), -1);
    for (size_t i = 0; i < salary.size(); ++i) {
      const std::string concrete = "costs.salary[" + std::to_string(i) + "].family";
      const int j = s.family_index(salary[i]["family"].Scalar());
      if (j < 0) {
        std::string names;
        for (const auto& f : s.families) names += (names.empty() ? "" : ", ") + f.name;
        fail(salary[i]["family"], concrete, "unknown job family '" + salary[i]["family"].Scalar() + "'; allowed: " + names);
      }
      if (c.gross_per_fte_month[j] >= 0)
        fail(salary[i]["family"], concrete, "job family '" + s.families[j].name + "' appears twice; allowed: one entry per family");
      c.gross_per_fte_month[j] = salary[i]["gross_per_fte_month"].as<double>();
    }
    for (int j = 0; j < s.family_count(); ++j)
      if (c.gross_per_fte_month[j] < 0)
        fail(salary, "costs.salary", "no salary for job family '" + s.families[j].name +
                                         "'; allowed: one entry {family, gross_per_fte_month} for every job family");

    c.external_share = node["vacancy"]["external_share"].as<double>();
    c.external_premium = node["vacancy"]["external_premium"].as<double>();

    const YAML::Node measures = node["measures"];
    c.collective = fixed(measures, "collective");
    c.attractiveness = fixed(measures, "attractiveness");
    if (c.attractiveness.given) c.attractiveness_pay_share = measures["attractiveness"]["pay_share"].as<double>();
    c.productivity_gains = fixed(measures, "productivity_gains");
    c.shared_services = fixed(measures, "shared_services");
    c.more_hours = fixed(measures, "more_hours");
    if (const YAML::Node t = measures["trainee_programmes"]) {
      c.trainees_given = true;
      c.per_trainee_month_euros = t["per_trainee_month"].as<double>();
      c.per_intake_euros = t["per_intake"].as<double>();
    }
    if (const YAML::Node f = measures["flexpools"]) {
      c.flexpools_given = true;
      c.flexpool_overhead = f["overhead"].as<double>();
    }
    if (const YAML::Node r = measures["retention"]) {
      c.retention_given = true;
      c.retention_per_person_month_euros = r["per_person_month"].as<double>();
    }

    const PolicySpec& p = s.policies;
    if (s.recruitment.mode == RecruitmentMode::kCollective && !c.collective.given)
      fail(root["recruitment"]["mode"], "recruitment.mode",
           "collective recruitment is used but costs.measures.collective is missing; allowed: a costs.measures.collective "
           "entry {per_year} (docs/costs.md), so that no measure looks free by omission");
    require(!s.attractiveness.path.empty(), c.attractiveness.given, "attractiveness", "pay_share, per_year");
    require(!p.productivity_gains.empty(), c.productivity_gains.given, "productivity_gains", "one_off, per_year");
    require(!p.shared_services.empty(), c.shared_services.given, "shared_services", "one_off_per_centre, per_year_per_centre");
    require(!p.trainee_programmes.empty(), c.trainees_given, "trainee_programmes", "per_trainee_month, per_intake");
    require(!p.flexpools.empty(), c.flexpools_given, "flexpools", "overhead");
    require(!p.retention.empty(), c.retention_given, "retention", "per_person_month");
    require(!p.more_hours.empty(), c.more_hours.given, "more_hours", "per_year");

    // Staff in a retention scheme are counted from the national age histogram (five-year
    // bands of completed years, docs/costs.md), so the scheme's age must start a band.
    for (size_t i = 0; i < p.retention.size(); ++i) {
      const int age = p.retention[i].from_age_years;
      if (age % 5 != 0 || age < 20 || age > 70)
        fail(root["retention"][i]["from_age_years"], "retention[" + std::to_string(i) + "].from_age_years",
             std::to_string(age) + " does not start an age band of the cost count; allowed with costs: a multiple of 5 "
                                   "from 20 to 70 (docs/costs.md)");
    }
  }
};

}  // namespace

void resolve_costs(const ScenarioTree& tree, ResolvedScenario& s) { CostResolver{tree, tree.root}.resolve(s); }

}  // namespace krapte

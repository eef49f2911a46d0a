#include "scenario/resolve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <limits>
#include <set>
#include <stdexcept>

#include "core/rates.h"
#include "core/rng.h"
#include "data/field_formats.h"
#include "scenario/enum_choice.h"
#include "scenario/lever_reader.h"

namespace krapte {

int ResolvedScenario::family_index(const std::string& family_name) const {
  for (int j = 0; j < family_count(); ++j)
    if (families[j].name == family_name) return j;
  return -1;
}

int ResolvedScenario::aow_age_months(YearMonth c) const {
  int age = aow_age.front().age_months;
  for (const AowEntry& entry : aow_age)
    if (entry.from <= c) age = entry.age_months;
  return age;
}

double ResolvedScenario::attractiveness_index(YearMonth c) const {
  double index = attractiveness.index;
  for (const AttractivenessPoint& point : attractiveness.path)
    if (point.from <= c) index = point.index;
  return index;
}

double ResolvedScenario::tightness(YearMonth c) const {
  double factor = 1;
  for (const TightnessEntry& entry : recruitment.tightness)
    if (entry.from <= c) factor = entry.factor;
  return factor;
}

namespace {
// For messages: "1.1", not "1.100000".
std::string short_number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}
}  // namespace

uint64_t fnv1a_64(const std::string& text) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

void LeverReader::fail(const YAML::Node& node, const std::string& concrete, const std::string& message) const {
  throw InputError(tree_.where(node, concrete), concrete + ": " + message);
}

Window LeverReader::window(const YAML::Node& item, const std::string& concrete) const {
  Window w;
  w.from = month(item["from"]);
  if (item["until"] && !item["until"].IsNull()) {
    w.until = month(item["until"]);
    if (w.until < w.from)
      fail(item["until"], concrete + ".until", w.until.to_string() + " is before from " + w.from.to_string() +
                                                   "; allowed: a month on or after from");
  }
  return w;
}

int LeverReader::family_by_name(const ResolvedScenario& s, const YAML::Node& node, const std::string& concrete) const {
  const int j = s.family_index(node.Scalar());
  if (j < 0) {
    std::string names;
    for (const auto& f : s.families) names += (names.empty() ? "" : ", ") + f.name;
    fail(node, concrete, "unknown job family '" + node.Scalar() + "'; allowed: " + names);
  }
  return j;
}

std::vector<uint8_t> LeverReader::family_mask(const ResolvedScenario& s, const YAML::Node& list, const std::string& concrete) const {
  std::vector<uint8_t> mask(s.family_count(), list && list.size() > 0 ? 0 : 1);
  for (size_t i = 0; list && i < list.size(); ++i) mask[family_by_name(s, list[i], concrete)] = 1;
  return mask;
}

std::vector<uint8_t> LeverReader::municipality_mask(const ResolvedScenario& s, const YAML::Node& item, const std::string& concrete) const {
  const MunicipalityTable& table = s.municipalities;
  std::vector<uint8_t> region_ok(table.regions.size(), 1);
  std::set<std::string> provinces;
  for (const Municipality& m : table.municipalities) provinces.insert(m.province);
  const YAML::Node regions = item["regions"];
  if (regions && regions.size() > 0) {
    std::fill(region_ok.begin(), region_ok.end(), 0);
    for (size_t i = 0; i < regions.size(); ++i) {
      bool found = false;
      for (size_t r = 0; r < table.regions.size(); ++r)
        if (table.regions[r].name == regions[i].Scalar()) region_ok[r] = found = true;
      if (!found) fail(regions[i], concrete + ".regions", "unknown labour-market region '" + regions[i].Scalar() + "' (see /axes/region or " + table.path + ")");
    }
  }
  const YAML::Node wanted = item["provinces"];
  for (size_t i = 0; wanted && i < wanted.size(); ++i)
    if (!provinces.count(wanted[i].Scalar())) {
      std::string allowed;
      for (const auto& p : provinces) allowed += (allowed.empty() ? "" : ", ") + p;
      fail(wanted[i], concrete + ".provinces", "unknown province '" + wanted[i].Scalar() + "'; allowed: " + allowed);
    }
  std::vector<uint8_t> mask(table.municipalities.size(), 0);
  for (int m = 0; m < s.real_municipalities; ++m) {
    bool province_ok = !wanted || wanted.size() == 0;
    for (size_t i = 0; wanted && i < wanted.size(); ++i) province_ok |= wanted[i].Scalar() == table.municipalities[m].province;
    mask[m] = region_ok[table.municipalities[m].region] && province_ok;
  }
  return mask;
}

Scope LeverReader::scope(const ResolvedScenario& s, const YAML::Node& item, const std::string& concrete, bool with_families) const {
  Scope result;
  result.family = with_families ? family_mask(s, item["families"], concrete + ".families") : std::vector<uint8_t>(s.family_count(), 1);
  result.municipality = municipality_mask(s, item, concrete);
  return result;
}

PiecewiseDistribution LeverReader::distribution(const YAML::Node& list, const std::string& concrete, double lowest_from,
                                   bool open_at_lowest) const {
  std::vector<DistributionBin> bins;
  double total = 0;
  if (!list || list.size() == 0) fail(list, concrete, "needs at least one bin {from, to, weight}");
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item = concrete + "[" + std::to_string(i) + "]";
    DistributionBin bin{real(list[i]["from"]), real(list[i]["to"]), real(list[i]["weight"])};
    if (bin.to < bin.from)
      fail(list[i]["to"], item + ".to", short_number(bin.to) + " is below from (" + short_number(bin.from) +
                                            "); allowed: to >= from");
    if (open_at_lowest && bin.from <= lowest_from)
      fail(list[i]["from"], item + ".from", short_number(bin.from) + " is not above " + short_number(lowest_from) +
                                                "; allowed: values in (0, 1] (from > 0)");
    total += bin.weight;
    bins.push_back(bin);
  }
  if (total <= 0) fail(list, concrete, "the weights sum to 0; allowed: at least one weight > 0");
  return PiecewiseDistribution(std::move(bins));
}

namespace {

class Resolver : public LeverReader {
 public:
  explicit Resolver(const ScenarioTree& tree) : LeverReader(tree) {}

  ResolvedScenario resolve() {
    ResolvedScenario s;
    s.source_path = tree_.path;
    s.name = root_["name"].Scalar();
    if (s.name.empty()) fail(root_["name"], "name", "must not be empty");
    s.description = root_["description"].Scalar();
    s.time.start = month(root_["start"]);
    s.time.end = month(root_["end"]);
    if (s.time.end < s.time.start)
      fail(root_["end"], "end", s.time.end.to_string() + " is before start " + s.time.start.to_string() +
                                    "; allowed: a month on or after start");
    if (s.time.steps() > 16000) fail(root_["end"], "end", "the horizon exceeds 16000 months");
    s.seed = static_cast<uint32_t>(root_["seed"].as<double>());
    s.replications = static_cast<int>(root_["replications"].as<double>());

    const YAML::Node data_file = root_["data"]["municipalities"];
    s.municipalities = read_municipality_table(existing_file(data_file, "data.municipalities"));

    resolve_families(s);
    resolve_population(s);
    const YAML::Node onboarding = root_["onboarding"];
    s.onboarding.months = integer(onboarding["months"]);
    s.onboarding.productivity = real(onboarding["productivity"]);
    s.onboarding.months_after_move = integer(onboarding["months_after_move"]);
    resolve_aow(s);
    resolve_exits(s);
    resolve_recruitment(s);
    s.collective.move_share_factor = real(root_["collective"]["move_share_factor"]);
    s.collective.efficiency_bonus = real(root_["collective"]["efficiency_bonus"]);
    s.collective.weights = choice(root_["collective"]["weights"], "collective.weights", "collective.weights",
                                  std::array{CollectiveWeights::kVacancyRate, CollectiveWeights::kVacancyTimesRate});
    // quit | stay
    s.collective.prevented_moves_stay = choice(root_["collective"]["prevented_moves"], "collective.prevented_moves",
                                               "collective.prevented_moves", std::array{false, true});
    s.attractiveness.index = real(root_["attractiveness"]["index"]);
    s.attractiveness.quit_elasticity = real(root_["attractiveness"]["quit_elasticity"]);
    s.attractiveness.match_elasticity = real(root_["attractiveness"]["match_elasticity"]);
    s.real_municipalities = s.municipalities.size();
    s.unit_kind.assign(s.real_municipalities, UnitKind::kMunicipality);
    resolve_policies(s);
    s.write_municipality_level = root_["output"]["municipality_level"].as<bool>();
    s.write_municipality_costs = root_["output"]["municipality_costs"].as<bool>();
    resolve_costs(tree_, s);

    s.canonical_yaml = canonical_yaml(root_);
    s.hash = fnv1a_64(s.canonical_yaml);
    return s;
  }

 private:
  std::string data_path(const std::string& given) const {
    const std::filesystem::path path(given);
    if (path.is_absolute()) return given;
    return (std::filesystem::path(tree_.path).parent_path() / path).lexically_normal().string();
  }

  /// The resolved path of a data file key, checked here so that a missing file is
  /// reported at the key that names it (the reader then reports problems inside it).
  std::string existing_file(const YAML::Node& node, const std::string& concrete) const {
    const std::string given = node.Scalar();
    if (given.empty()) fail(node, concrete, "is empty; allowed: the path of a CSV file (relative to the scenario's folder)");
    const std::string path = data_path(given);
    const std::string shown = path == given ? "'" + given + "'" : "'" + given + "' (" + path + ")";
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
      fail(node, concrete, "data file " + shown + " does not exist; allowed: a CSV file, relative to the scenario's folder or absolute");
    if (std::filesystem::is_directory(status))
      fail(node, concrete, "data file " + shown + " is a folder; allowed: a CSV file");
    return path;
  }

  // ---- Levers (issue 3) -------------------------------------------------------------

  /// Appends a unit (shared-service centre or flexpool) to the municipality axis.
  int add_unit(ResolvedScenario& s, UnitKind kind, const std::string& code, const std::string& name,
               const std::string& province, int region) const {
    MunicipalityTable& table = s.municipalities;
    Municipality unit;
    unit.code = code;
    unit.name = name;
    unit.province = province;
    unit.inhabitants = 0;  // a unit serves municipalities; it has no inhabitants of its own
    unit.region = region;
    const int index = table.size();
    table.index_by_code[code] = index;
    table.municipalities.push_back(unit);
    table.regions[region].municipalities.push_back(index);
    s.unit_kind.push_back(kind);
    return index;
  }

  void resolve_policies(ResolvedScenario& s) {
    PolicySpec& p = s.policies;
    const YAML::Node collective = root_["collective"];
    if (collective["from"]) s.collective.window.from = month(collective["from"]);
    if (collective["until"]) s.collective.window.until = month(collective["until"]);
    if (s.collective.window.until < s.collective.window.from)
      fail(collective["until"], "collective.until", "is before collective.from; allowed: a month on or after from");

    const YAML::Node path = root_["attractiveness"]["path"];
    for (size_t i = 0; i < path.size(); ++i) {
      AttractivenessPoint point{month(path[i]["from"]), real(path[i]["index"])};
      if (!s.attractiveness.path.empty() && !(s.attractiveness.path.back().from < point.from))
        fail(path[i]["from"], "attractiveness.path[" + std::to_string(i) + "].from", "entries must be in increasing order of from");
      s.attractiveness.path.push_back(point);
    }

    resolve_unit_levers(s, 3, 3);

    const YAML::Node retention = root_["retention"];
    std::vector<uint8_t> retained_family(s.family_count(), 0);
    for (size_t i = 0; i < retention.size(); ++i) {
      const std::string c = "retention[" + std::to_string(i) + "]";
      Retention r{family_mask(s, retention[i]["families"], c + ".families"), integer(retention[i]["from_age_years"]),
                  real(retention[i]["quit_multiplier"]), real(retention[i]["early_retirement_multiplier"]),
                  window(retention[i], c)};
      for (int j = 0; j < s.family_count(); ++j) {
        if (r.family[j] && retained_family[j])
          fail(retention[i], c + ".families", "job family '" + s.families[j].name +
                                                  "' is in two retention entries; allowed: at most one entry per family");
        retained_family[j] |= r.family[j];
      }
      p.retention.push_back(r);
    }

    resolve_unit_levers(s, 8, 8);

    resolve_unit_levers(s, 9, 9);

    const YAML::Node programmes = root_["trainee_programmes"];
    for (size_t i = 0; i < programmes.size(); ++i) {
      const YAML::Node item = programmes[i];
      const std::string c = "trainee_programmes[" + std::to_string(i) + "]";
      TraineeProgramme t;
      t.name = item["name"].Scalar();
      t.family = family_by_name(s, item["family"], c + ".family");
      t.scope = scope(s, item, c, false);
      t.intake_per_year = integer(item["intake_per_year"]);
      t.intake_month = integer(item["intake_month"]);
      t.duration_months = integer(item["duration_months"]);
      t.productivity = real(item["productivity"]);
      t.retention_after = real(item["retention_after"]);
      t.contract_fte = real(item["contract_fte"]);
      t.age_years = distribution(item["age_years"], c + ".age_years", 0, false);
      t.allocation = choice(item["allocation"], "trainee_programmes[].allocation", c + ".allocation",
                            std::array{TraineeAllocation::kLargestShortage, TraineeAllocation::kProportionalToDemand});
      t.window = window(item, c);
      p.trainee_programmes.push_back(std::move(t));
    }
    if (p.trainee_programmes.size() > 250) fail(programmes, "trainee_programmes", "at most 250 programmes are supported");

    // Units come last, so real municipalities keep their indices. A lever at zero strength
    // or starting after the horizon adds no unit, so its output equals the baseline's.
    const YAML::Node shared = root_["shared_services"];
    for (size_t i = 0; i < shared.size(); ++i) {
      const YAML::Node item = shared[i];
      const std::string c = "shared_services[" + std::to_string(i) + "]";
      SharedService ssc;
      ssc.name = item["name"].Scalar();
      ssc.scope = scope(s, item, c);
      ssc.share = real(item["share"]);
      ssc.efficiency = real(item["efficiency"]);
      ssc.from = month(item["from"]);
      ssc.centre_of_region.assign(s.municipalities.regions.size(), -1);
      if (ssc.share > 0 && ssc.from <= s.time.end) {
        for (size_t r = 0; r < s.municipalities.regions.size(); ++r) {
          bool any = false;
          for (int m : s.municipalities.regions[r].municipalities) any |= m < s.real_municipalities && ssc.scope.municipality[m];
          if (!any) continue;
          char code[32];
          std::snprintf(code, sizeof code, "SSC%02zu-%02zu", i + 1, r + 1);
          ssc.centre_of_region[r] = add_unit(s, UnitKind::kSharedServiceCentre, code,
                                             ssc.name + " " + s.municipalities.regions[r].name,
                                             main_province_of_region(s, static_cast<int>(r)), static_cast<int>(r));
        }
      }
      p.shared_services.push_back(std::move(ssc));
    }

    const YAML::Node pools = root_["flexpools"];
    for (size_t i = 0; i < pools.size(); ++i) {
      const YAML::Node item = pools[i];
      const std::string c = "flexpools[" + std::to_string(i) + "]";
      Flexpool pool;
      pool.name = item["name"].Scalar();
      pool.family = family_by_name(s, item["family"], c + ".family");
      pool.fte_per_province = real(item["fte_per_province"]);
      pool.block_fte = real(item["block_fte"]);
      pool.window = window(item, c);
      const std::vector<uint8_t> in_scope = municipality_mask(s, item, c);
      if (pool.fte_per_province > 0 && pool.window.from <= s.time.end) {
        std::set<std::string> provinces;
        for (int m = 0; m < s.real_municipalities; ++m)
          if (in_scope[m]) provinces.insert(s.municipalities.municipalities[m].province);
        int number = 0;
        for (const std::string& province : provinces) {
          std::vector<int> served;
          for (int m = 0; m < s.real_municipalities; ++m)
            if (s.municipalities.municipalities[m].province == province) served.push_back(m);
          char code[32];
          std::snprintf(code, sizeof code, "FLX%02zu-%02d", i + 1, ++number);
          pool.pool_units.push_back(add_unit(s, UnitKind::kFlexpool, code, pool.name + " " + province, province,
                                             main_region_of_province(s, province)));
          pool.served_municipalities.push_back(std::move(served));
        }
      }
      p.flexpools.push_back(std::move(pool));
    }
    resolve_unit_levers(s, 10, std::numeric_limits<int>::max());
    size_masks_to_unit_axis(s);
  }

  /// The levers that are one unit (levers/registry.h) resolve themselves, by their number:
  /// 3 to 9 each where its section was resolved before, any other after the units.
  void resolve_unit_levers(ResolvedScenario& s, int lowest, int highest) const {
    levers::for_each([&]<class L>(size_t) {
      if constexpr (requires { L::resolve(*this, s); })
        if (L::number >= lowest && L::number <= highest) L::resolve(*this, s);
    });
  }

  /// Every scope's mask is sized to the final unit axis: masks are made while units are
  /// still being appended, and the levers index them by unit (a centre or pool is never
  /// in a lever's scope, so it gets 0). Without this a lever resolved before a unit was
  /// appended would be read past its end (issue 14).
  static void size_masks_to_unit_axis(ResolvedScenario& s) {
    const size_t units = s.municipalities.municipalities.size();
    PolicySpec& p = s.policies;
    auto fit = [units](Scope& scope) { scope.municipality.resize(units, 0); };
    levers::for_each([&]<class L>(size_t) {
      if constexpr (requires(typename L::Spec& spec) { L::for_each_scope(spec, fit); })
        L::for_each_scope(static_cast<typename L::Spec&>(p), fit);
    });
    for (auto& lever : p.trainee_programmes) fit(lever.scope);
    for (auto& lever : p.shared_services) fit(lever.scope);
  }

  /// The province where most of a region's inhabitants live (a centre's province).
  static std::string main_province_of_region(const ResolvedScenario& s, int region) {
    std::map<std::string, int64_t> inhabitants;
    for (int m : s.municipalities.regions[region].municipalities)
      if (m < s.real_municipalities) inhabitants[s.municipalities.municipalities[m].province] += s.municipalities.municipalities[m].inhabitants;
    std::string best;
    int64_t most = -1;
    for (const auto& [province, count] : inhabitants)
      if (count > most) {
        most = count;
        best = province;
      }
    return best;
  }

  /// The region where most of a province's inhabitants live (where its pool recruits).
  static int main_region_of_province(const ResolvedScenario& s, const std::string& province) {
    std::map<int, int64_t> inhabitants;
    for (int m = 0; m < s.real_municipalities; ++m)
      if (s.municipalities.municipalities[m].province == province)
        inhabitants[s.municipalities.municipalities[m].region] += s.municipalities.municipalities[m].inhabitants;
    int best = 0;
    int64_t most = -1;
    for (const auto& [region, count] : inhabitants)
      if (count > most) {
        most = count;
        best = region;
      }
    return best;
  }

  void resolve_families(ResolvedScenario& s) {
    const YAML::Node list = root_["job_families"];
    if (list.size() == 0) fail(list, "job_families", "needs at least one job family");
    if (list.size() > 255) fail(list, "job_families", "at most 255 job families are supported");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node item = list[i];
      const std::string concrete = "job_families[" + std::to_string(i) + "]";
      JobFamily family;
      family.name = item["name"].Scalar();
      // Names address items in --set (job_families.ict.share) and label output axes.
      const bool identifier = !family.name.empty() && std::all_of(family.name.begin(), family.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (!identifier)
        fail(item["name"], concrete + ".name",
             "'" + family.name + "' is not allowed; allowed: lower-case letters, digits and _ (e.g. sociaal_domein)");
      if (!seen.insert(family.name).second) fail(item["name"], concrete + ".name", "'" + family.name + "' appears twice");
      family.share = real(item["share"]);
      family.initial_vacancy_rate = real(item["initial_vacancy_rate"]);
      family.demand_growth_annual = real(item["demand_growth_annual"]);
      family.quit_multiplier = real(item["quit_multiplier"]);
      family.applicants_per_100k_inhabitants = real(item["applicants_per_100k_inhabitants"]);
      s.families.push_back(family);
    }
  }

  void resolve_population(ResolvedScenario& s) {
    const YAML::Node population = root_["population"];
    s.population.source = choice(population["source"], "population.source", "population.source",
                                 std::array{PopulationSource::kSynthetic, PopulationSource::kFile});
    const bool synthetic = s.population.source == PopulationSource::kSynthetic;
    if (!synthetic) {
      if (population["files"] && population["files"].size() > 0)
        fail(population["files"], "population.files",
             "needs population.source: synthetic (the municipalities without a file are synthesised); allowed: "
             "source: file with population.file alone, or source: synthetic with population.files");
      if (population["file"].Scalar().empty())
        throw InputError(tree_.where(population["source"], "population.source"),
                         "population.file: required when population.source is file; allowed: the path of an "
                         "employee CSV (relative to the scenario's folder)");
      s.population.file = existing_file(population["file"], "population.file");
      return;
    }
    double share_sum = 0;
    for (const auto& family : s.families) share_sum += family.share;
    if (std::abs(share_sum - 1.0) > 1e-6)
      fail(root_["job_families"], "job_families",
           "the shares sum to " + short_number(share_sum) + "; allowed: shares summing to 1 (synthetic population)");

    const YAML::Node classes = population["size_classes"];
    if (classes.size() == 0) fail(population, "population.size_classes", "needs at least one size class (synthetic population)");
    const int m_count = s.municipalities.size();
    s.population.size_class_of_municipality.assign(m_count, -1);
    for (size_t c = 0; c < classes.size(); ++c) {
      const std::string concrete = "population.size_classes[" + std::to_string(c) + "]";
      SizeClass size_class;
      size_class.name = classes[c]["name"].Scalar();
      size_class.max_inhabitants = static_cast<int64_t>(real(classes[c]["max_inhabitants"]));
      size_class.fte_per_1000_inhabitants = real(classes[c]["fte_per_1000_inhabitants"]);
      const YAML::Node codes = classes[c]["municipalities"];
      for (size_t i = 0; i < codes.size(); ++i) {
        const std::string code = codes[i].Scalar();
        const int m = s.municipalities.find(code);
        if (m < 0)
          fail(codes[i], concrete + ".municipalities",
               "unknown municipality code '" + code + "'; allowed: a code in " + s.municipalities.path);
        if (s.population.size_class_of_municipality[m] >= 0)
          fail(codes[i], concrete + ".municipalities",
               "municipality '" + code + "' is in two size classes; allowed: each municipality in at most one class");
        s.population.size_class_of_municipality[m] = static_cast<int>(c);
        size_class.municipality_codes.push_back(code);
      }
      s.population.size_classes.push_back(size_class);
    }
    for (int m = 0; m < m_count; ++m) {
      if (s.population.size_class_of_municipality[m] >= 0) continue;
      const int64_t inhabitants = s.municipalities.municipalities[m].inhabitants;
      for (size_t c = 0; c < s.population.size_classes.size(); ++c) {
        const SizeClass& size_class = s.population.size_classes[c];
        if (!size_class.municipality_codes.empty()) continue;  // classes by list take no others
        if (size_class.max_inhabitants == 0 || inhabitants < size_class.max_inhabitants) {
          s.population.size_class_of_municipality[m] = static_cast<int>(c);
          break;
        }
      }
      if (s.population.size_class_of_municipality[m] < 0)
        fail(classes, "population.size_classes",
             "municipality " + s.municipalities.municipalities[m].code + " (" + std::to_string(inhabitants) +
                 " inhabitants) falls in no class; allowed: classes covering every municipality (max_inhabitants: 0 = no bound)");
    }
    s.population.age_years = distribution(population["age_years"], "population.age_years", 0, false);
    s.population.contract_fte = distribution(population["contract_fte"], "population.contract_fte", 0, true);
    s.population.tenure_years = distribution(population["tenure_years"], "population.tenure_years", 0, false);
    resolve_import_formats(s);
    resolve_import_files(s);
  }

  // ---- HR extracts (issue 15 part 4, docs/hr-import.md) -------------------------------

  void resolve_import_formats(ResolvedScenario& s) {
    const YAML::Node list = root_["population"]["formats"];
    for (size_t i = 0; list && i < list.size(); ++i) {
      const YAML::Node item = list[i];
      const std::string c = "population.formats[" + std::to_string(i) + "]";
      ImportFormat format;
      format.name = item["name"].Scalar();
      if (format.name.empty()) fail(item["name"], c + ".name", "must not be empty");
      for (const ImportFormat& other : s.population.formats)
        if (other.name == format.name) fail(item["name"], c + ".name", "'" + format.name + "' appears twice");
      format.kind = choice(item["kind"], "population.formats[].kind", c + ".kind",
                           std::array{ImportKind::kEmployees, ImportKind::kAggregate});
      const std::string delimiter = item["delimiter"].Scalar();
      if (delimiter == "tab" || delimiter == "\t") {
        format.delimiter = '\t';
      } else if (delimiter.size() == 1 && delimiter != "\"" && delimiter != "\n" && delimiter != "\r") {
        format.delimiter = delimiter[0];
      } else {
        fail(item["delimiter"], c + ".delimiter", "'" + delimiter + "' is not allowed; allowed: one character other than a quote (e.g. \";\") or tab");
      }
      format.decimal_separator = choice(item["decimal_separator"], "population.formats[].decimal_separator",
                                        c + ".decimal_separator", std::array{'.', ','});
      if (format.decimal_separator == format.delimiter)
        fail(item["decimal_separator"], c + ".decimal_separator",
             std::string("'") + format.delimiter + "' is also the delimiter; allowed: a decimal separator other than the delimiter");
      format.date_format = item["date_format"].Scalar();
      if (const std::string problem = date_format_problem(format.date_format); !problem.empty())
        fail(item["date_format"], c + ".date_format", "'" + format.date_format + "' " + problem + "; allowed: e.g. %d-%m-%Y or %Y-%m-%d");
      format.full_time_hours_per_week = real(item["full_time_hours_per_week"]);
      const YAML::Node columns = item["columns"];
      for (size_t f = 0; f < format.columns.size(); ++f)
        if (columns[kImportFieldNames[f]]) format.columns[f] = columns[kImportFieldNames[f]].Scalar();
      check_import_columns(format, columns, c);
      if (!format.column(ImportField::kFunction).empty()) {
        if (item["function_map"].Scalar().empty())
          fail(item["function_map"], c + ".function_map",
               "required with columns.function; allowed: a CSV with columns function,job_family (docs/hr-import.md)");
        format.function_map = existing_file(item["function_map"], c + ".function_map");
      } else if (!item["function_map"].Scalar().empty()) {
        fail(item["function_map"], c + ".function_map", "is given but columns.function is not; allowed: both or neither");
      }
      s.population.formats.push_back(std::move(format));
    }
  }

  /// Which fields a format must name: one source for each of the agent's values.
  void check_import_columns(const ImportFormat& format, const YAML::Node& columns, const std::string& c) const {
    const auto has = [&](ImportField field) { return !format.column(field).empty(); };
    const auto one_of = [&](ImportField a, ImportField b, const std::string& what) {
      if (has(a) == has(b))
        fail(columns, c + ".columns",
             std::string(has(a) ? "names both " : "names neither ") + kImportFieldNames[static_cast<size_t>(a)] + (has(a) ? " and " : " nor ") +
                 kImportFieldNames[static_cast<size_t>(b)] + "; allowed: exactly one of them (" + what + ")");
    };
    const auto not_for = [&](std::initializer_list<ImportField> fields, const std::string& kind) {
      for (ImportField field : fields)
        if (has(field))
          fail(columns[kImportFieldNames[static_cast<size_t>(field)]], c + ".columns." + kImportFieldNames[static_cast<size_t>(field)],
               "is not read from a " + kind + " file; allowed: the fields listed for kind " + kind + " in docs/hr-import.md");
    };
    one_of(ImportField::kJobFamily, ImportField::kFunction, "the job family");
    if (format.kind == ImportKind::kEmployees) {
      one_of(ImportField::kBirthDate, ImportField::kAgeYears, "the age");
      one_of(ImportField::kHireDate, ImportField::kTenureYears, "the tenure");
      one_of(ImportField::kHoursPerWeek, ImportField::kContractFte, "the contract FTE");
      not_for({ImportField::kAgeBand, ImportField::kTenureBand, ImportField::kHeadcount, ImportField::kFte}, "employees");
    } else {
      for (ImportField field : {ImportField::kAgeBand, ImportField::kHeadcount, ImportField::kFte})
        if (!has(field))
          fail(columns, c + ".columns", std::string("needs ") + kImportFieldNames[static_cast<size_t>(field)] +
                                            " for kind aggregate; allowed: age_band, headcount, fte (and optionally tenure_band)");
      not_for({ImportField::kBirthDate, ImportField::kAgeYears, ImportField::kHireDate, ImportField::kTenureYears,
               ImportField::kHoursPerWeek, ImportField::kContractFte},
              "aggregate");
    }
  }

  void resolve_import_files(ResolvedScenario& s) {
    const YAML::Node list = root_["population"]["files"];
    s.population.file_of_municipality.assign(s.municipalities.size(), -1);
    for (size_t i = 0; list && i < list.size(); ++i) {
      const YAML::Node item = list[i];
      const std::string c = "population.files[" + std::to_string(i) + "]";
      ImportFile file;
      file.key = c;
      file.path = existing_file(item["file"], c + ".file");
      const std::string format = item["format"].Scalar();
      if (!format.empty()) {
        std::string names;
        for (size_t f = 0; f < s.population.formats.size(); ++f) {
          if (s.population.formats[f].name == format) file.format = static_cast<int>(f);
          names += (names.empty() ? "" : ", ") + s.population.formats[f].name;
        }
        if (file.format < 0)
          fail(item["format"], c + ".format", "unknown format '" + format + "'; allowed: \"\" (krapte's own columns)" +
                                                  (names.empty() ? "" : " or a name in population.formats: " + names));
      }
      const YAML::Node codes = item["municipalities"];
      if (codes.size() == 0) fail(codes, c + ".municipalities", "needs at least one municipality code");
      for (size_t k = 0; k < codes.size(); ++k) {
        const int m = s.municipalities.find(codes[k].Scalar());
        if (m < 0)
          fail(codes[k], c + ".municipalities",
               "unknown municipality code '" + codes[k].Scalar() + "'; allowed: a code in " + s.municipalities.path);
        const int other = s.population.file_of_municipality[m];
        if (other >= 0)
          fail(codes[k], c + ".municipalities",
               "municipality " + codes[k].Scalar() + " is also claimed by population.files[" + std::to_string(other) +
                   "]; allowed: each municipality in at most one file");
        s.population.file_of_municipality[m] = static_cast<int>(i);
        file.municipalities.push_back(m);
      }
      s.population.files.push_back(std::move(file));
    }
  }

  void resolve_aow(ResolvedScenario& s) {
    const YAML::Node list = root_["aow_age"];
    if (list.size() == 0) fail(list, "aow_age", "needs at least one entry");
    for (size_t i = 0; i < list.size(); ++i) {
      AowEntry entry{month(list[i]["from"]), integer(list[i]["age_months"])};
      if (!s.aow_age.empty() && !(s.aow_age.back().from < entry.from))
        fail(list[i]["from"], "aow_age[" + std::to_string(i) + "].from",
             entry.from.to_string() + " is not after the previous entry's " + s.aow_age.back().from.to_string() +
                 "; allowed: entries in increasing order of from");
      s.aow_age.push_back(entry);
    }
    if (s.time.start < s.aow_age.front().from)
      fail(list[0]["from"], "aow_age[0].from",
           s.aow_age.front().from.to_string() + " is after start; allowed: a first entry on or before start (" +
               s.time.start.to_string() + ")");
  }

  void resolve_exits(ResolvedScenario& s) {
    const YAML::Node exits = root_["exits"];
    const YAML::Node bands = exits["age_bands"];
    if (bands.size() == 0) fail(bands, "exits.age_bands", "needs at least one band");
    for (size_t i = 0; i < bands.size(); ++i) {
      AgeBandRates band;
      band.from_years = integer(bands[i]["from_years"]);
      if (!s.exits.age_bands.empty() && band.from_years <= s.exits.age_bands.back().from_years)
        fail(bands[i]["from_years"], "exits.age_bands[" + std::to_string(i) + "].from_years",
             std::to_string(band.from_years) + " is not above the previous band's " +
                 std::to_string(s.exits.age_bands.back().from_years) + "; allowed: bands in increasing order of from_years");
      band.early_retirement_annual = real(bands[i]["early_retirement_annual"]);
      band.quit_annual = real(bands[i]["quit_annual"]);
      band.other_annual = real(bands[i]["other_annual"]);
      band.early_retirement_monthly_prob = monthly_prob_from_annual_rate(band.early_retirement_annual);
      band.other_monthly_prob = monthly_prob_from_annual_rate(band.other_annual);
      s.exits.age_bands.push_back(band);
    }
    for (int years = 0; years <= kMaxAgeYears; ++years) {
      uint8_t band = 0;
      for (size_t b = 0; b < s.exits.age_bands.size(); ++b)
        if (s.exits.age_bands[b].from_years <= years) band = static_cast<uint8_t>(b);
      s.band_of_age_years[years] = band;
    }
    s.exits.first_year_quit_factor = real(exits["first_year_quit_factor"]);
    s.exits.pressure_sensitivity = real(exits["pressure_sensitivity"]);
    s.exits.pressure_threshold = real(exits["pressure_threshold"]);
    s.exits.move_share = real(exits["move_share"]);
  }

  void resolve_recruitment(ResolvedScenario& s) {
    const YAML::Node r = root_["recruitment"];
    s.recruitment.mode = choice(r["mode"], "recruitment.mode", "recruitment.mode",
                                std::array{RecruitmentMode::kCompetitive, RecruitmentMode::kCollective});
    s.recruitment.matching_efficiency = real(r["matching_efficiency"]);
    s.recruitment.matching_alpha = real(r["matching_alpha"]);
    s.recruitment.size_attraction = real(r["size_attraction"]);
    s.recruitment.new_hire_age_years = distribution(r["new_hire"]["age_years"], "recruitment.new_hire.age_years", 0, false);
    s.recruitment.new_hire_contract_fte =
        distribution(r["new_hire"]["contract_fte"], "recruitment.new_hire.contract_fte", 0, true);
    const YAML::Node tightness = r["tightness"];
    for (size_t i = 0; i < tightness.size(); ++i) {
      TightnessEntry entry{month(tightness[i]["from"]), real(tightness[i]["factor"])};
      if (!s.recruitment.tightness.empty() && !(s.recruitment.tightness.back().from < entry.from))
        fail(tightness[i]["from"], "recruitment.tightness[" + std::to_string(i) + "].from",
             entry.from.to_string() + " is not after the previous entry's " +
                 s.recruitment.tightness.back().from.to_string() + "; allowed: entries in increasing order of from");
      s.recruitment.tightness.push_back(entry);
    }
  }

};

}  // namespace

ResolvedScenario resolve_scenario(const ScenarioTree& tree) { return Resolver(tree).resolve(); }

ResolvedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  ScenarioTree tree = load_scenario_tree(path);
  for (const auto& assignment : overrides) apply_override(tree, assignment);
  validate_and_fill_defaults(tree);
  return resolve_scenario(tree);
}

}  // namespace krapte

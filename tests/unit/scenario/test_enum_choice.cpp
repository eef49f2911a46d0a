// The one enum parser (scenario/enum_choice.h): position in the schema's allowed values.
#include <gtest/gtest.h>

#include <array>
#include <stdexcept>

#include "scenario/enum_choice.h"
#include "scenario/resolved.h"
#include "scenario/schema.h"

namespace krapte {
namespace {

const KeySpec& spec(const char* path) {
  const KeySpec* found = find_key_spec(path);
  EXPECT_NE(found, nullptr) << path;
  return *found;
}

TEST(EnumChoice, EachAllowedTextPicksTheValueAtItsPosition) {
  const auto values = std::array{RecruitmentMode::kCompetitive, RecruitmentMode::kCollective};
  EXPECT_EQ(parse_enum(spec("recruitment.mode"), "competitive", values), RecruitmentMode::kCompetitive);
  EXPECT_EQ(parse_enum(spec("recruitment.mode"), "collective", values), RecruitmentMode::kCollective);
  const auto allocation = std::array{TraineeAllocation::kLargestShortage, TraineeAllocation::kProportionalToDemand};
  EXPECT_EQ(parse_enum(spec("trainee_programmes[].allocation"), "proportional_to_demand", allocation),
            TraineeAllocation::kProportionalToDemand);
}

TEST(EnumChoice, AnUnknownTextIsNoValueNotTheLastOne) {
  const auto values = std::array{CollectiveWeights::kVacancyRate, CollectiveWeights::kVacancyTimesRate};
  EXPECT_FALSE(parse_enum(spec("collective.weights"), "vacancy", values).has_value());
  EXPECT_FALSE(parse_enum(spec("collective.weights"), "", values).has_value());
}

TEST(EnumChoice, AListOfAnotherLengthThanTheSchemaIsAProgrammingError) {
  EXPECT_THROW(parse_enum(spec("recruitment.mode"), "competitive", std::array{1, 2, 3}), std::logic_error);
  EXPECT_THROW(parse_enum(spec("recruitment.matching_efficiency"), "1", std::array{1}), std::logic_error);
}

TEST(EnumChoice, AllowedValuesAreTheSchemaTextInOrder) {
  EXPECT_EQ(spec("population.formats[].decimal_separator").allowed_values(), (std::vector<std::string>{".", ","}));
  EXPECT_EQ(spec("collective.prevented_moves").allowed_index("stay"), 1);
  EXPECT_EQ(spec("collective.prevented_moves").allowed_index("go"), -1);
}

}  // namespace
}  // namespace krapte

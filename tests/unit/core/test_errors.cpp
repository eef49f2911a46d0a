#include <gtest/gtest.h>

#include "core/errors.h"

namespace krapte {

TEST(InputError, KeepsItsPartsAndWordsThemAsOneLine) {
  const InputError located(SourceLocation{"a.yaml", 3, 7}, "end: bad\nvalue");
  EXPECT_STREQ(located.what(), "a.yaml:3:7: end: bad\\nvalue");
  EXPECT_EQ(located.where().file, "a.yaml");
  EXPECT_EQ(located.where().line, 3);
  EXPECT_EQ(located.where().column, 7);
  EXPECT_EQ(located.message(), "end: bad\\nvalue");
  EXPECT_FALSE(located.from_override());

  const InputError bare("no file given");
  EXPECT_STREQ(bare.what(), "no file given");
  EXPECT_EQ(bare.message(), "no file given");
  EXPECT_TRUE(bare.where().file.empty());
  EXPECT_FALSE(bare.from_override());
}

TEST(InputError, AnOverrideIsAPartNotAPrefixToParse) {
  // The assignment itself is to blame: no file.
  const InputError assignment(SourceLocation::of_override("", "exits.move_share"), "expected key.path=VALUE");
  EXPECT_STREQ(assignment.what(), "--set exits.move_share: expected key.path=VALUE");
  EXPECT_TRUE(assignment.from_override());
  EXPECT_EQ(assignment.message(), "expected key.path=VALUE");
  // A key of the scenario that an override set.
  const InputError key(SourceLocation::of_override("tiny.yaml", "replications"), "replications: 0 is out of range");
  EXPECT_STREQ(key.what(), "tiny.yaml (--set replications): replications: 0 is out of range");
  EXPECT_TRUE(key.from_override());
  EXPECT_EQ(key.where().file, "tiny.yaml");
  EXPECT_EQ(key.where().set_override, "replications");
  EXPECT_EQ(key.message(), "replications: 0 is out of range");
}

}  // namespace krapte

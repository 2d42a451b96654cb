// The shared JSON readers of collector/json_read.h, and the one URL helper
// the adapters share for paging (WithQueryParameter, collector/url.h).
#include "collector/json_read.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/url.h"

namespace tanggap::collector {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// Parses `json` and hands its top-level field `key` to fn(value&). The
// padded copy and the parser live as long as the call.
template <typename Fn>
void WithField(const std::string& json, std::string_view key, Fn&& fn) {
  simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  ASSERT_EQ(parser.iterate(padded).get(doc), simdjson::SUCCESS);
  od::value value;
  ASSERT_EQ(doc.find_field_unordered(key).get(value), simdjson::SUCCESS);
  fn(value);
}

// ---- Error codes with a field path ----------------------------------------

TEST(NoteFieldTest, BuildsThePathFromTheInnermostFieldOutwards) {
  std::string path;
  EXPECT_EQ(NoteField(simdjson::INCORRECT_TYPE, "id", &path), simdjson::INCORRECT_TYPE);
  EXPECT_EQ(NoteField(simdjson::INCORRECT_TYPE, "account", &path), simdjson::INCORRECT_TYPE);
  EXPECT_EQ(NoteField(simdjson::INCORRECT_TYPE, "descendants", &path), simdjson::INCORRECT_TYPE);
  EXPECT_EQ(path, "descendants.account.id");
}

TEST(NoteFieldTest, SuccessLeavesThePathAlone) {
  std::string path = "id";
  EXPECT_EQ(NoteField(simdjson::SUCCESS, "account", &path), simdjson::SUCCESS);
  EXPECT_EQ(path, "id");
}

TEST(ReadStringTest, ReadsAStringAndRefusesNullAndOtherTypes) {
  std::string out = "before";
  WithField(R"({"a":"Halo \u00e9"})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadString(v, &out), simdjson::SUCCESS); });
  EXPECT_EQ(out, "Halo \xc3\xa9");
  out = "before";
  WithField(R"({"a":null})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadString(v, &out), simdjson::INCORRECT_TYPE); });
  WithField(R"({"a":12})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadString(v, &out), simdjson::INCORRECT_TYPE); });
  EXPECT_EQ(out, "before");
}

TEST(ReadOptStringTest, NullResetsAndAWrongTypeLeavesTheValue) {
  std::optional<std::string> out = "before";
  WithField(R"({"a":null})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadOptString(v, &out), simdjson::SUCCESS); });
  EXPECT_EQ(out, std::nullopt);
  WithField(R"({"a":"x"})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadOptString(v, &out), simdjson::SUCCESS); });
  EXPECT_EQ(out, "x");
  WithField(R"({"a":true})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadOptString(v, &out), simdjson::INCORRECT_TYPE); });
  EXPECT_EQ(out, "x");
}

TEST(ReadOptIntTest, TakesWholeNumbersAndNull) {
  std::optional<int64_t> out;
  WithField(R"({"a":-7})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadOptInt(v, &out), simdjson::SUCCESS); });
  EXPECT_EQ(out, -7);
  WithField(R"({"a":null})", "a",
            [&](od::value& v) { EXPECT_EQ(ReadOptInt(v, &out), simdjson::SUCCESS); });
  EXPECT_EQ(out, std::nullopt);
  out = 3;
  for (const char* json : {R"({"a":"7"})", R"({"a":1.5})", R"({"a":99999999999999999999})"}) {
    WithField(json, "a", [&](od::value& v) { EXPECT_NE(ReadOptInt(v, &out), simdjson::SUCCESS); });
  }
  EXPECT_EQ(out, 3);
}

TEST(IsNullTest, OnlyNullIsNull) {
  WithField(R"({"a":null})", "a", [](od::value& v) { EXPECT_TRUE(IsNull(v)); });
  for (const char* json : {R"({"a":0})", R"({"a":""})", R"({"a":[]})", R"({"a":false})"}) {
    WithField(json, "a", [](od::value& v) { EXPECT_FALSE(IsNull(v)); });
  }
}

TEST(ErrorReasonTest, DropsTheClosingPeriod) {
  std::string reason = ErrorReason(simdjson::INCORRECT_TYPE);
  ASSERT_FALSE(reason.empty());
  EXPECT_NE(reason.back(), '.');
  EXPECT_EQ(reason + ".", simdjson::error_message(simdjson::INCORRECT_TYPE));
}

TEST(BadBodyStatusTest, NamesPlatformTagFieldReasonAndHint) {
  std::string reason = ErrorReason(simdjson::INCORRECT_TYPE);
  Status field = BadBodyStatus("mastodon", "context", "descendants.account.id",
                               simdjson::INCORRECT_TYPE, "check base_url");
  EXPECT_EQ(field.code(), Status::Code::kCorruption);
  EXPECT_EQ(field.message(),
            "mastodon context: field 'descendants.account.id': " + reason + "; check base_url");
  Status whole = BadBodyStatus("bluesky", "feed", kNotJsonObject, simdjson::INCORRECT_TYPE, "hint");
  EXPECT_EQ(whole.message(),
            "bluesky feed: the body is not a complete JSON object: " + reason + "; hint");
  Status array = BadBodyStatus("mastodon", "statuses", kNotJsonArray, simdjson::TAPE_ERROR, "h");
  EXPECT_EQ(array.message(), "mastodon statuses: the body is not a complete JSON array: " +
                                 ErrorReason(simdjson::TAPE_ERROR) + "; h");
  Status bare = BadBodyStatus("mastodon", "account", "", simdjson::EMPTY, "h");
  EXPECT_EQ(bare.message(), "mastodon account: " + ErrorReason(simdjson::EMPTY) + "; h");
}

TEST(ForEachTest, VisitsFieldsAndElementsInOrderAndStopsAtTheFirstError) {
  simdjson::padded_string padded(std::string(R"({"b":[1,2,3],"a":"x","c":[4,"five",6]})"));
  od::parser parser;
  od::document doc;
  ASSERT_EQ(parser.iterate(padded).get(doc), simdjson::SUCCESS);
  std::vector<std::string> keys;
  std::vector<int64_t> numbers;
  std::string path;
  error_code e = ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
    keys.emplace_back(key);
    if (key == "a") return simdjson::SUCCESS;
    return NoteField(ForEachElement(value,
                                    [&](od::value& element) -> error_code {
                                      int64_t n = 0;
                                      error_code ne = element.get_int64().get(n);
                                      if (ne == simdjson::SUCCESS) numbers.push_back(n);
                                      return ne;
                                    }),
                     key, &path);
  });
  EXPECT_EQ(e, simdjson::INCORRECT_TYPE);
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(path, "c");
}

TEST(ForEachTest, TheDocumentMustBeACompleteObject) {
  for (const char* json : {"[1,2]", R"({"a":1)", R"({"a":[1,2)"}) {
    simdjson::padded_string padded{std::string(json)};
    od::parser parser;
    od::document doc;
    error_code e = parser.iterate(padded).get(doc);
    if (e == simdjson::SUCCESS) {
      e = ForEachField(doc, [](std::string_view, od::value&) { return simdjson::SUCCESS; });
    }
    EXPECT_NE(e, simdjson::SUCCESS) << json;
  }
}

// ---- The first problem in words -------------------------------------------

TEST(FailTest, KeepsTheFirstProblem) {
  std::string why;
  EXPECT_FALSE(Fail(&why, "first"));
  EXPECT_FALSE(Fail(&why, "second"));
  EXPECT_EQ(why, "first");
}

TEST(JsonProblemTest, SaysWhatIsWrongWithTheBody) {
  EXPECT_EQ(JsonProblem(simdjson::EMPTY), "the body is empty");
  EXPECT_EQ(JsonProblem(simdjson::TAPE_ERROR), std::string("the body is not valid JSON (") +
                                                   simdjson::error_message(simdjson::TAPE_ERROR) +
                                                   ")");
  EXPECT_EQ(QuotedField("snippet.title"), "field 'snippet.title'");
}

TEST(ReadBodyTest, ReadsTheTopLevelAndNamesTheFirstBadField) {
  od::parser parser;
  std::string why;
  std::optional<std::string> title, missing = "kept";
  std::vector<std::string> ids;
  bool ok =
      ReadBody(parser, R"({"snippet":{"title":"Halo","missing":null},"items":["a","b"]})", &why,
               [&](std::string_view key, od::value& v) {
                 if (key == "snippet") {
                   return ForEachField(v, "snippet", &why, [&](std::string_view k, od::value& f) {
                     if (k == "title") return ReadString(f, "snippet.title", &why, &title);
                     return ReadString(f, "snippet.missing", &why, &missing);
                   });
                 }
                 return ForEachElement(v, "items", &why, [&](od::value& item) {
                   std::optional<std::string> id;
                   if (!ReadString(item, "items[]", &why, &id)) return false;
                   ids.push_back(id.value_or("?"));
                   return true;
                 });
               });
  EXPECT_TRUE(ok) << why;
  EXPECT_EQ(title, "Halo");
  EXPECT_EQ(missing, "kept");  // null leaves the value as it was
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));

  auto problem = [&](const std::string& body) {
    std::string w;
    bool read = ReadBody(parser, body, &w, [&](std::string_view key, od::value& v) {
      std::optional<std::string> s;
      if (key == "list") return ForEachElement(v, "list", &w, [](od::value&) { return true; });
      if (key == "object") {
        return ForEachField(v, "object", &w, [](std::string_view, od::value&) { return true; });
      }
      return ReadString(v, key, &w, &s);
    });
    EXPECT_FALSE(read) << body;
    return w;
  };
  EXPECT_EQ(problem(""), "the body is empty");
  EXPECT_EQ(problem("[1]"), "the body is not a JSON object");
  EXPECT_EQ(problem(R"({"title":12})"), "field 'title' is not a string");
  EXPECT_EQ(problem(R"({"list":{}})"), "field 'list' is not an array");
  EXPECT_EQ(problem(R"({"object":[]})"), "field 'object' is not an object");
  EXPECT_EQ(problem(R"({"title":"unterminated)").rfind("the body is not valid JSON (", 0), 0u);
}

// ---- Server text in messages ----------------------------------------------

TEST(ClipTest, CutsAtACharacterBoundaryAndMarksTheCut) {
  EXPECT_EQ(Clip("short", 10), "short");
  EXPECT_EQ(Clip("exactly10!", 10), "exactly10!");
  EXPECT_EQ(Clip("abcdefghijkl", 4), "abcd...");
  // "é" is two bytes: cutting after its first byte would split it.
  EXPECT_EQ(Clip("ab\xc3\xa9z", 3), "ab...");
}

TEST(PrintableTest, BlanksControlCharactersAndCutsAt200Bytes) {
  EXPECT_EQ(Printable("a\nb\tc\x01"), "a b c ");
  EXPECT_EQ(Printable(std::string(250, 'x')), std::string(200, 'x'));
  std::string text = std::string(199, 'x') + "\xc3\xa9" + "tail";
  EXPECT_EQ(Printable(text), std::string(199, 'x'));  // no half character, no marker
  EXPECT_EQ(Printable(std::string(200, 'y')), std::string(200, 'y'));
}

// ---- URL paging ------------------------------------------------------------

TEST(WithQueryParameterTest, ReplacesEveryOccurrenceAndKeepsTheRest) {
  EXPECT_EQ(WithQueryParameter("https://a.test/x", "pageToken", "T1"),
            "https://a.test/x?pageToken=T1");
  EXPECT_EQ(WithQueryParameter("https://a.test/x?part=snippet&pageToken=old&id=1", "pageToken",
                               "new token"),
            "https://a.test/x?part=snippet&id=1&pageToken=new%20token");
  EXPECT_EQ(
      WithQueryParameter("https://a.test/x?next_token=a&&next_token=b&q=1", "next_token", "c"),
      "https://a.test/x?q=1&next_token=c");
  // Only the exact name goes: a longer name that starts alike stays.
  EXPECT_EQ(WithQueryParameter("https://a.test/x?pageToken2=k&pageToken", "pageToken", "z"),
            "https://a.test/x?pageToken2=k&pageToken=z");
  EXPECT_EQ(WithQueryParameter("https://a.test/x?", "p", "1"), "https://a.test/x?p=1");
}

}  // namespace
}  // namespace tanggap::collector

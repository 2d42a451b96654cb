#include "interchange/record_codec.h"

#include <gtest/gtest.h>

namespace tanggap {
namespace {

class RecordCodecTest : public ::testing::Test {
 protected:
  Result<Record> Parse(std::string_view line) { return parser_.Parse(line); }
  std::string Error(std::string_view line) {
    auto r = Parse(line);
    EXPECT_FALSE(r.ok()) << line;
    return r.ok() ? "" : r.status().message();
  }
  RecordParser parser_;
};

constexpr char kPost[] =
    R"({"type":"post","platform":"instagram","id":"17900","account":"17841","created_at":"2026-11-02T08:15:00+07:00","text":"Layanan KTP-el keliling \ud83d\ude4f","url":"https://www.instagram.com/p/abc/","media":[{"kind":"image","alt":"Petugas melayani warga"},{"kind":"video"}],"lang":"id"})";

TEST_F(RecordCodecTest, ParsesEachRecordType) {
  auto account = Parse(
      R"({"type":"account","platform":"instagram","id":"1784","handle":"diskominfo.pgk","name":"Diskominfo Kota Pangkalpinang","agency":"Diskominfo","followers":12000})");
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  const auto& a = std::get<Account>(*account);
  EXPECT_EQ(a.handle, "diskominfo.pgk");
  EXPECT_EQ(a.followers, 12000);

  auto post = Parse(kPost);
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  const auto& p = std::get<Post>(*post);
  EXPECT_EQ(p.text, "Layanan KTP-el keliling \xf0\x9f\x99\x8f");
  EXPECT_EQ(p.created_at.unix_seconds, 1793582100);
  ASSERT_EQ(p.media.size(), 2u);
  EXPECT_EQ(p.media[0].alt, "Petugas melayani warga");
  EXPECT_FALSE(p.media[1].alt.has_value());

  auto reply = Parse(
      R"({"type":"reply","platform":"x","id":"9","post":"8","parent":null,"author_id":"77","author":"warga","created_at":"2026-11-02T09:00:00Z","text":"kapan min?"})");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_FALSE(std::get<Reply>(*reply).parent.has_value());

  auto metrics = Parse(
      R"({"type":"metrics","platform":"youtube","post":"v1","at":"2026-11-03T00:00:00+07:00","likes":10,"shares":null,"replies":5,"views":900})");
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  const auto& m = std::get<Metrics>(*metrics);
  EXPECT_EQ(m.likes, 10);
  EXPECT_FALSE(m.shares.has_value());
  EXPECT_FALSE(m.quotes.has_value());
  EXPECT_EQ(m.views, 900);
}

TEST_F(RecordCodecTest, FormatIsCanonicalAndRoundTrips) {
  auto post = Parse(kPost);
  ASSERT_TRUE(post.ok());
  std::string once = FormatRecord(*post);
  auto again = Parse(once);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *post);
  EXPECT_EQ(FormatRecord(*again), once);
  EXPECT_EQ(once.find(R"({"type":"post","platform":"instagram","id":"17900","account":"17841")"),
            0u);
  EXPECT_NE(once.find(R"("media":[{"kind":"image","alt":"Petugas melayani warga","url":null},)"),
            std::string::npos);
}

TEST_F(RecordCodecTest, ToleratesCarriageReturnAndUnknownFields) {
  auto r = Parse(
      R"({"type":"account","platform":"bluesky","id":"did:plc:x","handle":"h","agency":"BPBD","extra":{"deep":[1,2]}})"
      "\r");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(std::get<Account>(*r).name, "");
}

TEST_F(RecordCodecTest, RejectsBadRecordsWithReasons) {
  EXPECT_NE(Error("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(Error("[1,2]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(Error(R"({"platform":"x"})").find("'type' is required"), std::string::npos);
  EXPECT_NE(Error(R"({"type":"tweet"})").find("unknown record type"), std::string::npos);
  EXPECT_NE(Error(R"({"type":"account","platform":"x","id":"1","handle":"h"})")
                .find("account field 'agency' is required"),
            std::string::npos);
  EXPECT_NE(Error(R"({"type":"account","platform":"myspace","id":"1","handle":"h","agency":"A"})")
                .find("must be one of"),
            std::string::npos);
  EXPECT_NE(Error(R"({"type":"account","platform":"x","id":1,"handle":"h","agency":"A"})")
                .find("'id' must be a string"),
            std::string::npos);
  EXPECT_NE(Error(R"({"type":"account","platform":"x","id":"","handle":"h","agency":"A"})")
                .find("must not be empty"),
            std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"account","platform":"x","id":"1","handle":"h","agency":"A","followers":-1})")
          .find("must not be negative"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"account","platform":"x","id":"1","handle":"h","agency":"A","followers":1.5})")
          .find("whole number"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"reply","platform":"x","id":"1","post":"2","author_id":"3","created_at":"2026-11-02 08:15","text":"t"})")
          .find("RFC 3339"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"reply","platform":"x","id":"1","post":"2","author_id":"3","created_at":"2026-11-02T08:15:00Z","text":"a\u0000b"})")
          .find("NUL"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"reply","platform":"x","id":"1","id":"2","post":"2","author_id":"3","created_at":"2026-11-02T08:15:00Z","text":"t"})")
          .find("appears twice"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"reply","platform":"x","id":"1","post":"2","parent":"1","author_id":"3","created_at":"2026-11-02T08:15:00Z","text":"t"})")
          .find("its parent"),
      std::string::npos);
  EXPECT_NE(
      Error(
          R"({"type":"post","platform":"x","id":"1","account":"2","created_at":"2026-11-02T08:15:00Z","text":"t","media":[{"alt":"x"}]})")
          .find("media.kind"),
      std::string::npos);
  EXPECT_NE(Error("").find("no JSON"), std::string::npos);
}

TEST_F(RecordCodecTest, RejectsHostileInputWithoutCrashing) {
  std::string bad_utf8 = R"({"type":"account","platform":"x","id":"1","handle":"h)"
                         "\xc3\x28"
                         R"(","agency":"A"})";
  EXPECT_NE(Error(bad_utf8).find("UTF-8"), std::string::npos);
  std::string nested = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_NE(Error(nested).find("nested"), std::string::npos);
  std::string deep_field =
      R"({"type":"account","platform":"x","id":"1","handle":"h","agency":"A","x":)" +
      std::string(70, '[') + std::string(70, ']') + "}";
  EXPECT_NE(Error(deep_field).find("nested"), std::string::npos);
  std::string huge(10 * 1024 * 1024, 'a');
  EXPECT_NE(Error(huge).find("at most"), std::string::npos);
  std::string nul_byte("{\"type\":\0\"post\"}", 16);
  EXPECT_FALSE(Parse(nul_byte).ok());
  std::string long_text =
      R"({"type":"reply","platform":"x","id":"1","post":"2","author_id":"3","created_at":"2026-11-02T08:15:00Z","text":")" +
      std::string(kMaxTextBytes + 1, 'a') + "\"}";
  EXPECT_NE(Error(long_text).find("the limit is"), std::string::npos);
  // The parser is still usable after all of that.
  EXPECT_TRUE(Parse(kPost).ok());
}

}  // namespace
}  // namespace tanggap

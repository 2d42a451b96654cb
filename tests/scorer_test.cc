// The rule engine on small in-memory packs: one behaviour per test.
#include "scorer/scorer.h"

#include <gtest/gtest.h>

namespace tanggap::scorer {
namespace {

constexpr char kPackYml[] = R"(
name: test
version: "1"
language: id
stopwords:
  id: [yang, dan, di, ke, untuk, dengan, ini, itu, akan, pada]
  en: [the, and, of, to, is, for, with, this, will, on]
kinds:
  layanan: {name: Layanan, cues: [jadwal, layanan, pendaftaran]}
deductions:
  error: {each: 10, max_per_rule: 20}
  warning: {each: 5, max_per_rule: 10}
  suggestion: {each: 2, max_per_rule: 4}
)";

Result<std::shared_ptr<const RulePack>> Pack(const std::string& rules,
                                             const std::string& pack = kPackYml) {
  return RulePack::Parse({{"pack.yml", pack}, {"rules.yml", rules}});
}

std::shared_ptr<const RulePack> MustPack(const std::string& rules) {
  auto p = Pack(rules);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : nullptr;
}

std::vector<Finding> Find(const RulePack& pack, std::string_view text,
                          std::optional<Platform> platform = std::nullopt,
                          std::vector<Media> media = {}) {
  ScoreResult r = pack.Score({text, platform, media});
  EXPECT_TRUE(r.scored) << r.not_scored_reason;
  return r.findings;
}

constexpr char kSubstitution[] = R"(
- id: T.Baku
  type: substitution
  level: error
  message: {id: "Bentuk baku: '{suggestion}'.", en: "Standard form: '{suggestion}'."}
  sources: [KBBI]
  swap:
    ijin: izin
    dalam rangka: untuk
    di mana: di mana
  examples: {bad: ["Urus ijin usaha."], good: ["Urus izin usaha."]}
)";

TEST(ScorerTest, SubstitutionKeepsCasingAndGivesSpans) {
  auto pack = MustPack(kSubstitution);
  auto f = Find(*pack, "Dalam rangka HUT, IJIN dan ijin diurus di sini.");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].text, "Dalam rangka");
  EXPECT_EQ(f[0].start, 0u);
  EXPECT_EQ(f[0].end, 12u);
  EXPECT_EQ(f[0].message.id, "Bentuk baku: 'Untuk'.");
  EXPECT_EQ(f[0].message.en, "Standard form: 'Untuk'.");
  EXPECT_EQ(f[1].text, "IJIN");
  EXPECT_EQ(f[1].message.id, "Bentuk baku: 'IZIN'.");
  EXPECT_EQ(f[2].text, "ijin");
  EXPECT_EQ(f[2].level, Level::kError);
  // A swap whose bad form is already the good form never fires.
  EXPECT_TRUE(Find(*pack, "Lokasi di mana?").empty());
}

TEST(ScorerTest, OffsetsCountBytesAndCodePoints) {
  auto pack = MustPack(kSubstitution);
  auto f = Find(*pack, "📢 Café ijin");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].start, 11u);  // emoji 4 bytes + space + "Café" 5 bytes + space
  EXPECT_EQ(f[0].end, 15u);
  EXPECT_EQ(f[0].char_start, 7u);
  EXPECT_EQ(f[0].char_end, 11u);
}

TEST(ScorerTest, ExistenceHonoursExceptionsAndFollowers) {
  auto pack = MustPack(R"(
- id: T.Zona
  type: existence
  level: warning
  message: "Tambahkan zona waktu setelah {match}."
  sources: [x]
  tokens: ["<time>"]
  unless_followed_by: {tokens: [WIB, WITA, WIT], within: 3}
  examples: {bad: ["Mulai pukul 09.00."], good: ["Mulai pukul 09.00 WIB."]}
- id: T.Klik
  type: existence
  level: suggestion
  message: "Jelaskan tautan."
  sources: [x]
  tokens: ["klik"]
  exceptions: ["klik di sini saja"]
  examples: {bad: ["Klik tautan."], good: ["Buka tautan."]}
)");
  auto f = Find(*pack, "Buka 08.00–12.00 WIB, tutup 13.00. Klik di sini saja atau klik tautan.");
  std::vector<std::string> texts;
  for (const auto& x : f) texts.push_back(x.rule + ":" + x.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"T.Zona:13.00", "T.Klik:klik"}));
  EXPECT_EQ(f[0].message.id, "Tambahkan zona waktu setelah 13.00.");
}

TEST(ScorerTest, OccurrenceUsesPerPlatformLimits) {
  auto pack = MustPack(R"(
id: T.Tagar
type: occurrence
level: suggestion
message: "{value} tagar; batas {limit} di {platform}."
sources: [x]
tokens: ["<hashtag>"]
max: {x: 2, default: 5}
examples: {bad: [{text: "#a #b #c", platform: x}], good: [{text: "#a #b", platform: x}]}
)");
  auto x = Find(*pack, "Info #a #b #c hari ini", Platform::kX);
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].text, "#c");
  EXPECT_EQ(x[0].message.id, "3 tagar; batas 2 di x.");
  EXPECT_TRUE(Find(*pack, "Info #a #b #c hari ini", Platform::kInstagram).empty());
}

TEST(ScorerTest, RepetitionIgnoresReduplication) {
  auto pack = MustPack(R"(
id: T.Ulang
type: repetition
level: error
message: "'{match}' dua kali."
sources: [x]
examples: {bad: ["yang yang"], good: ["anak-anak"]}
)");
  auto f = Find(*pack, "Anak-anak yang yang sehat.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].text, "yang yang");
}

TEST(ScorerTest, ConditionalFindsUndefinedAcronymsOnce) {
  auto pack = MustPack(R"y(
id: T.Akronim
type: conditional
level: warning
message: "'{match}' belum dijelaskan."
sources: [x]
first: "<acronym>"
second: ["( $1 )", "$1 ("]
exceptions: [KTP, WIB]
examples: {bad: ["Sosialisasi SPBE."], good: ["Sistem Pemerintahan Berbasis Elektronik (SPBE)."]}
)y");
  auto f = Find(*pack,
                "DISKOMINFO dan Dinas Pendidikan (DISDIK) menggelar SPBE. SPBE untuk KTP pukul 9 "
                "WIB. SEGERA DAFTAR SEKARANG.");
  std::vector<std::string> texts;
  for (const auto& x : f) texts.push_back(x.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"DISKOMINFO", "SPBE"}));
}

TEST(ScorerTest, CapitalizationFlagsShoutingNotAcronyms) {
  auto pack = MustPack(R"(
- id: T.Kapital
  type: capitalization
  level: warning
  style: no_all_caps
  max_share: 0.2
  min_letters: 4
  exceptions: [BPBD]
  message: "{value}% kata berhuruf kapital semua."
  sources: [x]
  examples: {bad: ["SEGERA DAFTAR SEKARANG JUGA"], good: ["Segera daftar."]}
- id: T.Tagar
  type: capitalization
  level: warning
  style: camel_hashtag
  message: "Tulis tagar dengan huruf kapital di awal kata."
  sources: [x]
  examples: {bad: ["#kartuprakerja"], good: ["#KartuPrakerja"]}
)");
  EXPECT_TRUE(Find(*pack, "BPBD mengimbau warga waspada banjir hari ini.").empty());
  auto f = Find(*pack, "PERHATIAN SEGERA lapor. #pangkalpinangbersatu #Babel");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].text, "PERHATIAN SEGERA");
  EXPECT_EQ(f[0].message.id, "67% kata berhuruf kapital semua.");
  EXPECT_EQ(f[1].text, "#pangkalpinangbersatu");
}

TEST(ScorerTest, MetricPerSentenceEscalates) {
  auto pack = MustPack(R"(
id: T.Panjang
type: metric
level: warning
scope: sentence
formula: words
max: 5
escalate: {above: 8, level: error}
message: "Kalimat {value} kata (batas {limit})."
sources: [x]
examples: {bad: ["satu dua tiga empat lima enam."], good: ["satu dua."]}
)");
  auto f = Find(*pack, "Satu dua tiga. Satu dua tiga empat lima enam. A b c d e f g h i j.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].level, Level::kWarning);
  EXPECT_EQ(f[0].message.id, "Kalimat 6 kata (batas 5).");
  EXPECT_EQ(f[0].text, "Satu dua tiga empat lima enam.");
  EXPECT_EQ(f[1].level, Level::kError);
  EXPECT_EQ(f[1].message.id, "Kalimat 10 kata (batas 8).");
}

TEST(ScorerTest, LengthCountsAsThePlatformDoes) {
  auto pack = MustPack(R"(
id: T.Panjang
type: length
level: error
limits: {x: 31, default: 1000}
message: "{value} dari {limit} karakter {platform}."
sources: [x]
examples: {bad: [{text: "https://example.com/a/very/long/link/indeed halo halo", platform: x}], good: ["pendek"]}
)");
  // 23 for the URL + " halo " (6) + "😀" (2) = 31: fits X; " ya" does not.
  EXPECT_TRUE(
      Find(*pack, "https://example.com/a/very/long/link/indeed halo 😀", Platform::kX).empty());
  auto f = Find(*pack, "https://example.com/a/very/long/link/indeed halo 😀 ya", Platform::kX);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message.id, "34 dari 31 karakter x.");
  EXPECT_EQ(f[0].text, "ya");
  EXPECT_TRUE(Find(*pack, "https://example.com/a/very/long/link/indeed halo 😀 ya").empty());
}

TEST(ScorerTest, AltTextNamesTheMediaItem) {
  auto pack = MustPack(R"(
id: T.Alt
type: alt_text
level: error
max_chars: {x: 10, default: 1000}
weak_starts: [gambar, foto]
message: "Media {value} tanpa teks alternatif."
sources: [x]
examples: {bad: [{text: "Info", media: [{kind: image, alt: null}]}], good: [{text: "Info", media: [{kind: image, alt: "Petugas"}]}]}
)");
  std::vector<Media> media = {{"image", std::nullopt, std::nullopt},
                              {"video", std::nullopt, std::nullopt},
                              {"image", "Foto kegiatan", std::nullopt},
                              {"image", "Petugas melayani warga", std::nullopt},
                              {"image", "Petugas", std::nullopt}};
  auto f = Find(*pack, "Info layanan", Platform::kX, media);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].media_index, 0);
  EXPECT_EQ(f[0].message.id, "Media 1 tanpa teks alternatif.");
  EXPECT_EQ(f[1].media_index, 2);
  EXPECT_NE(f[1].message.id.find("Foto"), std::string::npos);
  EXPECT_EQ(f[2].media_index, 3);
  EXPECT_NE(f[2].message.id.find("melebihi batas 10"), std::string::npos);
}

TEST(ScorerTest, CompletenessOnlyForItsKinds) {
  auto pack = MustPack(R"(
id: T.5W1H
type: completeness
level: warning
kinds: [layanan]
elements:
  kapan: {tokens: ["<date>", "<time>", senin, selasa]}
  kontak: {tokens: ["<phone>", "<url-host:go.id>"]}
message: "Belum ada unsur {missing}."
sources: [x]
examples: {bad: ["Jadwal layanan KTP."], good: ["Jadwal layanan Senin di pangkalpinangkota.go.id"]}
)");
  ScoreResult r = pack->Score({"Jadwal layanan KTP keliling di kelurahan.", std::nullopt, {}});
  EXPECT_EQ(r.kind, "layanan");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].message.id, "Belum ada unsur kapan.");
  EXPECT_EQ(r.findings[1].message.id, "Belum ada unsur kontak.");
  EXPECT_TRUE(Find(*pack, "Selamat pagi warga kota.").empty());  // not a service post
}

TEST(ScorerTest, ScoreCapsPerRuleAndNeverDropsWhenAFindingIsFixed) {
  auto pack = MustPack(kSubstitution);
  ScoreResult three = pack->Score({"ijin ijin, ijin.", std::nullopt, {}});
  ASSERT_TRUE(three.scored);
  EXPECT_EQ(three.score, 80);  // 3 x 10, capped at 20
  ASSERT_EQ(three.breakdown.size(), 1u);
  EXPECT_EQ(three.breakdown[0].findings, 3);
  EXPECT_EQ(three.breakdown[0].points, 20);
  ScoreResult two = pack->Score({"ijin ijin, izin.", std::nullopt, {}});
  ScoreResult one = pack->Score({"izin ijin, izin.", std::nullopt, {}});
  ScoreResult none = pack->Score({"izin izin, izin.", std::nullopt, {}});
  EXPECT_GE(two.score, three.score);
  EXPECT_GE(one.score, two.score);
  EXPECT_GE(none.score, one.score);
  EXPECT_EQ(none.score, 100);
}

TEST(ScorerTest, ExplainsWhyATextIsNotScored) {
  auto pack = MustPack(kSubstitution);
  EXPECT_EQ(pack->Score({"", std::nullopt, {}}).not_scored_reason, "empty");
  EXPECT_EQ(pack->Score({" \n\t", std::nullopt, {}}).not_scored_reason, "empty");
  EXPECT_EQ(pack->Score({"ab\xc3\x28", std::nullopt, {}}).not_scored_reason, "invalid_utf8");
  EXPECT_EQ(pack->Score({"😀🙏 https://x.go.id", std::nullopt, {}}).not_scored_reason, "no_words");
  ScoreResult en = pack->Score(
      {"The office will be open for the public on Monday and this week.", std::nullopt, {}});
  EXPECT_FALSE(en.scored);
  EXPECT_EQ(en.not_scored_reason, "language");
  EXPECT_EQ(en.language, "en");
  // A short Indonesian post with no function words is still Indonesian.
  EXPECT_TRUE(pack->Score({"Ijin usaha gratis!", std::nullopt, {}}).scored);
  // Bilingual: mostly Indonesian is scored.
  EXPECT_TRUE(
      pack->Score({"Layanan ini untuk warga dan akan dibuka pada Senin. Open for the public.",
                   std::nullopt,
                   {}})
          .scored);
}

TEST(ScorerTest, BadRuleFilesFailWithFileLineAndReason) {
  auto unknown =
      Pack("id: T.X\ntype: existence\nlevel: warning\nmessage: m\nsources: [x]\ntokenz: [a]\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(
      unknown.status().message().find("rules.yml:6: rule T.X: field 'tokenz' does not belong"),
      std::string::npos)
      << unknown.status().message();
  auto level =
      Pack("id: T.X\ntype: existence\nlevel: fatal\nmessage: m\nsources: [x]\ntokens: [a]\n");
  ASSERT_FALSE(level.ok());
  EXPECT_NE(level.status().message().find("rules.yml:3:"), std::string::npos)
      << level.status().message();
  auto cls = Pack(
      "id: T.X\ntype: existence\nlevel: warning\nmessage: m\nsources: [x]\ntokens: [\"<nomor>\"]\n"
      "examples: {bad: [a]}\n");
  ASSERT_FALSE(cls.ok());
  EXPECT_NE(cls.status().message().find("unknown class <nomor>"), std::string::npos);
  auto yaml = Pack("id: [unclosed\n");
  ASSERT_FALSE(yaml.ok());
  EXPECT_NE(yaml.status().message().find("not valid YAML"), std::string::npos);
  auto no_example =
      Pack("id: T.X\ntype: existence\nlevel: warning\nmessage: m\nsources: [x]\ntokens: [a]\n");
  ASSERT_FALSE(no_example.ok());
  EXPECT_NE(no_example.status().message().find("bad example"), std::string::npos);
  auto formula = Pack(
      "id: T.X\ntype: metric\nlevel: warning\nmessage: m\nsources: [x]\nformula: words / "
      "kalimat\nmax: 3\n"
      "examples: {bad: [a]}\n");
  ASSERT_FALSE(formula.ok());
  EXPECT_NE(formula.status().message().find("unknown count 'kalimat'"), std::string::npos);
  auto twice = Pack(std::string(kSubstitution) + std::string(kSubstitution).substr(1));
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("used twice"), std::string::npos);
  EXPECT_FALSE(RulePack::Parse({{"rules.yml", kSubstitution}}).ok());  // no pack.yml
}

TEST(ScorerTest, EditingAThresholdChangesTheResult) {
  std::string rule = R"(
id: T.Panjang
type: metric
level: warning
scope: sentence
formula: words
max: MAX
message: "Kalimat {value} kata."
sources: [x]
examples: {bad: ["satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas"]}
)";
  std::string strict = rule, loose = rule;
  strict.replace(strict.find("MAX"), 3, "5");
  loose.replace(loose.find("MAX"), 3, "20");
  auto a = MustPack(strict);
  auto b = MustPack(loose);
  std::string_view text = "Satu dua tiga empat lima enam tujuh.";
  EXPECT_EQ(Find(*a, text).size(), 1u);
  EXPECT_TRUE(Find(*b, text).empty());
  EXPECT_NE(a->version(), b->version());
}

TEST(ScorerTest, ExamplesAreTestedBothWays) {
  auto pack = MustPack(R"(
id: T.Baku
type: substitution
level: error
message: "Baku: '{suggestion}'."
sources: [KBBI]
swap: {ijin: izin}
examples: {bad: ["Urus izin."], good: ["Urus ijin."]}
)");
  auto failures = pack->TestExamples();
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_TRUE(failures[0].bad);
  EXPECT_FALSE(failures[1].bad);
  EXPECT_NE(failures[1].detail.find("fired on \"ijin\""), std::string::npos);
}

}  // namespace
}  // namespace tanggap::scorer

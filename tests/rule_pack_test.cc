// The shipped rule pack (rules/id-pemerintah): it loads, covers the
// guideline catalogue, and every rule's examples behave as documented.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "scorer/scorer.h"

namespace tanggap::scorer {
namespace {

std::shared_ptr<const RulePack> Shipped() {
  static auto pack = RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  return pack.ok() ? *pack : nullptr;
}

TEST(RulePackTest, CoversTheGuidelineCatalogue) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  std::set<std::string> ids;
  for (const RuleInfo& r : pack->Rules()) ids.insert(r.id);
  const char* kCatalogue[] = {"ID.KalimatPanjang",
                              "ID.ProporsiKalimatPanjang",
                              "ID.RataKalimat",
                              "ID.KataPanjang",
                              "ID.KomaBerlebih",
                              "ID.ParagrafPanjang",
                              "SOC.InfoUtamaDiAwal",
                              "ID.Pleonasme",
                              "ID.BahasaBirokrasi",
                              "ID.TidakBaku",
                              "ID.IstilahAsing",
                              "ID.AkronimTanpaKepanjangan",
                              "ID.SingkatanChat",
                              "ID.KataDepanDi",
                              "ID.Anda",
                              "ID.HurufKapitalSemua",
                              "ID.TandaSeru",
                              "ID.PengulanganKata",
                              "ID.Pasif",
                              "ID.RagamTerlaluSantai",
                              "ID.FormatJam",
                              "ID.ZonaWaktu",
                              "ID.FormatTanggal",
                              "ID.AngkaAwalKalimat",
                              "ID.MataUang",
                              "ID.AngkaGanda",
                              "SOC.Panjang",
                              "SOC.JumlahTagar",
                              "SOC.TagarCamelCase",
                              "SOC.Emoji",
                              "SOC.AltText",
                              "SOC.Kelengkapan5W1H",
                              "SOC.AjakanDanNarahubung",
                              "SOC.TautanJelas"};
  int present = 0;
  std::string missing;
  for (const char* id : kCatalogue) {
    if (ids.count(id)) {
      ++present;
    } else {
      missing += std::string(" ") + id;
    }
  }
  EXPECT_GE(present, 30) << "missing:" << missing;
  for (const RuleInfo& r : pack->Rules()) {
    EXPECT_FALSE(r.sources.empty()) << r.id;
    EXPECT_FALSE(r.message.en.empty()) << r.id << " has no English message";
    EXPECT_GE(r.bad_examples.size(), 1u) << r.id;
    EXPECT_GE(r.good_examples.size(), 1u) << r.id;
  }
}

TEST(RulePackTest, RuleInfoCarriesTheSuggestionAsWritten) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  std::map<std::string, RuleInfo> rules;
  for (const RuleInfo& r : pack->Rules()) rules[r.id] = r;
  ASSERT_TRUE(rules.count("ID.Anda"));
  EXPECT_EQ(rules["ID.Anda"].suggestion.id, "Tulis 'Anda'.");
  EXPECT_EQ(rules["ID.Anda"].suggestion.en, "Write 'Anda'.");
  // A file holding a family of rules: each its own suggestion.
  ASSERT_TRUE(rules.count("ID.TandaSeru.Banyak"));
  EXPECT_EQ(rules["ID.TandaSeru"].suggestion.id, "Ganti dengan satu tanda seru atau tanda tanya.");
  EXPECT_EQ(rules["ID.TandaSeru.Banyak"].suggestion.en,
            "Keep the exclamation mark for the single most important call to action.");
  // A substitution without one computes it per finding ("Ganti dengan ...").
  ASSERT_TRUE(rules.count("ID.BahasaBirokrasi"));
  EXPECT_EQ(rules["ID.BahasaBirokrasi"].suggestion.id, "");
  EXPECT_EQ(rules["ID.BahasaBirokrasi"].suggestion.en, "");
}

TEST(RulePackTest, EveryExamplePasses) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  for (const ExampleFailure& f : pack->TestExamples()) {
    ADD_FAILURE() << f.file << ":" << f.line << ": " << f.rule << (f.bad ? " bad" : " good")
                  << " example: " << f.detail << "\n    " << f.text;
  }
}

TEST(RulePackTest, ExplainsTheBureaucraticAnnouncement) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  const std::string text =
      "Dalam rangka HUT Kota, DISKOMINFO akan melakukan sosialisasi SPBE pada tgl 12/08 jam "
      "09:00 di aula.";
  ScoreResult r = pack->Score({text, std::nullopt, {}});
  ASSERT_TRUE(r.scored);
  std::multiset<std::string> rules;
  for (const Finding& f : r.findings) {
    rules.insert(f.rule);
    // Every span is exactly the text it quotes, in bytes and code points.
    EXPECT_EQ(text.substr(f.start, f.end - f.start), f.text) << f.rule;
    EXPECT_EQ(f.char_end - f.char_start, f.end - f.start) << f.rule << " (the text is ASCII)";
    EXPECT_FALSE(f.message.id.empty());
  }
  auto span_of = [&](const std::string& rule) {
    std::vector<std::string> texts;
    for (const Finding& f : r.findings) {
      if (f.rule == rule) texts.push_back(f.text);
    }
    return texts;
  };
  EXPECT_EQ(span_of("ID.BahasaBirokrasi").front(), "Dalam rangka");
  std::vector<std::string> acronyms = span_of("ID.AkronimTanpaKepanjangan");
  EXPECT_NE(std::find(acronyms.begin(), acronyms.end(), "DISKOMINFO"), acronyms.end());
  EXPECT_NE(std::find(acronyms.begin(), acronyms.end(), "SPBE"), acronyms.end());
  EXPECT_GE(rules.count("ID.FormatTanggal"), 1u);
  EXPECT_GE(rules.count("ID.FormatJam"), 1u);
  std::vector<std::string> zone = span_of("ID.ZonaWaktu");
  ASSERT_EQ(zone.size(), 1u);
  EXPECT_NE(zone[0].find("09:00"), std::string::npos);
  EXPECT_LT(r.score, 80);
}

TEST(RulePackTest, AWellWrittenPostScoresHigh) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  ScoreResult r =
      pack->Score({"Perekaman KTP elektronik keliling hadir di Kantor Kelurahan Bukit Intan.\n\n"
                   "Waktu: Senin, 7 Desember 2026, pukul 08.00–12.00 WIB.\n"
                   "Bawa kartu keluarga asli. Layanan ini gratis.\n\n"
                   "Info: WhatsApp 0812-7803-3021.",
                   Platform::kInstagram,
                   {{"image", "Petugas merekam sidik jari warga di meja layanan", std::nullopt}}});
  ASSERT_TRUE(r.scored);
  std::string found;
  for (const Finding& f : r.findings) found += f.rule + " (" + f.text + ") ";
  EXPECT_GE(r.score, 85) << found;
}

}  // namespace
}  // namespace tanggap::scorer

namespace tanggap::scorer {
namespace {

// Hostile and odd input through the whole pack: a result or a reason,
// never a crash, and bounded output.
TEST(RulePackTest, OddInputGivesAResultOrAReason) {
  auto pack = Shipped();
  ASSERT_TRUE(pack);
  std::string big;
  while (big.size() < 100 * 1024) big += "Dalam rangka HUT Kota, warga yg hadir dapat ijin. ";
  std::string no_spaces(100 * 1024, 'a');
  std::string bangs(10000, '!');
  const std::vector<std::string> inputs = {
      "",
      "😀😀😀",
      "https://pangkalpinangkota.go.id/layanan",
      big,
      no_spaces,
      bangs,
      "ka\u200Bmi \u200E\u202Eلغة عربية\u202C dan \u4E2D\u6587 campur",
      "\xff\xfe invalid",
      std::string("nul\0inside", 10),
      "\u200B\u200B\u200B",
      "#a #b #c @x @y"};
  for (const std::string& text : inputs) {
    for (std::optional<Platform> platform :
         {std::optional<Platform>(), std::optional(Platform::kX)}) {
      ScoreResult r = pack->Score({text, platform, {{"image", std::nullopt, std::nullopt}}});
      if (r.scored) {
        EXPECT_GE(r.score, 0);
        EXPECT_LE(r.score, 100);
        for (const Finding& f : r.findings) {
          EXPECT_LE(f.end, text.size());
          EXPECT_LE(f.start, f.end);
        }
        EXPECT_LE(r.findings.size(), 100u * pack->Rules().size());
      } else {
        EXPECT_FALSE(r.not_scored_reason.empty());
      }
    }
  }
  EXPECT_EQ(pack->Score({"\xff\xfe invalid", std::nullopt, {}}).not_scored_reason, "invalid_utf8");
  EXPECT_EQ(pack->Score({"😀😀😀", std::nullopt, {}}).not_scored_reason, "no_words");
  EXPECT_TRUE(pack->Score({big, std::nullopt, {}}).scored);
}

}  // namespace
}  // namespace tanggap::scorer

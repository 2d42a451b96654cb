// The reply-tone pack (rules/id-pemerintah/nada-balasan): it loads, every
// rule's examples behave as written, and the context kind given by the
// caller (the label of the citizen reply being answered) switches the
// kind-limited rules on and off as docs/rules-pack-nada-balasan.md says.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/scorer.h"

namespace tanggap::scorer {
namespace {

const std::string kPackDir = std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/nada-balasan";

std::shared_ptr<const RulePack> TonePack() {
  static auto pack = RulePack::Load(kPackDir);
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  return pack.ok() ? *pack : nullptr;
}

ScoreResult ScoreReply(std::string_view text, std::optional<std::string_view> kind) {
  ScoreInput input{text, std::nullopt, {}};
  input.kind = kind;
  return TonePack()->Score(input);
}

std::vector<std::string> RulesFired(const ScoreResult& r) {
  std::vector<std::string> ids;
  for (const Finding& f : r.findings) ids.push_back(f.rule);
  return ids;
}

std::string Describe(const ScoreResult& r) {
  std::string out = "kind=" + r.kind + " score=" + std::to_string(r.score) + " findings:";
  for (const Finding& f : r.findings) out += " [" + f.rule + ": \"" + f.text + "\"]";
  return out;
}

bool Fired(const ScoreResult& r, std::string_view rule) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.rule == rule; });
}

// The model reply to a complaint from the training material.
constexpr std::string_view kModelReply =
    "Halo Kak @warga, mohon maaf atas ketidaknyamanannya. Terima kasih laporannya, tim PUPR akan "
    "memperbaiki jalan di Jl. Soekarno Hatta minggu ini. Info lanjut hubungi 0717-123456.";
// The same reply with the apology sentence removed.
constexpr std::string_view kNoApology =
    "Halo Kak @warga. Terima kasih laporannya, tim PUPR akan memperbaiki jalan di Jl. Soekarno "
    "Hatta minggu ini. Info lanjut hubungi 0717-123456.";

TEST(TonePackTest, LoadsWithTheDeclaredKindsAndRules) {
  auto pack = TonePack();
  ASSERT_TRUE(pack);
  EXPECT_EQ(pack->name(), "nada-balasan");
  EXPECT_EQ(pack->language(), "id");
  EXPECT_EQ(pack->version().rfind("1.0+", 0), 0u) << pack->version();

  std::map<std::string, RuleInfo> rules;
  for (const RuleInfo& r : pack->Rules()) rules[r.id] = r;
  for (const char* id :
       {"NADA.Salam", "NADA.TerimaKasih", "NADA.MaafUntukKeluhan", "NADA.SapaPenanya",
        "NADA.LangkahLanjut", "NADA.KataMenyalahkan", "NADA.JawabanTerlaluSingkat"}) {
    ASSERT_TRUE(rules.count(id)) << "missing rule " << id;
  }
  for (const auto& [id, r] : rules) {
    EXPECT_EQ(id.rfind("NADA.", 0), 0u) << id;
    EXPECT_GE(r.bad_examples.size(), 2u) << id;
    EXPECT_GE(r.good_examples.size(), 2u) << id;
    EXPECT_FALSE(r.sources.empty()) << id;
    EXPECT_FALSE(r.message.en.empty()) << id << " has no English message";
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(rules["NADA.MaafUntukKeluhan"].kinds, V{"keluhan"});
  EXPECT_EQ(rules["NADA.TerimaKasih"].kinds,
            (V{"pertanyaan", "permintaan", "keluhan", "apresiasi"}));
  EXPECT_EQ(rules["NADA.LangkahLanjut"].kinds, (V{"pertanyaan", "permintaan", "keluhan"}));
  EXPECT_TRUE(rules["NADA.Salam"].kinds.empty());
  EXPECT_TRUE(rules["NADA.SapaPenanya"].kinds.empty());
  EXPECT_TRUE(rules["NADA.KataMenyalahkan"].kinds.empty());
  EXPECT_EQ(rules["NADA.KataMenyalahkan"].level, "error");
}

TEST(TonePackTest, EveryExamplePasses) {
  auto pack = TonePack();
  ASSERT_TRUE(pack);
  auto failures = pack->TestExamples();
  for (const ExampleFailure& f : failures) {
    ADD_FAILURE() << f.file << ":" << f.line << ": " << f.rule << (f.bad ? " bad" : " good")
                  << " example \"" << f.text << "\": " << f.detail;
  }
  EXPECT_TRUE(failures.empty());
}

// The loader does not check an example's `kind:` against pack.yml, and a
// misspelt kind silently turns every kind-limited rule off (a good example
// would then pass for the wrong reason). Scan the rule files for it.
TEST(TonePackTest, ExampleKindsAreDeclared) {
  const std::set<std::string> declared = {"pertanyaan", "permintaan", "keluhan",
                                          "apresiasi",  "spam",       "lainnya"};
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kPackDir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("NADA.", 0) != 0) continue;
    std::ifstream in(entry.path());
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      for (size_t at = line.find("kind: "); at != std::string::npos;
           at = line.find("kind: ", at + 1)) {
        size_t begin = at + 6, end = begin;
        while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
        ++seen;
        EXPECT_TRUE(declared.count(line.substr(begin, end - begin)))
            << name << ":" << line_no << ": example kind '" << line.substr(begin, end - begin)
            << "' is not declared in pack.yml";
      }
    }
  }
  EXPECT_GE(seen, 20);  // the scan found the examples' kinds at all
}

TEST(TonePackTest, ModelComplaintReplyScoresFull) {
  ASSERT_TRUE(TonePack());
  ScoreResult r = ScoreReply(kModelReply, "keluhan");
  ASSERT_TRUE(r.scored) << r.not_scored_reason;
  EXPECT_EQ(r.kind, "keluhan");
  EXPECT_EQ(r.score, 100) << Describe(r);
  EXPECT_TRUE(r.findings.empty()) << Describe(r);
  EXPECT_TRUE(r.breakdown.empty());
}

TEST(TonePackTest, MissingApologyCostsOnlyForComplaints) {
  ASSERT_TRUE(TonePack());
  ScoreResult complaint = ScoreReply(kNoApology, "keluhan");
  ASSERT_TRUE(complaint.scored);
  EXPECT_EQ(RulesFired(complaint), std::vector<std::string>{"NADA.MaafUntukKeluhan"})
      << Describe(complaint);
  ASSERT_EQ(complaint.breakdown.size(), 1u);
  EXPECT_EQ(complaint.breakdown[0].points, 10);  // one warning
  EXPECT_EQ(complaint.score, 90);

  ScoreResult question = ScoreReply(kNoApology, "pertanyaan");
  ASSERT_TRUE(question.scored);
  EXPECT_EQ(question.kind, "pertanyaan");
  EXPECT_TRUE(question.findings.empty()) << Describe(question);
  EXPECT_EQ(question.score, 100);
}

TEST(TonePackTest, BlamingWordsAreFlaggedWithTheirOwnSpan) {
  ASSERT_TRUE(TonePack());
  const std::string text =
      "Halo Kak @warga, terima kasih. Salah sendiri datang siang, antrean e-KTP sudah penuh "
      "sejak pukul 10.00 WIB. Silakan datang lagi besok pukul 08.00 WIB, mohon maaf.";
  ScoreResult r = ScoreReply(text, "keluhan");
  ASSERT_TRUE(r.scored);
  ASSERT_EQ(RulesFired(r), std::vector<std::string>{"NADA.KataMenyalahkan"}) << Describe(r);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.text, "Salah sendiri");
  EXPECT_EQ(f.start, text.find("Salah sendiri"));
  EXPECT_EQ(f.end, f.start + std::string_view("Salah sendiri").size());
  EXPECT_EQ(f.level, Level::kError);
  EXPECT_NE(f.message.id.find("Salah sendiri"), std::string::npos) << f.message.id;
  // A blaming phrase costs more than a reply missing greeting, address and
  // thanks together (three suggestions).
  EXPECT_EQ(r.score, 70);
  ScoreResult curt = ScoreReply(
      "Antrean e-KTP sudah penuh hari ini. Silakan datang lagi besok pukul 08.00 WIB, mohon maaf.",
      "keluhan");
  ASSERT_TRUE(curt.scored);
  EXPECT_FALSE(Fired(curt, "NADA.KataMenyalahkan")) << Describe(curt);
  EXPECT_EQ(curt.score, 85) << Describe(curt);
  EXPECT_GT(curt.score, r.score);
}

std::vector<std::string> BlameSpans(const ScoreResult& r) {
  std::vector<std::string> spans;
  for (const Finding& f : r.findings) {
    if (f.rule == "NADA.KataMenyalahkan") spans.push_back(f.text);
  }
  return spans;
}

TEST(TonePackTest, EachBlamingPhraseIsItsOwnFindingAndExplainingIsNotBlaming) {
  ASSERT_TRUE(TonePack());
  using V = std::vector<std::string>;
  // Two phrases, two findings; the longest pattern gives the whole phrase.
  ScoreResult two = ScoreReply("Salah sendiri, kan sudah diumumkan di Instagram.", std::nullopt);
  EXPECT_EQ(BlameSpans(two), (V{"Salah sendiri", "kan sudah diumumkan"})) << Describe(two);
  EXPECT_EQ(two.score, 100 - 60 - 5 - 5);  // error capped at 60, no greeting, no address
  ScoreResult read = ScoreReply("Makanya baca dulu pengumumannya, Kak.", "pertanyaan");
  EXPECT_EQ(BlameSpans(read), V{"Makanya baca dulu"}) << Describe(read);

  // "makanya" as a connector after a comma, or explaining the agency's own
  // action, and a polite "silakan baca dulu", are ordinary uses.
  ScoreResult explain = ScoreReply(
      "Mohon maaf, Pak. Hujan deras sejak Subuh, makanya genangan belum surut dan petugas DLH "
      "baru mengangkut sampah siang ini. Makanya petugas kami tambah. Silakan baca dulu jadwal "
      "barunya di https://dlh.pangkalpinangkota.go.id.",
      "keluhan");
  EXPECT_TRUE(BlameSpans(explain).empty()) << Describe(explain);
  // ...but a connector followed by the citizen is blame again.
  ScoreResult blame = ScoreReply(
      "Bapak datang sesudah pukul 14.00 WIB, makanya Bapak tidak kebagian nomor antrean.",
      "keluhan");
  EXPECT_EQ(BlameSpans(blame), V{"makanya Bapak"}) << Describe(blame);
}

TEST(TonePackTest, BareOkIsTooShort) {
  ASSERT_TRUE(TonePack());
  for (std::optional<std::string_view> kind :
       {std::optional<std::string_view>(), std::optional<std::string_view>("keluhan"),
        std::optional<std::string_view>("pertanyaan")}) {
    ScoreResult r = ScoreReply("ok", kind);
    ASSERT_TRUE(r.scored) << r.not_scored_reason;
    EXPECT_TRUE(Fired(r, "NADA.JawabanTerlaluSingkat")) << Describe(r);
  }
  // Answering praise, a short greeting and thank-you is enough.
  ScoreResult thanks = ScoreReply("Halo Kak, sama-sama 🙏", "apresiasi");
  ASSERT_TRUE(thanks.scored);
  EXPECT_TRUE(thanks.findings.empty()) << Describe(thanks);
}

TEST(TonePackTest, NoKindAppliesOnlyTheRulesForEveryKind) {
  ASSERT_TRUE(TonePack());
  // No thanks, no apology, no next step: only kind-limited rules could fire.
  // Words like "keluhan" never make the reply a complaint: the pack's kinds
  // have no cues.
  const std::string_view text =
      "Halo Kak, keluhan dan pertanyaan seputar posyandu Kelurahan Bacang sudah dicatat.";
  ScoreResult none = ScoreReply(text, std::nullopt);
  ASSERT_TRUE(none.scored);
  EXPECT_EQ(none.kind, "lainnya");
  EXPECT_TRUE(none.findings.empty()) << Describe(none);
  EXPECT_EQ(none.score, 100);

  // Answering praise: thanks is expected; apology and next step are not.
  ScoreResult praise = ScoreReply(text, "apresiasi");
  ASSERT_TRUE(praise.scored);
  EXPECT_EQ(praise.kind, "apresiasi");
  EXPECT_EQ(RulesFired(praise), std::vector<std::string>{"NADA.TerimaKasih"}) << Describe(praise);
  EXPECT_EQ(praise.score, 95);

  // Answering a complaint: thanks, apology and next step are all expected.
  ScoreResult complaint = ScoreReply(text, "keluhan");
  std::set<std::string> fired;
  for (const std::string& id : RulesFired(complaint)) fired.insert(id);
  EXPECT_EQ(fired, (std::set<std::string>{"NADA.TerimaKasih", "NADA.MaafUntukKeluhan",
                                          "NADA.LangkahLanjut"}))
      << Describe(complaint);
  EXPECT_EQ(complaint.score, 100 - 5 - 10 - 10);

  // A bare "ok" with no kind still misses greeting and address, and is too
  // short; with "apresiasi" it also misses thanks but is not "too short".
  ScoreResult ok_none = ScoreReply("ok", std::nullopt);
  std::vector<std::string> none_ids = RulesFired(ok_none);
  EXPECT_EQ(std::set<std::string>(none_ids.begin(), none_ids.end()),
            (std::set<std::string>{"NADA.Salam", "NADA.SapaPenanya", "NADA.JawabanTerlaluSingkat"}))
      << Describe(ok_none);
  ScoreResult ok_praise = ScoreReply("ok", "apresiasi");
  std::vector<std::string> praise_ids = RulesFired(ok_praise);
  EXPECT_EQ(std::set<std::string>(praise_ids.begin(), praise_ids.end()),
            (std::set<std::string>{"NADA.Salam", "NADA.SapaPenanya", "NADA.TerimaKasih"}))
      << Describe(ok_praise);
}

TEST(TonePackTest, ShoutingAndRudeWordsAreFlagged) {
  ASSERT_TRUE(TonePack());
  ScoreResult shout =
      ScoreReply("SUDAH KAMI JELASKAN, JALAN ITU BUKAN WEWENANG PEMKOT.", "keluhan");
  EXPECT_TRUE(Fired(shout, "NADA.HurufKapitalSemua")) << Describe(shout);
  ScoreResult rude = ScoreReply("Halo Pak, jangan sok tahu ya.", "keluhan");
  ASSERT_TRUE(Fired(rude, "NADA.RagamKasar")) << Describe(rude);
  for (const Finding& f : rude.findings) {
    if (f.rule == "NADA.RagamKasar") {
      EXPECT_EQ(f.text, "sok tahu");
    }
  }
}

TEST(TonePackTest, MainPackIgnoresTheSubfolder) {
  auto main_pack = RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  ASSERT_TRUE(main_pack.ok()) << main_pack.status().ToString();
  EXPECT_EQ((*main_pack)->name(), "id-pemerintah");
  for (const RuleInfo& r : (*main_pack)->Rules()) {
    EXPECT_NE(r.id.rfind("NADA.", 0), 0u) << r.id << " leaked into the main pack";
  }
}

}  // namespace
}  // namespace tanggap::scorer

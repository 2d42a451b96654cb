// Reply classifier: the rule pack's cue file measured against the
// hand-labelled comments in tests/data/balasan-berlabel.tsv (targets from
// docs/reply-classifier.md), engine unit tests, and a sanity run over real
// citizen comments from ../shared/realdata (never copied into the repo).
#include "scorer/reply_classifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tanggap::scorer {
namespace {

const std::string kCueFile =
    std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/klasifikasi-balasan.yml";
const std::string kLabelled = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/balasan-berlabel.tsv";
const std::string kRealComments = std::string(TANGGAP_SOURCE_DIR) +
                                  "/../shared/realdata/text/dkk_semarang_instagram/test_masked.csv";

std::shared_ptr<const ReplyClassifier> LoadPack() {
  auto c = ReplyClassifier::Load(kCueFile);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : nullptr;
}

std::shared_ptr<const ReplyClassifier> ParseOrDie(const std::string& yaml) {
  auto c = ReplyClassifier::Parse(yaml, "test.yml");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : nullptr;
}

struct Example {
  int line;
  std::string label, text;
};

// label<TAB>text per line; blank lines and lines starting with '#' skipped.
std::vector<Example> ReadLabelled(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return {};
  }
  std::vector<Example> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos) {
      *error = path + ":" + std::to_string(n) + ": expected label<TAB>text";
      return {};
    }
    out.push_back({n, line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

// RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field
// may hold commas, line breaks and doubled quotes.
std::vector<std::vector<std::string>> ReadCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string CueSummary(const ReplyLabel& r) {
  std::string s;
  for (const FiredCue& c : r.cues) {
    if (!s.empty()) s += ", ";
    s += c.label + ":" + c.text;
  }
  return s.empty() ? "-" : s;
}

std::string OneLine(std::string s, size_t max) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (s.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}

struct Prf {
  double precision = 0, recall = 0, f1 = 0;
  int support = 0;
};

Prf Score(int tp, int predicted, int actual) {
  Prf p;
  p.precision = predicted ? static_cast<double>(tp) / predicted : 0;
  p.recall = actual ? static_cast<double>(tp) / actual : 0;
  p.f1 = p.precision + p.recall > 0 ? 2 * p.precision * p.recall / (p.precision + p.recall) : 0;
  p.support = actual;
  return p;
}

TEST(ReplyClassifierTest, LabelledSetMeetsTargets) {
  auto classifier = LoadPack();
  ASSERT_NE(classifier, nullptr);
  std::string error;
  std::vector<Example> examples = ReadLabelled(kLabelled, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_GE(examples.size(), 330u);

  std::vector<std::string> labels = classifier->Labels();
  auto index = [&](const std::string& l) {
    return static_cast<size_t>(std::find(labels.begin(), labels.end(), l) - labels.begin());
  };
  const size_t n = labels.size();
  std::vector<std::vector<int>> confusion(n, std::vector<int>(n, 0));  // [gold][predicted]
  int need_tp = 0, need_pred = 0, need_gold = 0;
  std::vector<std::string> errors;
  for (const Example& e : examples) {
    size_t gold = index(e.label);
    ASSERT_LT(gold, n) << kLabelled << ":" << e.line << ": unknown label '" << e.label << "'";
    ReplyLabel r = classifier->Classify(e.text);
    size_t pred = index(r.label);
    ASSERT_LT(pred, n);
    ++confusion[gold][pred];
    bool gold_needs = classifier->NeedsAnswer(e.label);
    need_gold += gold_needs;
    need_pred += r.needs_answer;
    need_tp += gold_needs && r.needs_answer;
    if (pred != gold) {
      errors.push_back(std::to_string(e.line) + ": " + e.label + " -> " + r.label + " | " +
                       CueSummary(r) + " | " + e.text);
    }
  }

  std::map<std::string, Prf> per_class;
  double macro_f1 = 0;
  std::printf("\n%-12s %9s %9s %9s %8s\n", "label", "precision", "recall", "F1", "support");
  for (size_t l = 0; l < n; ++l) {
    int tp = confusion[l][l], predicted = 0, actual = 0;
    for (size_t k = 0; k < n; ++k) {
      predicted += confusion[k][l];
      actual += confusion[l][k];
    }
    Prf p = Score(tp, predicted, actual);
    per_class[labels[l]] = p;
    macro_f1 += p.f1;
    std::printf("%-12s %9.3f %9.3f %9.3f %8d\n", labels[l].c_str(), p.precision, p.recall, p.f1,
                p.support);
  }
  macro_f1 /= static_cast<double>(n);
  Prf need = Score(need_tp, need_pred, need_gold);
  std::printf("%-12s %9.3f %9.3f %9.3f %8d\n", "needs-answer", need.precision, need.recall, need.f1,
              need.support);
  std::printf(
      "macro F1 %.3f over %zu comments\n\nconfusion (rows: gold, columns: predicted)\n%-12s",
      macro_f1, examples.size(), "");
  for (const auto& l : labels) std::printf(" %10.10s", l.c_str());
  std::printf("\n");
  for (size_t g = 0; g < n; ++g) {
    std::printf("%-12s", labels[g].c_str());
    for (size_t p = 0; p < n; ++p) std::printf(" %10d", confusion[g][p]);
    std::printf("\n");
  }
  std::printf("\nmisclassified (%zu): line: gold -> predicted | cues | text\n", errors.size());
  for (const auto& e : errors) std::printf("  %s\n", e.c_str());
  std::fflush(stdout);

  EXPECT_GE(per_class["pertanyaan"].precision, 0.90);
  EXPECT_GE(per_class["pertanyaan"].recall, 0.85);
  EXPECT_GE(need.precision, 0.85);
  EXPECT_GE(need.recall, 0.85);
  EXPECT_GE(macro_f1, 0.75);
}

TEST(ReplyClassifierTest, LabelledSetCoversEveryLabel) {
  auto classifier = LoadPack();
  ASSERT_NE(classifier, nullptr);
  std::string error;
  std::vector<Example> examples = ReadLabelled(kLabelled, &error);
  ASSERT_TRUE(error.empty()) << error;
  std::map<std::string, int> count;
  std::set<std::string> texts;
  for (const Example& e : examples) {
    ++count[e.label];
    EXPECT_TRUE(texts.insert(e.text).second) << "line " << e.line << " repeats a comment";
  }
  EXPECT_GE(count["pertanyaan"], 90);
  EXPECT_GE(count["permintaan"], 50);
  EXPECT_GE(count["keluhan"], 70);
  EXPECT_GE(count["apresiasi"], 60);
  EXPECT_GE(count["spam"], 25);
  EXPECT_GE(count["lainnya"], 35);
}

TEST(ReplyClassifierTest, PackLabelsAndNeedsAnswer) {
  auto c = LoadPack();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->Labels(), (std::vector<std::string>{"pertanyaan", "permintaan", "keluhan",
                                                   "apresiasi", "spam", "lainnya"}));
  EXPECT_TRUE(c->NeedsAnswer("pertanyaan"));
  EXPECT_TRUE(c->NeedsAnswer("permintaan"));
  EXPECT_TRUE(c->NeedsAnswer("keluhan"));
  EXPECT_FALSE(c->NeedsAnswer("apresiasi"));
  EXPECT_FALSE(c->NeedsAnswer("spam"));
  EXPECT_FALSE(c->NeedsAnswer("lainnya"));
  EXPECT_FALSE(c->NeedsAnswer("tidak-ada"));
}

constexpr const char* kSmall = R"(
labels:
  tanya: {needs_answer: true}
  puji: {needs_answer: false}
default: lain
min_score: 1
lists:
  kata_tanya: [kapan, berapa]
cues:
  tanya:
    - {tokens: ["?"], weight: 1}
    - {tokens: ["<@kata_tanya>", "di mana"], weight: 1}
    - {tokens: ["sudah <number> hari"], weight: 2}
  puji:
    - {tokens: ["mantap", "keren"], weight: 1}
    - {tokens: ["terima kasih"], weight: 1}
    - {tokens: ["kasih sebelumnya"], weight: -2}
)";

TEST(ReplyClassifierTest, ReportsEveryFiredCue) {
  auto c = ParseOrDie(kSmall);
  ASSERT_NE(c, nullptr);
  ReplyLabel r = c->Classify("Sudah 3 hari, KAPAN jadi? Mantap");
  EXPECT_EQ(r.label, "tanya");
  EXPECT_TRUE(r.needs_answer);
  EXPECT_DOUBLE_EQ(r.score, 4);
  ASSERT_EQ(r.cues.size(), 4u);
  std::map<std::string, FiredCue> by_pattern;
  for (const FiredCue& f : r.cues) by_pattern[f.pattern] = f;
  EXPECT_EQ(by_pattern["sudah <number> hari"].text, "Sudah 3 hari");
  EXPECT_EQ(by_pattern["sudah <number> hari"].label, "tanya");
  EXPECT_DOUBLE_EQ(by_pattern["sudah <number> hari"].weight, 2);
  EXPECT_EQ(by_pattern["<@kata_tanya>"].text, "KAPAN");
  EXPECT_EQ(by_pattern["?"].text, "?");
  EXPECT_EQ(by_pattern["mantap"].text, "Mantap");
  EXPECT_EQ(by_pattern["mantap"].label, "puji");
}

TEST(ReplyClassifierTest, CueCountsOnceHoweverOftenItMatches) {
  auto c = ParseOrDie(kSmall);
  ASSERT_NE(c, nullptr);
  ReplyLabel r = c->Classify("kapan? berapa? kapan??");
  EXPECT_DOUBLE_EQ(r.score, 2);  // "?" once, the question-word cue once
  EXPECT_EQ(r.cues.size(), 2u);
}

TEST(ReplyClassifierTest, TiesGoToTheEarlierLabel) {
  auto c = ParseOrDie(kSmall);
  ASSERT_NE(c, nullptr);
  ReplyLabel r = c->Classify("keren, kapan lagi");  // tanya 1, puji 1
  EXPECT_EQ(r.label, "tanya");
  // The same cues with the labels listed the other way round.
  std::string swapped = kSmall;
  size_t at = swapped.find("  tanya: {needs_answer: true}\n");
  swapped.erase(at, std::string("  tanya: {needs_answer: true}\n").size());
  swapped.insert(swapped.find("default:"), "  tanya: {needs_answer: true}\n");
  auto c2 = ParseOrDie(swapped);
  ASSERT_NE(c2, nullptr);
  EXPECT_EQ(c2->Labels().front(), "puji");
  EXPECT_EQ(c2->Classify("keren, kapan lagi").label, "puji");
}

TEST(ReplyClassifierTest, NegativeWeightsAndMinScore) {
  auto c = ParseOrDie(kSmall);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->Classify("terima kasih").label, "puji");
  ReplyLabel r = c->Classify("terima kasih sebelumnya");  // 1 - 2 < min_score
  EXPECT_EQ(r.label, "lain");
  EXPECT_FALSE(r.needs_answer);
  EXPECT_EQ(r.cues.size(), 2u);  // still reported, so a trainer sees why
  EXPECT_EQ(c->Classify("").label, "lain");
  EXPECT_EQ(c->Classify("🙏🙏").label, "lain");
}

TEST(ReplyClassifierTest, InvalidUtf8GetsTheDefault) {
  auto c = ParseOrDie(kSmall);
  ASSERT_NE(c, nullptr);
  ReplyLabel r = c->Classify("kapan? \xC3\x28 mantap");
  EXPECT_EQ(r.label, "lain");
  EXPECT_FALSE(r.needs_answer);
  EXPECT_TRUE(r.cues.empty());
  auto pack = LoadPack();
  ASSERT_NE(pack, nullptr);
  EXPECT_EQ(pack->Classify("kapan dibuka?\xFF").label, "lainnya");
}

void ExpectError(const std::string& yaml, const std::string& prefix, const std::string& part) {
  auto c = ReplyClassifier::Parse(yaml, "cues.yml");
  ASSERT_FALSE(c.ok()) << yaml;
  const std::string m = c.status().message();
  EXPECT_EQ(m.rfind(prefix, 0), 0u) << m;
  EXPECT_NE(m.find(part), std::string::npos) << m;
}

TEST(ReplyClassifierTest, BadCueFilesNameSourceAndLine) {
  ExpectError(
      "labels:\n  tanya: {needs_answer: true}\ncues:\n  tanya:\n    - {tokens: [\"?\"]}\n"
      "  keluh:\n    - {tokens: [lama]}\n",
      "cues.yml:6:", "unknown label 'keluh'");
  ExpectError(
      "labels:\n  tanya: {needs_answer: true}\ncues:\n  tanya:\n"
      "    - {tokens: [\"?\"]}\n    - {tokens: [\"sudah <angka> hari\"]}\n",
      "cues.yml:6:", "unknown class <angka>");
  ExpectError(
      "labels:\n  tanya: {needs_answer: true}\ncues:\n  tanya:\n    - {tokens: "
      "[\"<@tidakada>\"]}\n",
      "cues.yml:5:", "<@tidakada>");
  ExpectError("labels:\n  tanya: {needs_answer: true\ncues: [\n", "cues.yml:", "not valid YAML");
  ExpectError("labels: [a, b\n", "cues.yml:", "not valid YAML");
  ExpectError("just a sentence\n", "cues.yml:1:", "expected labels");
  auto missing = ReplyClassifier::Load("/nonexistent/klasifikasi-balasan.yml");
  EXPECT_FALSE(missing.ok());
}

// Real citizen comments (a health office's Instagram, masked). They are not
// labelled with our labels, so only sanity is asserted; the printed sample is
// for a person to read.
TEST(ReplyClassifierTest, RealCommentsSanity) {
  auto classifier = LoadPack();
  ASSERT_NE(classifier, nullptr);
  std::ifstream in(kRealComments, std::ios::binary);
  ASSERT_TRUE(in.good()) << "real comments not found at " << kRealComments
                         << "; this test needs the shared data folder next to the repository "
                            "(CI always provides ../shared)";
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::vector<std::string>> rows = ReadCsv(ss.str());
  ASSERT_GE(rows.size(), 2u) << kRealComments << " has no data rows";
  ASSERT_FALSE(rows[0].empty());
  std::string first = rows[0][0];
  if (first.rfind("\xEF\xBB\xBF", 0) == 0) first.erase(0, 3);
  ASSERT_EQ(first, "text") << kRealComments << ": expected a header starting with 'text'";

  std::map<std::string, int> distribution;
  std::vector<std::pair<std::string, ReplyLabel>> results;
  int needs = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_FALSE(rows[i].empty());
    ReplyLabel r = classifier->Classify(rows[i][0]);
    ASSERT_FALSE(r.label.empty()) << "row " << i;
    ++distribution[r.label];
    needs += r.needs_answer;
    results.emplace_back(rows[i][0], std::move(r));
  }
  const size_t total = results.size();
  std::printf("\nreal comments: %zu\n", total);
  for (const auto& label : classifier->Labels()) {
    int k = distribution.count(label) ? distribution[label] : 0;
    std::printf("  %-12s %6d  %5.1f%%\n", label.c_str(), k, 100.0 * k / static_cast<double>(total));
  }
  std::printf("  needs answer %6d  %5.1f%%\n", needs, 100.0 * needs / static_cast<double>(total));
  std::printf("\nsample (every %zuth row): label | cues | text\n", std::max<size_t>(1, total / 30));
  size_t step = std::max<size_t>(1, total / 30);
  for (size_t i = 0, shown = 0; i < total && shown < 30; i += step, ++shown) {
    std::printf("  %-10s | %s | %s\n", results[i].second.label.c_str(),
                OneLine(CueSummary(results[i].second), 80).c_str(),
                OneLine(results[i].first, 140).c_str());
  }
  std::fflush(stdout);

  int sum = 0;
  for (const auto& [label, k] : distribution) sum += k;
  EXPECT_EQ(static_cast<size_t>(sum), total);
  EXPECT_GE(distribution.size(), 3u);
  EXPECT_GE(static_cast<double>(needs), 0.10 * static_cast<double>(total));
}

}  // namespace
}  // namespace tanggap::scorer

#include "scorer/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace tanggap::scorer {
namespace {

const char* KindName(TokenKind k) {
  switch (k) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "num";
    case TokenKind::kTime:
      return "time";
    case TokenKind::kMoney:
      return "money";
    case TokenKind::kDate:
      return "date";
    case TokenKind::kPhone:
      return "phone";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kMention:
      return "mention";
    case TokenKind::kHashtag:
      return "hashtag";
    case TokenKind::kEmoji:
      return "emoji";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSymbol:
      return "sym";
  }
  return "?";
}

// "kind:text" for every token, joined by " | ", so a whole tokenisation is
// one readable string in a failure message.
std::string Tokens(std::string_view text) {
  Document d = Analyze(text);
  std::string out;
  for (const Token& t : d.tokens) {
    if (!out.empty()) out += " | ";
    out += KindName(t.kind);
    out += ':';
    out += d.TokenText(t);
  }
  return out;
}

std::vector<std::string> SentenceTexts(const Document& d) {
  std::vector<std::string> out;
  for (const Sentence& s : d.sentences) out.push_back(d.text.substr(s.start, s.end - s.start));
  return out;
}

std::vector<std::string> Sentences(std::string_view text) { return SentenceTexts(Analyze(text)); }

std::vector<std::string> Paragraphs(std::string_view text) {
  Document d = Analyze(text);
  std::vector<std::string> out;
  for (const Paragraph& p : d.paragraphs) out.push_back(d.text.substr(p.start, p.end - p.start));
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The structural invariants every Document must satisfy (the fuzz target
// checks the same ones).
void ExpectInvariants(const Document& d) {
  ASSERT_EQ(d.lower.size(), d.text.size());
  uint32_t prev_end = 0, prev_char_end = 0;
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Token& t = d.tokens[i];
    ASSERT_LT(t.start, t.end) << "token " << i;
    ASSERT_LE(t.end, d.text.size());
    ASSERT_LE(prev_end, t.start) << "token " << i;
    // Code point offsets advance exactly as the bytes between tokens do.
    std::string_view gap = std::string_view(d.text).substr(prev_end, t.start - prev_end);
    ASSERT_EQ(t.char_start, prev_char_end + CodePoints(gap)) << "token " << i;
    ASSERT_EQ(t.char_end - t.char_start, CodePoints(d.TokenText(t)));
    prev_char_end = t.char_end;
    ASSERT_LT(t.sentence, d.sentences.size());
    const Sentence& s = d.sentences[t.sentence];
    ASSERT_GE(i, s.first_token);
    ASSERT_LT(i, s.end_token);
    prev_end = t.end;
  }
  uint32_t next_token = 0;
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& s = d.sentences[i];
    ASSERT_EQ(s.first_token, next_token);
    ASSERT_LT(s.first_token, s.end_token);
    ASSERT_EQ(s.start, d.tokens[s.first_token].start);
    ASSERT_EQ(s.end, d.tokens[s.end_token - 1].end);
    ASSERT_EQ(s.char_start, d.tokens[s.first_token].char_start);
    ASSERT_EQ(s.char_end, d.tokens[s.end_token - 1].char_end);
    ASSERT_LT(s.paragraph, d.paragraphs.size());
    const Paragraph& p = d.paragraphs[s.paragraph];
    ASSERT_GE(i, p.first_sentence);
    ASSERT_LT(i, p.end_sentence);
    ASSERT_LE(p.start, s.start);
    ASSERT_GE(p.end, s.end);
    next_token = s.end_token;
  }
  ASSERT_EQ(next_token, d.tokens.size());
  uint32_t next_sentence = 0;
  for (const Paragraph& p : d.paragraphs) {
    ASSERT_EQ(p.first_sentence, next_sentence);
    ASSERT_LT(p.first_sentence, p.end_sentence);
    next_sentence = p.end_sentence;
  }
  ASSERT_EQ(next_sentence, d.sentences.size());
}

// ---------------------------------------------------------------------------
// Tokens

TEST(TokenizeTest, EmptyAndBlankInputGiveEmptyDocuments) {
  for (std::string_view text : {"", "   ", "\n\n\t \r\n", "\u200B\u200D\u2060\uFEFF\u202E"}) {
    Document d = Analyze(text);
    EXPECT_EQ(d.text, text);
    EXPECT_EQ(d.lower.size(), text.size());
    EXPECT_TRUE(d.tokens.empty()) << text;
    EXPECT_TRUE(d.sentences.empty()) << text;
    EXPECT_TRUE(d.paragraphs.empty()) << text;
  }
}

TEST(TokenizeTest, HyphenatedReduplicationAndCompoundsAreOneWord) {
  EXPECT_EQ(Tokens("anak-anak sehari-hari KTP-el COVID-19 e-KTP"),
            "word:anak-anak | word:sehari-hari | word:KTP-el | word:COVID-19 | word:e-KTP");
  Document d = Analyze("anak-anak KTP COVID-19 Warga A ragam");
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_TRUE(d.tokens[0].hyphenated);
  EXPECT_EQ(d.tokens[0].letters, 8);
  EXPECT_FALSE(d.tokens[1].hyphenated);
  EXPECT_TRUE(d.tokens[1].all_caps);
  EXPECT_TRUE(d.tokens[1].capitalized);
  EXPECT_TRUE(d.tokens[2].all_caps);  // digits do not count as letters
  EXPECT_FALSE(d.tokens[3].all_caps);
  EXPECT_TRUE(d.tokens[3].capitalized);
  EXPECT_FALSE(d.tokens[4].all_caps);  // one letter is not an acronym
  EXPECT_TRUE(d.tokens[4].capitalized);
  EXPECT_FALSE(d.tokens[5].capitalized);
}

TEST(TokenizeTest, HyphensOutsideWordsArePunctuation) {
  EXPECT_EQ(Tokens("- anak- -anak"), "punct:- | word:anak | punct:- | punct:- | word:anak");
  EXPECT_EQ(Tokens("tahun 90-an"), "word:tahun | word:90-an");
  EXPECT_EQ(Tokens("4G H-1"), "word:4G | word:H-1");
}

TEST(TokenizeTest, ApostrophesInsideWords) {
  EXPECT_EQ(Tokens("Jum'at Jum\u2019at 'kata'"),
            "word:Jum'at | word:Jum\u2019at | punct:' | word:kata | punct:'");
}

TEST(TokenizeTest, Money) {
  EXPECT_EQ(Tokens("Rp50.000"), "money:Rp50.000");
  EXPECT_EQ(Tokens("Rp1,5 RP2.000 Rp50.000,-"), "money:Rp1,5 | money:RP2.000 | money:Rp50.000,-");
  EXPECT_EQ(Tokens("Rp 50.000"), "word:Rp | num:50.000");
  EXPECT_EQ(Tokens("Rp.50.000"), "word:Rp | punct:. | num:50.000");
  Document d = Analyze("Rp.50.000");
  ASSERT_EQ(d.tokens.size(), 3u);
  EXPECT_FALSE(d.tokens[1].space_before);
  EXPECT_FALSE(d.tokens[2].space_before);
  EXPECT_EQ(d.sentences.size(), 1u);
}

TEST(TokenizeTest, TimesAndNumbers) {
  EXPECT_EQ(Tokens("09.00 9.30 09:00 23.59 00.00 08:15:30"),
            "time:09.00 | time:9.30 | time:09:00 | time:23.59 | time:00.00 | time:08:15:30");
  EXPECT_EQ(Tokens("25.00 09.000 9.60 109.00"), "num:25.00 | num:09.000 | num:9.60 | num:109.00");
  EXPECT_EQ(Tokens("2,5 1.250.000 20 1.250.000,50"),
            "num:2,5 | num:1.250.000 | num:20 | num:1.250.000,50");
  EXPECT_EQ(Tokens("pukul 09.00-10.00 WIB."),
            "word:pukul | time:09.00 | punct:- | time:10.00 | word:WIB | punct:.");
  EXPECT_EQ(Tokens("tahun 2026."), "word:tahun | num:2026 | punct:.");
}

TEST(TokenizeTest, Dates) {
  EXPECT_EQ(Tokens("12/08 12/08/2026 2026-08-12 12-08-2026 1/2/26"),
            "date:12/08 | date:12/08/2026 | date:2026-08-12 | date:12-08-2026 | date:1/2/26");
  // Impossible days or months, and bare ranges, are numbers and slashes.
  EXPECT_EQ(Tokens("50/50"), "num:50 | punct:/ | num:50");
  EXPECT_EQ(Tokens("12/13"), "num:12 | punct:/ | num:13");
  EXPECT_EQ(Tokens("12-08"), "num:12 | punct:- | num:08");
  EXPECT_EQ(Tokens("2026-13-01"), "num:2026 | punct:- | num:13 | punct:- | num:01");
}

TEST(TokenizeTest, PhoneNumbers) {
  EXPECT_EQ(Tokens("0812-7803-3021"), "phone:0812-7803-3021");
  EXPECT_EQ(Tokens("081278033021 08127803302"), "phone:081278033021 | phone:08127803302");
  EXPECT_EQ(Tokens("+62 812-7803-3021"), "phone:+62 812-7803-3021");
  EXPECT_EQ(Tokens("+62 812 7803 3021."), "phone:+62 812 7803 3021 | punct:.");
  EXPECT_EQ(Tokens("+6281278033021"), "phone:+6281278033021");
  EXPECT_EQ(Tokens("(0717) 421234"), "phone:(0717) 421234");
  EXPECT_EQ(Tokens("0812.7803.3021"), "phone:0812.7803.3021");
  // A following short number is not swallowed.
  EXPECT_EQ(Tokens("0812 7803 3021 2 kali"), "phone:0812 7803 3021 | num:2 | word:kali");
  // Too short, no leading 0, or glued to letters: not phones.
  EXPECT_EQ(Tokens("021-12345"), "num:021 | punct:- | num:12345");
  EXPECT_EQ(Tokens("12345678901"), "num:12345678901");
  EXPECT_EQ(Tokens("0812345678901234"), "num:0812345678901234");
  EXPECT_EQ(Tokens("(021) 1500"), "punct:( | num:021 | punct:) | num:1500");
  EXPECT_EQ(Tokens("+1 5550100"), "sym:+ | num:1 | num:5550100");
}

TEST(TokenizeTest, Urls) {
  EXPECT_EQ(Tokens("lihat https://x.go.id/a."), "word:lihat | url:https://x.go.id/a | punct:.");
  EXPECT_EQ(Tokens("(https://x.id/a_(b)), ok"),
            "punct:( | url:https://x.id/a_(b) | punct:) | punct:, | word:ok");
  EXPECT_EQ(Tokens("HTTP://X.ID?q=1&r=2!"), "url:HTTP://X.ID?q=1&r=2 | punct:!");
  EXPECT_EQ(Tokens("www.kemkes.go.id/berita"), "url:www.kemkes.go.id/berita");
  EXPECT_EQ(Tokens("pangkalpinangkota.go.id"), "url:pangkalpinangkota.go.id");
  EXPECT_EQ(Tokens("Daftar di Kemenkes.go.id/daftar."),
            "word:Daftar | word:di | url:Kemenkes.go.id/daftar | punct:.");
  EXPECT_EQ(Tokens("x.com, y.org y.net"), "url:x.com | punct:, | url:y.org | url:y.net");
  EXPECT_EQ(Tokens("https://"), "word:https | punct:: | punct:/ | punct:/");
  // Only the listed endings make a bare domain.
  EXPECT_EQ(Tokens("S.Kom data.xyz"),
            "word:S | punct:. | word:Kom | word:data | punct:. | word:xyz");
  // E-mail addresses are links.
  EXPECT_EQ(Tokens("surel: info@dinkes.go.id."),
            "word:surel | punct:: | url:info@dinkes.go.id | punct:.");
  EXPECT_EQ(Tokens("https://x.id/\u00F1a\U0001F600"),
            "url:https://x.id/\u00F1a | emoji:\U0001F600");
}

TEST(TokenizeTest, MentionsAndHashtags) {
  EXPECT_EQ(Tokens("@dinkes @diskominfo.pgk. @user@mastodon.social"),
            "mention:@dinkes | mention:@diskominfo.pgk | punct:. | mention:@user@mastodon.social");
  EXPECT_EQ(Tokens("#Pangkalpinang #Indonesia_Maju2026 #1 @ #"),
            "hashtag:#Pangkalpinang | hashtag:#Indonesia_Maju2026 | punct:# | num:1 | punct:@ | "
            "punct:#");
}

TEST(TokenizeTest, EmojiAreWholeGraphemeClusters) {
  EXPECT_EQ(Tokens("\U0001F468\u200D\U0001F469\u200D\U0001F467"),
            "emoji:\U0001F468\u200D\U0001F469\u200D\U0001F467");
  EXPECT_EQ(Tokens("\U0001F1EE\U0001F1E9"), "emoji:\U0001F1EE\U0001F1E9");
  EXPECT_EQ(Tokens("\U0001F44D\U0001F3FD"), "emoji:\U0001F44D\U0001F3FD");
  EXPECT_EQ(Tokens("1\uFE0F\u20E3"), "emoji:1\uFE0F\u20E3");
  EXPECT_EQ(Tokens("#\uFE0F\u20E3"), "emoji:#\uFE0F\u20E3");
  EXPECT_EQ(Tokens("\u2764\uFE0F"), "emoji:\u2764\uFE0F");
  EXPECT_EQ(Tokens("\U0001F600\U0001F600"), "emoji:\U0001F600 | emoji:\U0001F600");
  EXPECT_EQ(Tokens("\U0001F1EE\U0001F1E9\U0001F1F2\U0001F1FE"),
            "emoji:\U0001F1EE\U0001F1E9 | emoji:\U0001F1F2\U0001F1FE");
  EXPECT_EQ(Tokens("halo\U0001F64Fterima"), "word:halo | emoji:\U0001F64F | word:terima");
  // Text-default pictographs are symbols unless VS16 asks for emoji.
  EXPECT_EQ(Tokens("\u00A92026 \u00A9\uFE0F"), "sym:\u00A9 | num:2026 | emoji:\u00A9\uFE0F");
  Document d = Analyze("\U0001F600\U0001F600");
  ASSERT_EQ(d.tokens.size(), 2u);
  EXPECT_TRUE(d.tokens[0].space_before);
  EXPECT_FALSE(d.tokens[1].space_before);
}

TEST(TokenizeTest, EachPunctuationCharacterIsItsOwnToken) {
  Document d = Analyze("Ayo!! (ya)");
  EXPECT_EQ(Tokens("Ayo!! (ya)"), "word:Ayo | punct:! | punct:! | punct:( | word:ya | punct:)");
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_FALSE(d.tokens[1].space_before);
  EXPECT_FALSE(d.tokens[2].space_before);
  EXPECT_TRUE(d.tokens[3].space_before);
  EXPECT_EQ(Tokens("50% a+b \u2026 \u2014"),
            "num:50 | punct:% | word:a | sym:+ | word:b | punct:\u2026 | "
            "punct:\u2014");
}

TEST(TokenizeTest, WordFieldsOnlyOnWords) {
  Document d = Analyze("KTP 2026 , #Tag");
  for (size_t i = 1; i < d.tokens.size(); ++i) {
    EXPECT_EQ(d.tokens[i].letters, 0);
    EXPECT_EQ(d.tokens[i].syllables, 0);
    EXPECT_FALSE(d.tokens[i].all_caps);
  }
  EXPECT_EQ(d.tokens[0].syllables, 3);
}

// ---------------------------------------------------------------------------
// Offsets and invisible characters

TEST(OffsetTest, MultiByteOffsetsAreExact) {
  //            0     2 3    7 8
  std::string text = "\u00E9 \U0001F600 kata \u0639\u0631\u0628\u064A.";
  Document d = Analyze(text);
  ASSERT_EQ(d.tokens.size(), 5u);
  EXPECT_EQ(d.tokens[0].start, 0u);
  EXPECT_EQ(d.tokens[0].end, 2u);
  EXPECT_EQ(d.tokens[0].char_start, 0u);
  EXPECT_EQ(d.tokens[0].char_end, 1u);
  EXPECT_EQ(d.tokens[1].start, 3u);
  EXPECT_EQ(d.tokens[1].end, 7u);
  EXPECT_EQ(d.tokens[1].char_start, 2u);
  EXPECT_EQ(d.tokens[1].char_end, 3u);
  EXPECT_EQ(d.TokenText(d.tokens[2]), "kata");
  EXPECT_EQ(d.tokens[2].char_start, 4u);
  EXPECT_EQ(d.TokenText(d.tokens[3]), "\u0639\u0631\u0628\u064A");  // RTL script, one word
  EXPECT_EQ(d.tokens[3].kind, TokenKind::kWord);
  EXPECT_EQ(d.tokens[3].char_start, 9u);
  EXPECT_EQ(d.tokens[3].char_end, 13u);
  EXPECT_EQ(d.tokens[4].start, text.size() - 1);
  EXPECT_EQ(d.tokens[4].char_start, 13u);
  ExpectInvariants(d);
}

TEST(OffsetTest, ZeroWidthSpaceSplitsAWord) {
  // ZWSP is a word-break opportunity by definition, so it separates.
  Document d = Analyze("ka\u200Bmi");
  EXPECT_EQ(Tokens("ka\u200Bmi"), "word:ka | word:mi");
  ASSERT_EQ(d.tokens.size(), 2u);
  EXPECT_EQ(d.tokens[1].start, 5u);
  EXPECT_EQ(d.tokens[1].char_start, 3u);
  EXPECT_FALSE(d.tokens[1].space_before);  // invisible, not whitespace
  ExpectInvariants(d);
}

TEST(OffsetTest, OtherZeroWidthCharactersStayInsideWords) {
  // ZWNJ, WJ, BOM and bidi marks do not break a word; they are kept in it.
  EXPECT_EQ(Tokens("ka\u200Cmi"), "word:ka\u200Cmi");
  EXPECT_EQ(Tokens("ka\u2060mi ka\u200Emi"), "word:ka\u2060mi | word:ka\u200Emi");
  // Between words or at the edges they are skipped, never tokens.
  EXPECT_EQ(Tokens("\u200Fkami\u200F \u202Bkita\u202C."), "word:kami | word:kita | punct:.");
  EXPECT_EQ(Tokens("kami\u200D"), "word:kami");
  Document d = Analyze("\uFEFFHalo \u200B dunia\u200B");
  ASSERT_EQ(d.tokens.size(), 2u);
  EXPECT_EQ(d.tokens[0].start, 3u);
  EXPECT_EQ(d.tokens[0].char_start, 1u);
  EXPECT_TRUE(d.tokens[0].space_before);  // start of text
  ASSERT_EQ(d.sentences.size(), 1u);
  EXPECT_EQ(d.sentences[0].start, 3u);               // trimmed of the BOM
  EXPECT_EQ(d.sentences[0].end, d.text.size() - 3);  // and of the final ZWSP
  ExpectInvariants(d);
}

TEST(OffsetTest, CombiningMarksStayWithTheirBase) {
  EXPECT_EQ(Tokens("cafe\u0301 !\u0301"), "word:cafe\u0301 | punct:!\u0301");
  EXPECT_EQ(Tokens("\u0301a"), "sym:\u0301 | word:a");
}

TEST(LowerTest, SameLengthLowerCase) {
  Document d = Analyze("\u00C9LAN KTP");
  EXPECT_EQ(d.lower, "\u00E9lan ktp");
  EXPECT_EQ(d.lower.size(), d.text.size());
  ASSERT_EQ(d.tokens.size(), 2u);
  EXPECT_EQ(d.TokenLower(d.tokens[0]), "\u00E9lan");
  EXPECT_TRUE(d.tokens[0].all_caps);
  // Latin Extended-A lowers; letters whose lower case is longer or outside
  // the ranges stay as they are.
  Document e = Analyze("\u0160AH \u0130STANBUL \u0414\u041E\u041C");
  EXPECT_EQ(e.lower, "\u0161ah \u0130stanbul \u0414\u041E\u041C");
  EXPECT_EQ(e.lower.size(), e.text.size());
}

// ---------------------------------------------------------------------------
// Sentences

TEST(SentenceTest, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(Sentences("Jl. Sudirman No. 5 Kec. Gerunggang. Kantor buka."),
            (std::vector<std::string>{"Jl. Sudirman No. 5 Kec. Gerunggang.", "Kantor buka."}));
  EXPECT_EQ(Sentences("dr. Rina, S.Kom., M.Si. hadir. Acara dimulai."),
            (std::vector<std::string>{"dr. Rina, S.Kom., M.Si. hadir.", "Acara dimulai."}));
  EXPECT_EQ(Sentences("Bawa KTP, KK, dll. Warga wajib hadir."),
            (std::vector<std::string>{"Bawa KTP, KK, dll. Warga wajib hadir."}));
  EXPECT_EQ(Sentences("Yth. Bapak H. Ahmad, a.n. Kepala Dinas. Prof. Budi S. Hadir."),
            (std::vector<std::string>{"Yth. Bapak H. Ahmad, a.n. Kepala Dinas.",
                                      "Prof. Budi S. Hadir."}));
  EXPECT_EQ(Sentences("Tgl. 5 s.d. 9 JL. Merdeka. Selesai."),
            (std::vector<std::string>{"Tgl. 5 s.d. 9 JL. Merdeka.", "Selesai."}));
  // An ordinary word before the period still ends the sentence.
  EXPECT_EQ(Sentences("Kami datang. Dia pulang."),
            (std::vector<std::string>{"Kami datang.", "Dia pulang."}));
  // "Oke.Siap." is a missing space, not an abbreviation.
  EXPECT_EQ(Sentences("Oke.Siap. Lanjut."), (std::vector<std::string>{"Oke.Siap.", "Lanjut."}));
}

TEST(SentenceTest, NumbersTimesAndUrlsKeepTheirDots) {
  EXPECT_EQ(
      Sentences("Harga naik 2,5 persen jadi Rp1.250.000. Mulai pukul 09.00. Lihat "
                "https://x.go.id/a.b.c untuk info. Selesai"),
      (std::vector<std::string>{"Harga naik 2,5 persen jadi Rp1.250.000.", "Mulai pukul 09.00.",
                                "Lihat https://x.go.id/a.b.c untuk info.", "Selesai"}));
}

TEST(SentenceTest, RunsQuotesAndLowerCaseContinuations) {
  EXPECT_EQ(Sentences("Kenapa?! Tunggu\u2026 Lalu... pulang. Dia bilang \"Ayo.\" Lalu pergi."),
            (std::vector<std::string>{"Kenapa?!", "Tunggu\u2026", "Lalu... pulang.",
                                      "Dia bilang \"Ayo.\"", "Lalu pergi."}));
  EXPECT_EQ(Sentences("(Sudah daftar.) Belum? ya sudah."),
            (std::vector<std::string>{"(Sudah daftar.)", "Belum? ya sudah."}));
  // Emoji glued to the terminator stay in the sentence they close.
  EXPECT_EQ(Sentences("Selamat pagi!\U0001F60A Jangan lupa."),
            (std::vector<std::string>{"Selamat pagi!\U0001F60A", "Jangan lupa."}));
  // No whitespace after the period: no break.
  EXPECT_EQ(Sentences("Halo.Apa kabar"), (std::vector<std::string>{"Halo.Apa kabar"}));
}

TEST(SentenceTest, LineBreaksAndEndOfText) {
  EXPECT_EQ(Sentences("Pengumuman\nKantor tutup hari ini\r\nTerima kasih"),
            (std::vector<std::string>{"Pengumuman", "Kantor tutup hari ini", "Terima kasih"}));
  EXPECT_EQ(Sentences("  Tanpa titik di akhir  "),
            (std::vector<std::string>{"Tanpa titik di akhir"}));
}

TEST(SentenceTest, TokenRangesAndWordCounts) {
  Document d = Analyze(
      "Bayar Rp5.000 pada 12/08 pukul 09.00 di https://x.id @dinkes \U0001F600. "
      "Dua kata!");
  ASSERT_EQ(d.sentences.size(), 2u);
  // Bayar Rp5.000 pada 12/08 pukul 09.00 di = 7 word-like tokens; the URL,
  // mention, emoji and period do not count.
  EXPECT_EQ(d.sentences[0].words, 7u);
  EXPECT_EQ(d.sentences[1].words, 2u);
  EXPECT_EQ(d.sentences[1].first_token, d.sentences[0].end_token);
  EXPECT_EQ(d.sentences[1].end_token, d.tokens.size());
  for (uint32_t i = d.sentences[1].first_token; i < d.sentences[1].end_token; ++i) {
    EXPECT_EQ(d.tokens[i].sentence, 1u);
  }
  ExpectInvariants(d);
}

TEST(SentenceTest, TenThousandExclamationMarks) {
  std::string text = "Awas" + std::string(10000, '!');
  Document d = Analyze(text);
  ASSERT_EQ(d.tokens.size(), 10001u);
  EXPECT_EQ(d.sentences.size(), 1u);
  EXPECT_FALSE(d.tokens[5000].space_before);
  ExpectInvariants(d);
}

// ---------------------------------------------------------------------------
// Paragraphs

TEST(ParagraphTest, BlankLinesSeparateParagraphs) {
  std::string text =
      "\n  Paragraf satu. Masih satu.\nBaris dua.\n \t\nParagraf dua\r\n\r\nTiga  \n\n\n";
  EXPECT_EQ(Paragraphs(text), (std::vector<std::string>{"Paragraf satu. Masih satu.\nBaris dua.",
                                                        "Paragraf dua", "Tiga"}));
  Document d = Analyze(text);
  ASSERT_EQ(d.paragraphs.size(), 3u);
  EXPECT_EQ(d.paragraphs[0].first_sentence, 0u);
  EXPECT_EQ(d.paragraphs[0].end_sentence, 3u);
  EXPECT_EQ(d.sentences[3].paragraph, 1u);
  ExpectInvariants(d);
}

TEST(ParagraphTest, ParagraphSeparatorAndInvisibleLines) {
  EXPECT_EQ(Paragraphs("Satu\u2029Dua"), (std::vector<std::string>{"Satu", "Dua"}));
  // A line holding only a zero-width character is blank.
  EXPECT_EQ(Paragraphs("Satu\n\u200B\nDua"), (std::vector<std::string>{"Satu", "Dua"}));
  EXPECT_EQ(Paragraphs("Satu\nDua"), (std::vector<std::string>{"Satu\nDua"}));
}

// ---------------------------------------------------------------------------
// Syllables

TEST(SyllableTest, IndonesianWords) {
  struct Case {
    const char* word;
    int syllables;
  };
  for (Case c : {Case{"pandai", 2}, {"saudara", 3},       {"amboi", 2},       {"survei", 2},
                 {"buah", 2},       {"main", 2},          {"khusus", 2},      {"nyanyi", 2},
                 {"syarat", 2},     {"ngantuk", 2},       {"pemerintah", 4},  {"anak-anak", 4},
                 {"KTP", 3},        {"Pangkalpinang", 4}, {"DISDUKCAPIL", 4}, {"baik", 2},
                 {"haus", 2},       {"pulau", 2},         {"pulaunya", 3},    {"kaisar", 2},
                 {"sungainya", 3},  {"daerah", 3},        {"KTP-el", 4},      {"COVID-19", 2},
                 {"Jum'at", 2},     {"\u00C9LAN", 2},     {"bst", 3},         {"PPPPPK", 1},
                 {"a", 1}}) {
    EXPECT_EQ(CountSyllables(c.word), c.syllables) << c.word;
  }
}

TEST(SyllableTest, NonWords) {
  EXPECT_EQ(CountSyllables(""), 0);
  EXPECT_EQ(CountSyllables("2026"), 0);
  EXPECT_EQ(CountSyllables("---"), 0);
  EXPECT_EQ(CountSyllables("\u65E5\u672C"), 2);  // letters without Latin vowels
  EXPECT_GT(CountSyllables(std::string(300, 'a')), 255);
}

TEST(SyllableTest, TokenSyllablesMatchCountSyllables) {
  // Analyze counts plain ASCII words inline; it must agree with the public
  // function on every word shape.
  Document d = Analyze(
      "pandai saudara amboi survei buah main khusus nyanyi syarat ngantuk pemerintah anak-anak "
      "KTP Pangkalpinang DISDUKCAPIL baik haus PULAU pulaunya kaisar sungainya daerah KTP-el "
      "COVID-19 Jum'at \u00C9LAN bst PPPPPK a aia aiu oai aiai kain-kain sau-ai ka\u200Cmi "
      "Sur\u00E9vei ai-u 4G 90-an mai-n");
  int words = 0;
  for (const Token& t : d.tokens) {
    if (t.kind != TokenKind::kWord) continue;
    ++words;
    EXPECT_EQ(t.syllables, CountSyllables(d.TokenText(t))) << d.TokenText(t);
  }
  EXPECT_EQ(words, 41);
}

TEST(SyllableTest, TokenFieldSaturates) {
  Document d = Analyze(std::string(600, 'a'));
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_EQ(d.tokens[0].syllables, 255);
  EXPECT_EQ(d.tokens[0].letters, 255);
}

// ---------------------------------------------------------------------------
// HTML

TEST(HtmlTest, MastodonParagraphsMentionsAndLineBreaks) {
  EXPECT_EQ(HtmlToText("<p>Halo <a href=\"https://x\" class=\"mention\">@<span>dinkes</span></a>"
                       "</p><p>Baris dua<br>baris tiga</p>"),
            "Halo @dinkes\n\nBaris dua\nbaris tiga");
}

TEST(HtmlTest, MastodonInvisibleLinkParts) {
  EXPECT_EQ(HtmlToText("<p>Lihat <a href=\"https://www.example.com/abcdef\"><span "
                       "class=\"invisible\">https://www.</span><span class=\"ellipsis\">"
                       "example.com/abc</span><span class=\"invisible\">def</span></a></p>"),
            "Lihat example.com/abc");
  EXPECT_EQ(HtmlToText("<span class=\"x invisible\">a</span>b"), "b");
  EXPECT_EQ(HtmlToText("<span class=\"invisibles\">a</span>b"), "ab");
}

TEST(HtmlTest, YouTubeTextDisplayAndEntities) {
  EXPECT_EQ(HtmlToText("Halo &amp; selamat&#39;s <br>pagi"), "Halo & selamat's\npagi");
  EXPECT_EQ(HtmlToText("&lt;b&gt; &#x1F600; &quot;ok&quot; &nbsp;x"),
            "<b> \U0001F600 \"ok\" \u00A0x");
  EXPECT_EQ(HtmlToText("a<br><br>b"), "a\n\nb");
  EXPECT_EQ(HtmlToText("&#xD800;&#0;"), "\uFFFD\uFFFD");
}

TEST(HtmlTest, DropsScriptsStylesCommentsAndCollapsesWhitespace) {
  EXPECT_EQ(HtmlToText("<p>a</p><script>alert('x')</script><style>p{color:red}</style><p>b</p>"),
            "a\n\nb");
  EXPECT_EQ(HtmlToText("a<!-- komentar -->b"), "ab");
  EXPECT_EQ(HtmlToText("<title>judul</title><p>  banyak \n\t  spasi  </p>"), "banyak spasi");
  EXPECT_EQ(HtmlToText("<ul><li>satu</li><li>dua</li></ul>selesai"), "satu\ndua\n\nselesai");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("teks biasa"), "teks biasa");
}

TEST(HtmlTest, MalformedHtmlIsBestEffort) {
  EXPECT_EQ(HtmlToText("<p>Halo <b>tebal <i>miring</p> sisa"), "Halo tebal miring\n\nsisa");
  EXPECT_EQ(HtmlToText("<div><p>Halo"), "Halo");
  EXPECT_EQ(HtmlToText("</p></div>Halo</b>"), "Halo");
  std::string broken = HtmlToText("Halo <a href=\"x");
  EXPECT_EQ(broken, "Halo");
  EXPECT_EQ(HtmlToText("1 < 2 > 0"), "1 < 2 > 0");
}

TEST(HtmlTest, DeepNesting) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "dalam";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  EXPECT_EQ(HtmlToText(html), "dalam");
  std::string unclosed;
  for (int i = 0; i < 10000; ++i) unclosed += "<span><b>";
  unclosed += "x";
  EXPECT_EQ(HtmlToText(unclosed), "x");
}

TEST(HtmlTest, OutputIsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8(HtmlToText("<p>\xC3\xA9 \xFF\xFE caf\xC3</p>")));
  EXPECT_EQ(HtmlToText("<p>\xC3\xA9</p>"), "\u00E9");
  std::string nul("a\0b", 3);
  EXPECT_TRUE(IsValidUtf8(HtmlToText(nul)));
}

// ---------------------------------------------------------------------------
// Platform length

TEST(PlatformLengthTest, XWeightsUrlsEmojiAndWideCharacters) {
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("halo")), 4);
  std::string url = "https://pangkalpinangkota.go.id/berita/2026/08/12/pengumuman";
  ASSERT_EQ(url.size(), 60u);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze(url)), 23);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("Lihat " + url + ".")), 6 + 23 + 1);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("\U0001F600")), 2);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("\U0001F468\u200D\U0001F469\u200D\U0001F467")), 2);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("\u65E5\u672C")), 4);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("\u00E9\u2014\u201C")), 3);
  EXPECT_EQ(PlatformLength(Platform::kX, Analyze("")), 0);
}

TEST(PlatformLengthTest, BlueskyCountsGraphemesOthersCodePoints) {
  Document family = Analyze("\U0001F468\u200D\U0001F469\u200D\U0001F467");
  EXPECT_EQ(PlatformLength(Platform::kBluesky, family), 1);
  EXPECT_EQ(PlatformLength(Platform::kInstagram, family), 5);
  EXPECT_EQ(PlatformLength(Platform::kMastodon, family), 5);
  Document mixed = Analyze("Halo\r\ne\u0301 \U0001F1EE\U0001F1E9\U0001F1EE");
  // H a l o CRLF e+acute space flag lone-RI
  EXPECT_EQ(PlatformLength(Platform::kBluesky, mixed), 9);
  EXPECT_EQ(PlatformLength(Platform::kFacebook, mixed), 12);
  EXPECT_EQ(PlatformLength(Platform::kYouTube, Analyze("")), 0);
  EXPECT_EQ(PlatformLength(Platform::kBluesky, Analyze("")), 0);
}

// ---------------------------------------------------------------------------
// UTF-8 validation

TEST(Utf8Test, AcceptsWellFormedRejectsMalformed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("halo \u00E9 \u0639 \U0001F600 \U0010FFFF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));              // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));          // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3"));          // truncated after the fast path
  EXPECT_FALSE(IsValidUtf8("\x80"));                  // stray continuation
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // five-byte form
}

// ---------------------------------------------------------------------------
// Hostile input

TEST(RobustnessTest, AwkwardInputsKeepInvariants) {
  std::string big;
  while (big.size() < 100 * 1024) {
    big += "Warga Kel. Bukit Intan, antre e-KTP di https://x.go.id/a?b=1 pukul 09.00 \U0001F600!! ";
  }
  std::string word(100 * 1024, 'k');
  std::string dots;
  for (int i = 0; i < 20000; ++i) dots += "a.";
  std::string digits;
  for (int i = 0; i < 20000; ++i) digits += "0812-";
  for (const std::string& text : std::vector<std::string>{
           "\U0001F600\U0001F600\U0001F600", "https://x.go.id", "pangkalpinangkota.go.id",
           "Halo \u0645\u0631\u062D\u0628\u0627 \u4F60\u597D \u0928\u092E\u0938\u094D\u0924\u0947",
           "\u202Eterbalik\u202C \u200F\u05E9\u05DC\u05D5\u05DD\u200F", "\u200B\u200C\u200D",
           "a\u200B\u200B\u200Bb", "\u0301\u0301", "\xE2\x80\x8D\xF0\x9F\x98\x80\xE2\x80\x8D",
           "\U0001F1EE", "\U0001F3FD", "#\uFE0F", std::string("a\0b", 3), big, word, dots, digits,
           std::string(10000, '!'), std::string(5000, '\n')}) {
    Document d = Analyze(text);
    ExpectInvariants(d);
  }
  EXPECT_EQ(Analyze(word).tokens.size(), 1u);
  EXPECT_EQ(Analyze("https://x.go.id").tokens[0].kind, TokenKind::kUrl);
}

}  // namespace
}  // namespace tanggap::scorer

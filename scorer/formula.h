// Private to scorer/: the arithmetic in `metric` rules ("long_sentences /
// sentences * 100"), parsed once at load and evaluated per scope.
#ifndef TANGGAP_SCORER_FORMULA_H_
#define TANGGAP_SCORER_FORMULA_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace tanggap::scorer {

enum class Count : uint8_t {
  kWords,
  kSentences,
  kParagraphs,
  kSyllables,
  kLongWords,
  kLongSentences,
  kCommas,
  kExclamations,
  kQuestions,
  kEmoji,
  kHashtags,
  kMentions,
  kUrls,
  kCharacters,
  kPassiveSentences,
  kNumCounts
};
using Counts = std::array<double, static_cast<size_t>(Count::kNumCounts)>;

// Names as written in rule files, in Count order.
const std::array<std::string_view, static_cast<size_t>(Count::kNumCounts)>& CountNames();

class Formula {
 public:
  // + - * / with the usual precedence, unary minus, parentheses, decimal
  // numbers and count names. At most 64 nodes.
  static Result<Formula> Parse(std::string_view text);
  // Division by zero gives 0 (a text with no sentences has no long ones).
  double Evaluate(const Counts& counts) const;
  // Which counts the formula reads (so the scorer computes only those).
  const std::vector<Count>& uses() const { return uses_; }

 private:
  struct Node {
    char op;  // '+', '-', '*', '/', 'n' (number), 'v' (variable), 'u' (unary minus)
    double number = 0;
    Count var = Count::kWords;
    int left = -1, right = -1;
  };
  double Eval(int node, const Counts& counts) const;
  std::vector<Node> nodes_;
  int root_ = -1;
  std::vector<Count> uses_;
  friend class FormulaParser;
};

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_FORMULA_H_

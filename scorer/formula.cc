#include "scorer/formula.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tanggap::scorer {

const std::array<std::string_view, static_cast<size_t>(Count::kNumCounts)>& CountNames() {
  static const std::array<std::string_view, static_cast<size_t>(Count::kNumCounts)> kNames = {
      "words",          "sentences", "paragraphs",   "syllables",  "long_words",
      "long_sentences", "commas",    "exclamations", "questions",  "emoji",
      "hashtags",       "mentions",  "urls",         "characters", "passive_sentences"};
  return kNames;
}

class FormulaParser {
 public:
  FormulaParser(std::string_view text, Formula* f) : s_(text), f_(f) {}

  Status Run() {
    auto root = Sum();
    if (!root.ok()) return root.status();
    Skip();
    if (pos_ != s_.size()) return Error("unexpected '" + std::string(1, s_[pos_]) + "'");
    f_->root_ = *root;
    return Status::Ok();
  }

 private:
  Status Error(const std::string& what) const {
    return Status::InvalidArgument("formula \"" + std::string(s_) + "\": " + what + " at column " +
                                   std::to_string(pos_ + 1));
  }
  void Skip() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  Result<int> Add(Formula::Node n) {
    if (f_->nodes_.size() >= 64) return Error("too long (at most 64 terms)");
    f_->nodes_.push_back(n);
    return static_cast<int>(f_->nodes_.size() - 1);
  }
  Result<int> Sum() {
    auto left = Product();
    if (!left.ok()) return left;
    for (;;) {
      Skip();
      if (pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) return left;
      char op = s_[pos_++];
      auto right = Product();
      if (!right.ok()) return right;
      left = Add({op, 0, Count::kWords, *left, *right});
      if (!left.ok()) return left;
    }
  }
  Result<int> Product() {
    auto left = Unary();
    if (!left.ok()) return left;
    for (;;) {
      Skip();
      if (pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) return left;
      char op = s_[pos_++];
      auto right = Unary();
      if (!right.ok()) return right;
      left = Add({op, 0, Count::kWords, *left, *right});
      if (!left.ok()) return left;
    }
  }
  Result<int> Unary() {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == '-') {
      ++pos_;
      if (++depth_ > 32) return Error("nested too deeply");
      auto inner = Unary();
      --depth_;
      if (!inner.ok()) return inner;
      return Add({'u', 0, Count::kWords, *inner, -1});
    }
    return Primary();
  }
  Result<int> Primary() {
    Skip();
    if (pos_ >= s_.size()) return Error("expected a number, a count or '('");
    char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      if (++depth_ > 32) return Error("nested too deeply");
      auto inner = Sum();
      --depth_;
      if (!inner.ok()) return inner;
      Skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') return Error("missing ')'");
      ++pos_;
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      double v = 0;
      auto r = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), v);
      if (r.ec != std::errc()) return Error("bad number");
      pos_ = r.ptr - s_.data();
      return Add({'n', v, Count::kWords, -1, -1});
    }
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
      ++pos_;
    }
    std::string_view name = s_.substr(start, pos_ - start);
    const auto& names = CountNames();
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) {
        Count var = static_cast<Count>(i);
        if (std::find(f_->uses_.begin(), f_->uses_.end(), var) == f_->uses_.end()) {
          f_->uses_.push_back(var);
        }
        return Add({'v', 0, var, -1, -1});
      }
    }
    pos_ = start;
    std::string known;
    for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    return Error(name.empty() ? "expected a number, a count or '('"
                              : "unknown count '" + std::string(name) + "' (known: " + known + ")");
  }

  std::string_view s_;
  Formula* f_;
  size_t pos_ = 0;
  int depth_ = 0;
};

Result<Formula> Formula::Parse(std::string_view text) {
  Formula f;
  FormulaParser parser(text, &f);
  if (Status s = parser.Run(); !s.ok()) return s;
  return f;
}

double Formula::Eval(int i, const Counts& c) const {
  const Node& n = nodes_[i];
  switch (n.op) {
    case 'n':
      return n.number;
    case 'v':
      return c[static_cast<size_t>(n.var)];
    case 'u':
      return -Eval(n.left, c);
    case '+':
      return Eval(n.left, c) + Eval(n.right, c);
    case '-':
      return Eval(n.left, c) - Eval(n.right, c);
    case '*':
      return Eval(n.left, c) * Eval(n.right, c);
    default: {
      double d = Eval(n.right, c);
      return d == 0 ? 0 : Eval(n.left, c) / d;
    }
  }
}

double Formula::Evaluate(const Counts& counts) const { return root_ < 0 ? 0 : Eval(root_, counts); }

}  // namespace tanggap::scorer

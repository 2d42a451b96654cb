// What a citizen's reply is: a question, a request for help, a complaint,
// praise/thanks, spam, or something else. Rules-driven: cue patterns and
// weights live in the rule pack (rules/<pack>/klasifikasi-balasan.yml,
// docs/reply-classifier.md), and every label carries the cues that fired, so
// a supervisor can see why. Pure: text in, label out.
#ifndef TANGGAP_SCORER_REPLY_CLASSIFIER_H_
#define TANGGAP_SCORER_REPLY_CLASSIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace tanggap::scorer {

struct FiredCue {
  std::string label;    // the label it counts for
  std::string pattern;  // as written in the cue file
  std::string text;     // what it matched in the reply
  double weight = 0;
};

struct ReplyLabel {
  std::string label;           // e.g. "pertanyaan"; the file's default when nothing fires
  bool needs_answer = false;   // the label's needs_answer flag
  double score = 0;            // the winning label's summed weight
  std::vector<FiredCue> cues;  // every cue that fired, for every label
};

class ReplyClassifier {
 public:
  // Parses a cue file; errors say "SOURCE:LINE: what is wrong".
  static Result<std::shared_ptr<const ReplyClassifier>> Parse(std::string_view yaml,
                                                              std::string_view source);
  static Result<std::shared_ptr<const ReplyClassifier>> Load(const std::string& path);
  ~ReplyClassifier();

  // Each label's score is the sum of the weights of its cues that match
  // anywhere in the text (a cue counts once however often it matches). The
  // label with the highest score wins if it reaches min_score; ties go to
  // the label listed first. Texts that are not valid UTF-8 get the default.
  ReplyLabel Classify(std::string_view text) const;

  // Labels in file order, then the default.
  std::vector<std::string> Labels() const;
  // The label of a text where no label reaches min_score.
  const std::string& DefaultLabel() const;
  bool NeedsAnswer(std::string_view label) const;

  struct Impl;

 private:
  explicit ReplyClassifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_REPLY_CLASSIFIER_H_

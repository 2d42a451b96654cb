#include "scorer/reply_classifier.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <unordered_map>

#include "scorer/pattern.h"
#include "scorer/text.h"
#include "util/file.h"

namespace tanggap::scorer {

struct ReplyClassifier::Impl {
  struct Label {
    std::string id;
    bool needs_answer = false;
  };
  struct Cue {
    size_t label;
    double weight;
    std::vector<Pattern> patterns;
  };
  struct Ref {
    uint32_t cue, pattern;
  };
  std::vector<Label> labels;
  std::string fallback = "lainnya";
  double min_score = 1;
  WordLists lists;
  std::vector<Cue> cues;
  std::unordered_map<std::string, std::vector<Ref>, StringHash, std::equal_to<>> word_index;
  std::array<std::vector<Ref>, 12> kind_index;
};

namespace {

struct ParseError {
  std::string message;
};

[[noreturn]] void Fail(std::string_view source, const YAML::Node& at, const std::string& what) {
  throw ParseError{std::string(source) + ":" + std::to_string(at.Mark().line + 1) + ": " + what};
}

}  // namespace

Result<std::shared_ptr<const ReplyClassifier>> ReplyClassifier::Parse(std::string_view yaml,
                                                                      std::string_view source) {
  auto impl = std::make_unique<Impl>();
  try {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml));
    } catch (const YAML::ParserException& e) {
      throw ParseError{std::string(source) + ":" + std::to_string(e.mark.line + 1) +
                       ": not valid YAML: " + e.msg};
    }
    if (!root.IsMap()) Fail(source, root, "expected labels:, cues: and default:");
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      if (key != "labels" && key != "cues" && key != "default" && key != "min_score" &&
          key != "lists") {
        Fail(source, kv.first,
             "unknown field '" + key + "' (labels, cues, default, min_score, lists)");
      }
    }
    if (!root["labels"] || !root["labels"].IsMap()) {
      Fail(source, root, "'labels' must map each label to {needs_answer: true|false}");
    }
    for (const auto& kv : root["labels"]) {
      Impl::Label label;
      label.id = kv.first.as<std::string>();
      if (kv.second.IsMap() && kv.second["needs_answer"]) {
        label.needs_answer = kv.second["needs_answer"].as<bool>();
      }
      impl->labels.push_back(std::move(label));
    }
    if (root["default"]) impl->fallback = root["default"].as<std::string>();
    if (root["min_score"]) impl->min_score = root["min_score"].as<double>();
    if (YAML::Node lists = root["lists"]) {
      if (!lists.IsMap()) Fail(source, lists, "'lists' must map a name to a list of words");
      for (const auto& kv : lists) {
        WordSet words;
        for (const auto& w : kv.second) {
          Document d = Analyze(w.as<std::string>());
          if (d.tokens.size() != 1) Fail(source, w, "list entries are single words");
          words.insert(std::string(d.TokenLower(d.tokens[0])));
        }
        impl->lists[kv.first.as<std::string>()] = std::move(words);
      }
    }
    YAML::Node cues = root["cues"];
    if (!cues || !cues.IsMap()) Fail(source, root, "'cues' must map each label to a list of cues");
    for (const auto& kv : cues) {
      std::string label = kv.first.as<std::string>();
      auto it = std::find_if(impl->labels.begin(), impl->labels.end(),
                             [&](const Impl::Label& l) { return l.id == label; });
      if (it == impl->labels.end())
        Fail(source, kv.first, "cues for unknown label '" + label + "'");
      if (!kv.second.IsSequence()) Fail(source, kv.second, "cues of " + label + " must be a list");
      for (const auto& c : kv.second) {
        if (!c.IsMap() || !c["tokens"]) Fail(source, c, "a cue is {tokens: [patterns], weight: N}");
        Impl::Cue cue;
        cue.label = static_cast<size_t>(it - impl->labels.begin());
        cue.weight = c["weight"] ? c["weight"].as<double>() : 1.0;
        YAML::Node tokens = c["tokens"];
        std::vector<YAML::Node> items;
        if (tokens.IsScalar()) {
          items.push_back(tokens);
        } else {
          for (const auto& t : tokens) items.push_back(t);
        }
        for (const YAML::Node& t : items) {
          auto p = CompilePattern(t.as<std::string>(), impl->lists, false);
          if (!p.ok()) Fail(source, t, p.status().message());
          cue.patterns.push_back(std::move(*p));
        }
        if (cue.patterns.empty()) Fail(source, c, "a cue needs at least one pattern");
        impl->cues.push_back(std::move(cue));
      }
    }
  } catch (const ParseError& e) {
    return Status::InvalidArgument(e.message);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(std::string(source) + ": " + e.what());
  }
  for (uint32_t ci = 0; ci < impl->cues.size(); ++ci) {
    for (uint32_t pi = 0; pi < impl->cues[ci].patterns.size(); ++pi) {
      const PatternItem& first = impl->cues[ci].patterns[pi].items.front();
      Impl::Ref ref{ci, pi};
      if (first.type == PatternItem::Type::kLiteral) {
        impl->word_index[first.literal].push_back(ref);
      } else if (first.type == PatternItem::Type::kList) {
        for (const std::string& w : *first.list) impl->word_index[w].push_back(ref);
      } else if (first.type != PatternItem::Type::kBackref) {
        impl->kind_index[static_cast<size_t>(first.kind)].push_back(ref);
      }
    }
  }
  return std::shared_ptr<const ReplyClassifier>(new ReplyClassifier(std::move(impl)));
}

Result<std::shared_ptr<const ReplyClassifier>> ReplyClassifier::Load(const std::string& path) {
  auto text = ReadSmallFile(path, 4u << 20);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

ReplyClassifier::ReplyClassifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReplyClassifier::~ReplyClassifier() = default;

ReplyLabel ReplyClassifier::Classify(std::string_view text) const {
  ReplyLabel out;
  out.label = impl_->fallback;
  if (!IsValidUtf8(text)) return out;
  Document doc = Analyze(text);
  std::vector<char> fired(impl_->cues.size(), 0);
  std::vector<double> scores(impl_->labels.size(), 0);
  auto try_refs = [&](const std::vector<Impl::Ref>& refs, uint32_t at) {
    for (const Impl::Ref& ref : refs) {
      if (fired[ref.cue]) continue;
      const Impl::Cue& cue = impl_->cues[ref.cue];
      uint32_t end;
      if (!MatchPattern(cue.patterns[ref.pattern], doc, at, &end)) continue;
      fired[ref.cue] = 1;
      scores[cue.label] += cue.weight;
      FiredCue f;
      f.label = impl_->labels[cue.label].id;
      f.pattern = cue.patterns[ref.pattern].source;
      f.text.assign(doc.text, doc.tokens[at].start, doc.tokens[end - 1].end - doc.tokens[at].start);
      f.weight = cue.weight;
      out.cues.push_back(std::move(f));
    }
  };
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    if (auto it = impl_->word_index.find(doc.TokenLower(t)); it != impl_->word_index.end()) {
      try_refs(it->second, i);
    }
    try_refs(impl_->kind_index[static_cast<size_t>(t.kind)], i);
  }
  size_t best = impl_->labels.size();
  for (size_t l = 0; l < scores.size(); ++l) {
    if (scores[l] >= impl_->min_score &&
        (best == impl_->labels.size() || scores[l] > scores[best])) {
      best = l;
    }
  }
  if (best < impl_->labels.size()) {
    out.label = impl_->labels[best].id;
    out.needs_answer = impl_->labels[best].needs_answer;
    out.score = scores[best];
  }
  return out;
}

std::vector<std::string> ReplyClassifier::Labels() const {
  std::vector<std::string> out;
  for (const auto& l : impl_->labels) out.push_back(l.id);
  out.push_back(impl_->fallback);
  return out;
}

const std::string& ReplyClassifier::DefaultLabel() const { return impl_->fallback; }

bool ReplyClassifier::NeedsAnswer(std::string_view label) const {
  for (const auto& l : impl_->labels) {
    if (l.id == label) return l.needs_answer;
  }
  return false;
}

}  // namespace tanggap::scorer

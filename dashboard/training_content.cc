#include "dashboard/training_content.h"

#include <filesystem>

namespace tanggap::dashboard {

const training::Scenario* TrainingContent::FindScenario(std::string_view id) const {
  for (const training::Scenario& s : scenarios) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Result<std::shared_ptr<const TrainingContent>> TrainingContent::Load(
    const scorer::RulePack& clarity_pack) {
  const std::string dir = clarity_pack.DataPath("training");
  const std::string tone_dir = clarity_pack.DataPath("tone_pack");
  if (dir.empty() || tone_dir.empty()) {
    return Status::NotFound(
        "the rule pack's pack.yml names no `data: training:` folder or no "
        "`data: tone_pack:`; add them (docs/training-lessons.md)");
  }
  auto content = std::make_shared<TrainingContent>();
  auto tone = scorer::RulePack::Load(tone_dir);
  if (!tone.ok()) return tone.status();
  content->tone_pack = *tone;
  std::vector<std::string> rules = training::RuleIds(clarity_pack);
  for (std::string& id : training::RuleIds(**tone)) rules.push_back(std::move(id));
  const std::filesystem::path base(dir);
  auto lessons = training::LessonLibrary::Load((base / "lessons").string(), rules);
  if (!lessons.ok()) return lessons.status();
  content->lessons = *lessons;
  auto scenarios = training::LoadScenarios((base / "scenarios").string());
  if (!scenarios.ok()) return scenarios.status();
  content->scenarios = std::move(*scenarios);
  auto competency =
      training::LoadCompetencyConfig((base / "competency.yml").string(), clarity_pack);
  if (!competency.ok()) return competency.status();
  std::vector<std::string> lesson_ids;
  for (const training::Lesson& l : content->lessons->all()) lesson_ids.push_back(l.id);
  if (Status s = training::CheckLessons(*competency, lesson_ids); !s.ok()) return s;
  content->competency = std::move(*competency);
  auto badges = training::LoadBadges((base / "badges.yml").string(), clarity_pack);
  if (!badges.ok()) return badges.status();
  content->badges = std::move(*badges);
  auto points = training::LoadPointsTable((base / "points.yml").string(), clarity_pack);
  if (!points.ok()) return points.status();
  content->points = std::move(*points);
  return std::shared_ptr<const TrainingContent>(std::move(content));
}

}  // namespace tanggap::dashboard

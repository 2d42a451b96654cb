// Internal to dashboard/: the training loop's content (lessons, scenarios,
// competency axes, badges, points) and the tone pack, loaded once at start
// from the folder the clarity pack names (pack.yml `data: training:`), so a
// trainer's edit takes effect on the next start and a broken file stops the
// server with the file and line at fault.
#ifndef TANGGAP_DASHBOARD_TRAINING_CONTENT_H_
#define TANGGAP_DASHBOARD_TRAINING_CONTENT_H_

#include <memory>
#include <string>
#include <vector>

#include "scorer/scorer.h"
#include "training/competency.h"
#include "training/gamification.h"
#include "training/lessons.h"
#include "training/simulation.h"
#include "util/status.h"

namespace tanggap::dashboard {

struct TrainingContent {
  std::shared_ptr<const scorer::RulePack> tone_pack;  // nada-balasan
  std::shared_ptr<const training::LessonLibrary> lessons;
  std::vector<training::Scenario> scenarios;
  training::CompetencyConfig competency;
  training::BadgeBook badges;
  training::PointsTable points;

  // nullptr when there is no such scenario.
  const training::Scenario* FindScenario(std::string_view id) const;

  // Loads everything `clarity_pack` names. Fails (with the file at fault)
  // when the pack names no training folder or any file is invalid.
  static Result<std::shared_ptr<const TrainingContent>> Load(const scorer::RulePack& clarity_pack);
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_TRAINING_CONTENT_H_

// Fuzz target for the rule-pack loader: any rule file must load or be
// refused with a message, never crash; whatever loads must score a few
// texts without crashing.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scorer/scorer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char kPack[] =
      "name: fuzz\nversion: '1'\nlanguage: id\nstopwords: {id: [yang, dan], en: [the, and]}\n"
      "kinds: {layanan: {cues: [jadwal]}}\n";
  std::string rules(reinterpret_cast<const char*>(data), size);
  auto pack = tanggap::scorer::RulePack::Parse({{"pack.yml", kPack}, {"rules.yml", rules}});
  if (!pack.ok()) {
    if (pack.status().message().empty()) std::abort();
    return 0;
  }
  for (const char* text :
       {"Dalam rangka HUT, DISKOMINFO buka jam 09:00 #pangkalpinang 😀",
        "Jadwal layanan: Senin 12/08 pukul 08.00 WIB. Hubungi 0812-7803-3021.", ""}) {
    tanggap::scorer::ScoreResult r =
        (*pack)->Score({text, tanggap::Platform::kX, {{"image", std::nullopt, std::nullopt}}});
    if (r.scored && (r.score < 0 || r.score > 100)) std::abort();
  }
  (void)(*pack)->TestExamples();
  return 0;
}

// Timestamps as the platforms write them, turned into model Timestamps.
#ifndef TANGGAP_COLLECTOR_PLATFORM_TIME_H_
#define TANGGAP_COLLECTOR_PLATFORM_TIME_H_

#include <optional>
#include <string_view>

#include "model/records.h"

namespace tanggap::collector {

// Accepts RFC 3339 ("2023-05-28T15:20:18.907Z", "...+07:00") and the Graph
// API's offset without a colon ("2021-01-05T08:00:00+0000"). The returned
// text is RFC 3339 (a colon is inserted where missing; everything else is
// kept as written). nullopt for anything else.
std::optional<Timestamp> PlatformTime(std::string_view text);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_PLATFORM_TIME_H_

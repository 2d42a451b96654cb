// Private to collector/: one factory per platform, each in its own
// <platform>_adapter.cc. Callers use MakeAdapter (adapter.h).
#ifndef TANGGAP_COLLECTOR_PLATFORM_ADAPTERS_H_
#define TANGGAP_COLLECTOR_PLATFORM_ADAPTERS_H_

#include <memory>

#include "collector/adapter.h"

namespace tanggap::collector {

std::unique_ptr<Adapter> MakeMastodonAdapter(const AccountConfig& account, const RunWindow& window);
std::unique_ptr<Adapter> MakeBlueskyAdapter(const AccountConfig& account, const RunWindow& window);
std::unique_ptr<Adapter> MakeYouTubeAdapter(const AccountConfig& account, const RunWindow& window);
std::unique_ptr<Adapter> MakeFacebookAdapter(const AccountConfig& account, const RunWindow& window);
std::unique_ptr<Adapter> MakeInstagramAdapter(const AccountConfig& account,
                                              const RunWindow& window);
std::unique_ptr<Adapter> MakeXAdapter(const AccountConfig& account, const RunWindow& window);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_PLATFORM_ADAPTERS_H_

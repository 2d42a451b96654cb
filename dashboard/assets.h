// Files built into the binary from dashboard/assets/ and dashboard/messages/
// (cmake/embed.cmake): the stylesheet, the small script, the message
// catalogues. Names are relative paths, e.g. "assets/app.css".
#ifndef TANGGAP_DASHBOARD_ASSETS_H_
#define TANGGAP_DASHBOARD_ASSETS_H_

#include <string_view>
#include <vector>

namespace tanggap::dashboard {

struct Asset {
  std::string_view name, data;
};

const std::vector<Asset>& Assets();

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_ASSETS_H_

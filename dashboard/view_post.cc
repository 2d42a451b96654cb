#include "dashboard/app.h"

namespace tanggap::dashboard {

void AddPostRoutes(App&) {}

}  // namespace tanggap::dashboard

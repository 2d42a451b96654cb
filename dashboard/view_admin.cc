#include "dashboard/app.h"

namespace tanggap::dashboard {

void AddAdminRoutes(App&) {}

}  // namespace tanggap::dashboard

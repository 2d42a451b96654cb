#include "dashboard/app.h"

namespace tanggap::dashboard {

void AddReportRoutes(App&) {}

}  // namespace tanggap::dashboard

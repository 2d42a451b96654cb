#include "util/csv.h"

#include <cstring>

namespace tanggap {

void AppendCsvCell(std::string* out, std::string_view cell) {
  bool guard = !cell.empty() && std::strchr("=+-@\t\r", cell.front()) != nullptr;
  bool quote = guard || cell.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out->append(cell);
    return;
  }
  out->push_back('"');
  if (guard) out->push_back('\'');
  for (char c : cell) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace tanggap

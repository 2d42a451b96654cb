// Writing CSV cells (RFC 4180) that are safe to open in a spreadsheet.
#ifndef TANGGAP_UTIL_CSV_H_
#define TANGGAP_UTIL_CSV_H_

#include <string>
#include <string_view>

namespace tanggap {

// Appends one cell: quoted when it holds a comma, quote or line break. A
// cell starting with = + - @ (or tab/CR) is quoted and prefixed with an
// apostrophe, because spreadsheets run such cells as formulas and citizen
// text must never run on a supervisor's machine.
void AppendCsvCell(std::string* out, std::string_view cell);

}  // namespace tanggap

#endif  // TANGGAP_UTIL_CSV_H_

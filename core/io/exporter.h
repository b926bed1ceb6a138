#pragma once

#include "common/progress.h"
#include "csvformat.h"
#include "store/sqlite.h"

namespace agro::io {

/// Writes every row of one kind as RFC 4180 CSV (UTF-8, comma, LF, header first) in the
/// format importCsv() reads, in a stable order, with numbers in their shortest exact form so
/// that export → import → export is byte-identical. The file is written atomically (a
/// temporary file renamed on success). Returns the number of data rows.
Result<std::int64_t> exportCsv(store::Connection &db, CsvKind kind, const QString &file,
                               Progress *progress = nullptr);

} // namespace agro::io

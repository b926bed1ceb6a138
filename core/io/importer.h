#pragma once

#include "common/progress.h"
#include "csvformat.h"
#include "store/sqlite.h"

#include <map>

namespace agro::io {

/// Which column of the file feeds each column of the format: format column name → 0-based
/// column of the file. Columns left out are matched by header name (case-insensitive).
using ColumnMapping = std::map<QString, int>;

struct ImportSummary {
    CsvKind kind = CsvKind::Sales;
    std::int64_t rows = 0;
};

/// Imports one CSV file into the workspace, all or nothing: every row is validated and
/// written inside one transaction, and the first bad row rolls everything back and comes
/// back as an Error naming file, line, column and reason. Progress counts bytes of the file;
/// cancelling rolls back too (ErrorCode::Cancelled).
Result<ImportSummary> importCsv(store::Connection &db, CsvKind kind, const QString &file,
                                const ColumnMapping &mapping = {}, Progress *progress = nullptr);

/// Resolves the mapping against a header: for each format column, the file column (or -1).
/// Fails with CsvMissingColumn when a required column is not found.
Result<std::vector<int>> resolveColumns(CsvKind kind, const QStringList &header,
                                        const ColumnMapping &mapping, const QString &file);

} // namespace agro::io

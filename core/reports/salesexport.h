#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "report.h"
#include "store/sqlite.h"

namespace agro::reports {

/// The sales data (daily sales per product and channel) for a farm and period, streamed to
/// CSV or XLSX without holding the rows: memory stays flat at any size (a row buffer for CSV,
/// libxlsxwriter's constant-memory mode for XLSX, a new sheet every 1,000,000 rows to stay
/// under Excel's limit). The file starts with the same metadata as every report (parameters,
/// workspace id, time, version, data SHA-256); `progress` counts rows and is polled for
/// cancellation, after which nothing is left behind. Returns the number of rows.
Result<qint64> exportSalesCsv(store::Connection &db, const Parameters &p, const QString &path,
                              const QString &appVersion, Progress *progress = nullptr);
Result<qint64> exportSalesXlsx(store::Connection &db, const Parameters &p, const QString &path,
                               const QString &appVersion, Progress *progress = nullptr);

/// The metadata of a sales export (its "report" without sections), for the About sheet and
/// the CSV header, and for tests.
Result<Report> salesExportReport(store::Connection &db, const Parameters &p,
                                 const QString &appVersion);

} // namespace agro::reports

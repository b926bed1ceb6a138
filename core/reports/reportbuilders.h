#pragma once

#include "common/result.h"
#include "report.h"
#include "store/sqlite.h"

namespace agro::reports {

/// Each report reads the store through its area's own code (finance: store::FinanceReader and
/// analytics::cropFigures), so its figures are the area's figures. The catalogue
/// (reportcatalog.h) adds the metadata and the data hash.

/// Season cost & yield summary: by farm, field, crop and planting — costs, yield against
/// plan, revenue, margin, ROI, break-even — and costs by category per crop. Default season:
/// the latest with plantings.
Result<Report> seasonSummary(store::Connection &db, const Parameters &p);

/// QC summary over a period (default: the 90 days to the last inspection): pass / hold / fail
/// rates by category, supplier and inspector, the rules that stop lots most, and the lots held
/// now.
Result<Report> qcSummary(store::Connection &db, const Parameters &p);

/// Forecast accuracy of the latest forecast run per category and product: the backtest's
/// MASE, sMAPE, WAPE and interval coverage, and the realised WAPE and 80 % coverage on the
/// days with sales since.
Result<Report> forecastAccuracy(store::Connection &db, const Parameters &p);
/// Restock decisions in a period: counts by gate and action, then every decision with the
/// proposed and decided quantity, who decided and the reason of an override.
Result<Report> restockLog(store::Connection &db, const Parameters &p);
/// Alerts opened in a period by type and severity: status now, median hours to acknowledge
/// and to resolve.
Result<Report> alertSummary(store::Connection &db, const Parameters &p);
/// The audit log's entries in a period, with the whole chain verified.
Result<Report> auditExtract(store::Connection &db, const Parameters &p);

/// Resolves a farm given by id or name; empty in, empty out. NotFound names it.
Result<QString> farmId(store::Connection &db, const QString &idOrName);
/// The farm's name for a report's parameters; "all farms" for an empty id.
QString farmName(store::Connection &db, const QString &farmId);

} // namespace agro::reports

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

/// Resolves a farm given by id or name; empty in, empty out. NotFound names it.
Result<QString> farmId(store::Connection &db, const QString &idOrName);

} // namespace agro::reports

#pragma once

#include "common/result.h"
#include "report.h"
#include "store/sqlite.h"

#include <vector>

namespace agro::reports {

/// A report the app and `agrodesk-cli report` can make.
struct ReportInfo {
    QString name;  ///< "season-summary"
    QString title; ///< for people
    QString description;
    bool usesSeason = false; ///< takes --season
    bool usesPeriod = false; ///< takes --from/--to
    /// Rows streamed to CSV or XLSX (salesexport.h), too many to lay out as a PDF or preview.
    bool streamed = false;
};
const std::vector<ReportInfo> &reportCatalog();

/// Builds a report with its reproducibility data: workspace id, generation time (the
/// parameters' as-of time if set, else now), app version, and the SHA-256 of the tables it
/// read. NotFound for an unknown name.
Result<Report> buildReport(store::Connection &db, const QString &name, const Parameters &p,
                           const QString &appVersion);

} // namespace agro::reports

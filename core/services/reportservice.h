#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "domain/dashboard.h"
#include "reports/report.h"
#include "store/sqlite.h"

#include <QCoroTask>

#include <vector>

namespace agro::services {

/// What a report's parameter form offers: the farms and the seasons (newest first).
struct ReportChoices {
    std::vector<domain::FarmSummary> farms;
    QStringList seasons;
};

enum class ReportFormat { Pdf, Csv, Xlsx };

/// Reports off the UI thread: building reads the store, writing formats the file.
/// Records that a report left the workspace as `path` (audit action "export.report").
Result<void> recordReportExport(store::Connection &db, const reports::Report &report,
                                const QString &path);

class ReportService {
public:
    static QCoro::Task<Result<ReportChoices>> choices(QString workspace);
    static QCoro::Task<Result<reports::Report>>
    build(QString workspace, QString name, reports::Parameters parameters, QString appVersion);
    /// PDF needs the writer the program registered (reports::setPdfWriter). With
    /// `exportedFrom` (the workspace), the file is an export and is audited; previews pass
    /// none.
    static QCoro::Task<Result<void>> write(reports::Report report, ReportFormat format,
                                           QString path, QString exportedFrom = {});
    /// The sales data streamed to CSV or XLSX (reports/salesexport.h); rows written.
    static QCoro::Task<Result<qint64>> exportSales(QString workspace,
                                                   reports::Parameters parameters,
                                                   ReportFormat format, QString path,
                                                   QString appVersion, ProgressPtr progress);
};

} // namespace agro::services

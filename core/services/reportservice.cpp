#include "reportservice.h"

#include "store/auditlog.h"

#include <QFileInfo>

#include "reports/reportcatalog.h"
#include "reports/reportwriters.h"
#include "reports/salesexport.h"
#include "store/dashboardreader.h"
#include "withdb.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<ReportChoices>> ReportService::choices(QString workspace) {
    auto task = onWorker([workspace] {
        return withDb(workspace, [](store::Connection &db) -> Result<ReportChoices> {
            ReportChoices c;
            auto farms = store::DashboardReader::farms(db);
            if (!farms.ok())
                return farms.error();
            c.farms = farms.value();
            auto st = db.prepare("SELECT name FROM seasons ORDER BY starts_on DESC");
            if (!st.ok())
                return st.error();
            AGRO_TRY(st->forEachRow([&] { c.seasons << st->text(0); }));
            return c;
        });
    });
    auto result = co_await task;
    co_return result;
}

Result<void> recordReportExport(store::Connection &db, const reports::Report &report,
                                const QString &path) {
    return store::AuditLog::record(db, QStringLiteral("export.report"), report.name, {},
                                   {{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
                                    {QStringLiteral("data_sha256"), report.dataSha256}});
}

QCoro::Task<Result<reports::Report>> ReportService::build(QString workspace, QString name,
                                                          reports::Parameters parameters,
                                                          QString appVersion) {
    auto task = onWorker([workspace, name, parameters, appVersion] {
        return withDb(workspace, [&](store::Connection &db) {
            return reports::buildReport(db, name, parameters, appVersion);
        });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> ReportService::write(reports::Report report, ReportFormat format,
                                               QString path, QString exportedFrom) {
    auto task = onWorker([report, format, path, exportedFrom]() -> Result<void> {
        auto written = [&]() -> Result<void> {
            switch (format) {
            case ReportFormat::Csv:
                return reports::writeCsv(report, path);
            case ReportFormat::Xlsx:
                return reports::writeXlsx(report, path);
            case ReportFormat::Pdf:
                break;
            }
            if (!reports::pdfWriter())
                return Error::make(ErrorCode::NeedsPrerequisite,
                                   QStringLiteral("this program cannot write PDF"));
            return reports::pdfWriter()(report, path);
        }();
        if (!written.ok() || exportedFrom.isEmpty())
            return written;
        return withDb(exportedFrom,
                      [&](store::Connection &db) { return recordReportExport(db, report, path); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<qint64>> ReportService::exportSales(QString workspace,
                                                       reports::Parameters parameters,
                                                       ReportFormat format, QString path,
                                                       QString appVersion, ProgressPtr progress) {
    auto task = onWorker([=] {
        return withDb(workspace, [&](store::Connection &db) -> Result<qint64> {
            if (format == ReportFormat::Pdf)
                return Error::make(ErrorCode::InvalidArgument,
                                   QStringLiteral("sales data is written as CSV or XLSX"));
            auto rows =
                format == ReportFormat::Csv
                    ? reports::exportSalesCsv(db, parameters, path, appVersion, progress.get())
                    : reports::exportSalesXlsx(db, parameters, path, appVersion, progress.get());
            if (!rows.ok())
                return rows;
            AGRO_TRY(store::AuditLog::record(
                db, QStringLiteral("export.report"), QStringLiteral("sales-data"), {},
                {{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
                 {QStringLiteral("rows"), rows.value()}}));
            return rows;
        });
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#include "reportservice.h"

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
                                               QString path) {
    auto task = onWorker([report, format, path]() -> Result<void> {
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
            return format == ReportFormat::Csv
                       ? reports::exportSalesCsv(db, parameters, path, appVersion, progress.get())
                       : reports::exportSalesXlsx(db, parameters, path, appVersion, progress.get());
        });
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#include "reportcatalog.h"

#include "reportbuilders.h"
#include "reporttext.h"
#include "store/contenthash.h"
#include "store/dashboardreader.h"
#include "store/workspace.h"

namespace agro::reports {

const std::vector<ReportInfo> &reportCatalog() {
    static const std::vector<ReportInfo> catalog{
        {QStringLiteral("season-summary"), t("Season cost and yield summary"),
         t("Per farm, crop, field and planting: costs by category, yield against plan, revenue, "
           "margin, ROI and break-even, with charts."),
         true, false},
        {QStringLiteral("qc-summary"), t("Quality control summary"),
         t("Pass, hold and fail rates by category, supplier and inspector; the rules that "
           "stopped lots; the lots on hold."),
         false, true},
        {QStringLiteral("forecast-accuracy"), t("Forecast accuracy"),
         t("The latest forecast run per category and product: backtest accuracy and interval "
           "coverage, and realised accuracy on the sales since."),
         false, false},
        {QStringLiteral("restock-log"), t("Restock decisions log"),
         t("Decisions by gate, then every approval, override (with its reason) and rejection."),
         false, true},
        {QStringLiteral("alert-summary"), t("Alert summary"),
         t("Alerts by type and severity: how many, their status, median time to acknowledge "
           "and to resolve."),
         false, true},
        {QStringLiteral("audit-extract"), t("Audit log extract"),
         t("Every audited action in the period, with the hash chain verified."), false, true},
        {QStringLiteral("sales-data"), t("Sales data"),
         t("Every day's sales per product and channel, for spreadsheets and auditors: CSV or "
           "Excel, streamed, at any size."),
         false, true, true}};
    return catalog;
}

Result<QString> farmId(store::Connection &db, const QString &idOrName) {
    if (idOrName.isEmpty())
        return QString();
    auto farms = store::DashboardReader::farms(db);
    if (!farms.ok())
        return farms.error();
    for (const auto &f : farms.value())
        if (f.id == idOrName || f.name == idOrName)
            return f.id;
    return Error::make(ErrorCode::NotFound, QStringLiteral("no such farm: %1").arg(idOrName));
}

QString farmName(store::Connection &db, const QString &id) {
    if (id.isEmpty())
        return t("all farms");
    auto st = db.prepare("SELECT name FROM farms WHERE id = ?1");
    if (!st.ok())
        return id;
    st->bind(1, id);
    auto row = st->step();
    return row.ok() && row.value() ? st->text(0) : id;
}

Result<Report> buildReport(store::Connection &db, const QString &name, const Parameters &p,
                           const QString &appVersion) {
    auto make = [&]() -> Result<Report> {
        if (name == QLatin1String("season-summary"))
            return seasonSummary(db, p);
        if (name == QLatin1String("qc-summary"))
            return qcSummary(db, p);
        if (name == QLatin1String("forecast-accuracy"))
            return forecastAccuracy(db, p);
        if (name == QLatin1String("restock-log"))
            return restockLog(db, p);
        if (name == QLatin1String("alert-summary"))
            return alertSummary(db, p);
        if (name == QLatin1String("audit-extract"))
            return auditExtract(db, p);
        if (name == QLatin1String("sales-data"))
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("sales-data is exported as CSV or XLSX "
                                              "(salesexport.h), not laid out as a report"));
        return Error::make(ErrorCode::NotFound, QStringLiteral("no report named %1").arg(name));
    };
    Result<Report> r = make();
    if (!r.ok())
        return r;
    auto info = store::Workspace::info(db);
    if (!info.ok())
        return info.error();
    r->workspaceId = info->workspaceId;
    r->appVersion = appVersion;
    r->generatedAt = p.asOf.isValid() ? p.asOf.toUTC() : QDateTime::currentDateTimeUtc();
    // Milliseconds are kept: two reports a moment apart differ in time, never in content.
    auto hash = store::contentHash(db, r->dataTables);
    if (!hash.ok())
        return hash.error();
    r->dataSha256 = QString::fromLatin1(hash->toHex());
    return r;
}

} // namespace agro::reports

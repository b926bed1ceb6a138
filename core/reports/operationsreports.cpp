// The reports of the operations areas (reportbuilders.h): forecast accuracy, restock
// decisions, alerts and the audit log. Each reads its area's tables directly, with the same
// definitions as the area's own views (docs/forecasting.md, docs/restock.md, docs/alerts.md).
#include "reportbuilders.h"
#include "reporttext.h"
#include "store/auditlog.h"

#include <algorithm>
#include <cmath>

namespace agro::reports {

namespace {

/// The period as ISO dates for SQL: unbounded ends as far dates.
std::pair<QString, QString> periodBounds(const Parameters &p) {
    return {p.from.isValid() ? p.from.toString(Qt::ISODate) : QStringLiteral("0000-01-01"),
            p.to.isValid() ? p.to.toString(Qt::ISODate) : QStringLiteral("9999-12-31")};
}

Result<void> checkPeriod(const Parameters &p) {
    if (p.from.isValid() && p.to.isValid() && p.from > p.to)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("the period starts after it ends"));
    return {};
}

std::vector<std::pair<QString, QString>> periodLines(store::Connection &db, const QString &farm,
                                                     const Parameters &p) {
    return {{QStringLiteral("farm"), farmName(db, farm)},
            {QStringLiteral("from"), p.from.isValid() ? p.from.toString(Qt::ISODate) : t("start")},
            {QStringLiteral("to"), p.to.isValid() ? p.to.toString(Qt::ISODate) : t("now")}};
}

/// What the period reports share: the farm, the period as ISO bounds for SQL (bound as ?1–?3
/// by bind()) and the report's head.
struct Scope {
    QString farm, from, to;
    Report report;
    void bind(store::Statement &st) const {
        st.bind(1, farm);
        st.bind(2, from);
        st.bind(3, to);
    }
};

Result<Scope> periodScope(store::Connection &db, const Parameters &p, const QString &name,
                          const QString &title) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    AGRO_TRY(checkPeriod(p));
    Scope s;
    s.farm = farm.value();
    std::tie(s.from, s.to) = periodBounds(p);
    s.report.name = name;
    s.report.title = title;
    s.report.parameters = p;
    s.report.parameterLines = periodLines(db, s.farm, p);
    return s;
}

double median(std::vector<double> v) {
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Cell maybe(double v) {
    return std::isfinite(v) ? Cell(v) : Cell();
}

} // namespace

Result<Report> forecastAccuracy(store::Connection &db, const Parameters &p) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    qint64 run = 0;
    QString created;
    qint64 firstDay = 0;
    {
        auto st = db.prepare("SELECT lid, created_at, first_day FROM forecast_runs ORDER BY lid "
                             "DESC LIMIT 1");
        if (!st.ok())
            return st.error();
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return Error::make(ErrorCode::NeedsPrerequisite,
                               QStringLiteral("no forecast run yet: run the forecasts first"));
        run = st->int64(0);
        created = st->text(1);
        firstDay = st->int64(2);
    }
    Report r;
    r.name = QStringLiteral("forecast-accuracy");
    r.title = t("Forecast accuracy");
    r.parameters = p;
    r.parameterLines = {{QStringLiteral("farm"), farmName(db, farm.value())},
                        {QStringLiteral("forecast_run"), created}};
    r.dataTables = {QStringLiteral("farms"),
                    QStringLiteral("forecast_results"),
                    QStringLiteral("forecast_runs"),
                    QStringLiteral("forecast_values"),
                    QStringLiteral("product_categories"),
                    QStringLiteral("products"),
                    QStringLiteral("sales_daily")};
    // Backtest (rolling origin, per product) and realised accuracy: forecast days that have
    // sales since, WAPE = Σ|actual − forecast| / Σ actual and the share inside the 80 % interval.
    const std::string realised =
        "SELECT v.product, sum(abs(s.quantity - v.mean)) err, sum(s.quantity) act, "
        "avg(s.quantity BETWEEN v.lo80 AND v.hi80) cov, count(*) n FROM forecast_values v JOIN "
        "(SELECT product, day, sum(quantity) quantity FROM sales_daily GROUP BY 1, 2) s ON "
        "s.product = v.product AND s.day = v.day WHERE v.run = ?1 GROUP BY 1";
    auto section = [&](const char *label, const QString &key, const QString &title,
                       const QString &labelTitle) -> Result<Section> {
        const std::string sql =
            std::string("SELECT ") + label +
            ", count(*), avg(f.backtest_mase), avg(f.backtest_smape), avg(f.backtest_wape), "
            "avg(f.backtest_cov80), avg(f.backtest_cov95), sum(coalesce(x.err, 0)), "
            "sum(coalesce(x.act, 0)), sum(coalesce(x.cov * x.n, 0)), sum(coalesce(x.n, 0)) FROM "
            "forecast_results f JOIN products p ON p.lid = f.product LEFT JOIN "
            "product_categories c ON c.id = p.category_id LEFT JOIN (" +
            realised +
            ") x ON x.product = f.product WHERE f.run = ?1 AND (coalesce(?2, '') = '' OR "
            "p.farm_id = ?2) GROUP BY 1 ORDER BY 1";
        auto st = db.prepare(sql);
        if (!st.ok())
            return st.error();
        st->bind(1, run);
        st->bind(2, farm.value());
        Section s;
        s.key = key;
        s.title = title;
        s.columns = {
            {QStringLiteral("name"), labelTitle, ColumnType::Text, 0},
            {QStringLiteral("products"), t("Products"), ColumnType::Integer, 0},
            {QStringLiteral("backtest_mase"), t("Backtest MASE"), ColumnType::Number, 2},
            {QStringLiteral("backtest_smape"), t("Backtest sMAPE"), ColumnType::Percent, 1},
            {QStringLiteral("backtest_wape"), t("Backtest WAPE"), ColumnType::Percent, 1},
            {QStringLiteral("backtest_cov80"), t("Backtest in 80 %"), ColumnType::Percent, 1},
            {QStringLiteral("backtest_cov95"), t("Backtest in 95 %"), ColumnType::Percent, 1},
            {QStringLiteral("realised_days"), t("Days since"), ColumnType::Integer, 0},
            {QStringLiteral("realised_wape"), t("Realised WAPE"), ColumnType::Percent, 1},
            {QStringLiteral("realised_cov80"), t("Realised in 80 %"), ColumnType::Percent, 1}};
        AGRO_TRY(st->forEachRow([&] {
            const double act = st->real(8), n = st->real(10);
            s.rows.push_back({st->text(0), double(st->int64(1)), maybe(st->real(2)),
                              maybe(st->real(3)), maybe(st->real(4)), maybe(st->real(5)),
                              maybe(st->real(6)), n, act > 0 ? Cell(st->real(7) / act) : Cell(),
                              n > 0 ? Cell(st->real(9) / n) : Cell()});
        }));
        return s;
    };
    auto byCategory = section("coalesce(c.name, '')", QStringLiteral("categories"),
                              t("By category"), t("Category"));
    if (!byCategory.ok())
        return byCategory.error();
    byCategory->note = t("Backtest: rolling-origin accuracy of each product's chosen model "
                         "before the run (MASE against the seasonal naive forecast). Realised: "
                         "the run's forecasts against the sales recorded since.");
    byCategory->chart = ChartSpec{t("Backtest and realised WAPE by category"), 0, {4, 8}, false};
    auto byProduct = section("p.sku || ' ' || p.name", QStringLiteral("products"), t("By product"),
                             t("Product"));
    if (!byProduct.ok())
        return byProduct.error();
    Q_UNUSED(firstDay);
    r.sections = {std::move(byCategory.value()), std::move(byProduct.value())};
    return r;
}

Result<Report> restockLog(store::Connection &db, const Parameters &p) {
    auto scope = periodScope(db, p, QStringLiteral("restock-log"), t("Restock decisions log"));
    if (!scope.ok())
        return scope.error();
    Report &r = scope->report;
    r.dataTables = {QStringLiteral("farms"), QStringLiteral("products"),
                    QStringLiteral("restock_decisions"), QStringLiteral("restock_proposals")};

    Section summary;
    summary.key = QStringLiteral("summary");
    summary.title = t("Decisions by gate");
    summary.note = t("Each decision is an append-only event with who decided, under which gate, "
                     "and the figures the proposal showed at the time.");
    summary.columns = {{QStringLiteral("gate"), t("Gate"), ColumnType::Text, 0},
                       {QStringLiteral("approve"), t("Approved"), ColumnType::Integer, 0},
                       {QStringLiteral("override"), t("Overridden"), ColumnType::Integer, 0},
                       {QStringLiteral("reject"), t("Rejected"), ColumnType::Integer, 0}};
    summary.chart = ChartSpec{t("Decisions by gate"), 0, {1, 2, 3}, true};
    {
        auto st = db.prepare(
            "SELECT gate, sum(action = 'approve'), sum(action = 'override'), sum(action = "
            "'reject') FROM restock_decisions WHERE (coalesce(?1, '') = '' OR farm_id = ?1) AND "
            "substr(decided_at, 1, 10) BETWEEN ?2 AND ?3 GROUP BY 1 ORDER BY 1");
        if (!st.ok())
            return st.error();
        scope->bind(st.value());
        AGRO_TRY(st->forEachRow([&] {
            summary.rows.push_back(
                {st->text(0), double(st->int64(1)), double(st->int64(2)), double(st->int64(3))});
        }));
    }
    Section log;
    log.key = QStringLiteral("decisions");
    log.title = t("Decisions");
    log.note = t("Overrides carry their reason; the proposed quantity is the proposal's. "
                 "Stale: the proposal's quantity or gate now differs from what the decider saw "
                 "(after a sync changed it).");
    log.columns = {{QStringLiteral("decided_at"), t("When"), ColumnType::Text, 0},
                   {QStringLiteral("product"), t("Product"), ColumnType::Text, 0},
                   {QStringLiteral("action"), t("Decision"), ColumnType::Text, 0},
                   {QStringLiteral("proposed"), t("Proposed"), ColumnType::Number, 0},
                   {QStringLiteral("quantity"), t("Decided"), ColumnType::Number, 0},
                   {QStringLiteral("gate"), t("Gate"), ColumnType::Text, 0},
                   {QStringLiteral("actor"), t("By"), ColumnType::Text, 0},
                   {QStringLiteral("reason"), t("Reason"), ColumnType::Text, 0},
                   {QStringLiteral("stale"), t("Stale"), ColumnType::Text, 0}};
    {
        auto st = db.prepare(
            "SELECT d.decided_at, p.sku || ' ' || p.name, d.action, pr.quantity, d.quantity, "
            "d.gate, coalesce(u.username, d.actor) || ' (' || d.actor_role || ')', "
            "trim(d.reason_code || ' ' || d.reason_text), pr.id IS NOT NULL AND "
            "(json_extract(d.figures, '$.proposed_quantity') IS NOT pr.quantity OR "
            "json_extract(d.figures, '$.gate') IS NOT pr.gate) FROM restock_decisions d JOIN "
            "products p ON p.id = d.product_id LEFT JOIN restock_proposals pr ON pr.id = "
            "d.proposal_id LEFT JOIN users u ON u.id = d.actor WHERE (coalesce(?1, '') = '' OR "
            "d.farm_id = ?1) AND substr(d.decided_at, 1, 10) BETWEEN ?2 AND ?3 ORDER BY "
            "d.decided_at, d.lid");
        if (!st.ok())
            return st.error();
        scope->bind(st.value());
        AGRO_TRY(st->forEachRow([&] {
            const QVariant proposed = st->variant(3);
            log.rows.push_back({st->text(0), st->text(1), st->text(2),
                                proposed.isNull() ? Cell() : Cell(proposed.toDouble()), st->real(4),
                                st->text(5), st->text(6), st->text(7),
                                st->int64(8) ? t("yes") : t("no")});
        }));
    }
    // The latest run's proposals and where each stands (its latest decision, or pending).
    Section proposals;
    proposals.key = QStringLiteral("proposals");
    proposals.title = t("Proposals of the latest run");
    proposals.columns = {{QStringLiteral("product"), t("Product"), ColumnType::Text, 0},
                         {QStringLiteral("quantity"), t("Quantity"), ColumnType::Number, 0},
                         {QStringLiteral("value"), t("Value"), ColumnType::Money, 2},
                         {QStringLiteral("gate"), t("Gate"), ColumnType::Text, 0},
                         {QStringLiteral("confidence"), t("Confidence"), ColumnType::Percent, 0},
                         {QStringLiteral("status"), t("Status"), ColumnType::Text, 0}};
    {
        auto st = db.prepare(
            "SELECT p.sku || ' ' || p.name, pr.quantity, pr.value, pr.gate, pr.confidence, "
            "coalesce((SELECT d.action FROM restock_decisions d WHERE d.proposal_id = pr.id "
            "ORDER BY d.decided_at DESC, d.lid DESC LIMIT 1), 'pending') FROM restock_proposals "
            "pr JOIN products p ON p.id = pr.product_id WHERE pr.run = (SELECT max(lid) FROM "
            "restock_runs) AND (coalesce(?1, '') = '' OR pr.farm_id = ?1) ORDER BY pr.priority "
            "DESC, pr.lid");
        if (!st.ok())
            return st.error();
        st->bind(1, scope->farm);
        AGRO_TRY(st->forEachRow([&] {
            proposals.rows.push_back(
                {st->text(0), st->real(1), st->real(2), st->text(3), st->real(4), st->text(5)});
        }));
    }
    r.dataTables << QStringLiteral("restock_runs") << QStringLiteral("users");
    r.dataTables.sort();
    r.sections = {std::move(summary), std::move(log), std::move(proposals)};
    return r;
}

Result<Report> alertSummary(store::Connection &db, const Parameters &p) {
    auto scope = periodScope(db, p, QStringLiteral("alert-summary"), t("Alert summary"));
    if (!scope.ok())
        return scope.error();
    Report &r = scope->report;
    r.dataTables = {QStringLiteral("alert_events"), QStringLiteral("alerts"),
                    QStringLiteral("farms")};
    // Per alert: its group, status, and hours from opening to the first acknowledgement and to
    // the last resolution (from the append-only events).
    auto st = db.prepare(
        "SELECT a.source || ' · ' || a.kind, a.severity, a.status, (SELECT (julianday(min(e.at)) "
        "- julianday(a.opened_at)) * 24 FROM alert_events e WHERE e.alert_id = a.id AND e.action "
        "= 'acknowledge'), (SELECT (julianday(max(e.at)) - julianday(a.opened_at)) * 24 FROM "
        "alert_events e WHERE e.alert_id = a.id AND e.action = 'resolve') FROM alerts a WHERE "
        "(coalesce(?1, '') = '' OR a.farm_id = ?1) AND substr(a.opened_at, 1, 10) BETWEEN ?2 AND "
        "?3 ORDER BY 1, 2");
    if (!st.ok())
        return st.error();
    scope->bind(st.value());
    struct Group {
        double count = 0, open = 0, acknowledged = 0, escalated = 0, resolved = 0;
        std::vector<double> toAck, toResolve;
    };
    std::map<std::pair<QString, QString>, Group> groups;
    AGRO_TRY(st->forEachRow([&] {
        Group &g = groups[{st->text(0), st->text(1)}];
        g.count += 1;
        const QString status = st->text(2);
        (status == QLatin1String("open")           ? g.open
         : status == QLatin1String("acknowledged") ? g.acknowledged
         : status == QLatin1String("escalated")    ? g.escalated
                                                   : g.resolved) += 1;
        if (!st->variant(3).isNull())
            g.toAck.push_back(st->real(3));
        if (!st->variant(4).isNull() && status == QLatin1String("resolved"))
            g.toResolve.push_back(st->real(4));
    }));
    Section s;
    s.key = QStringLiteral("by_type");
    s.title = t("By type and severity");
    s.note = t("Alerts opened in the period, their status now, and the median hours from "
               "opening to the first acknowledgement and to resolution.");
    s.columns = {{QStringLiteral("type"), t("Type"), ColumnType::Text, 0},
                 {QStringLiteral("severity"), t("Severity"), ColumnType::Text, 0},
                 {QStringLiteral("alerts"), t("Alerts"), ColumnType::Integer, 0},
                 {QStringLiteral("open"), t("Open"), ColumnType::Integer, 0},
                 {QStringLiteral("acknowledged"), t("Acknowledged"), ColumnType::Integer, 0},
                 {QStringLiteral("escalated"), t("Escalated"), ColumnType::Integer, 0},
                 {QStringLiteral("resolved"), t("Resolved"), ColumnType::Integer, 0},
                 {QStringLiteral("median_hours_to_acknowledge"), t("Median h to acknowledge"),
                  ColumnType::Number, 1},
                 {QStringLiteral("median_hours_to_resolve"), t("Median h to resolve"),
                  ColumnType::Number, 1}};
    s.chart = ChartSpec{t("Alerts by type and status"), 0, {3, 4, 5, 6}, true};
    for (const auto &[key, g] : groups)
        s.rows.push_back({key.first, key.second, g.count, g.open, g.acknowledged, g.escalated,
                          g.resolved, maybe(median(g.toAck)), maybe(median(g.toResolve))});
    r.sections = {std::move(s)};
    return r;
}

Result<Report> auditExtract(store::Connection &db, const Parameters &p) {
    AGRO_TRY(checkPeriod(p));
    const auto [from, to] = periodBounds(p);
    auto verified = store::AuditLog::verify(db);
    if (!verified.ok())
        return verified.error();
    Report r;
    r.name = QStringLiteral("audit-extract");
    r.title = t("Audit log extract");
    r.parameters = p;
    r.parameterLines = {
        {QStringLiteral("from"), p.from.isValid() ? p.from.toString(Qt::ISODate) : t("start")},
        {QStringLiteral("to"), p.to.isValid() ? p.to.toString(Qt::ISODate) : t("now")},
        {QStringLiteral("chain"),
         verified->ok()
             ? t("verified: %1 entries, every hash matches").arg(verified->entries)
             : t("BROKEN at entry %1: %2").arg(*verified->firstBroken).arg(verified->reason)}};
    r.dataTables = {QStringLiteral("audit_log"), QStringLiteral("users")};
    Section s;
    s.key = QStringLiteral("entries");
    s.title = t("Entries");
    s.note = t("Every audited action in the period, in order; the hash chain over the whole log "
               "is checked when the extract is made (agrodesk-cli verify).");
    s.columns = {{QStringLiteral("seq"), t("Seq"), ColumnType::Integer, 0},
                 {QStringLiteral("at"), t("When"), ColumnType::Text, 0},
                 {QStringLiteral("actor"), t("Who"), ColumnType::Text, 0},
                 {QStringLiteral("action"), t("Action"), ColumnType::Text, 0},
                 {QStringLiteral("entity"), t("On"), ColumnType::Text, 0},
                 {QStringLiteral("detail"), t("Detail"), ColumnType::Text, 0}};
    auto st = db.prepare("SELECT a.seq, a.at, coalesce(u.username, a.actor), a.action, "
                         "trim(a.entity || ' ' || a.entity_id), a.detail_json FROM audit_log a "
                         "LEFT JOIN users u ON u.id = a.actor WHERE substr(a.at, 1, 10) BETWEEN "
                         "?1 AND ?2 ORDER BY a.seq");
    if (!st.ok())
        return st.error();
    st->bind(1, from);
    st->bind(2, to);
    AGRO_TRY(st->forEachRow([&] {
        s.rows.push_back({double(st->int64(0)), st->text(1), st->text(2), st->text(3), st->text(4),
                          st->text(5)});
    }));
    r.sections = {std::move(s)};
    return r;
}

} // namespace agro::reports

// Override learning (restockservice.h): the model's and the person's quantity against the
// demand that followed.
#include "restockservice.h"

#include "store/demandreader.h"

#include <QJsonDocument>

#include <cmath>

namespace agro::services {

Result<std::vector<OverrideOutcome>> reviewOverrides(store::Connection &db) {
    auto last = store::DemandReader::lastSalesDay(db);
    if (!last.ok())
        return last.error();
    auto st = db.prepare("SELECT d.proposal_id, pr.sku, pr.name, d.reason_code, "
                         "coalesce(u.display_name, d.actor), d.decided_at, d.quantity, d.figures, "
                         "pr.lid, r.as_of_day, p.explanation "
                         "FROM restock_decisions d JOIN products pr ON pr.id = d.product_id "
                         "JOIN restock_proposals p ON p.id = d.proposal_id "
                         "JOIN restock_runs r ON r.lid = p.run "
                         "LEFT JOIN users u ON u.id = d.actor "
                         "WHERE d.action = 'override' ORDER BY d.decided_at, d.lid");
    if (!st.ok())
        return st.error();
    struct Row {
        OverrideOutcome o;
        std::int64_t productLid;
        std::int32_t asOf;
        double position, daily;
        int lead;
    };
    std::vector<Row> rows;
    AGRO_TRY(st->forEachRow([&] {
        Row r;
        r.o.proposalId = st->text(0);
        r.o.sku = st->text(1);
        r.o.productName = st->text(2);
        r.o.reasonCode = st->text(3);
        r.o.actorName = st->text(4);
        r.o.decidedAt = QDateTime::fromString(st->text(5), Qt::ISODateWithMs);
        r.o.chosen = st->real(6);
        const QJsonObject figures = QJsonDocument::fromJson(st->text(7).toUtf8()).object();
        r.o.proposed = figures.value(QStringLiteral("proposed_quantity")).toDouble();
        r.productLid = st->int64(8);
        r.asOf = static_cast<std::int32_t>(st->int64(9));
        const QJsonObject e = QJsonDocument::fromJson(st->text(10).toUtf8()).object();
        const QJsonObject in = e.value(QStringLiteral("inputs")).toObject();
        r.position = e.value(QStringLiteral("inventory_position")).toDouble();
        r.daily = in.value(QStringLiteral("forecast_daily_mean")).toDouble();
        r.lead = in.value(QStringLiteral("lead_time_days")).toInt();
        rows.push_back(std::move(r));
    }));
    std::vector<OverrideOutcome> out;
    for (Row &r : rows) {
        OverrideOutcome &o = r.o;
        // The proposed order was meant to cover the lead time, the review day and then as many
        // days as it lasts at the forecast rate.
        o.coverDays =
            r.lead + 1 + (r.daily > 0 ? static_cast<int>(std::ceil(o.proposed / r.daily)) : 0);
        auto series = store::DemandReader::series(db, r.productLid, last.value());
        if (!series.ok())
            return series.error();
        double demand = 0;
        for (int j = 1; j <= o.coverDays; ++j) {
            const std::int64_t i = std::int64_t{r.asOf} + j - series->firstDay;
            if (r.asOf + j > last.value() || i < 0 ||
                i >= static_cast<std::int64_t>(series->quantity.size()))
                break;
            const double q = series->quantity[static_cast<std::size_t>(i)];
            demand += std::isfinite(q) ? q : r.daily; // a stock-out day: assume the forecast rate
            ++o.daysKnown;
        }
        if (o.daysKnown == o.coverDays) {
            o.needed = std::max(0.0, demand - r.position);
            const double model = std::abs(o.proposed - o.needed),
                         person = std::abs(o.chosen - o.needed);
            o.verdict = std::abs(model - person) < 1e-9 ? OverrideOutcome::Verdict::Tie
                        : model < person                ? OverrideOutcome::Verdict::Model
                                                        : OverrideOutcome::Verdict::Person;
        }
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace agro::services

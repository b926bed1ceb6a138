// Proposal generation (restockservice.h): stock positions, the policy, confidence and gates.
#include "restockservice.h"

#include "analytics/calendar.h"
#include "analytics/inventory/gammadist.h"
#include "analytics/inventory/policy.h"
#include "store/auditlog.h"
#include "store/demandreader.h"
#include "store/forecaststore.h"
#include "store/mutator.h"

#include <QDate>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <map>
#include <sqlite3.h>
#include <unordered_map>

namespace agro::services {

namespace {

QString isoDate(std::int64_t day) {
    return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate);
}
QString n(double v, int decimals = 1) {
    return QString::number(v, 'f', decimals);
}

struct Stock {
    double movements = 0; ///< receipts and adjustments minus write-offs
    double sold = 0;
    double onOrder = 0;
    double unavailable = 0;
};

/// Stock per product lid at the end of `asOf` (see docs/restock.md for each rule).
Result<std::unordered_map<std::int64_t, Stock>>
readStock(store::Connection &db, std::int32_t asOf,
          const std::unordered_map<std::int64_t, const store::DemandProduct *> &products) {
    std::unordered_map<std::int64_t, Stock> out;
    {
        auto st =
            db.prepare("SELECT product, day, kind, quantity FROM stock_movements WHERE day <= ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, static_cast<std::int64_t>(asOf));
        AGRO_TRY(st->forEachRow([&] {
            const std::int64_t lid = st->int64(0);
            const auto kind = st->utf8(2);
            const double q = st->real(3);
            Stock &s = out[lid];
            if (kind == "order") {
                // An order is open until its lead time has passed (receipts are not matched
                // to orders in the movement log).
                const auto it = products.find(lid);
                const int lead = it == products.end() ? 7 : it->second->leadTimeDays;
                if (st->int64(1) > asOf - lead)
                    s.onOrder += q;
            } else {
                s.movements += kind == "write_off" ? -q : q;
            }
        }));
    }
    {
        auto st = db.prepare("SELECT product, sum(quantity) FROM sales_daily WHERE day <= ?1 "
                             "GROUP BY product");
        if (!st.ok())
            return st.error();
        st->bind(1, static_cast<std::int64_t>(asOf));
        AGRO_TRY(st->forEachRow([&] { out[st->int64(0)].sold += st->real(1); }));
    }
    {
        // Held or rejected lots that have not expired yet are on the shelf but not for sale.
        auto st = db.prepare("SELECT p.lid, sum(l.quantity) FROM lots l JOIN products p ON "
                             "p.id = l.product_id WHERE l.status IN ('held', 'rejected') AND "
                             "(l.expires_on IS NULL OR l.expires_on >= ?1) GROUP BY p.lid");
        if (!st.ok())
            return st.error();
        st->bind(1, isoDate(asOf));
        AGRO_TRY(st->forEachRow([&] { out[st->int64(0)].unavailable += st->real(1); }));
    }
    {
        // Approved proposals are orders on their way until their lead time has passed.
        auto st =
            db.prepare("SELECT p.lid, d.decided_at, d.quantity, d.action FROM restock_decisions d "
                       "JOIN products p ON p.id = d.product_id "
                       "WHERE d.action IN ('approve', 'override') ORDER BY d.lid");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            const std::int64_t lid = st->int64(0);
            const QDate d = QDateTime::fromString(st->text(1), Qt::ISODateWithMs).date();
            const auto day = static_cast<std::int32_t>(QDate(1970, 1, 1).daysTo(d));
            const auto it = products.find(lid);
            const int lead = it == products.end() ? 7 : it->second->leadTimeDays;
            if (day > asOf - lead && day <= asOf + 1)
                out[lid].onOrder += st->real(2);
        }));
    }
    return out;
}

/// Weekly demand CV over the last 52 weeks, for XYZ.
Result<std::unordered_map<std::int64_t, std::vector<double>>> recentDaily(store::Connection &db,
                                                                          std::int32_t asOf) {
    std::unordered_map<std::int64_t, std::vector<double>> out;
    auto st = db.prepare("SELECT product, day, sum(quantity) FROM sales_daily WHERE day > ?1 - 364 "
                         "AND day <= ?1 GROUP BY product, day");
    if (!st.ok())
        return st.error();
    st->bind(1, static_cast<std::int64_t>(asOf));
    AGRO_TRY(st->forEachRow([&] {
        auto &v = out[st->int64(0)];
        if (v.empty())
            v.assign(364, 0.0);
        const std::int64_t i = st->int64(1) - (asOf - 363);
        if (i >= 0 && i < 364)
            v[static_cast<std::size_t>(i)] = st->real(2);
    }));
    return out;
}

} // namespace

Result<RestockRunOutcome> generateProposals(store::Connection &db) {
    QElapsedTimer timer;
    timer.start();
    auto runs = store::ForecastStore::runs(db);
    if (!runs.ok())
        return runs.error();
    if (runs->empty())
        return Error::make(
            ErrorCode::NeedsPrerequisite,
            QStringLiteral("no forecast run: run all forecasts first "
                           "(Forecasts → Run All Forecasts, or agrodesk-cli forecast "
                           "--workspace W)"));
    const store::ForecastRunInfo &fr = runs->front();
    RestockRunOutcome outcome;
    outcome.forecastRunId = fr.id;
    outcome.asOfDay = fr.firstDay - 1;
    auto products = store::DemandReader::products(db);
    if (!products.ok())
        return products.error();
    std::unordered_map<std::int64_t, const store::DemandProduct *> byLid;
    for (const auto &p : products.value())
        byLid[p.lid] = &p;
    auto forecasts = store::ForecastStore::loadAll(db, fr.id);
    if (!forecasts.ok())
        return forecasts.error();
    auto stock = readStock(db, outcome.asOfDay, byLid);
    if (!stock.ok())
        return stock.error();
    auto recent = recentDaily(db, outcome.asOfDay);
    if (!recent.ok())
        return recent.error();
    std::map<QString, inv::GateSettings> gates;

    struct Pending {
        const store::DemandProduct *product;
        inv::ItemPolicy policy;
        double confidence, lo95, hi95, value;
        inv::Gate gate;
        const store::StoredForecast *forecast;
        Stock stock;
        double annualValue;
        char xyz;
        double onHand, unavailable;
    };
    std::vector<Pending> pending;
    std::vector<double> annualValues;
    std::vector<const store::DemandProduct *> order;
    for (const auto &f : forecasts.value()) {
        const auto it = byLid.find(f.productLid);
        if (it == byLid.end() || !it->second->active)
            continue;
        const store::DemandProduct &p = *it->second;
        ++outcome.products;
        if (!gates.count(p.farmId)) {
            auto g = loadGateSettings(db, p.farmId);
            if (!g.ok())
                return g.error();
            gates[p.farmId] = g.value();
        }
        const inv::GateSettings &g = gates[p.farmId];
        inv::ItemInputs in;
        const Stock s = stock->count(p.lid) ? stock->at(p.lid) : Stock{};
        in.onHand = std::max(0.0, s.movements - s.sold);
        in.onOrder = s.onOrder;
        in.unavailable = std::min(s.unavailable, in.onHand);
        in.leadTimeDays = p.leadTimeDays;
        in.dailyMean = f.values.mean;
        in.dailySd.resize(f.values.horizon());
        for (std::size_t j = 0; j < f.values.horizon(); ++j)
            in.dailySd[j] = (f.values.hi95[j] - f.values.lo95[j]) / (2 * 1.959963984540054);
        in.unitCost = p.unitCost;
        in.orderingCost = p.orderingCost;
        in.holdingRate = p.holdingRate;
        in.packSize = p.packSize;
        in.minOrderQty = p.minOrderQty;
        in.targetFillRate = g.targetFillRate;
        const inv::ItemPolicy pol = inv::computePolicy(in);
        const inv::GammaDemand ltd(pol.leadTimeDemandMean,
                                   pol.leadTimeDemandSd * pol.leadTimeDemandSd);
        const double lo = ltd.quantile(0.025), hi = ltd.quantile(0.975);
        const double confidence =
            inv::proposalConfidence(f.backtest.wape, f.backtest.coverage95, f.backtest.points,
                                    pol.leadTimeDemandMean, lo, hi);
        annualValues.push_back(pol.annualDemand * p.unitCost);
        order.push_back(&p);
        const auto rd = recent->find(p.lid);
        const char xyz = rd == recent->end() ? 'Z' : inv::xyzClass(rd->second);
        if (!pol.reorder || pol.proposedQuantity <= 0)
            continue;
        const double value = pol.proposedQuantity * p.unitCost;
        pending.push_back({&p, pol, confidence, lo, hi, value, inv::gateFor(confidence, value, g),
                           &f, s, pol.annualDemand * p.unitCost, xyz, in.onHand, in.unavailable});
    }
    const std::vector<char> abc = inv::abcClasses(annualValues);
    std::unordered_map<const store::DemandProduct *, char> abcOf;
    for (std::size_t i = 0; i < order.size(); ++i)
        abcOf[order[i]] = abc[i];

    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    store::Connection &w = m->db();
    outcome.runId = m->newId();
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    {
        auto st = w.prepare("INSERT INTO restock_runs (id, created_at, forecast_run, as_of_day, "
                            "products, proposals, seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)");
        if (!st.ok())
            return st.error();
        st->bind(1, outcome.runId);
        st->bind(2, now);
        st->bind(3, fr.id);
        st->bind(4, static_cast<std::int64_t>(outcome.asOfDay));
        st->bind(5, outcome.products);
        st->bind(6, static_cast<int>(pending.size()));
        AGRO_TRY(st->run());
    }
    const std::int64_t runLid = sqlite3_last_insert_rowid(w.handle());
    auto ins = w.prepare("INSERT INTO restock_proposals (id, run, farm_id, product_id, quantity, "
                         "value, due_day, priority, confidence, gate, abc, xyz, stockout_day, "
                         "explanation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                         "?13, ?14)");
    if (!ins.ok())
        return ins.error();
    for (const Pending &pd : pending) {
        const store::DemandProduct &p = *pd.product;
        const inv::ItemPolicy &pol = pd.policy;
        const inv::GateSettings &g = gates[p.farmId];
        const QString id = m->newId();
        // Due: the order must be placed today to arrive before the projected stock-out; the
        // due day is when it must be on the shelf.
        const std::int32_t due = outcome.asOfDay + 1 + std::max(p.leadTimeDays, 0);
        QJsonObject inputs{
            {QStringLiteral("on_hand"), pd.onHand},
            {QStringLiteral("unavailable_lots"), pd.unavailable},
            {QStringLiteral("on_order"), pd.stock.onOrder},
            {QStringLiteral("lead_time_days"), p.leadTimeDays},
            {QStringLiteral("review_days"), 1},
            {QStringLiteral("forecast_lead_time_mean"), pol.leadTimeDemandMean},
            {QStringLiteral("forecast_lead_time_sd"), pol.leadTimeDemandSd},
            {QStringLiteral("forecast_lead_time_lo95"), pd.lo95},
            {QStringLiteral("forecast_lead_time_hi95"), pd.hi95},
            {QStringLiteral("forecast_daily_mean"), pol.dailyDemand},
            {QStringLiteral("forecast_model"), pd.forecast->model},
            {QStringLiteral("backtest_wape"), pd.forecast->backtest.wape},
            {QStringLiteral("backtest_coverage95"), pd.forecast->backtest.coverage95},
            {QStringLiteral("unit_cost"), p.unitCost},
            {QStringLiteral("ordering_cost"), p.orderingCost},
            {QStringLiteral("holding_rate"), p.holdingRate},
            {QStringLiteral("pack_size"), p.packSize},
            {QStringLiteral("min_order_qty"), p.minOrderQty},
            {QStringLiteral("target_fill_rate"), g.targetFillRate}};
        QJsonArray formulas;
        if (pol.costsMissing)
            formulas.append(
                QStringLiteral("EOQ undefined (ordering or holding cost missing): a month "
                               "of demand, 30 × %1 = %2")
                    .arg(n(pol.dailyDemand, 2), n(30 * pol.dailyDemand)));
        else
            formulas.append(
                QStringLiteral("EOQ = √(2·D·K / (h·c)) = √(2 × %1 × %2 / (%3 × %4)) = %5")
                    .arg(n(pol.annualDemand, 0), n(p.orderingCost, 2), n(p.holdingRate, 2),
                         n(p.unitCost, 2), n(pol.eoq)));
        formulas.append(QStringLiteral("Q = EOQ rounded up to packs of %1, at least %2 = %3")
                            .arg(n(p.packSize, 0), n(p.minOrderQty, 0), n(pol.orderQuantity, 0)));
        formulas.append(
            QStringLiteral("lead-time demand over %1 + 1 days ~ gamma(mean %2, sd %3); "
                           "95 % between %4 and %5")
                .arg(p.leadTimeDays)
                .arg(n(pol.leadTimeDemandMean), n(pol.leadTimeDemandSd), n(pd.lo95), n(pd.hi95)));
        formulas.append(
            QStringLiteral("reorder point s: expected shortage E[(D − s)⁺] ≤ (1 − %1) × %2 "
                           "→ s = %3 (safety stock %4; cycle service %5 %)")
                .arg(n(g.targetFillRate, 3), n(pol.orderQuantity, 0), n(pol.reorderPoint),
                     n(pol.safetyStock), n(100 * pol.cycleServiceLevel)));
        formulas.append(QStringLiteral("position = on hand %1 − unavailable %2 + on order %3 = %4")
                            .arg(n(pd.onHand), n(pd.unavailable), n(pd.stock.onOrder),
                                 n(pol.inventoryPosition)));
        formulas.append(QStringLiteral("order up to s + Q = %1: %2 − %3 = %4, in packs: %5")
                            .arg(n(pol.reorderPoint + pol.orderQuantity))
                            .arg(n(pol.reorderPoint + pol.orderQuantity), n(pol.inventoryPosition),
                                 n(pol.reorderPoint + pol.orderQuantity - pol.inventoryPosition),
                                 n(pol.proposedQuantity, 0)));
        QString gateWhy;
        switch (pd.gate) {
        case inv::Gate::Auto:
            gateWhy = QStringLiteral("auto-approved: confidence %1 ≥ %2 and value %3 < %4")
                          .arg(n(pd.confidence, 2), n(g.autoConfidence, 2), n(pd.value, 2),
                               n(g.autoApproveLimit, 2));
            break;
        case inv::Gate::Review:
            gateWhy =
                pd.confidence >= g.autoConfidence
                    ? QStringLiteral("review: value %1 is not under the auto-approve limit %2")
                          .arg(n(pd.value, 2), n(g.autoApproveLimit, 2))
                    : QStringLiteral("review: confidence %1 is between %2 and %3")
                          .arg(n(pd.confidence, 2), n(g.reviewConfidence, 2),
                               n(g.autoConfidence, 2));
            break;
        case inv::Gate::Manual:
            gateWhy = QStringLiteral("manual decision: confidence %1 is below %2")
                          .arg(n(pd.confidence, 2), n(g.reviewConfidence, 2));
            break;
        case inv::Gate::Owner:
            gateWhy = QStringLiteral("owner only: value %1 is above the hard maximum %2")
                          .arg(n(pd.value, 2), n(g.hardMaximum, 2));
            break;
        }
        QJsonObject explanation{{QStringLiteral("inputs"), inputs},
                                {QStringLiteral("formulas"), formulas},
                                {QStringLiteral("rule"), QString::fromStdString(pol.rule)},
                                {QStringLiteral("gate"), gateWhy},
                                {QStringLiteral("confidence"), pd.confidence},
                                {QStringLiteral("expected_fill_rate"), pol.expectedFillRate},
                                {QStringLiteral("cycle_service_level"), pol.cycleServiceLevel},
                                {QStringLiteral("reorder_point"), pol.reorderPoint},
                                {QStringLiteral("order_quantity"), pol.orderQuantity},
                                {QStringLiteral("safety_stock"), pol.safetyStock},
                                {QStringLiteral("inventory_position"), pol.inventoryPosition}};
        if (pol.fewerUnits > 0)
            explanation.insert(QStringLiteral("what_if"),
                               QStringLiteral("ordering %1 fewer units lowers the expected fill "
                                              "rate to %2 %")
                                   .arg(n(pol.fewerUnits, 0), n(100 * pol.fillRateWithFewer)));
        if (pol.stockoutInDays)
            explanation.insert(QStringLiteral("stockout"),
                               QStringLiteral("available stock runs out in %1 days (%2) without "
                                              "the open orders")
                                   .arg(*pol.stockoutInDays)
                                   .arg(isoDate(outcome.asOfDay + *pol.stockoutInDays)));
        ins->reset();
        ins->bind(1, id);
        ins->bind(2, runLid);
        ins->bind(3, p.farmId);
        ins->bind(4, p.id);
        ins->bind(5, pol.proposedQuantity);
        ins->bind(6, pd.value);
        ins->bind(7, static_cast<std::int64_t>(due));
        ins->bind(8, pol.priority);
        ins->bind(9, pd.confidence);
        ins->bindUtf8(10, inv::gateKey(pd.gate));
        ins->bind(11, QString(QChar::fromLatin1(abcOf[pd.product])));
        ins->bind(12, QString(QChar::fromLatin1(pd.xyz)));
        if (pol.stockoutInDays)
            ins->bind(13, static_cast<std::int64_t>(outcome.asOfDay + *pol.stockoutInDays));
        else
            ins->bindNull(13);
        ins->bind(14, QString::fromUtf8(QJsonDocument(explanation).toJson(QJsonDocument::Compact)));
        AGRO_TRY(ins->run());
        if (pd.gate == inv::Gate::Auto) {
            const QString decisionId = m->newId();
            QJsonObject figures{{QStringLiteral("quantity"), pol.proposedQuantity},
                                {QStringLiteral("value"), pd.value},
                                {QStringLiteral("confidence"), pd.confidence},
                                {QStringLiteral("gate"), gateWhy},
                                {QStringLiteral("forecast_run"), fr.id}};
            const QString figuresText =
                QString::fromUtf8(QJsonDocument(figures).toJson(QJsonDocument::Compact));
            AGRO_TRY(m->insert(QStringLiteral("restock_decisions"), decisionId,
                               {{QStringLiteral("farm_id"), p.farmId},
                                {QStringLiteral("proposal_id"), id},
                                {QStringLiteral("product_id"), p.id},
                                {QStringLiteral("action"), QStringLiteral("approve")},
                                {QStringLiteral("quantity"), pol.proposedQuantity},
                                {QStringLiteral("actor"), QStringLiteral("system")},
                                {QStringLiteral("actor_role"), QStringLiteral("system")},
                                {QStringLiteral("gate"), QStringLiteral("auto")},
                                {QStringLiteral("decided_at"), now},
                                {QStringLiteral("figures"), figuresText}}));
            AGRO_TRY(store::AuditLog::append(
                w, {QStringLiteral("system"), QStringLiteral("restock.decision"),
                    QStringLiteral("restock_proposal"), id,
                    QStringLiteral("{\"action\":\"approve\",\"quantity\":%1,\"gate\":\"auto\"}")
                        .arg(pol.proposedQuantity),
                    now}));
            ++outcome.autoApproved;
        }
    }
    outcome.proposals = static_cast<int>(pending.size());
    outcome.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    {
        auto st = w.prepare("UPDATE restock_runs SET seconds = ?1 WHERE lid = ?2");
        if (!st.ok())
            return st.error();
        st->bind(1, outcome.seconds);
        st->bind(2, runLid);
        AGRO_TRY(st->run());
    }
    AGRO_TRY(store::AuditLog::append(
        w, {QStringLiteral("system"), QStringLiteral("restock.run"), QStringLiteral("restock_run"),
            outcome.runId,
            QStringLiteral(
                "{\"forecast_run\":\"%1\",\"products\":%2,\"proposals\":%3,\"auto_approved\":%4}")
                .arg(fr.id)
                .arg(outcome.products)
                .arg(outcome.proposals)
                .arg(outcome.autoApproved),
            now}));
    AGRO_TRY(m->commit());
    return outcome;
}

} // namespace agro::services

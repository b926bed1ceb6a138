#include "analytics/calendar.h"
#include "demobuilder.h"
#include "qc/qcrules.h"
#include "qc/qcschema.h"
#include "store/repository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>
#include <map>
#include <optional>

namespace agro::demo {

using namespace agro::domain;

namespace {
QDateTime utcFromSeconds(std::int64_t s) {
    return QDateTime::fromSecsSinceEpoch(s, QTimeZone::utc());
}

struct Reading {
    QJsonObject values;
    QString disposition = QStringLiteral("pass");
    QString rule;
};

// Produce, dairy and protein inspections are judged by the built-in QC schemas' rules
// (resources/qc, the same engine the app uses); the pantry category has no form, and the
// generator labels its moisture checks itself.
// `wet`: the lot's field had a day of mean soil moisture above 40 % in the week before
// harvest. Waterlogged produce ripens unevenly, so over-ripe lots are seven times as likely
// (5 % → 35 %): the link the Sensors area's "Conditions and QC" is there to find.
Reading produceReading(analytics::Rng &rng, bool defect, bool wet) {
    Reading r;
    const bool visualOk = !defect && rng.bernoulli(0.97);
    const double residue = defect ? rng.uniform(0.06, 0.2) : std::abs(rng.normal(0.01, 0.01));
    const double u = rng.uniform();
    const double overRipe = wet ? 0.35 : 0.05;
    const QString ripeness = u < 0.1              ? QStringLiteral("under")
                             : u < 1.0 - overRipe ? QStringLiteral("optimal")
                                                  : QStringLiteral("over");
    const bool tested = rng.bernoulli(0.98);
    r.values = {{QStringLiteral("visual_ok"), visualOk},
                {QStringLiteral("ripeness"), ripeness},
                {QStringLiteral("residue_tested"), tested},
                {QStringLiteral("temperature_c"), std::round(rng.normal(7, 1.5) * 10) / 10}};
    if (tested)
        r.values.insert(QStringLiteral("pest_residue_ppm"), std::round(residue * 1000) / 1000);
    if (!visualOk)
        r.values.insert(QStringLiteral("defects"),
                        rng.bernoulli(0.5) ? QStringLiteral("Bruising and soft spots")
                                           : QStringLiteral("Mould on part of the sample"));
    return r;
}

Reading dairyReading(analytics::Rng &rng, bool defect, double drift, const QDate &expiry) {
    Reading r;
    double temp = rng.normal(2.8, 0.45) + drift;
    if (defect)
        temp = rng.uniform(5.5, 9.0);
    r.values = {{QStringLiteral("temperature_c"), std::round(temp * 10) / 10},
                {QStringLiteral("expiry_date"), expiry.toString(Qt::ISODate)},
                {QStringLiteral("packaging_ok"), rng.bernoulli(0.99)}};
    // The laboratory's count is back for most lots by the time of inspection.
    if (rng.bernoulli(0.97))
        r.values.insert(QStringLiteral("bacterial_cfu_ml"),
                        std::round(std::exp(rng.normal(std::log(800), 0.8))));
    return r;
}

Reading proteinReading(analytics::Rng &rng, bool defect, double drift) {
    Reading r;
    double temp = rng.normal(1.8, 0.5) + drift;
    if (defect)
        temp = rng.uniform(5.0, 8.0);
    const int colour = int(std::clamp(std::round(rng.normal(4.2, 0.6)), 1.0, 5.0));
    const int texture = int(std::clamp(std::round(rng.normal(4.1, 0.6)), 1.0, 5.0));
    r.values = {{QStringLiteral("temperature_c"), std::round(temp * 10) / 10},
                {QStringLiteral("batch_verified"), rng.bernoulli(0.985)},
                {QStringLiteral("colour_score"), colour},
                {QStringLiteral("texture_score"), texture},
                {QStringLiteral("grade"),
                 colour >= 4 && texture >= 4 ? QStringLiteral("A") : QStringLiteral("B")},
                {QStringLiteral("grade_verified"), rng.bernoulli(0.99)}};
    return r;
}

Reading pantryReading(analytics::Rng &rng, bool defect) {
    Reading r;
    const double moisture = defect ? rng.uniform(15, 19) : rng.normal(11.5, 0.9);
    const bool visualOk = rng.bernoulli(0.99);
    r.values = {{QStringLiteral("visual_ok"), visualOk},
                {QStringLiteral("moisture_pct"), std::round(moisture * 10) / 10}};
    if (!visualOk || moisture > 14) {
        r.disposition = QStringLiteral("fail");
        r.rule = !visualOk ? QStringLiteral("visual_ok") : QStringLiteral("moisture_pct <= 14");
    }
    return r;
}
} // namespace

Result<void> DemoBuilder::qualityControl() {
    const int n = m_o.preset.inspections;
    const std::int32_t from = m_endDay - m_o.preset.salesDays + 1;
    analytics::Rng rng = m_rng.fork(40000);

    // Suppliers per category; one per category drifts warm for a while (a failing chiller).
    static const char *suppliers[] = {
        "Own harvest",     "Alpine Dairy Co-op", "Green Valley Growers", "Northfield Meats",
        "Sunrise Poultry", "Lakeside Mills",     "Orchard Partners",     "Meadow Fresh"};
    struct Drift {
        std::int32_t start = 0;
        std::int32_t end = 0;
        size_t supplier = 0;
    };
    Drift drifts[4];
    for (size_t c = 0; c < 4; ++c) {
        drifts[c].supplier = size_t(rng.uniformInt(1, std::size(suppliers) - 1));
        const int len = int(rng.uniformInt(20, 45));
        drifts[c].start =
            from + int(rng.uniformInt(0, std::max(1, m_o.preset.salesDays - len - 1)));
        drifts[c].end = drifts[c].start + len;
        if (m_categories[c].kind == QLatin1String("dairy") ||
            m_categories[c].kind == QLatin1String("protein"))
            AGRO_TRY(recordFault(
                QStringLiteral("qc_drift"), QString::fromLatin1(suppliers[drifts[c].supplier]),
                std::int64_t(drifts[c].start) * 86400, std::int64_t(drifts[c].end) * 86400,
                QStringLiteral("{\"category\":\"%1\",\"field\":\"temperature_c\"}")
                    .arg(m_categories[c].kind)));
    }

    // Each category with a built-in form gets it as its stored version 1.
    std::map<QString, qc::Schema> schemas;
    for (const auto &c : m_categories) {
        if (!qc::builtinSchemaKinds().contains(c.kind) || schemas.count(c.kind))
            continue;
        auto schema = qc::builtinSchema(c.kind);
        if (!schema.ok())
            return schema.error();
        schemas.emplace(c.kind, schema.value());
    }
    for (const auto &c : m_categories) {
        if (!schemas.count(c.kind))
            continue;
        AGRO_TRY(m_m.insert(
            QStringLiteral("qc_schema_versions"), m_m.newId(),
            {{QStringLiteral("category_id"), c.id},
             {QStringLiteral("version"), 1},
             {QStringLiteral("schema_json"),
              QString::fromUtf8(qc::schemaToJson(schemas.at(c.kind)))},
             {QStringLiteral("created_at"), QString(dayIso(from) + QStringLiteral("T00:00:00Z"))},
             {QStringLiteral("created_by"), QStringLiteral("built-in")}}));
    }

    std::vector<std::int64_t> times(static_cast<size_t>(n));
    for (auto &t : times)
        t = std::int64_t(rng.uniformInt(from, m_endDay)) * 86400 +
            rng.uniformInt(6 * 3600, 18 * 3600);
    std::sort(times.begin(), times.end());

    struct LotRef {
        QString id;
        size_t product;
        size_t supplier;
        std::int32_t expires;
        std::optional<size_t> field; ///< own harvest: the field it was harvested on
        std::int32_t produced = 0;
    };
    // Own-harvest produce comes from a planting of the same crop on one of the farm's fields:
    // the season of the harvest (March–October), or the last one for produce sold from store
    // in winter. A farm that grows the crop sells mostly its own.
    static const std::pair<const char *, const char *> cropOfItem[] = {
        {"Vine tomatoes", "Processing tomatoes"},
        {"Iceberg lettuce", "Lettuce"},
        {"Potatoes", "Potatoes"},
        {"Onions", "Onions"}};
    auto plantingsFor = [&](const ProductInfo &p, std::int32_t day) {
        std::vector<size_t> out;
        const auto c = analytics::civilFromDays(day);
        const int year = c.month < 3 ? c.year - 1 : c.year;
        for (const auto &[item, crop] : cropOfItem) {
            if (p.item != QLatin1String(item))
                continue;
            for (size_t i = 0; i < m_plantings.size(); ++i)
                if (m_plantings[i].year == year && m_plantings[i].crop == QLatin1String(crop) &&
                    m_fields[m_plantings[i].field].farm == p.farm)
                    out.push_back(i);
        }
        return out;
    };
    auto wetWeekBefore = [&](size_t field, std::int32_t day) {
        const auto &m =
            m_fieldMoisture.size() > field ? m_fieldMoisture[field] : std::vector<double>{};
        for (std::int32_t d = day - 7; d < day; ++d) {
            const std::int64_t i = std::int64_t(d) - m_firstSensorDay;
            if (i >= 0 && i < std::int64_t(m.size()) && m[size_t(i)] > 40)
                return true;
        }
        return false;
    };
    std::vector<LotRef> recent;
    int lotCounter = 0;
    for (int i = 0; i < n; ++i) {
        const std::int64_t ts = times[size_t(i)];
        const std::int32_t day = std::int32_t(ts / 86400);
        LotRef lot;
        const bool reinspect = !recent.empty() && rng.bernoulli(0.12);
        if (reinspect) {
            lot = recent[size_t(rng.uniformInt(0, std::int64_t(recent.size()) - 1))];
        } else {
            Lot l;
            l.id = m_m.newId();
            const size_t product = size_t(rng.uniformInt(0, std::int64_t(m_products.size()) - 1));
            const ProductInfo &p = m_products[product];
            l.farmId = m_farms[p.farm].id;
            l.productId = p.id;
            const auto c = analytics::civilFromDays(day);
            l.batchNumber = QStringLiteral("L%1%2%3-%4")
                                .arg(c.year % 100, 2, 10, QLatin1Char('0'))
                                .arg(c.month, 2, 10, QLatin1Char('0'))
                                .arg(c.day, 2, 10, QLatin1Char('0'))
                                .arg(++lotCounter, 6, 10, QLatin1Char('0'));
            l.producedOn = QDate(1970, 1, 1).addDays(day - int(rng.uniformInt(0, 2)));
            l.expiresOn = l.producedOn.addDays(p.shelfLifeDays);
            l.quantity = std::round(rng.uniform(20, 400));
            const auto grown = plantingsFor(p, day);
            const size_t supplier = m_categories[p.category].kind == QLatin1String("produce") &&
                                            rng.bernoulli(grown.empty() ? 0.4 : 0.9)
                                        ? 0
                                        : size_t(rng.uniformInt(1, std::size(suppliers) - 1));
            l.supplier = QString::fromLatin1(suppliers[supplier]);
            l.status = QStringLiteral("available");
            std::optional<size_t> field;
            if (supplier == 0 && !grown.empty()) {
                const size_t planting =
                    grown[size_t(rng.uniformInt(0, std::int64_t(grown.size()) - 1))];
                l.plantingId = m_plantings[planting].id;
                l.quantityKg = l.quantity * p.unitKg;
                field = m_plantings[planting].field;
            }
            AGRO_TRY(store::Repository<Lot>::insert(m_m, l));
            const auto produced = std::int32_t(QDate(1970, 1, 1).daysTo(l.producedOn));
            lot = {l.id, product, supplier, day + p.shelfLifeDays, field, produced};
            recent.push_back(lot);
            if (recent.size() > 50)
                recent.erase(recent.begin());
        }
        const ProductInfo &p = m_products[lot.product];
        const size_t cat = p.category;
        const Drift &d = drifts[cat];
        const double drift = lot.supplier == d.supplier && day >= d.start && day <= d.end
                                 ? 0.09 * (day - d.start)
                                 : 0.0;
        const bool defect = rng.bernoulli(0.03);
        Reading r;
        const QString &kind = m_categories[cat].kind;
        const QDate today = QDate(1970, 1, 1).addDays(day);
        if (kind == QLatin1String("produce"))
            r = produceReading(rng, defect, lot.field && wetWeekBefore(*lot.field, lot.produced));
        else if (kind == QLatin1String("dairy"))
            r = dairyReading(rng, defect, drift, QDate(1970, 1, 1).addDays(lot.expires));
        else if (kind == QLatin1String("protein"))
            r = proteinReading(rng, defect, drift);
        else
            r = pantryReading(rng, defect);
        if (const auto it = schemas.find(kind); it != schemas.end()) {
            const qc::Evaluation e = qc::evaluate(it->second, r.values, today);
            r.disposition = QString::fromLatin1(qc::dispositionKey(e.disposition));
            r.rule = e.decidedBy ? e.decidedBy->id : QString();
        }

        Inspection ins;
        ins.id = m_m.newId();
        ins.farmId = m_farms[p.farm].id;
        ins.lotId = lot.id;
        ins.categoryId = m_categories[cat].id;
        ins.inspector =
            m_inspectors[size_t(rng.uniformInt(0, std::int64_t(m_inspectors.size()) - 1))];
        ins.inspectedAt = utcFromSeconds(ts);
        ins.valuesJson = QString::fromUtf8(QJsonDocument(r.values).toJson(QJsonDocument::Compact));
        ins.disposition = r.disposition;
        ins.decidedBy = r.rule.isEmpty() ? QStringLiteral("all limits met") : r.rule;
        ins.schemaVersion = 1;
        AGRO_TRY(store::Repository<Inspection>::insert(m_m, ins));
        ++summary.inspections;
        if (defect)
            AGRO_TRY(recordFault(QStringLiteral("qc_defect"), ins.id, ts, ts, kind));
        if (r.disposition != QLatin1String("pass")) {
            AGRO_TRY(m_m.update(QStringLiteral("lots"), lot.id,
                                {{QStringLiteral("status"), r.disposition == QLatin1String("fail")
                                                                ? QStringLiteral("rejected")
                                                                : QStringLiteral("held")}}));
        }
        advance(20);
        if ((i & 0xff) == 0 && cancelled())
            return Error::make(ErrorCode::Cancelled);
    }
    return {};
}

} // namespace agro::demo

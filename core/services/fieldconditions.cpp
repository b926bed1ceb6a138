#include "fieldconditions.h"

#include "analytics/calendar.h"
#include "store/workspace.h"
#include "worker.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace agro::services {

using namespace agro::analytics::detection;

namespace {
constexpr int kMinRuleLots = 3; ///< a rule must have decided this many lots to be an outcome

struct Lot {
    std::int32_t day = 0;
    QString disposition, rule, field;
};

struct KindSeries {
    std::int32_t firstDay = 0;
    std::vector<double> dailyMeans; ///< NaN on days without readings
};

bool isBad(const Lot &l, const QString &outcome) {
    if (outcome == QLatin1String("any"))
        return l.disposition != QLatin1String("pass");
    if (outcome == QLatin1String("fail"))
        return l.disposition == QLatin1String("fail");
    return l.rule == outcome;
}

double percentile(std::vector<double> v, double q) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const size_t i = size_t(pos);
    const double frac = pos - double(i);
    return i + 1 < v.size() ? v[i] * (1 - frac) + v[i + 1] * frac : v[i];
}

std::int32_t dayOf(const QString &iso) {
    const QDate d = QDate::fromString(iso.left(10), Qt::ISODate);
    return d.isValid() ? analytics::daysFromCivil(d.year(), d.month(), d.day()) : 0;
}
} // namespace

Result<std::vector<ConditionScope>> conditionScopes(store::Connection &db) {
    auto st = db.prepare(
        "WITH lot_fields AS (SELECT DISTINCT l.id AS lot, p.field_id AS field, fl.farm_id AS farm "
        "FROM lots l JOIN plantings p ON p.id = l.planting_id JOIN fields fl ON fl.id = "
        "p.field_id WHERE EXISTS (SELECT 1 FROM qc_inspections i WHERE i.lot_id = l.id)) "
        "SELECT 1, f.id, f.name, f.name, count(*), (SELECT group_concat(kind, ',') FROM (SELECT "
        "DISTINCT s.kind FROM sensors s WHERE s.field_id IN (SELECT id FROM fields WHERE farm_id "
        "= f.id) ORDER BY s.kind)) FROM lot_fields lf JOIN farms f ON f.id = lf.farm GROUP BY "
        "f.id "
        "UNION ALL SELECT 0, fl.id, fl.name, f.name, count(*), (SELECT group_concat(kind, ',') "
        "FROM (SELECT DISTINCT s.kind FROM sensors s WHERE s.field_id = fl.id ORDER BY s.kind)) "
        "FROM lot_fields lf JOIN fields fl ON fl.id = lf.field JOIN farms f ON f.id = fl.farm_id "
        "GROUP BY fl.id "
        "ORDER BY 4, 1 DESC, 3");
    if (!st.ok())
        return st.error();
    std::vector<ConditionScope> out;
    AGRO_TRY(st->forEachRow([&] {
        ConditionScope c;
        c.wholeFarm = st->int64(0) == 1;
        c.id = st->text(1);
        c.name = st->text(2);
        c.farmName = st->text(3);
        c.lots = int(st->int64(4));
        if (!st->isNull(5))
            c.sensorKinds = st->text(5).split(QLatin1Char(','));
        out.push_back(c);
    }));
    return out;
}

Result<FieldConditionReport> fieldConditions(store::Connection &db, const QString &scope,
                                             const std::optional<ConditionSpec> &custom) {
    FieldConditionReport report;
    {
        // A field first (by id, then name), then a farm.
        auto st = db.prepare(
            "SELECT * FROM (SELECT 0 AS farm, fl.id AS id, fl.name, f.name FROM fields fl JOIN "
            "farms f ON f.id = fl.farm_id WHERE fl.id = ?1 OR fl.name = ?1 "
            "UNION ALL SELECT 1, f.id, f.name, f.name FROM farms f WHERE f.id = ?1 OR f.name = ?1) "
            "ORDER BY farm, id = ?1 DESC LIMIT 1");
        if (!st.ok())
            return st.error();
        st->bind(1, scope);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value()) {
            Error e = Error::make(ErrorCode::NotFound, scope);
            e.field = QStringLiteral("field");
            return e;
        }
        report.scope.wholeFarm = st->int64(0) == 1;
        report.scope.id = st->text(1);
        report.scope.name = st->text(2);
        report.scope.farmName = st->text(3);
    }
    const char *inScope = report.scope.wholeFarm ? "fl.farm_id = ?" : "fl.id = ?";

    // Each lot of the plantings in scope with its first inspection: later ones re-check a lot
    // already judged, and would count it twice.
    std::vector<Lot> lots;
    {
        auto st = db.prepare(
            QStringLiteral(
                "SELECT coalesce(l.produced_on, substr(i.inspected_at, 1, 10)), i.disposition, "
                "CASE WHEN i.rule_id <> '' THEN i.rule_id WHEN i.disposition <> 'pass' THEN "
                "i.decided_by ELSE '' END, p.field_id "
                "FROM lots l JOIN plantings p ON p.id = l.planting_id JOIN fields fl ON fl.id = "
                "p.field_id "
                "JOIN qc_inspections i ON i.lid = (SELECT j.lid FROM qc_inspections j WHERE "
                "j.lot_id = l.id ORDER BY j.inspected_at, j.lid LIMIT 1) "
                "WHERE %1")
                .arg(QLatin1String(inScope))
                .toStdString());
        if (!st.ok())
            return st.error();
        st->bind(1, report.scope.id);
        AGRO_TRY(st->forEachRow([&] {
            lots.push_back({dayOf(st->text(0)), st->text(1), st->text(2), st->text(3)});
        }));
    }
    report.lots = int(lots.size());
    report.scope.lots = report.lots;

    // Daily means per field and sensor kind (several sensors of a kind on a field are
    // averaged); limits per kind over the scope (the strictest).
    struct KindInfo {
        QString unit;
        double low = std::nan(""), high = std::nan("");
    };
    std::map<QString, KindInfo> kinds;
    {
        auto st = db.prepare(
            QStringLiteral("SELECT s.kind, min(s.unit), min(s.high_threshold), "
                           "max(s.low_threshold) FROM sensors s JOIN fields fl ON fl.id = "
                           "s.field_id WHERE %1 GROUP BY s.kind ORDER BY s.kind")
                .arg(QLatin1String(inScope))
                .toStdString());
        if (!st.ok())
            return st.error();
        st->bind(1, report.scope.id);
        AGRO_TRY(st->forEachRow([&] {
            KindInfo k;
            k.unit = st->text(1);
            if (!st->isNull(2))
                k.high = st->real(2);
            if (!st->isNull(3))
                k.low = st->real(3);
            kinds.emplace(st->text(0), k);
        }));
    }
    std::map<std::pair<QString, QString>, KindSeries> series; // (field, kind)
    {
        auto st = db.prepare(
            QStringLiteral("SELECT s.field_id, s.kind, r.ts / 86400, avg(r.value) FROM sensors s "
                           "JOIN fields fl ON fl.id = s.field_id JOIN sensor_readings r ON "
                           "r.sensor = s.lid WHERE %1 GROUP BY s.field_id, s.kind, r.ts / 86400 "
                           "ORDER BY 1, 2, 3")
                .arg(QLatin1String(inScope))
                .toStdString());
        if (!st.ok())
            return st.error();
        st->bind(1, report.scope.id);
        AGRO_TRY(st->forEachRow([&] {
            KindSeries &k = series[{st->text(0), st->text(1)}];
            const auto day = std::int32_t(st->int64(2));
            if (k.dailyMeans.empty())
                k.firstDay = day;
            k.dailyMeans.resize(size_t(day - k.firstDay), std::nan(""));
            k.dailyMeans.push_back(st->real(3));
        }));
    }
    for (auto it = kinds.begin(); it != kinds.end();) {
        const bool any = std::any_of(series.begin(), series.end(),
                                     [&](const auto &s) { return s.first.second == it->first; });
        it = any ? std::next(it) : kinds.erase(it);
    }
    for (const auto &[kind, info] : kinds)
        report.sensorKinds << kind;
    report.scope.sensorKinds = report.sensorKinds;

    // Outcomes: any, fail, and the rules that decided enough of the field's lots.
    report.outcomes = {QStringLiteral("any"), QStringLiteral("fail")};
    {
        std::map<QString, int> byRule;
        for (const auto &l : lots)
            if (!l.rule.isEmpty())
                ++byRule[l.rule];
        for (const auto &[rule, n] : byRule)
            if (n >= kMinRuleLots)
                report.outcomes << rule;
    }

    std::vector<ConditionSpec> specs;
    std::vector<bool> covered(lots.size(), false);
    // Exposures per (kind, direction, window), computed once per window.
    std::map<std::tuple<QString, bool, int>, std::vector<double>> exposures;
    auto exposureOf = [&](const QString &kind, bool above, int window) -> std::vector<double> & {
        auto key = std::make_tuple(kind, above, window);
        auto it = exposures.find(key);
        if (it != exposures.end())
            return it->second;
        std::vector<double> v(lots.size(), std::nan(""));
        for (size_t i = 0; i < lots.size(); ++i)
            if (const auto k = series.find({lots[i].field, kind}); k != series.end())
                v[i] = worstInWindow(k->second.dailyMeans, k->second.firstDay, lots[i].day, window,
                                     above);
        return exposures.emplace(key, std::move(v)).first->second;
    };
    auto round1 = [](double x) { return std::round(x * 10) / 10; };
    for (const auto &[kind, info] : kinds) {
        for (const bool above : {true, false}) {
            const auto &ex = exposureOf(kind, above, 7);
            for (size_t i = 0; i < lots.size(); ++i)
                covered[i] = covered[i] || !std::isnan(ex[i]);
            std::vector<double> thresholds;
            const double limit = above ? info.high : info.low;
            if (std::isfinite(limit))
                thresholds.push_back(limit);
            const std::array<double, 2> quantiles =
                above ? std::array<double, 2>{0.75, 0.9} : std::array<double, 2>{0.25, 0.1};
            for (const double q : quantiles)
                if (const double t = percentile(ex, q); std::isfinite(t))
                    thresholds.push_back(round1(t));
            std::sort(thresholds.begin(), thresholds.end());
            thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
            for (const double t : thresholds)
                for (const auto &outcome : std::as_const(report.outcomes))
                    specs.push_back({kind, above, t, 7, outcome});
        }
    }
    report.lotsWithSensorData = int(std::count(covered.begin(), covered.end(), true));
    if (custom) {
        if (custom->windowDays < 1 || custom->windowDays > 90) {
            Error e = Error::make(ErrorCode::InvalidArgument,
                                  QStringLiteral("the window is 1 to 90 days"));
            e.field = QStringLiteral("windowDays");
            return e;
        }
        if (!kinds.count(custom->sensorKind)) {
            Error e = Error::make(ErrorCode::NotFound, custom->sensorKind);
            e.field = QStringLiteral("sensorKind");
            return e;
        }
        if (!std::isfinite(custom->threshold)) {
            Error e = Error::make(ErrorCode::InvalidArgument, QStringLiteral("threshold"));
            e.field = QStringLiteral("threshold");
            return e;
        }
        specs.push_back(*custom);
    }

    std::vector<double> ps;
    for (const auto &spec : specs) {
        const auto &ex = exposureOf(spec.sensorKind, spec.above, spec.windowDays);
        std::vector<LotExposure> le(lots.size());
        for (size_t i = 0; i < lots.size(); ++i)
            le[i] = {ex[i], isBad(lots[i], spec.outcome)};
        ConditionTest t;
        t.spec = spec;
        t.unit = kinds.at(spec.sensorKind).unit;
        t.table = crossTabulate(le, spec.above, spec.threshold);
        t.ratio = riskRatio(t.table);
        t.p = fisherExactTwoSided(t.table);
        // A threshold no lot crossed (or every lot did) compares nothing: not part of the
        // family, unless the person asked for it.
        const bool isCustom = custom && &spec == &specs.back();
        if (!isCustom && (t.table.exposed() == 0 || t.table.other() == 0))
            continue;
        ps.push_back(t.p);
        report.tests.push_back(t);
    }
    const auto qs = benjaminiHochberg(ps);
    for (size_t i = 0; i < report.tests.size(); ++i) {
        ConditionTest &t = report.tests[i];
        t.q = qs[i];
        const bool strong = std::isinf(t.ratio) || (std::isfinite(t.ratio) && t.ratio > 0 &&
                                                    (t.ratio >= 1.5 || t.ratio <= 1 / 1.5));
        t.notable = t.q < 0.05 && t.table.exposed() >= 5 && strong;
    }
    std::stable_sort(report.tests.begin(), report.tests.end(),
                     [](const ConditionTest &a, const ConditionTest &b) {
                         if (a.notable != b.notable)
                             return a.notable;
                         return a.p < b.p;
                     });
    return report;
}

QString outcomeText(const QString &outcome) {
    if (outcome == QLatin1String("any"))
        return QCoreApplication::translate("FieldConditions", "are failed or held");
    if (outcome == QLatin1String("fail"))
        return QCoreApplication::translate("FieldConditions", "fail");
    return QCoreApplication::translate("FieldConditions", "are stopped by rule %1").arg(outcome);
}

QString conditionText(const ConditionTest &t) {
    const QString kind = QString(t.spec.sensorKind).replace(QLatin1Char('_'), QLatin1Char(' '));
    return (t.spec.above ? QCoreApplication::translate("FieldConditions", "%1 above %2 %3")
                         : QCoreApplication::translate("FieldConditions", "%1 below %2 %3"))
        .arg(kind, QLocale().toString(t.spec.threshold, 'g', 4), t.unit);
}

QString conditionSentence(const ConditionTest &t, const ConditionScope &scope) {
    const auto &tb = t.table;
    const QLocale loc;
    auto pct = [&](std::int64_t k, std::int64_t n) {
        return n == 0 ? QStringLiteral("–") : loc.toString(100.0 * double(k) / double(n), 'f', 0);
    };
    QString ratio;
    if (std::isinf(t.ratio))
        ratio = QCoreApplication::translate("FieldConditions", "only");
    else if (std::isnan(t.ratio))
        ratio = QCoreApplication::translate("FieldConditions", "as often (no comparison)");
    else if (t.ratio >= 1)
        ratio = QCoreApplication::translate("FieldConditions", "%1× as often")
                    .arg(loc.toString(t.ratio, 'f', 1));
    else
        ratio = QCoreApplication::translate("FieldConditions", "%1× less often")
                    .arg(loc.toString(1 / t.ratio, 'f', 1));
    return QCoreApplication::translate(
               "FieldConditions",
               "Lots from %1 %2 %3 after %4 on some day of the %5 days before harvest: %6 of %7 "
               "(%8 %) against %9 of %10 (%11 %) otherwise. Fisher's exact p = %12; q = %13 "
               "(Benjamini-Hochberg over every condition tested here).")
        .arg(
            scope.wholeFarm
                ? QCoreApplication::translate("FieldConditions", "the fields of %1").arg(scope.name)
                : scope.name,
            outcomeText(t.spec.outcome), ratio, conditionText(t))
        .arg(t.spec.windowDays)
        .arg(tb.exposedBad)
        .arg(tb.exposed())
        .arg(pct(tb.exposedBad, tb.exposed()))
        .arg(tb.otherBad)
        .arg(tb.other())
        .arg(pct(tb.otherBad, tb.other()))
        .arg(loc.toString(t.p, 'g', 2), loc.toString(t.q, 'g', 2));
}

QCoro::Task<Result<std::vector<ConditionScope>>> FieldConditionService::scopes(QString workspace) {
    auto task = onWorker([workspace]() -> Result<std::vector<ConditionScope>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return conditionScopes(db.value());
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<FieldConditionReport>>
FieldConditionService::report(QString workspace, QString scope,
                              std::optional<ConditionSpec> custom) {
    auto task = onWorker([workspace, scope, custom]() -> Result<FieldConditionReport> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return fieldConditions(db.value(), scope, custom);
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

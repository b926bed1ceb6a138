#include "detectcommands.h"

#include "common/error.h"
#include "services/detectionservice.h"
#include "services/fieldconditions.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

QJsonObject scoreJson(const services::DetectorScore &s) {
    return {{QStringLiteral("detector"), s.detector}, {QStringLiteral("findings"), s.findings},
            {QStringLiteral("matched"), s.matched},   {QStringLiteral("faults"), s.faults},
            {QStringLiteral("found"), s.faultsFound}, {QStringLiteral("precision"), s.precision()},
            {QStringLiteral("recall"), s.recall()}};
}

void scoreRow(QTextStream &out, const services::DetectorScore &s) {
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(s.detector, -18)
               .arg(s.findings, 9)
               .arg(QStringLiteral("%1/%2").arg(s.faultsFound).arg(s.faults), 11)
               .arg(QString::number(s.precision(), 'f', 3), 10)
               .arg(QString::number(s.recall(), 'f', 3), 8);
}
/// The --workspace and --format (text|json) of a command, the workspace opened (and migrated)
/// and connected; on failure the exit code (2 usage, 1 operation) with the reason on `err`.
struct Opened {
    QString format;
    std::optional<store::Connection> db;
    int exitCode = 0;
};
Opened openForCommand(const QCommandLineParser &p, QTextStream &err) {
    Opened o;
    const QString w = p.value(QStringLiteral("workspace"));
    o.format = p.isSet(QStringLiteral("format")) ? p.value(QStringLiteral("format"))
                                                 : QStringLiteral("text");
    if (w.isEmpty()) {
        err << tr("error: --workspace is required") << Qt::endl;
        o.exitCode = 2;
        return o;
    }
    if (o.format != QLatin1String("text") && o.format != QLatin1String("json")) {
        err << tr("error: --format must be text or json") << Qt::endl;
        o.exitCode = 2;
        return o;
    }
    if (auto info = store::Workspace::open(w); !info.ok()) {
        err << tr("error: ") << errorText(info.error()) << Qt::endl;
        o.exitCode = 1;
        return o;
    }
    auto db = store::Workspace::connect(w);
    if (!db.ok()) {
        err << tr("error: ") << errorText(db.error()) << Qt::endl;
        o.exitCode = 1;
        return o;
    }
    o.db.emplace(std::move(db).value());
    return o;
}
} // namespace

int detect(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    Opened opened = openForCommand(p, err);
    if (!opened.db)
        return opened.exitCode;
    store::Connection &conn = *opened.db;
    const QString &format = opened.format;
    auto o = services::detectAndStore(conn);
    if (!o.ok()) {
        err << tr("error: ") << errorText(o.error()) << Qt::endl;
        return 1;
    }
    if (format == QLatin1String("json")) {
        QJsonArray scores;
        for (const auto &s : o->scores)
            scores.append(scoreJson(s));
        QJsonObject doc{{QStringLiteral("sensors"), o->sensors},
                        {QStringLiteral("readings"), qint64(o->readings)},
                        {QStringLiteral("inspections"), o->inspections},
                        {QStringLiteral("findings"), o->findings},
                        {QStringLiteral("alerts_opened"), o->opened},
                        {QStringLiteral("alerts_updated"), o->updated},
                        {QStringLiteral("detect_seconds"), o->detectSeconds},
                        {QStringLiteral("store_seconds"), o->storeSeconds},
                        {QStringLiteral("unscored"), o->unscored},
                        {QStringLiteral("scores"), scores}};
        if (!o->scores.empty())
            doc.insert(QStringLiteral("overall"), scoreJson(o->overall));
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    out << tr("Read %1 readings from %2 sensors and %3 inspections in %4 s; %5 findings.")
               .arg(o->readings)
               .arg(o->sensors)
               .arg(o->inspections)
               .arg(o->detectSeconds, 0, 'f', 2)
               .arg(o->findings)
        << "\n";
    out << tr("Alerts: %1 new, %2 updated (stored in %3 s).")
               .arg(o->opened)
               .arg(o->updated)
               .arg(o->storeSeconds, 0, 'f', 2)
        << "\n";
    if (o->scores.empty()) {
        out << tr("No injected faults recorded (not a demo workspace): nothing to score.") << "\n";
        return 0;
    }
    out << "\n"
        << tr("Against the demo generator's injected faults:") << "\n"
        << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(tr("detector"), -18)
               .arg(tr("findings"), 9)
               .arg(tr("found"), 11)
               .arg(tr("precision"), 10)
               .arg(tr("recall"), 8);
    for (const auto &s : o->scores)
        scoreRow(out, s);
    scoreRow(out, o->overall);
    out << tr("%1 further findings are not scored: field-sensor thresholds react to real weather, "
              "not to injected faults.")
               .arg(o->unscored)
        << "\n";
    return 0;
}

namespace {
QJsonObject conditionJson(const services::ConditionTest &t) {
    auto num = [](double x) { return std::isfinite(x) ? QJsonValue(x) : QJsonValue(); };
    return {{QStringLiteral("sensor_kind"), t.spec.sensorKind},
            {QStringLiteral("direction"),
             t.spec.above ? QStringLiteral("above") : QStringLiteral("below")},
            {QStringLiteral("threshold"), t.spec.threshold},
            {QStringLiteral("unit"), t.unit},
            {QStringLiteral("window_days"), t.spec.windowDays},
            {QStringLiteral("outcome"), t.spec.outcome},
            {QStringLiteral("exposed_bad"), qint64(t.table.exposedBad)},
            {QStringLiteral("exposed"), qint64(t.table.exposed())},
            {QStringLiteral("other_bad"), qint64(t.table.otherBad)},
            {QStringLiteral("other"), qint64(t.table.other())},
            {QStringLiteral("risk_ratio"), num(t.ratio)},
            {QStringLiteral("p"), t.p},
            {QStringLiteral("q"), t.q},
            {QStringLiteral("notable"), t.notable}};
}
} // namespace

int qcConditions(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    Opened opened = openForCommand(p, err);
    if (!opened.db)
        return opened.exitCode;
    store::Connection &conn = *opened.db;
    const QString &format = opened.format;
    QStringList fields; // scopes: farms (all their fields) and fields
    const bool one = p.isSet(QStringLiteral("field"));
    if (one) {
        fields << p.value(QStringLiteral("field"));
    } else {
        auto scopes = services::conditionScopes(conn);
        if (!scopes.ok()) {
            err << tr("error: ") << errorText(scopes.error()) << Qt::endl;
            return 1;
        }
        for (const auto &f : scopes.value())
            fields << f.id;
    }
    QJsonArray reports;
    int notable = 0, tests = 0;
    for (const QString &f : std::as_const(fields)) {
        auto r = services::fieldConditions(conn, f);
        if (!r.ok()) {
            err << tr("error: ") << errorText(r.error()) << Qt::endl;
            return 1;
        }
        tests += int(r->tests.size());
        if (format == QLatin1String("json")) {
            QJsonArray list;
            for (const auto &t : r->tests)
                if (one || t.notable)
                    list.append(conditionJson(t));
            reports.append(
                QJsonObject{{QStringLiteral("id"), r->scope.id},
                            {QStringLiteral("name"), r->scope.name},
                            {QStringLiteral("farm"), r->scope.farmName},
                            {QStringLiteral("whole_farm"), r->scope.wholeFarm},
                            {QStringLiteral("lots"), r->lots},
                            {QStringLiteral("lots_with_sensor_data"), r->lotsWithSensorData},
                            {QStringLiteral("tests_run"), int(r->tests.size())},
                            {QStringLiteral("tests"), list}});
            continue;
        }
        out << "# "
            << (r->scope.wholeFarm ? tr("%1 (all fields)").arg(r->scope.name)
                                   : r->scope.farmName + QStringLiteral(" · ") + r->scope.name)
            << ": "
            << tr("%1 inspected lots, %2 with sensor data before harvest, %3 tests")
                   .arg(r->lots)
                   .arg(r->lotsWithSensorData)
                   .arg(r->tests.size())
            << "\n";
        for (const auto &t : r->tests) {
            if (!one && !t.notable)
                continue;
            notable += t.notable ? 1 : 0;
            out << (t.notable ? "* " : "  ") << services::conditionSentence(t, r->scope) << "\n";
        }
    }
    if (format == QLatin1String("json")) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("fields"), reports}})
                   .toJson(QJsonDocument::Indented);
        return 0;
    }
    if (!one)
        out << tr("%1 notable of %2 tests over %3 farms and fields (q < 0.05, at least 5 exposed "
                  "lots, risk "
                  "ratio at least 1.5 either way).")
                   .arg(notable)
                   .arg(tests)
                   .arg(fields.size())
            << "\n";
    return 0;
}

} // namespace agro::commands

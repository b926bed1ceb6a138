#include "detectcommands.h"

#include "common/error.h"
#include "services/detectionservice.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
} // namespace

int detect(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString w = p.value(QStringLiteral("workspace"));
    const QString format = p.isSet(QStringLiteral("format")) ? p.value(QStringLiteral("format"))
                                                             : QStringLiteral("text");
    if (w.isEmpty()) {
        err << tr("error: --workspace is required") << Qt::endl;
        return 2;
    }
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err << tr("error: --format must be text or json") << Qt::endl;
        return 2;
    }
    if (auto info = store::Workspace::open(w); !info.ok()) {
        err << tr("error: ") << errorText(info.error()) << Qt::endl;
        return 1;
    }
    auto db = store::Workspace::connect(w);
    if (!db.ok()) {
        err << tr("error: ") << errorText(db.error()) << Qt::endl;
        return 1;
    }
    auto o = services::detectAndStore(db.value());
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

} // namespace agro::commands

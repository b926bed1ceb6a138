#include "restockcommands.h"

#include "services/restocksimulation.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDate>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}
QString dateOf(std::int64_t day) {
    return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate);
}
void row(QTextStream &out, const QString &name, const services::PolicyOutcome &o) {
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(name, -38)
               .arg(QString::number(100 * o.fillRate, 'f', 2) + QLatin1String(" %"), 9)
               .arg(QString::number(o.averageInventoryValue, 'f', 0), 12)
               .arg(o.stockoutDays, 9)
               .arg(o.orders, 7)
               .arg(QString::number(o.totalCost(), 'f', 0), 12);
}
} // namespace

int restockSimulate(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString w = p.value(QStringLiteral("workspace"));
    if (w.isEmpty()) {
        err << tr("error: --workspace is required") << Qt::endl;
        return 2;
    }
    services::RestockSimulationOptions o;
    bool ok = true;
    if (p.isSet(QStringLiteral("target")))
        o.targetFillRate = p.value(QStringLiteral("target")).toDouble(&ok);
    if (ok && p.isSet(QStringLiteral("days")))
        o.days = p.value(QStringLiteral("days")).toInt(&ok);
    if (!ok) {
        err << tr("error: --target must be a number between 0 and 1, --days a whole number")
            << Qt::endl;
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
    Progress progress;
    auto sim = services::simulateRestock(db.value(), o, progress);
    if (!sim.ok()) {
        err << tr("error: ") << errorText(sim.error()) << Qt::endl;
        return 1;
    }
    const auto &s = sim.value();
    out << tr("# restock policy replay, %1 to %2 (%3 days), target fill rate %4 %\n")
               .arg(dateOf(s.firstDay), dateOf(s.lastDay))
               .arg(s.lastDay - s.firstDay + 1)
               .arg(100 * s.targetFillRate, 0, 'f', 1);
    out << tr("# %1 products covered, %2 without enough history; %3 s\n")
               .arg(s.products)
               .arg(s.skipped)
               .arg(s.seconds, 0, 'f', 2);
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(tr("policy"), -38)
               .arg(tr("fill rate"), 9)
               .arg(tr("avg stock"), 12)
               .arg(tr("stockouts"), 9)
               .arg(tr("orders"), 7)
               .arg(tr("cost"), 12);
    row(out, tr("AgroDesk policy + forecast"), s.policy);
    row(out, tr("same policy, seasonal-naive forecast"), s.naive);
    row(out, tr("fixed level (4-month average)"), s.fixedLevel);
    row(out, tr("naive, tuned to the same fill rate"), s.naiveAtSameFill);
    row(out, tr("fixed, tuned to the same fill rate"), s.fixedAtSameFill);
    out << tr("# naive needed a target of %1 %; the fixed level needed %2 × the average over "
              "lead time + 1 day\n")
               .arg(100 * s.naiveTarget, 0, 'f', 1)
               .arg(s.fixedFactor, 0, 'f', 2);
    return 0;
}

} // namespace agro::commands

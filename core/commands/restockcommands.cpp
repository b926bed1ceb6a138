#include "restockcommands.h"

#include "io/csvreader.h"
#include "services/restockservice.h"
#include "services/restocksimulation.h"
#include "store/auditlog.h"
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

namespace {

Result<store::Connection> openFor(const QCommandLineParser &p) {
    const QString w = p.value(QStringLiteral("workspace"));
    if (w.isEmpty())
        return Error::make(ErrorCode::InvalidArgument, tr("--workspace is required"));
    auto info = store::Workspace::open(w);
    if (!info.ok())
        return info.error();
    return store::Workspace::connect(w);
}

int failWith(QTextStream &err, const Error &e) {
    err << tr("error: ") << errorText(e);
    if (!e.detail.isEmpty())
        err << " (" << e.detail << ")";
    err << Qt::endl;
    return e.code == ErrorCode::InvalidArgument ? 2 : 1;
}

void printProposals(QTextStream &out, const std::vector<services::ProposalView> &list) {
    out << "proposal_id,sku,farm,quantity,value,due,priority,confidence,gate,status,abc,xyz,rule\n";
    for (const auto &v : list)
        out << v.id << ',' << io::csvField(v.sku) << ',' << io::csvField(v.farmName) << ','
            << v.quantity << ',' << QString::number(v.value, 'f', 2) << ',' << dateOf(v.dueDay)
            << ',' << QString::number(v.priority, 'f', 0) << ','
            << QString::number(v.confidence, 'f', 2) << ',' << v.gate << ','
            << services::proposalStatusKey(v.status) << ',' << v.abc << ',' << v.xyz << ','
            << io::csvField(v.explanation.value(QStringLiteral("rule")).toString()) << '\n';
}

} // namespace

int restock(const QCommandLineParser &p, const QString &sub, QTextStream &out, QTextStream &err) {
    auto db = openFor(p);
    if (!db.ok())
        return failWith(err, db.error());
    if (sub == QLatin1String("propose")) {
        auto run = services::generateProposals(db.value());
        if (!run.ok())
            return failWith(err, run.error());
        err << tr("restock run %1 on forecast run %2 as of %3: %4 products, %5 proposals, %6 "
                  "auto-approved, %7 s")
                   .arg(run->runId, run->forecastRunId, dateOf(run->asOfDay))
                   .arg(run->products)
                   .arg(run->proposals)
                   .arg(run->autoApproved)
                   .arg(run->seconds, 0, 'f', 2)
            << Qt::endl;
        auto list = services::listProposals(db.value(), run->runId);
        if (!list.ok())
            return failWith(err, list.error());
        printProposals(out, list.value());
        return 0;
    }
    if (sub == QLatin1String("list")) {
        auto list = services::listProposals(db.value());
        if (!list.ok())
            return failWith(err, list.error());
        printProposals(out, list.value());
        return 0;
    }
    if (sub == QLatin1String("decide")) {
        const QString as = p.value(QStringLiteral("as"));
        if (as.isEmpty())
            return failWith(err,
                            Error::make(ErrorCode::InvalidArgument, tr("--as USER is required")));
        auto actor = services::actorByUsername(db.value(), as);
        if (!actor.ok())
            return failWith(err, actor.error());
        services::DecisionRequest r;
        r.proposalId = p.value(QStringLiteral("proposal"));
        const QString action = p.value(QStringLiteral("action"));
        if (action == QLatin1String("approve"))
            r.action = services::DecisionAction::Approve;
        else if (action == QLatin1String("reject"))
            r.action = services::DecisionAction::Reject;
        else if (action == QLatin1String("override"))
            r.action = services::DecisionAction::Override;
        else
            return failWith(err, Error::make(ErrorCode::InvalidArgument,
                                             tr("--action must be approve, reject or override")));
        bool ok = true;
        if (p.isSet(QStringLiteral("quantity")))
            r.quantity = p.value(QStringLiteral("quantity")).toDouble(&ok);
        if (!ok)
            return failWith(err,
                            Error::make(ErrorCode::InvalidArgument, tr("--quantity: a number")));
        r.reasonCode = p.value(QStringLiteral("reason"));
        r.reasonText = p.value(QStringLiteral("note"));
        auto d = services::decide(db.value(), actor.value(), r);
        if (!d.ok())
            return failWith(err, d.error());
        out << tr("%1: %2 %3 units (decision %4)\n")
                   .arg(r.proposalId, d->action)
                   .arg(d->quantity)
                   .arg(d->id);
        return 0;
    }
    if (sub == QLatin1String("log")) {
        const QString file = p.value(QStringLiteral("out"));
        if (file.isEmpty())
            return failWith(err,
                            Error::make(ErrorCode::InvalidArgument, tr("--out FILE is required")));
        auto rows = services::exportDecisionLog(db.value(), file);
        if (!rows.ok())
            return failWith(err, rows.error());
        out << tr("%1 decisions written to %2\n").arg(rows.value()).arg(file);
        return 0;
    }
    if (sub == QLatin1String("settings")) {
        const QString farm = p.value(QStringLiteral("farm"));
        if (farm.isEmpty())
            return failWith(err,
                            Error::make(ErrorCode::InvalidArgument, tr("--farm ID is required")));
        auto s = services::loadGateSettings(db.value(), farm);
        if (!s.ok())
            return failWith(err, s.error());
        const QStringList sets = p.values(QStringLiteral("set"));
        if (!sets.isEmpty()) {
            const QString as = p.value(QStringLiteral("as"));
            auto actor = services::actorByUsername(db.value(), as);
            if (!actor.ok())
                return failWith(err, actor.error());
            analytics::inventory::GateSettings g = s.value();
            for (const QString &kv : sets) {
                const QString key = kv.section(QLatin1Char('='), 0, 0);
                bool ok = false;
                const double v = kv.section(QLatin1Char('='), 1).toDouble(&ok);
                double *field =
                    key == QLatin1String(services::kSettingAutoConfidence)     ? &g.autoConfidence
                    : key == QLatin1String(services::kSettingReviewConfidence) ? &g.reviewConfidence
                    : key == QLatin1String(services::kSettingAutoApproveLimit) ? &g.autoApproveLimit
                    : key == QLatin1String(services::kSettingHardMaximum)      ? &g.hardMaximum
                    : key == QLatin1String(services::kSettingTargetFillRate)   ? &g.targetFillRate
                                                                               : nullptr;
                if (!field || !ok)
                    return failWith(
                        err, Error::make(ErrorCode::InvalidArgument,
                                         tr("--set %1: unknown key or not a number").arg(kv)));
                *field = v;
            }
            auto saved = services::saveGateSettings(db.value(), actor->userId, farm, g);
            if (!saved.ok())
                return failWith(err, saved.error());
            s = g;
        }
        out << services::kSettingAutoConfidence << '=' << s->autoConfidence << '\n'
            << services::kSettingReviewConfidence << '=' << s->reviewConfidence << '\n'
            << services::kSettingAutoApproveLimit << '=' << s->autoApproveLimit << '\n'
            << services::kSettingHardMaximum << '=' << s->hardMaximum << '\n'
            << services::kSettingTargetFillRate << '=' << s->targetFillRate << '\n';
        return 0;
    }
    if (sub == QLatin1String("overrides")) {
        auto review = services::reviewOverrides(db.value());
        if (!review.ok())
            return failWith(err, review.error());
        int model = 0, person = 0, pending = 0;
        out << "decided_at,sku,by,reason,proposed,chosen,needed,days_known,cover_days,closer\n";
        for (const auto &o : review.value()) {
            using V = services::OverrideOutcome::Verdict;
            const char *verdict = o.verdict == V::Model    ? "model"
                                  : o.verdict == V::Person ? "person"
                                  : o.verdict == V::Tie    ? "tie"
                                                           : "pending";
            model += o.verdict == V::Model;
            person += o.verdict == V::Person;
            pending += o.verdict == V::Pending;
            out << o.decidedAt.toString(Qt::ISODate) << ',' << io::csvField(o.sku) << ','
                << io::csvField(o.actorName) << ',' << o.reasonCode << ',' << o.proposed << ','
                << o.chosen << ','
                << (o.verdict == V::Pending ? QString() : QString::number(o.needed, 'f', 1)) << ','
                << o.daysKnown << ',' << o.coverDays << ',' << verdict << '\n';
        }
        err << tr("overrides: the model was closer %1 times, the person %2 times; %3 still open")
                   .arg(model)
                   .arg(person)
                   .arg(pending)
            << Qt::endl;
        return 0;
    }
    err << tr("error: restock propose|list|decide|log|settings|overrides") << Qt::endl;
    return 2;
}

int verifyAudit(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    auto db = openFor(p);
    if (!db.ok())
        return failWith(err, db.error());
    auto v = store::AuditLog::verify(db.value());
    if (!v.ok())
        return failWith(err, v.error());
    if (!v->ok()) {
        err << tr("audit log broken at entry %1: %2").arg(*v->firstBroken).arg(v->reason)
            << Qt::endl;
        return 1;
    }
    out << tr("audit log intact: %1 entries, every hash verified\n").arg(v->entries);
    return 0;
}

} // namespace agro::commands

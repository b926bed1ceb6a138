// The demo's alert inbox: the real detectors run over the generated data, then the demo
// people act on the older alerts as a team would — acknowledged within a day or so, resolved
// within days, a few annotated — so the inbox shows a history, not a wall of open alerts.
#include "demoalerts.h"

#include "analytics/random.h"
#include "services/detectionservice.h"

#include <QDateTime>
#include <QTimeZone>

namespace agro::demo {

namespace {
QString iso(std::int64_t ts) {
    return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}
} // namespace

Result<int> demoAlerts(store::Mutator &m, std::int64_t nowTs, std::uint64_t seed) {
    auto findings = services::runDetectors(m.db(), nullptr);
    if (!findings.ok())
        return findings.error();
    services::DetectionOutcome outcome;
    AGRO_TRY(services::storeFindings(m, findings.value(), outcome, iso(nowTs)));

    QString agronomist, manager;
    {
        auto st = m.db().prepare("SELECT id, username FROM users WHERE username IN "
                                 "('demo.agronomist', 'demo.manager')");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            (st->text(1) == QLatin1String("demo.agronomist") ? agronomist : manager) = st->text(0);
        }));
    }
    if (agronomist.isEmpty() || manager.isEmpty())
        return outcome.opened;

    struct Row {
        QString id, farm, source, detector;
        std::int64_t last = 0;
    };
    std::vector<Row> rows;
    {
        auto st = m.db().prepare("SELECT id, farm_id, source, detector, last_ts FROM alerts "
                                 "WHERE fingerprint <> '' ORDER BY first_ts, id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            rows.push_back({st->text(0), st->text(1), st->text(2), st->text(3), st->int64(4)});
        }));
    }
    analytics::Rng rng(seed ^ 0xa1e27ULL);
    auto event = [&](const Row &r, const char *action, const QString &actor, std::int64_t at,
                     const QString &note) {
        return m.insert(QStringLiteral("alert_events"), m.newId(),
                        {{QStringLiteral("farm_id"), r.farm},
                         {QStringLiteral("alert_id"), r.id},
                         {QStringLiteral("action"), QString::fromLatin1(action)},
                         {QStringLiteral("actor"), actor},
                         {QStringLiteral("at"), iso(at)},
                         {QStringLiteral("note"), note}});
    };
    for (const Row &r : rows) {
        const std::int64_t age = nowTs - r.last;
        if (age < 2 * 86400)
            continue; // still news
        const QString &who = r.source == QLatin1String("qc") ? manager : agronomist;
        const std::int64_t ack = r.last + rng.uniformInt(3600, 30 * 3600);
        if (ack >= nowTs)
            continue;
        AGRO_TRY(event(r, "acknowledge", who, ack, {}));
        QString status = QStringLiteral("acknowledged");
        if (rng.bernoulli(0.15))
            AGRO_TRY(event(r, "annotate", who, ack + 600,
                           r.detector == QLatin1String("sensor.dropout")
                               ? QStringLiteral("Gateway battery replaced.")
                           : r.source == QLatin1String("qc")
                               ? QStringLiteral("Supplier informed; next lots inspected twice.")
                               : QStringLiteral("Checked on site.")));
        const std::int64_t resolve = ack + rng.uniformInt(3600, 5 * 86400);
        if (age > 7 * 86400 && resolve < nowTs) {
            AGRO_TRY(event(r, "resolve", who, resolve, {}));
            status = QStringLiteral("resolved");
        }
        AGRO_TRY(m.update(QStringLiteral("alerts"), r.id, {{QStringLiteral("status"), status}}));
    }
    return outcome.opened;
}

} // namespace agro::demo

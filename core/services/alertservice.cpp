#include "alertservice.h"

#include <map>
#include <optional>

#include "store/auditlog.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "worker.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace agro::services {

namespace {

const char *const kAlertColumns =
    "SELECT a.id, a.farm_id, f.name, coalesce(a.field_id, ''), coalesce(fl.name, ''), a.source, "
    "a.kind, a.detector, a.severity, a.status, a.subject_id, a.title, a.explanation, a.assignee, "
    "coalesce(u.display_name, ''), a.opened_at, coalesce(a.first_ts, 0), coalesce(a.last_ts, 0), "
    "a.evidence_json, (SELECT count(*) FROM alert_events e WHERE e.alert_id = a.id) "
    "FROM alerts a JOIN farms f ON f.id = a.farm_id LEFT JOIN fields fl ON fl.id = a.field_id "
    "LEFT JOIN users u ON u.id = a.assignee ";

AlertRow readAlert(store::Statement &st) {
    AlertRow r;
    r.id = st.text(0);
    r.farmId = st.text(1);
    r.farmName = st.text(2);
    r.fieldId = st.text(3);
    r.fieldName = st.text(4);
    r.source = st.text(5);
    r.kind = st.text(6);
    r.detector = st.text(7);
    r.severity = st.text(8);
    r.status = st.text(9);
    r.subjectId = st.text(10);
    r.title = st.text(11);
    r.explanation = st.text(12);
    r.assignee = st.text(13);
    r.assigneeName = st.text(14);
    r.openedAt = QDateTime::fromString(st.text(15), Qt::ISODate);
    r.openedAt.setTimeZone(QTimeZone::utc());
    r.firstTs = st.int64(16);
    r.lastTs = st.int64(17);
    r.evidence = QJsonDocument::fromJson(st.text(18).toUtf8()).object();
    r.events = static_cast<int>(st.int64(19));
    return r;
}

bool mayAct(const QString &role, const QString &source) {
    if (role == QLatin1String("owner") || role == QLatin1String("manager") ||
        role == QLatin1String("agronomist"))
        return true;
    return role == QLatin1String("inspector") && source == QLatin1String("qc");
}

} // namespace

const char *alertActionKey(AlertAction a) {
    switch (a) {
    case AlertAction::Acknowledge:
        return "acknowledge";
    case AlertAction::Annotate:
        return "annotate";
    case AlertAction::Assign:
        return "assign";
    case AlertAction::Escalate:
        return "escalate";
    case AlertAction::Resolve:
        return "resolve";
    case AlertAction::Reopen:
        break;
    }
    return "reopen";
}

Result<std::vector<AlertRow>> listAlerts(store::Connection &db, const AlertFilter &f) {
    std::string sql = kAlertColumns;
    // An empty filter binds as NULL: "?n IS NULL" means "any".
    sql += "WHERE (?1 IS NULL OR a.farm_id = ?1) AND (?2 IS NULL OR a.field_id = ?2) "
           "AND (?3 IS NULL OR a.severity = ?3) "
           "AND (?4 IS NULL OR a.status = ?4 OR (?4 = 'active' AND a.status <> 'resolved')) "
           "AND (?5 IS NULL OR a.source = ?5) "
           "AND (?6 IS NULL OR instr(lower(a.title || ' ' || a.explanation), lower(?6)) > 0) "
           "ORDER BY CASE a.status WHEN 'resolved' THEN 1 ELSE 0 END, "
           "CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, "
           "coalesce(a.last_ts, 0) DESC, a.opened_at DESC, a.id LIMIT ?7";
    auto st = db.prepare(sql);
    if (!st.ok())
        return st.error();
    const QString values[] = {f.farmId, f.fieldId, f.severity,
                              f.status, f.source,  f.search.trimmed()};
    for (int i = 0; i < 6; ++i) {
        if (values[i].isEmpty())
            st->bindNull(i + 1);
        else
            st->bind(i + 1, values[i]);
    }
    st->bind(7, f.limit);
    std::vector<AlertRow> out;
    AGRO_TRY(st->forEachRow([&] { out.push_back(readAlert(st.value())); }));
    return out;
}

Result<AlertRow> alert(store::Connection &db, const QString &alertId) {
    auto st = db.prepare(std::string(kAlertColumns) + "WHERE a.id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, alertId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("alert %1").arg(alertId));
    return readAlert(st.value());
}

Result<std::vector<AlertEvent>> alertEvents(store::Connection &db, const QString &alertId) {
    auto st = db.prepare(
        "SELECT e.id, e.action, e.actor, coalesce(u.display_name, e.actor), e.note, e.assignee, "
        "coalesce(v.display_name, e.assignee), e.at FROM alert_events e "
        "LEFT JOIN users u ON u.id = e.actor LEFT JOIN users v ON v.id = e.assignee "
        "WHERE e.alert_id = ?1 ORDER BY e.at, e.id");
    if (!st.ok())
        return st.error();
    st->bind(1, alertId);
    std::vector<AlertEvent> out;
    AGRO_TRY(st->forEachRow([&] {
        AlertEvent e;
        e.id = st->text(0);
        e.action = st->text(1);
        e.actor = st->text(2);
        e.actorName = st->text(3);
        e.note = st->text(4);
        e.assignee = st->text(5);
        e.assigneeName = st->text(6);
        e.at = QDateTime::fromString(st->text(7), Qt::ISODateWithMs);
        e.at.setTimeZone(QTimeZone::utc());
        out.push_back(std::move(e));
    }));
    return out;
}

Result<int> newAlertCount(store::Connection &db) {
    auto v = db.scalar("SELECT count(*) FROM alerts WHERE status = 'open'");
    if (!v.ok())
        return v.error();
    return v->toInt();
}

QString statusFromEvents(const std::vector<AlertEvent> &events) {
    QString status = QStringLiteral("open");
    for (const auto &e : events) {
        if (e.action == QLatin1String("acknowledge"))
            status = QStringLiteral("acknowledged");
        else if (e.action == QLatin1String("escalate"))
            status = QStringLiteral("escalated");
        else if (e.action == QLatin1String("resolve"))
            status = QStringLiteral("resolved");
        else if (e.action == QLatin1String("reopen") || e.action == QLatin1String("open"))
            status = e.action == QLatin1String("open") && status != QLatin1String("open")
                         ? status
                         : QStringLiteral("open");
    }
    return status;
}

Result<int> rederiveAlertStates(store::Connection &db) {
    struct Derived {
        QString status, assignee;
        std::vector<AlertEvent> events;
    };
    std::map<QString, Derived> alerts;
    {
        auto st = db.prepare("SELECT e.alert_id, e.action, e.assignee, a.status, a.assignee "
                             "FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
                             "ORDER BY e.alert_id, e.at, e.id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            Derived &d = alerts[st->text(0)];
            AlertEvent e;
            e.action = st->text(1);
            e.assignee = st->text(2);
            d.status = st->text(3);
            d.assignee = st->text(4);
            d.events.push_back(std::move(e));
        }));
    }
    int changed = 0;
    std::optional<store::Mutator> m;
    for (const auto &[id, d] : alerts) {
        const QString status = statusFromEvents(d.events);
        QString assignee = d.assignee;
        for (const AlertEvent &e : d.events)
            if (e.action == QLatin1String("assign") && !e.assignee.isEmpty())
                assignee = e.assignee;
        store::Columns cols;
        if (status != d.status)
            cols.push_back({QStringLiteral("status"), status});
        if (assignee != d.assignee)
            cols.push_back({QStringLiteral("assignee"), assignee});
        if (cols.empty())
            continue;
        if (!m) {
            store::Mutator::Options derived;
            derived.derived = true;
            auto begun = store::Mutator::begin(db, derived);
            if (!begun.ok())
                return begun.error();
            m.emplace(std::move(begun).value());
        }
        AGRO_TRY(m->update(QStringLiteral("alerts"), id, cols));
        ++changed;
    }
    if (m)
        AGRO_TRY(m->commit());
    return changed;
}

Result<AlertEvent> actOnAlert(store::Connection &db, const Actor &actor,
                              const AlertActionRequest &r) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto a = alert(db, r.alertId);
    if (!a.ok())
        return a.error();
    auto role = roleOn(db, actor.userId, a->farmId);
    if (!role.ok())
        return role.error();
    const QString action = QString::fromLatin1(alertActionKey(r.action));
    if (!mayAct(role.value(), a->source)) {
        return refuse(
            db, actor, QStringLiteral("alert_events"), r.alertId,
            role->isEmpty()
                ? QStringLiteral("%1 has no role on %2").arg(actor.displayName, a->farmName)
                : QStringLiteral("a %1 cannot %2 %3 alerts").arg(role.value(), action, a->source));
    }
    const bool resolved = a->status == QLatin1String("resolved");
    auto wrongState = [&](const QString &why) {
        Error e = Error::make(ErrorCode::InvalidArgument, why);
        e.field = QStringLiteral("action");
        return e;
    };
    switch (r.action) {
    case AlertAction::Acknowledge:
        if (a->status != QLatin1String("open"))
            return wrongState(
                QStringLiteral("only an open alert can be acknowledged (this one is %1)")
                    .arg(a->status));
        break;
    case AlertAction::Escalate:
    case AlertAction::Resolve:
        if (resolved)
            return wrongState(QStringLiteral("the alert is already resolved; reopen it first"));
        break;
    case AlertAction::Reopen:
        if (!resolved)
            return wrongState(QStringLiteral("only a resolved alert can be reopened"));
        break;
    case AlertAction::Annotate:
        if (r.note.trimmed().isEmpty()) {
            Error e = Error::make(ErrorCode::InvalidArgument, QStringLiteral("a note is empty"));
            e.field = QStringLiteral("note");
            return e;
        }
        break;
    case AlertAction::Assign: {
        auto assigneeRole = roleOn(db, r.assignee, a->farmId);
        if (!assigneeRole.ok())
            return assigneeRole.error();
        if (assigneeRole->isEmpty() || !mayAct(assigneeRole.value(), a->source)) {
            Error e = Error::make(ErrorCode::InvalidArgument,
                                  QStringLiteral("the assignee cannot act on this alert's farm"));
            e.field = QStringLiteral("assignee");
            return e;
        }
        break;
    }
    }

    AlertEvent ev;
    ev.action = action;
    ev.actor = actor.userId;
    ev.actorName = actor.displayName;
    ev.note = r.note.trimmed();
    ev.assignee = r.action == AlertAction::Assign ? r.assignee : QString();
    ev.at = QDateTime::currentDateTimeUtc();
    // An alert's events are ordered by time: two actions within the same millisecond (a quick
    // resolve and reopen) would otherwise tie, and the tie-break by id is not the order they
    // were taken in. Each event is at least 1 ms after the alert's previous one; the time is
    // stored, so every replica orders them alike.
    {
        auto before = alertEvents(db, a->id);
        if (!before.ok())
            return before.error();
        for (const auto &e : before.value())
            if (e.at >= ev.at)
                ev.at = e.at.addMSecs(1);
    }
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    ev.id = m->newId();
    const QString at = ev.at.toString(Qt::ISODateWithMs);
    AGRO_TRY(m->insert(QStringLiteral("alert_events"), ev.id,
                       {{QStringLiteral("farm_id"), a->farmId},
                        {QStringLiteral("alert_id"), a->id},
                        {QStringLiteral("action"), ev.action},
                        {QStringLiteral("actor"), ev.actor},
                        {QStringLiteral("at"), at},
                        {QStringLiteral("note"), ev.note},
                        {QStringLiteral("assignee"), ev.assignee}}));
    auto events = alertEvents(m->db(), a->id);
    if (!events.ok())
        return events.error();
    store::Columns cache{{QStringLiteral("status"), statusFromEvents(events.value())}};
    if (!ev.assignee.isEmpty())
        cache.push_back({QStringLiteral("assignee"), ev.assignee});
    AGRO_TRY(m->update(QStringLiteral("alerts"), a->id, cache));
    const QJsonObject detail{{QStringLiteral("action"), ev.action},
                             {QStringLiteral("title"), a->title},
                             {QStringLiteral("role"), role.value()},
                             {QStringLiteral("note"), ev.note}};
    AGRO_TRY(store::AuditLog::append(
        m->db(),
        {actor.userId, QStringLiteral("alert.") + ev.action, QStringLiteral("alert"), a->id,
         QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), at}));
    AGRO_TRY(m->commit());
    return ev;
}

Result<EvidenceSeries> evidenceSeries(store::Connection &db, const QString &alertId) {
    auto a = alert(db, alertId);
    if (!a.ok())
        return a.error();
    EvidenceSeries s;
    s.from = a->firstTs;
    s.to = a->lastTs;
    const QJsonValue base = a->evidence.value(QStringLiteral("baseline"));
    if (base.isDouble())
        s.baseline = base.toDouble();
    if (a->source == QLatin1String("sensor")) {
        auto st = db.prepare("SELECT lid, name, unit, low_threshold, high_threshold FROM sensors "
                             "WHERE id = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, a->subjectId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return Error::make(ErrorCode::NotFound, QStringLiteral("sensor %1").arg(a->subjectId));
        const std::int64_t lid = st->int64(0);
        s.title = st->text(1);
        s.unit = st->text(2);
        s.measure = a->kind;
        if (!st->isNull(3))
            s.low = st->real(3);
        if (!st->isNull(4))
            s.high = st->real(4);
        // A day either side, at most 21 days in all, so the chart stays readable.
        const std::int64_t span = std::min<std::int64_t>(s.to - s.from, 19 * 86400);
        auto rd = db.prepare("SELECT ts, value FROM sensor_readings WHERE sensor = ?1 AND ts "
                             "BETWEEN ?2 AND ?3 ORDER BY ts");
        if (!rd.ok())
            return rd.error();
        rd->bind(1, lid);
        rd->bind(2, qint64(s.from - 86400));
        rd->bind(3, qint64(s.from + span + 86400));
        AGRO_TRY(rd->forEachRow([&] { s.points.emplace_back(rd->int64(0), rd->real(1)); }));
        return s;
    }
    // QC: the measure over the supplier's inspections of the category, 60 days around it.
    const QString measure = a->evidence.value(QStringLiteral("measure")).toString();
    const QString category = a->evidence.value(QStringLiteral("category")).toString();
    const QString supplier = a->evidence.value(QStringLiteral("supplier")).toString();
    s.measure = measure;
    s.title = supplier.isEmpty() ? measure : QStringLiteral("%1 — %2").arg(measure, supplier);
    auto st = db.prepare(
        "SELECT i.inspected_at, json_extract(i.values_json, '$.' || ?1) FROM qc_inspections i "
        "LEFT JOIN lots l ON l.id = i.lot_id WHERE i.category_id = ?2 AND coalesce(l.supplier, "
        "'') = ?3 AND i.inspected_at BETWEEN ?4 AND ?5 ORDER BY i.inspected_at");
    if (!st.ok())
        return st.error();
    auto iso = [](std::int64_t ts) {
        return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).toString(Qt::ISODate);
    };
    st->bind(1, measure);
    st->bind(2, category);
    st->bind(3, supplier);
    st->bind(4, iso(s.from - 30 * 86400));
    st->bind(5, iso(s.to + 30 * 86400));
    AGRO_TRY(st->forEachRow([&] {
        if (st->isNull(1))
            return;
        const QDateTime t = QDateTime::fromString(st->text(0), Qt::ISODate);
        s.points.emplace_back(t.toSecsSinceEpoch(), st->real(1));
    }));
    return s;
}

QCoro::Task<Result<std::vector<AlertRow>>> AlertService::list(QString workspace,
                                                              AlertFilter filter) {
    auto work = [workspace, filter]() -> Result<std::vector<AlertRow>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return listAlerts(db.value(), filter);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<AlertEvent>>> AlertService::events(QString workspace,
                                                                  QString alertId) {
    auto work = [workspace, alertId]() -> Result<std::vector<AlertEvent>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return alertEvents(db.value(), alertId);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<EvidenceSeries>> AlertService::evidence(QString workspace, QString alertId) {
    auto work = [workspace, alertId]() -> Result<EvidenceSeries> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return evidenceSeries(db.value(), alertId);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<int>> AlertService::newCount(QString workspace) {
    auto work = [workspace]() -> Result<int> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return newAlertCount(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<AlertEvent>> AlertService::act(QString workspace, Actor actor,
                                                  AlertActionRequest request) {
    auto work = [workspace, actor, request]() -> Result<AlertEvent> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return actOnAlert(db.value(), actor, request);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<Actor>>> AlertService::assignable(QString workspace, QString farmId,
                                                                 QString source) {
    auto work = [workspace, farmId, source]() -> Result<std::vector<Actor>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        QStringList roles{QStringLiteral("owner"), QStringLiteral("manager"),
                          QStringLiteral("agronomist")};
        if (source == QLatin1String("qc"))
            roles << QStringLiteral("inspector");
        return usersOnFarm(db.value(), farmId, roles);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

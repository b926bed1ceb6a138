// The sync server as a real process on 127.0.0.1 and the client against it (docs/sync.md):
// convergence and conflicts through HTTP, idempotent pushes, the authorization matrix over
// endpoints × roles × membership (with forged farm and row ids), clock skew, login throttling,
// TLS (self-signed, wrong host, expired, pinned), plain HTTP only on loopback, and the
// mass-delete guard.
//
// Built a second time with AGRODESK_SERVER_ON_POSTGRES (tst_syncserver_postgres, label
// "postgres"): the same checks with the server's store in a PostgreSQL cluster the test
// starts (the TLS and loopback checks start their own servers on SQLite files).

#include "devcertificate.h"
#include "security/permissions.h"
#include "serverprocess.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "sync/changecodec.h"
#include "sync/hlc.h"
#include "sync/outbox.h"
#include "sync/sanity.h"
#include "sync/syncclient.h"
#include "sync/uuid7.h"
#include "testsupport.h"

#ifdef AGRODESK_SERVER_ON_POSTGRES
#include "postgresinstance.h"
#endif

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace agro;

namespace {

const QByteArray kPassword = "correct horse battery staple";
const QStringList kAccounts = {QStringLiteral("ana"), QStringLiteral("ben"),
                               QStringLiteral("al"),  QStringLiteral("ivy"),
                               QStringLiteral("vic"), QStringLiteral("otto")};

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

/// One local edit through the Mutator, as the app's services make them.
void edit(const QString &ws, const std::function<Result<void>(store::Mutator &)> &work) {
    auto db = test::connect(ws);
    auto m = store::Mutator::begin(db);
    QVERIFY2(m.ok(), test::why(m).constData());
    auto r = work(m.value());
    QVERIFY2(r.ok(), test::why(r).constData());
    QVERIFY(m->commit().ok());
}

QString textOf(const QString &ws, const char *sql) {
    auto db = test::connect(ws);
    return test::textOf(db, sql);
}

} // namespace

class TestSyncServer : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    std::unique_ptr<test::ServerProcess> m_server;
#ifdef AGRODESK_SERVER_ON_POSTGRES
    test::PostgresInstance m_pg;
#endif
    QString m_farm; // "Hill farm", created by ana's first sync
    QString m_wsA, m_wsB;

    Result<sync::RoundReport> syncAs(const QString &ws, const QString &user,
                                     sync::RoundOptions options = {}, const QString &url = {}) {
        sync::SyncClient client(ws);
        sync::ServerLink link;
        link.url = QUrl(url.isEmpty() ? m_server->url() : url);
        auto login = test::runTask(client.login(link, user, QString::fromLatin1(kPassword)));
        if (!login.ok())
            return login.error();
        link.token = login->token;
        auto round = test::runTask(client.syncRound(link, options));
        (void)test::runTask(client.logout(link));
        return round;
    }

    QString token(const QString &user) {
        const auto r = test::http(
            QStringLiteral("POST"), m_server->url() + QStringLiteral("/v1/login"),
            QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                      {QStringLiteral("password"), QString::fromLatin1(kPassword)}})
                .toJson());
        return r.json.value(QStringLiteral("token")).toString();
    }

    qint64 serverChanges() {
        auto db = test::connect(m_server->database());
        return test::intOf(db, "SELECT count(*) FROM change_log");
    }

    test::HttpReply pushChanges(const QString &tok, const sync::Changes &changes,
                                const QString &batch = {}) {
        static sync::Uuid7Generator ids = sync::Uuid7Generator::system();
        const QJsonObject body{{QStringLiteral("batch"), batch.isEmpty() ? ids.next() : batch},
                               {QStringLiteral("node"), QStringLiteral("abc")},
                               {QStringLiteral("client_time_ms"), QString::number(nowMs())},
                               {QStringLiteral("changes"), sync::encodeChanges(changes)}};
        return test::http(QStringLiteral("POST"), m_server->url() + QStringLiteral("/v1/push"),
                          QJsonDocument(body).toJson(), tok);
    }

    static sync::Change cell(const QString &table, const QString &row, const QString &farm,
                             const QString &col, const QVariant &value) {
        sync::Change c;
        c.table = table;
        c.rowId = row;
        c.farmId = farm;
        c.column = col;
        c.value = value;
        static std::int64_t last = 0;
        last = std::max(last + 1, sync::Hlc{nowMs(), 0}.packed());
        c.version = {last, QStringLiteral("abc")};
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
#ifdef AGRODESK_SERVER_ON_POSTGRES
        QVERIFY2(m_pg.start(), qPrintable(m_pg.why()));
        QVERIFY2(m_pg.createDatabase(QStringLiteral("agrodesk")), qPrintable(m_pg.why()));
        m_server = std::make_unique<test::ServerProcess>(m_pg.url(QStringLiteral("agrodesk")));
#else
        m_server = std::make_unique<test::ServerProcess>(m_dir.path(QStringLiteral("server.db")));
#endif
        for (const QString &name : kAccounts)
            QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("add"), name,
                                      QStringLiteral("--password-stdin")},
                                     kPassword + '\n'),
                     0);
        QVERIFY2(m_server->start(), qPrintable(m_server->log()));

        // Ana's workspace: a farm with a field, made offline.
        m_wsA = m_dir.path(QStringLiteral("a.agrodesk"));
        QVERIFY(store::Workspace::create(m_wsA).ok());
        edit(m_wsA, [&](store::Mutator &m) -> Result<void> {
            m_farm = m.newId();
            AGRO_TRY(m.insert(QStringLiteral("farms"), m_farm,
                              {{QStringLiteral("name"), QStringLiteral("Hill farm")}}));
            return m.insert(QStringLiteral("fields"), m.newId(),
                            {{QStringLiteral("farm_id"), m_farm},
                             {QStringLiteral("name"), QStringLiteral("North")},
                             {QStringLiteral("area_ha"), 10.0}});
        });
    }

    void healthAndMetrics() {
        auto h = test::http(QStringLiteral("GET"), m_server->url() + QStringLiteral("/health"));
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        auto m = test::http(QStringLiteral("GET"), m_server->url() + QStringLiteral("/metrics"));
        QCOMPARE(m.status, 200);
        QVERIFY(m.body.contains("agrodesk_http_requests_total{route=\"health\",status=\"200\"} "));
        QVERIFY(m.body.contains("# TYPE agrodesk_http_request_duration_seconds histogram"));
    }

    void aNewWorkspaceIsFilledFromTheServer() {
        auto a = syncAs(m_wsA, QStringLiteral("ana"));
        QVERIFY2(a.ok(), test::why(a).constData());
        QCOMPARE(a->pushed, 4); // the farm's name; the field's farm, name and area
        // Ana created the farm, so she owns it; the others get roles on it by name.
        const QList<QPair<QString, QString>> grants = {
            {QStringLiteral("ben"), QStringLiteral("manager")},
            {QStringLiteral("al"), QStringLiteral("agronomist")},
            {QStringLiteral("ivy"), QStringLiteral("inspector")},
            {QStringLiteral("vic"), QStringLiteral("viewer")}};
        for (const auto &[user, role] : grants) {
            QString out;
            QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("grant"), user,
                                      QStringLiteral("--farm"), QStringLiteral("Hill farm"),
                                      QStringLiteral("--role"), role},
                                     {}, &out),
                     0);
            QVERIFY2(out.contains(m_farm), qPrintable(out));
        }
        m_wsB = m_dir.path(QStringLiteral("b.agrodesk"));
        QVERIFY(store::Workspace::create(m_wsB).ok());
        auto b = syncAs(m_wsB, QStringLiteral("ben"));
        QVERIFY2(b.ok(), test::why(b).constData());
        QCOMPARE(b->pulled, a->pushed);
        QCOMPARE(textOf(m_wsB, "SELECT name FROM fields"), QStringLiteral("North"));
        auto dbA = test::connect(m_wsA);
        auto dbB = test::connect(m_wsB);
        auto da = sync::computeDigest(dbA, {m_farm}, true);
        auto db = sync::computeDigest(dbB, {m_farm}, true);
        QVERIFY(sync::compareDigests(da.value(), db.value()).isEmpty());
    }

    void concurrentEditsConvergeAndTheLoserIsKept() {
        const QString field = textOf(m_wsA, "SELECT id FROM fields");
        // Offline: both rename the field; Ana also changes the area, Ben the soil.
        edit(m_wsA, [&](store::Mutator &m) {
            return m.update(QStringLiteral("fields"), field,
                            {{QStringLiteral("name"), QStringLiteral("North (Ana)")},
                             {QStringLiteral("area_ha"), 12.5}});
        });
        QThread::msleep(5);
        edit(m_wsB, [&](store::Mutator &m) {
            return m.update(QStringLiteral("fields"), field,
                            {{QStringLiteral("name"), QStringLiteral("North (Ben)")},
                             {QStringLiteral("soil_type"), QStringLiteral("clay")}});
        });
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        auto b = syncAs(m_wsB, QStringLiteral("ben"));
        QVERIFY2(b.ok(), test::why(b).constData());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        for (const QString &ws : {m_wsA, m_wsB}) {
            // Ben's rename is later, so it wins; both non-conflicting edits survive.
            QCOMPARE(textOf(ws, "SELECT name FROM fields"), QStringLiteral("North (Ben)"));
            QCOMPARE(textOf(ws, "SELECT area_ha FROM fields"), QStringLiteral("12.5"));
            QCOMPARE(textOf(ws, "SELECT soil_type FROM fields"), QStringLiteral("clay"));
        }
        // Ana's replica kept her overwritten name, with who won and from where.
        auto db = test::connect(m_wsA);
        auto st = db.prepare("SELECT lost_value, won_value, won_author, won_node FROM "
                             "sync_conflicts WHERE col = 'name'");
        QVERIFY(st->step().value());
        QCOMPARE(st->text(0), QStringLiteral("North (Ana)"));
        QCOMPARE(st->text(1), QStringLiteral("North (Ben)"));
        QCOMPARE(st->text(2), QStringLiteral("ben"));
        QVERIFY(!st->text(3).isEmpty());
        QVERIFY(!st->step().value());
        auto dbB = test::connect(m_wsB);
        QVERIFY(sync::compareDigests(sync::computeDigest(db, {m_farm}, true).value(),
                                     sync::computeDigest(dbB, {m_farm}, true).value())
                    .isEmpty());
    }

    void aReplayedBatchChangesNothing() {
        const QString tok = token(QStringLiteral("ben"));
        QVERIFY(!tok.isEmpty());
        const QString field = textOf(m_wsA, "SELECT id FROM fields");
        const sync::Changes one{cell(QStringLiteral("fields"), field, m_farm,
                                     QStringLiteral("soil_type"), QStringLiteral("sand"))};
        const QString batch = sync::Uuid7Generator::system().next();
        const qint64 before = serverChanges();
        auto first = pushChanges(tok, one, batch);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QStringLiteral("accepted")).toInt(), 1);
        const QByteArray hash = test::contentHash(m_server->database());
        auto again = pushChanges(tok, one, batch);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json, first.json);
        // The same changes under another batch id are duplicates.
        auto other = pushChanges(tok, one);
        QCOMPARE(other.json.value(QStringLiteral("duplicates")).toInt(), 1);
        QCOMPARE(other.json.value(QStringLiteral("accepted")).toInt(), 0);
        QCOMPARE(serverChanges(), before + 1);
        // Only the new batch's record differs; no change entry was added.
        QVERIFY(hash != test::contentHash(m_server->database()));
    }

    void authorizationMatrix() {
        // Every synced table × create/update/delete × every role, plus an outsider. A row
        // per (table, role) is created first by the owner so that update and delete have a
        // target. Each refusal must leave the change log as it was.
        const QString ownerTok = token(QStringLiteral("ana"));
        const QMap<QString, QString> roles = {{QStringLiteral("ana"), QStringLiteral("owner")},
                                              {QStringLiteral("ben"), QStringLiteral("manager")},
                                              {QStringLiteral("al"), QStringLiteral("agronomist")},
                                              {QStringLiteral("ivy"), QStringLiteral("inspector")},
                                              {QStringLiteral("vic"), QStringLiteral("viewer")},
                                              {QStringLiteral("otto"), QString()}};
        QMap<QString, QString> tokens;
        for (auto it = roles.begin(); it != roles.end(); ++it)
            tokens[it.key()] = token(it.key());
        sync::Uuid7Generator ids = sync::Uuid7Generator::system();
        auto db = test::connect(m_server->database());
        int attempts = 0, forbidden = 0, refused = 0;
        for (const QString &table : sync::syncedTables()) {
            if (table == QLatin1String("farms"))
                continue; // farms: below
            QString col;
            {
                const auto columns = db.columns(table);
                for (const store::ColumnInfo &c : columns.value())
                    if (col.isEmpty() && c.name != QLatin1String("lid") &&
                        c.name != QLatin1String("id") && c.name != QLatin1String("farm_id"))
                        col = c.name;
                QVERIFY(!col.isEmpty());
            }
            for (auto it = roles.begin(); it != roles.end(); ++it) {
                const QString row = ids.next();
                const auto made =
                    pushChanges(ownerTok, {cell(table, row, m_farm, col, QStringLiteral("v0"))});
                QVERIFY2(made.status == 200, made.body.constData());
                for (security::Action action : {security::Action::Create, security::Action::Update,
                                                security::Action::Delete}) {
                    const QString target = action == security::Action::Create ? ids.next() : row;
                    const sync::Change c =
                        action == security::Action::Delete
                            ? cell(table, target, m_farm, sync::deletedColumn(),
                                   QStringLiteral("{}"))
                            : cell(table, target, m_farm, col, QStringLiteral("v1"));
                    const bool allowed =
                        !it.value().isEmpty() && security::allowed(it.value(), table, action);
                    const qint64 before = serverChanges();
                    auto r = pushChanges(tokens[it.key()], {c});
                    ++attempts;
                    if (!allowed) {
                        ++forbidden;
                        if (r.status == 403 && serverChanges() == before)
                            ++refused;
                        else
                            qWarning()
                                << it.key() << it.value() << table << security::actionName(action)
                                << "was not refused:" << r.status << r.body;
                    } else {
                        QVERIFY2(r.status == 200, qPrintable(QStringLiteral("%1 (%2) %3 %4: %5")
                                                                 .arg(it.key(), it.value(), table,
                                                                      security::actionName(action),
                                                                      QString::fromUtf8(r.body))));
                    }
                }
            }
        }
        // Forged ids: Otto creates his own farm, then writes into Hill farm's rows by claiming
        // his farm for them, or moves a row; Al moves a Hill farm row to Otto's farm.
        const QString ottoFarm = ids.next();
        QCOMPARE(pushChanges(tokens[QStringLiteral("otto")],
                             {cell(QStringLiteral("farms"), ottoFarm, ottoFarm,
                                   QStringLiteral("name"), QStringLiteral("Otto's"))})
                     .status,
                 200);
        const QString field = textOf(m_wsA, "SELECT id FROM fields");
        const QList<QPair<QString, sync::Change>> forged = {
            {QStringLiteral("otto"), cell(QStringLiteral("fields"), field, ottoFarm,
                                          QStringLiteral("name"), QStringLiteral("mine"))},
            {QStringLiteral("otto"), cell(QStringLiteral("fields"), field, m_farm,
                                          QStringLiteral("name"), QStringLiteral("mine"))},
            {QStringLiteral("otto"), cell(QStringLiteral("farms"), m_farm, m_farm,
                                          QStringLiteral("name"), QStringLiteral("mine"))},
            {QStringLiteral("otto"), cell(QStringLiteral("fields"), ids.next(), ottoFarm,
                                          QStringLiteral("farm_id"), m_farm)},
            {QStringLiteral("al"),
             cell(QStringLiteral("fields"), field, m_farm, QStringLiteral("farm_id"), ottoFarm)},
            {QStringLiteral("al"), cell(QStringLiteral("fields"), field, ottoFarm,
                                        QStringLiteral("name"), QStringLiteral("x"))},
            {QStringLiteral("vic"), cell(QStringLiteral("farms"), ids.next(), QString(),
                                         QStringLiteral("name"), QStringLiteral("x"))},
            {QStringLiteral("vic"),
             [&] {
                 const QString f = ids.next();
                 return cell(QStringLiteral("farms"), f, f, QStringLiteral("name"),
                             QStringLiteral("viewer's own"));
             }()},
            {QStringLiteral("ivy"), cell(QStringLiteral("crops"), ids.next(), QString(),
                                         QStringLiteral("name"), QStringLiteral("shared"))},
        };
        for (const auto &[user, change] : forged) {
            const qint64 before = serverChanges();
            auto r = pushChanges(tokens[user], {change});
            ++attempts;
            ++forbidden;
            if (r.status == 403 && serverChanges() == before)
                ++refused;
            else
                qWarning() << "forged change by" << user << "was not refused:" << r.status
                           << r.body;
        }
        // A batch with one forbidden change among allowed ones writes nothing at all.
        {
            const qint64 before = serverChanges();
            auto r = pushChanges(tokens[QStringLiteral("al")],
                                 {cell(QStringLiteral("fields"), ids.next(), m_farm,
                                       QStringLiteral("name"), QStringLiteral("ok")),
                                  cell(QStringLiteral("cost_entries"), ids.next(), m_farm,
                                       sync::deletedColumn(), QStringLiteral("{}"))});
            ++attempts;
            ++forbidden;
            if (r.status == 403 && serverChanges() == before)
                ++refused;
        }
        // Reading: Otto sees his farm and the shared catalogue, never Hill farm.
        auto pull = test::http(QStringLiteral("GET"),
                               m_server->url() + QStringLiteral("/v1/pull?after=0&node=ff&time=") +
                                   QString::number(nowMs()),
                               {}, tokens[QStringLiteral("otto")]);
        QCOMPARE(pull.status, 200);
        for (const QJsonValue &v : pull.json.value(QStringLiteral("changes")).toArray())
            QVERIFY(v[QStringLiteral("f")].toString() != m_farm);
        auto sanity =
            test::http(QStringLiteral("GET"), m_server->url() + QStringLiteral("/v1/sanity"), {},
                       tokens[QStringLiteral("otto")]);
        QVERIFY(!sanity.json.value(QStringLiteral("digest")).toObject().contains(m_farm));
        QVERIFY(sanity.json.value(QStringLiteral("digest")).toObject().contains(ottoFarm));
        // Without a session nothing answers but login and health.
        for (const QString &path : {QStringLiteral("/v1/push"), QStringLiteral("/v1/logout")})
            QCOMPARE(test::http(QStringLiteral("POST"), m_server->url() + path, "{}",
                                QStringLiteral("forged-token"))
                         .status,
                     401);
        for (const QString &path : {QStringLiteral("/v1/pull"), QStringLiteral("/v1/sanity")})
            QCOMPARE(test::http(QStringLiteral("GET"), m_server->url() + path).status, 401);
        qInfo("%d attempts, %d forbidden, %d refused with nothing written", attempts, forbidden,
              refused);
        QVERIFY(forbidden > 100);
        QCOMPARE(refused, forbidden);
    }

    void aClockOffByMoreThanFiveMinutesIsRefused() {
        const QString tok = token(QStringLiteral("ben"));
        const QJsonObject body{
            {QStringLiteral("batch"), sync::Uuid7Generator::system().next()},
            {QStringLiteral("node"), QStringLiteral("abc")},
            {QStringLiteral("client_time_ms"), QString::number(nowMs() + 11 * 60000)},
            {QStringLiteral("changes"), QJsonArray()}};
        auto r = test::http(QStringLiteral("POST"), m_server->url() + QStringLiteral("/v1/push"),
                            QJsonDocument(body).toJson(), tok);
        QCOMPARE(r.status, 409);
        QVERIFY(r.json.value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("minutes ahead of")));
        auto pull = test::http(QStringLiteral("GET"),
                               m_server->url() + QStringLiteral("/v1/pull?after=0&time=") +
                                   QString::number(nowMs() - 6 * 60000),
                               {}, tok);
        QCOMPARE(pull.status, 409);
    }

    void bruteForceIsThrottledAndOthersUnaffected() {
        int checked = 0, throttled = 0;
        qint64 retryAfter = 0;
        const QByteArray wrong = R"({"username":"vic","password":"wrong password!"})";
        for (int i = 0; i < 1000; ++i) {
            auto r = test::http(QStringLiteral("POST"),
                                m_server->url() + QStringLiteral("/v1/login"), wrong);
            if (r.status == 401)
                ++checked;
            else if (r.status == 429) {
                ++throttled;
                retryAfter = r.json.value(QStringLiteral("retry_after_ms")).toString().toLongLong();
                QVERIFY(!r.header("Retry-After").isEmpty());
            } else
                QFAIL(qPrintable(QStringLiteral("status %1").arg(r.status)));
        }
        qInfo("1000 wrong sign-ins: %d checked, %d refused unchecked", checked, throttled);
        // 3 free, then waits of 1, 2, 4… s: a thousand quick tries get a handful of checks.
        QVERIFY(checked >= 3 && checked <= 10);
        QCOMPARE(checked + throttled, 1000);
        // Wait out the back-off and fail once more: a fresh failure starts a longer wait, in
        // which even the right password is refused unchecked.
        QTest::qWait(static_cast<int>(retryAfter) + 100);
        auto fresh = test::http(QStringLiteral("POST"),
                                m_server->url() + QStringLiteral("/v1/login"), wrong);
        QCOMPARE(fresh.status, 401);
        const QByteArray right = R"({"username":"vic","password":"correct horse battery staple"})";
        auto early = test::http(QStringLiteral("POST"),
                                m_server->url() + QStringLiteral("/v1/login"), right);
        QCOMPARE(early.status, 429);
        retryAfter = early.json.value(QStringLiteral("retry_after_ms")).toString().toLongLong();
        QVERIFY(retryAfter > 1000);
        // Another account signs in at once, from the same address.
        QVERIFY(!token(QStringLiteral("ivy")).isEmpty());
        // Vic's right password works once the wait is over.
        QTest::qWait(static_cast<int>(retryAfter) + 200);
        QVERIFY(!token(QStringLiteral("vic")).isEmpty());
    }

    void alertStatesFollowTheMergedEvents() {
        // Ana acknowledges an alert, Ben resolves it later by the events' times, but Ben's
        // computer clock is behind, so Ana's cached status would win cell by cell. After the
        // sync both show what the merged events imply: resolved.
        QString alertId;
        const auto at = [](int s) {
            return QStringLiteral("2026-11-24T08:00:%1.000Z").arg(s, 2, 10, QLatin1Char('0'));
        };
        auto act = [&](const QString &ws, std::int64_t wall, const QString &action, int second) {
            auto db = test::connect(ws);
            store::Mutator::Options o;
            o.wall = [wall] { return wall; };
            auto m = store::Mutator::begin(db, o);
            QVERIFY(m.ok());
            if (alertId.isEmpty()) {
                alertId = m->newId();
                QVERIFY(m->insert(QStringLiteral("alerts"), alertId,
                                  {{QStringLiteral("farm_id"), m_farm},
                                   {QStringLiteral("source"), QStringLiteral("sensor")},
                                   {QStringLiteral("kind"), QStringLiteral("range")},
                                   {QStringLiteral("severity"), QStringLiteral("warning")},
                                   {QStringLiteral("title"), QStringLiteral("Soil too dry")},
                                   {QStringLiteral("opened_at"), at(0)}})
                            .ok());
            }
            QVERIFY(m->insert(QStringLiteral("alert_events"), m->newId(),
                              {{QStringLiteral("farm_id"), m_farm},
                               {QStringLiteral("alert_id"), alertId},
                               {QStringLiteral("action"), action},
                               {QStringLiteral("actor"), QStringLiteral("someone")},
                               {QStringLiteral("at"), at(second)}})
                        .ok());
            QVERIFY(
                m->update(QStringLiteral("alerts"), alertId,
                          {{QStringLiteral("status"),
                            action == QLatin1String("open")      ? QStringLiteral("open")
                            : action == QLatin1String("resolve") ? QStringLiteral("resolved")
                                                                 : QStringLiteral("acknowledged")}})
                    .ok());
            QVERIFY(m->commit().ok());
        };
        const std::int64_t now = nowMs();
        act(m_wsA, now, QStringLiteral("open"), 0);
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        act(m_wsB, now + 1000, QStringLiteral("resolve"), 20);       // later event, earlier write
        act(m_wsA, now + 120000, QStringLiteral("acknowledge"), 10); // Ana's clock is ahead
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        const QByteArray sql =
            QStringLiteral("SELECT status FROM alerts WHERE id = '%1'").arg(alertId).toUtf8();
        for (const QString &ws : {m_wsA, m_wsB}) {
            auto db = test::connect(ws);
            QCOMPARE(test::textOf(db, sql.constData()), QStringLiteral("resolved"));
            QCOMPARE(test::intOf(db, QStringLiteral(
                                         "SELECT count(*) FROM alert_events WHERE alert_id = '%1'")
                                         .arg(alertId)
                                         .toUtf8()
                                         .constData()),
                     3);
        }
    }

    void theMassDeleteGuardAsksFirst() {
        QString farm;
        edit(m_wsA, [&](store::Mutator &m) -> Result<void> {
            farm = m.newId();
            AGRO_TRY(m.insert(QStringLiteral("farms"), farm,
                              {{QStringLiteral("name"), QStringLiteral("Big farm")}}));
            for (int i = 0; i < 20; ++i)
                AGRO_TRY(m.insert(QStringLiteral("fields"), m.newId(),
                                  {{QStringLiteral("farm_id"), farm},
                                   {QStringLiteral("name"), QStringLiteral("F%1").arg(i)},
                                   {QStringLiteral("area_ha"), 1.0}}));
            return {};
        });
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("grant"),
                                  QStringLiteral("ben"), QStringLiteral("--farm"), farm,
                                  QStringLiteral("--role"), QStringLiteral("manager")}),
                 0);
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        edit(m_wsA, [&](store::Mutator &m) -> Result<void> {
            auto ids = m.db().prepare("SELECT id FROM fields WHERE farm_id = ? LIMIT 15");
            ids->bind(1, farm);
            QStringList rows;
            AGRO_TRY(ids->forEachRow([&] { rows << ids->text(0); }));
            ids = store::Statement();
            for (const QString &id : rows)
                AGRO_TRY(m.remove(QStringLiteral("fields"), id));
            return {};
        });
        const qint64 pending = sync::SyncClient::pendingCount(m_wsA).value();
        auto asked = syncAs(m_wsA, QStringLiteral("ana"));
        QVERIFY2(asked.ok(), test::why(asked).constData());
        QVERIFY2(asked->needsConfirmation.contains(QStringLiteral("15 of the 21")),
                 qPrintable(asked->needsConfirmation));
        QCOMPARE(sync::SyncClient::pendingCount(m_wsA).value(), pending);
        sync::RoundOptions yes;
        yes.allowMassDelete = true;
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana"), yes).ok());
        QCOMPARE(sync::SyncClient::pendingCount(m_wsA).value(), 0);
        // Ben's replica asks too before applying them.
        auto benAsked = syncAs(m_wsB, QStringLiteral("ben"));
        QVERIFY(benAsked.ok());
        QVERIFY(!benAsked->needsConfirmation.isEmpty());
        auto dbB = test::connect(m_wsB);
        QCOMPARE(test::intOf(dbB, QStringLiteral("SELECT count(*) FROM fields WHERE farm_id = '%1'")
                                      .arg(farm)
                                      .toUtf8()
                                      .constData()),
                 20);
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben"), yes).ok());
        QCOMPARE(test::intOf(dbB, QStringLiteral("SELECT count(*) FROM fields WHERE farm_id = '%1'")
                                      .arg(farm)
                                      .toUtf8()
                                      .constData()),
                 5);
    }

    void tlsCertificatesAreChecked() {
        // A second server with certificates made here: right, wrong host, expired.
        test::ServerProcess tls(m_dir.path(QStringLiteral("tls.db")));
        QCOMPARE(tls.admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana"),
                            QStringLiteral("--password-stdin")},
                           kPassword + '\n'),
                 0);
        struct Case {
            const char *name;
            QStringList hosts;
            qint64 from, to;
            bool pinned, works;
        };
        const QList<Case> cases = {
            {"self-signed, not pinned", {QStringLiteral("127.0.0.1")}, -3600, 86400, false, false},
            {"self-signed, pinned", {QStringLiteral("127.0.0.1")}, -3600, 86400, true, true},
            {"wrong host, pinned", {QStringLiteral("example.invalid")}, -3600, 86400, true, false},
            {"expired, pinned", {QStringLiteral("127.0.0.1")}, -7200, -3600, true, false},
        };
        for (const Case &c : cases) {
            const QString cert = m_dir.path(QStringLiteral("cert.pem"));
            const QString key = m_dir.path(QStringLiteral("key.pem"));
            QVERIFY(server::writeSelfSignedCertificate(cert, key, c.hosts, c.from, c.to).ok());
            QVERIFY2(
                tls.start({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}),
                qPrintable(tls.log()));
            sync::SyncClient client(m_wsA);
            sync::ServerLink link;
            link.url = QUrl(tls.url(QStringLiteral("https")));
            if (c.pinned)
                link.caFile = cert;
            auto login = test::runTask(
                client.login(link, QStringLiteral("ana"), QString::fromLatin1(kPassword)));
            QVERIFY2(login.ok() == c.works, qPrintable(QStringLiteral("%1: %2").arg(
                                                QLatin1String(c.name), test::why(login))));
            if (!c.works)
                QCOMPARE(login.error().code, ErrorCode::Network);
            tls.stop();
        }
        // Plain HTTP: the server will not listen off loopback, the client will not send.
        test::ServerProcess open(m_dir.path(QStringLiteral("open.db")));
        QVERIFY(!open.start({}, QStringLiteral("0.0.0.0:0")));
        QVERIFY2(open.log().contains(QStringLiteral("only served on the loopback")),
                 qPrintable(open.log()));
        sync::SyncClient client(m_wsA);
        sync::ServerLink link;
        link.url = QUrl(QStringLiteral("http://192.0.2.1:8080"));
        auto login = test::runTask(
            client.login(link, QStringLiteral("ana"), QString::fromLatin1(kPassword)));
        QVERIFY(!login.ok());
        QVERIFY(login.error().detail.contains(QStringLiteral("use https://")));
    }

#ifdef AGRODESK_SERVER_ON_POSTGRES
    void cleanupTestCase() {
        m_server.reset(); // the server first, then its database
        m_pg.stop();
    }
#endif
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_syncserver.moc"

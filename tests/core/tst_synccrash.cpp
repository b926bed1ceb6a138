// Crash points of the sync protocol: a client (agrodesk-cli sync, in small batches) and the
// server are killed with SIGKILL at random moments of a round — before a push is sent, while
// the server writes, between the server's acknowledgement and the client marking its outbox,
// in the middle of a pull — then restarted and synced to the end. After each seed: no change
// is on the server twice or missing, client and server hold the same rows, both files pass
// PRAGMA integrity_check, and nothing is left to send. AGRODESK_CRASH_SEEDS sets how many
// seeds run (default 100).
//
// Built a second time with AGRODESK_SERVER_ON_POSTGRES (tst_synccrash_postgres, label
// "postgres"): the server's store in a PostgreSQL cluster the test starts; its transaction
// of a killed request is rolled back by PostgreSQL (integrity_check is SQLite's, so only the
// client's file is checked there).

#include "analytics/random.h"
#include "serverprocess.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "sync/change.h"
#include "sync/outbox.h"
#include "sync/sanity.h"
#include "sync/syncclient.h"
#include "testsupport.h"

#ifdef AGRODESK_SERVER_ON_POSTGRES
#include "postgresinstance.h"
#endif

#include <QProcess>
#include <QTest>

#include <csignal>

using namespace agro;

namespace {
const QByteArray kPassword = "correct horse battery staple";
}

class TestSyncCrash : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    std::unique_ptr<test::ServerProcess> m_server;
#ifdef AGRODESK_SERVER_ON_POSTGRES
    test::PostgresInstance m_pg;
#endif
    QString m_ws, m_farm;

    QProcess *startCli(int pageSize) {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("AGRODESK_PASSWORD"), QString::fromLatin1(kPassword));
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(QStringLiteral(AGRODESK_CLI_BIN),
                 {QStringLiteral("sync"), QStringLiteral("--workspace"), m_ws,
                  QStringLiteral("--server"), m_server->url(), QStringLiteral("--user"),
                  QStringLiteral("ana"), QStringLiteral("--page-size"), QString::number(pageSize),
                  QStringLiteral("--allow-mass-delete")});
        p->waitForStarted();
        return p;
    }

    void randomEdits(analytics::Rng &rng, int n) {
        auto db = test::connect(m_ws);
        auto m = store::Mutator::begin(db);
        QVERIFY(m.ok());
        QStringList fields;
        {
            auto st = db.prepare("SELECT id FROM fields");
            (void)st->forEachRow([&] { fields << st->text(0); });
        }
        for (int i = 0; i < n; ++i) {
            const double d = rng.uniform();
            if (d < 0.5 || fields.size() < 3) {
                const QString id = m->newId();
                QVERIFY(m->insert(QStringLiteral("fields"), id,
                                  {{QStringLiteral("farm_id"), m_farm},
                                   {QStringLiteral("name"),
                                    QStringLiteral("F%1").arg(rng.next() % 1000)},
                                   {QStringLiteral("area_ha"), 1.0 + double(rng.next() % 100)}})
                            .ok());
                fields << id;
            } else if (d < 0.9) {
                QVERIFY(m->update(QStringLiteral("fields"), fields[int(rng.next() % fields.size())],
                                  {{QStringLiteral("area_ha"), double(rng.next() % 1000) / 10.0}})
                            .ok());
            } else {
                const int k = int(rng.next() % fields.size());
                QVERIFY(m->remove(QStringLiteral("fields"), fields[k]).ok());
                fields.removeAt(k);
            }
        }
        QVERIFY(m->commit().ok());
    }

    QString check() {
        auto client = test::connect(m_ws);
        auto server = test::connect(m_server->database());
        for (store::Connection *db : {&client, &server}) {
            if (db->isPostgres())
                continue;
            const QString ok = test::textOf(*db, "PRAGMA integrity_check");
            if (ok != QLatin1String("ok"))
                return QStringLiteral("integrity_check: ") + ok;
        }
        const QString node =
            test::textOf(client, "SELECT value FROM workspace_meta WHERE key = 'node_id'");
        // What the client sends: its entries of the synced tables (people and roles mirrored
        // from the server are written locally and never sent).
        auto mine = client.prepare("SELECT count(*) FROM change_log WHERE node = ? AND tbl IN " +
                                   sync::syncedTablesSqlList());
        mine->bind(1, node);
        (void)mine->step();
        auto there = server.prepare("SELECT count(*), count(DISTINCT tbl || row_id || col || hlc) "
                                    "FROM change_log WHERE node = ?");
        there->bind(1, node);
        (void)there->step();
        if (there->int64(0) != mine->int64(0) || there->int64(1) != there->int64(0))
            return QStringLiteral("client wrote %1 changes, the server has %2 (%3 distinct)")
                .arg(mine->int64(0))
                .arg(there->int64(0))
                .arg(there->int64(1));
        auto pending = sync::Outbox(client).pendingCount();
        if (pending.value() != 0)
            return QStringLiteral("%1 changes still to send").arg(pending.value());
        const QStringList diff =
            sync::compareDigests(sync::computeDigest(client, {m_farm}, true).value(),
                                 sync::computeDigest(server, {m_farm}, true).value());
        if (!diff.isEmpty())
            return diff.join(QStringLiteral("; "));
        return {};
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
        QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("add"),
                                  QStringLiteral("ana"), QStringLiteral("--password-stdin")},
                                 kPassword + '\n'),
                 0);
        QVERIFY2(m_server->start(), qPrintable(m_server->log()));
        m_ws = m_dir.path(QStringLiteral("client.agrodesk"));
        QVERIFY(store::Workspace::create(m_ws).ok());
        auto db = test::connect(m_ws);
        auto m = store::Mutator::begin(db);
        m_farm = m->newId();
        QVERIFY(m->insert(QStringLiteral("farms"), m_farm,
                          {{QStringLiteral("name"), QStringLiteral("Crash farm")}})
                    .ok());
        QVERIFY(m->commit().ok());
    }

    void killedAtEveryStepLosesAndDuplicatesNothing() {
        const int seeds = qEnvironmentVariableIsSet("AGRODESK_CRASH_SEEDS")
                              ? qEnvironmentVariableIntValue("AGRODESK_CRASH_SEEDS")
                              : 100;
        int serverKills = 0, clientKills = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            analytics::Rng rng(std::uint64_t(seed) * 7919);
            randomEdits(rng, 20 + int(rng.next() % 200));
            QProcess *cli = startCli(5 + int(rng.next() % 40));
            // The round signs in (scrypt, ~0.3 s), then pushes and pulls in small batches:
            // a delay in this range lands anywhere from sign-in to the last page.
            QTest::qWait(250 + int(rng.next() % 500));
            if (rng.uniform() < 0.5) {
                m_server->kill();
                ++serverKills;
                cli->waitForFinished(30000);
                QVERIFY2(m_server->start(), qPrintable(m_server->log()));
                const auto health =
                    test::http(QStringLiteral("GET"), m_server->url() + QStringLiteral("/health"));
                QVERIFY2(health.status == 200, qPrintable(QStringLiteral("restarted server: %1 %2")
                                                              .arg(health.status)
                                                              .arg(m_server->log())));
            } else {
                if (cli->state() == QProcess::Running) {
                    ::kill(static_cast<pid_t>(cli->processId()), SIGKILL);
                    ++clientKills;
                }
                cli->waitForFinished(30000);
            }
            delete cli;
            // Restarted: a whole round to the end.
            QProcess *again = startCli(500);
            QVERIFY(again->waitForFinished(60000));
            const QString out = QString::fromUtf8(again->readAll());
            QVERIFY2(again->exitCode() == 0,
                     qPrintable(QStringLiteral("seed %1: %2 (server %4, log: %3)")
                                    .arg(seed)
                                    .arg(out, m_server->log(),
                                         m_server->running() ? QStringLiteral("running")
                                                             : m_server->exitInfo())));
            delete again;
            const QString problem = check();
            if (!problem.isEmpty())
                QFAIL(qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(problem)));
        }
        qInfo("%d seeds: server killed %d times, client %d times", seeds, serverKills, clientKills);
        QVERIFY(serverKills > 0 && clientKills > 0);
    }

#ifdef AGRODESK_SERVER_ON_POSTGRES
    void cleanupTestCase() {
        m_server.reset(); // the server first, then its database
        m_pg.stop();
    }
#endif
};

QTEST_GUILESS_MAIN(TestSyncCrash)
#include "tst_synccrash.moc"

#include "commands/cli.h"
#include "services/alertservice.h"
#include "services/detectionservice.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;

/// Detection into alerts and the inbox's actions, on the small demo: alerts are deduplicated,
/// a second pass changes nothing, actions are append-only events checked against the role,
/// and the CLI scores the detectors against the injected faults.
class TestAlerts : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    services::Actor actor(store::Connection &db, const char *name) {
        auto a = services::actorByUsername(db, QString::fromLatin1(name));
        if (!a.ok())
            qFatal("no user %s", name);
        return a.value();
    }
    /// An alert of `source` (open ones only if `open`), or an empty id.
    QString openAlert(store::Connection &db, const char *source, bool open = true) {
        services::AlertFilter f;
        if (open)
            f.status = QStringLiteral("open");
        f.source = QString::fromLatin1(source);
        auto list = services::listAlerts(db, f);
        return list.ok() && !list->empty() ? list->front().id : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("al.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void demoInboxComesFromTheDetectors() {
        auto db = test::connect(m_path);
        // Every demo alert was raised by a detector, with an "open" event by it.
        QVERIFY(test::intOf(db, "SELECT count(*) FROM alerts") > 0);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alerts WHERE detector = ''"), qint64(0));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alerts a WHERE NOT EXISTS (SELECT 1 FROM "
                                 "alert_events e WHERE e.alert_id = a.id AND e.action = 'open')"),
                 qint64(0));
        // The cached status is the one the events imply.
        auto list = services::listAlerts(db, {});
        QVERIFY(list.ok());
        QCOMPARE(qint64(list->size()), test::intOf(db, "SELECT count(*) FROM alerts"));
        for (const auto &a : list.value()) {
            auto events = services::alertEvents(db, a.id);
            QVERIFY(events.ok());
            QCOMPARE(services::statusFromEvents(events.value()), a.status);
        }
    }

    void aSecondPassChangesNothing() {
        auto db = test::connect(m_path);
        const qint64 alerts = test::intOf(db, "SELECT count(*) FROM alerts");
        const qint64 changes = test::intOf(db, "SELECT count(*) FROM change_log");
        auto o = services::detectAndStore(db);
        QVERIFY2(o.ok(), qPrintable(test::why(o)));
        QCOMPARE(o->opened, 0);
        QCOMPARE(o->updated, 0);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alerts"), alerts);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM change_log"), changes);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM detection_runs"), qint64(1));
        // Scored against the generator's faults: every finding is real on the small demo.
        QVERIFY(!o->scores.empty());
        QVERIFY(o->overall.precision() >= 0.9);
        QVERIFY(o->overall.recall() >= 0.8);
    }

    void oneOngoingProblemIsOneAlert() {
        auto db = test::connect(m_path);
        // Two findings of the same detector and subject six hours apart are one alert, widened.
        services::Finding f;
        f.detector = QStringLiteral("sensor.threshold");
        f.source = QStringLiteral("sensor");
        f.subjectId = test::textOf(db, "SELECT id FROM sensors ORDER BY name LIMIT 1");
        f.farmId = test::textOf(db, "SELECT farm_id FROM sensors ORDER BY name LIMIT 1");
        f.from = 1'800'000'000;
        f.to = f.from + 3600;
        f.severity = QStringLiteral("warning");
        f.title = QStringLiteral("test breach");
        services::Finding later = f;
        later.from = f.to + 5 * 3600;
        later.to = later.from + 1800;
        later.severity = QStringLiteral("critical");
        services::DetectionOutcome o;
        QVERIFY(services::storeFindings(db, {f, later}, o).ok());
        QCOMPARE(o.opened, 1);
        QCOMPARE(o.updated, 1);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alerts WHERE title = 'test breach'"),
                 qint64(1));
        QCOMPARE(test::intOf(db, "SELECT last_ts - first_ts FROM alerts WHERE title = 'test "
                                 "breach'"),
                 qint64(later.to - f.from));
        QCOMPARE(test::textOf(db, "SELECT severity FROM alerts WHERE title = 'test breach'"),
                 QStringLiteral("critical"));
        // A day later it is a new problem.
        services::Finding next = f;
        next.from = later.to + 86400;
        next.to = next.from + 900;
        services::DetectionOutcome o2;
        QVERIFY(services::storeFindings(db, {next}, o2).ok());
        QCOMPARE(o2.opened, 1);
    }

    void acknowledgeRecordsAnEventAndLowersTheCount() {
        auto db = test::connect(m_path);
        const QString id = openAlert(db, "sensor");
        QVERIFY(!id.isEmpty());
        const int before = services::newAlertCount(db).value();
        const auto agronomist = actor(db, "demo.agronomist");
        auto ev =
            services::actOnAlert(db, agronomist, {id, services::AlertAction::Acknowledge, {}, {}});
        QVERIFY2(ev.ok(), qPrintable(test::why(ev)));
        QCOMPARE(services::newAlertCount(db).value(), before - 1);
        auto events = services::alertEvents(db, id);
        QVERIFY(events.ok());
        QCOMPARE(events->back().action, QStringLiteral("acknowledge"));
        QCOMPARE(events->back().actor, agronomist.userId);
        QCOMPARE(services::alert(db, id)->status, QStringLiteral("acknowledged"));
        // Audited.
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = "
                                 "'alert.acknowledge'"),
                 qint64(1));
        // A second acknowledgement is refused, nothing written.
        const qint64 n = test::intOf(db, "SELECT count(*) FROM alert_events");
        auto again =
            services::actOnAlert(db, agronomist, {id, services::AlertAction::Acknowledge, {}, {}});
        QVERIFY(!again.ok());
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alert_events"), n);
        // Resolve, then reopen: the status follows the events.
        QVERIFY(services::actOnAlert(db, agronomist, {id, services::AlertAction::Resolve, {}, {}})
                    .ok());
        QCOMPARE(services::alert(db, id)->status, QStringLiteral("resolved"));
        QVERIFY(!services::actOnAlert(db, agronomist, {id, services::AlertAction::Escalate, {}, {}})
                     .ok());
        QVERIFY(
            services::actOnAlert(db, agronomist, {id, services::AlertAction::Reopen, {}, {}}).ok());
        QCOMPARE(services::alert(db, id)->status, QStringLiteral("open"));
    }

    void rolesDecideWhoMayAct_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("viewer, sensor") << "demo.viewer"
                                        << "sensor" << false;
        QTest::newRow("viewer, qc") << "demo.viewer"
                                    << "qc" << false;
        QTest::newRow("inspector, sensor") << "demo.inspector1"
                                           << "sensor" << false;
        QTest::newRow("inspector, qc") << "demo.inspector1"
                                       << "qc" << true;
        QTest::newRow("manager, sensor") << "demo.manager"
                                         << "sensor" << true;
        QTest::newRow("owner, qc") << "demo.owner"
                                   << "qc" << true;
    }
    void rolesDecideWhoMayAct() {
        QFETCH(QString, user);
        QFETCH(QString, source);
        QFETCH(bool, allowed);
        auto db = test::connect(m_path);
        // Annotating is allowed in any state, so any alert of the source will do.
        const QString id = openAlert(db, source.toLatin1().constData(), false);
        QVERIFY(!id.isEmpty());
        const qint64 n = test::intOf(db, "SELECT count(*) FROM alert_events");
        auto ev = services::actOnAlert(
            db, actor(db, user.toLatin1().constData()),
            {id, services::AlertAction::Annotate, QStringLiteral("looked at it"), {}});
        QCOMPARE(ev.ok(), allowed);
        if (!allowed)
            QCOMPARE(ev.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM alert_events"), n + (allowed ? 1 : 0));
    }

    void badRequestsAreRefusedWithTheField() {
        auto db = test::connect(m_path);
        const QString id = openAlert(db, "sensor");
        QVERIFY(!id.isEmpty());
        const auto owner = actor(db, "demo.owner");
        auto empty = services::actOnAlert(db, owner, {id, services::AlertAction::Annotate, {}, {}});
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().field, QStringLiteral("note"));
        const QString viewer = actor(db, "demo.viewer").userId;
        auto assign =
            services::actOnAlert(db, owner, {id, services::AlertAction::Assign, {}, viewer});
        QVERIFY(!assign.ok());
        QCOMPARE(assign.error().field, QStringLiteral("assignee"));
        const QString agronomist = actor(db, "demo.agronomist").userId;
        QVERIFY(services::actOnAlert(db, owner, {id, services::AlertAction::Assign, {}, agronomist})
                    .ok());
        QCOMPARE(services::alert(db, id)->assignee, agronomist);
        // Events are append-only in the store itself.
        QVERIFY(!db.exec("DELETE FROM alert_events").ok());
        QVERIFY(!db.exec("UPDATE alert_events SET note = 'x'").ok());
    }

    void statusMergesEventsInOrder() {
        // Two people offline: one acknowledged, the other resolved later. After sync both
        // events stand and the status is the later one's, everywhere.
        std::vector<services::AlertEvent> events(3);
        // (the first test also checks this rule against every demo alert's own events)
        events[0].action = QStringLiteral("open");
        events[1].action = QStringLiteral("acknowledge");
        events[2].action = QStringLiteral("resolve");
        QCOMPARE(services::statusFromEvents(events), QStringLiteral("resolved"));
        events[2].action = QStringLiteral("annotate");
        QCOMPARE(services::statusFromEvents(events), QStringLiteral("acknowledged"));
        events.push_back({});
        events.back().action = QStringLiteral("escalate");
        QCOMPARE(services::statusFromEvents(events), QStringLiteral("escalated"));
        QCOMPARE(services::statusFromEvents({}), QStringLiteral("open"));
    }

    void evidenceOfASensorAlert() {
        auto db = test::connect(m_path);
        services::AlertFilter f;
        f.source = QStringLiteral("sensor");
        f.search = QStringLiteral("spiked");
        auto list = services::listAlerts(db, f);
        QVERIFY(list.ok() && !list->empty());
        auto s = services::evidenceSeries(db, list->front().id);
        QVERIFY2(s.ok(), qPrintable(test::why(s)));
        QVERIFY(!s->points.empty());
        QVERIFY(s->points.front().first <= s->from);
        QVERIFY(!s->unit.isEmpty());
    }

    void cliPrintsPrecisionAndRecall() {
        QString out, err;
        QTextStream o(&out), e(&err);
        const int code = commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("detect"),
                                           QStringLiteral("--workspace"), m_path},
                                          o, e);
        o.flush();
        e.flush();
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(QStringLiteral("precision")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("sensor.dropout")));
        QVERIFY(out.contains(QStringLiteral("overall")));
        // A missing workspace is a clear error.
        QString out2, err2;
        QTextStream o2(&out2), e2(&err2);
        QCOMPARE(
            commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("detect")}, o2, e2),
            2);
        e2.flush();
        QVERIFY(err2.contains(QStringLiteral("--workspace")));
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"

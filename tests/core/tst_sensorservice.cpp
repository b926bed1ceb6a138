#include "services/sensorservice.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace agro;

/// The sensor registry on the small demo: listing with readings and alerts, a period's series
/// reduced without losing spikes, limits set under the role rules with validation.
class TestSensorService : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    services::Actor actor(store::Connection &db, const char *name) {
        return services::actorByUsername(db, QString::fromLatin1(name)).value();
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("se.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void listsEverySensorWithItsReadings() {
        auto db = test::connect(m_path);
        auto list = services::listSensors(db);
        QVERIFY(list.ok());
        QCOMPARE(qint64(list->size()), test::intOf(db, "SELECT count(*) FROM sensors"));
        for (const auto &s : list.value()) {
            QVERIFY(s.lastTs > s.firstTs);
            QVERIFY(!s.unit.isEmpty());
        }
        // Field sensors name their field; the cold room has none.
        QVERIFY(std::any_of(list->begin(), list->end(),
                            [](const auto &s) { return !s.fieldName.isEmpty(); }));
    }

    void longSpansKeepTheirSpikes() {
        auto db = test::connect(m_path);
        const QString id = test::textOf(db, "SELECT subject_id FROM alerts WHERE detector = "
                                            "'sensor.spike' LIMIT 1");
        QVERIFY(!id.isEmpty());
        const qint64 spikeAt = test::intOf(
            db, qPrintable(QStringLiteral("SELECT first_ts FROM alerts WHERE detector = "
                                          "'sensor.spike' AND subject_id = '%1' LIMIT 1")
                               .arg(id)));
        const double spikeValue = test::realOf(
            db, qPrintable(QStringLiteral("SELECT r.value FROM sensor_readings r JOIN sensors s ON "
                                          "s.lid = r.sensor WHERE s.id = '%1' AND r.ts = %2")
                               .arg(id)
                               .arg(spikeAt)));
        auto full = services::sensorSeries(db, id, 0, 4'000'000'000LL, 1'000'000);
        auto reduced = services::sensorSeries(db, id, 0, 4'000'000'000LL, 200);
        QVERIFY(full.ok() && reduced.ok());
        QCOMPARE(reduced->readings, full->readings);
        QVERIFY(reduced->points.size() <= 202);
        QCOMPARE(qint64(full->points.size()), full->readings);
        const bool kept = std::any_of(reduced->points.begin(), reduced->points.end(),
                                      [&](const auto &p) { return p.second == spikeValue; });
        QVERIFY2(kept, "the spike's reading is a bucket's minimum or maximum");
        QVERIFY(!reduced->episodes.empty());
    }

    void limitsFollowTheRules() {
        auto db = test::connect(m_path);
        const QString id = test::textOf(db, "SELECT id FROM sensors ORDER BY name LIMIT 1");
        const QByteArray before = test::dataHash(m_path);
        // Viewer: refused; low above high: refused; nothing written.
        auto viewer = services::setSensorLimits(db, actor(db, "demo.viewer"), id, 1, 5, 2);
        QVERIFY(!viewer.ok());
        QCOMPARE(viewer.error().code, ErrorCode::PermissionDenied);
        auto inverted = services::setSensorLimits(db, actor(db, "demo.agronomist"), id, 5, 1, 2);
        QVERIFY(!inverted.ok());
        QCOMPARE(inverted.error().field, QStringLiteral("low_threshold"));
        auto rate = services::setSensorLimits(db, actor(db, "demo.agronomist"), id, 1, 5, 0);
        QVERIFY(!rate.ok());
        QCOMPARE(test::dataHash(m_path), before);
        // The agronomist sets them; an empty upper limit is none.
        QVERIFY(services::setSensorLimits(db, actor(db, "demo.agronomist"), id, 1, std::nan(""), 3)
                    .ok());
        QCOMPARE(test::realOf(db, qPrintable(QStringLiteral("SELECT low_threshold FROM sensors "
                                                            "WHERE id = '%1'")
                                                 .arg(id))),
                 1.0);
        QCOMPARE(test::intOf(db, qPrintable(QStringLiteral("SELECT high_threshold IS NULL FROM "
                                                           "sensors WHERE id = '%1'")
                                                .arg(id))),
                 qint64(1));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = 'sensor.limits'"),
                 qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestSensorService)
#include "tst_sensorservice.moc"

#include "commands/cli.h"
#include "services/fieldconditions.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace agro;
using namespace agro::services;

/// Sensor conditions against QC outcomes, on a field built for the test inside the small demo:
/// its soil-moisture sensor is wet (46 %) for four days in every twenty and dry (25 %) otherwise,
/// and its lots are held for over-ripeness mostly after a wet week. The service must find the
/// table the test computes by hand, count only each lot's first inspection, scope a whole farm,
/// and refuse bad requests by name.
class TestFieldConditions : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_farm;
    analytics::detection::TwoByTwo m_expected; ///< "above 40 %, 7 days" × produce-overripe
    static constexpr int kFirstDay = 18262;    ///< 2020-01-01: far from the demo's own data
    static constexpr int kDays = 200;

    static bool wetDay(int i) { return i % 20 >= 16; }

    void exec(store::Connection &db, const QString &sql) {
        auto r = db.exec(sql.toStdString());
        QVERIFY2(r.ok(), qPrintable(sql));
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("fc.agrodesk"));
        test::makeSmallDemo(m_path);
        auto db = test::connect(m_path);
        m_farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        const QString product = test::textOf(
            db, qPrintable(QStringLiteral("SELECT p.id FROM products p JOIN product_categories c "
                                          "ON c.id = p.category_id WHERE c.kind = 'produce' AND "
                                          "p.farm_id = '%1' LIMIT 1")
                               .arg(m_farm)));
        QVERIFY(!product.isEmpty());
        exec(db, QStringLiteral("BEGIN"));
        exec(db, QStringLiteral("INSERT INTO fields (id, farm_id, name, area_ha) VALUES "
                                "('t-field', '%1', 'Test Meadow', 2)")
                     .arg(m_farm));
        exec(db, QStringLiteral("INSERT INTO plantings (id, farm_id, field_id, crop_id, season_id, "
                                "planted_area_ha) SELECT 't-planting', '%1', 't-field', (SELECT id "
                                "FROM crops LIMIT 1), (SELECT id FROM seasons WHERE farm_id = '%1' "
                                "LIMIT 1), 2")
                     .arg(m_farm));
        exec(db, QStringLiteral("INSERT INTO sensors (id, farm_id, field_id, name, kind, unit, "
                                "low_threshold, high_threshold) VALUES ('t-sm', '%1', 't-field', "
                                "'TST-SM-001', 'soil_moisture', '%', 15, 40)")
                     .arg(m_farm));
        const qint64 sensor = test::intOf(db, "SELECT lid FROM sensors WHERE id = 't-sm'");
        const qint64 batch = test::intOf(db, "SELECT min(lid) FROM bulk_batches");
        for (int i = 0; i < kDays; ++i)
            for (int h = 0; h < 4; ++h)
                exec(db, QStringLiteral("INSERT INTO sensor_readings (sensor, ts, value, batch) "
                                        "VALUES (%1, %2, %3, %4)")
                             .arg(sensor)
                             .arg(qint64(kFirstDay + i) * 86400 + h * 21600)
                             .arg(wetDay(i) ? 46.0 + h * 0.1 : 25.0 - h * 0.1)
                             .arg(batch));
        // 45 lots, one every 4 days from day 12; exposed when a wet day is among the 7 before.
        int exposedSeen = 0, otherSeen = 0;
        for (int k = 0; k < 45; ++k) {
            const int day = 12 + 4 * k;
            bool exposed = false;
            for (int d = day - 7; d < day; ++d)
                exposed = exposed || wetDay(d);
            // Six in ten exposed lots go bad, one in ten of the others.
            const bool bad = exposed ? (exposedSeen++ % 10) < 6 : (otherSeen++ % 10) < 1;
            (exposed ? (bad ? m_expected.exposedBad : m_expected.exposedGood)
                     : (bad ? m_expected.otherBad : m_expected.otherGood)) += 1;
            const QString lot = QStringLiteral("t-lot-%1").arg(k);
            const QString date = QDate(1970, 1, 1).addDays(kFirstDay + day).toString(Qt::ISODate);
            exec(db, QStringLiteral("INSERT INTO lots (id, farm_id, product_id, batch_number, "
                                    "produced_on, quantity, supplier, planting_id) VALUES ('%1', "
                                    "'%2', '%3', 'T%4', '%5', 100, 'Own harvest', 't-planting')")
                         .arg(lot, m_farm, product)
                         .arg(k)
                         .arg(date));
            auto inspect = [&](const QString &id, const QString &at, bool held) {
                exec(db, QStringLiteral(
                             "INSERT INTO qc_inspections (id, farm_id, lot_id, category_id, "
                             "inspected_at, disposition, rule_id, decided_by) SELECT '%1', '%2', "
                             "'%3', p.category_id, '%4', '%5', '%6', '%6' FROM products p WHERE "
                             "p.id = '%7'")
                             .arg(id, m_farm, lot, at,
                                  held ? QStringLiteral("hold") : QStringLiteral("pass"),
                                  held ? QStringLiteral("produce-overripe") : QString(), product));
            };
            inspect(lot + QStringLiteral("-i1"), date + QStringLiteral("T09:00:00Z"), bad);
            // A bad lot re-inspected the next day and passed: only the first inspection counts.
            if (bad)
                inspect(lot + QStringLiteral("-i2"), date + QStringLiteral("T23:00:00Z"), false);
        }
        exec(db, QStringLiteral("COMMIT"));
        QVERIFY(m_expected.exposed() >= 10 && m_expected.other() >= 10);
    }

    void findsTheTableComputedByHand() {
        auto db = test::connect(m_path);
        auto r = fieldConditions(db, QStringLiteral("Test Meadow"));
        QVERIFY2(r.ok(), test::why(r));
        QCOMPARE(r->scope.id, QStringLiteral("t-field"));
        QVERIFY(!r->scope.wholeFarm);
        QCOMPARE(r->lots, 45);
        QCOMPARE(r->lotsWithSensorData, 45);
        QCOMPARE(r->sensorKinds, QStringList{QStringLiteral("soil_moisture")});
        QVERIFY(r->outcomes.contains(QStringLiteral("produce-overripe")));
        const ConditionTest *hit = nullptr;
        for (const auto &t : r->tests)
            if (t.spec.sensorKind == QLatin1String("soil_moisture") && t.spec.above &&
                t.spec.threshold == 40 && t.spec.outcome == QLatin1String("produce-overripe"))
                hit = &t;
        QVERIFY2(hit, "the sensor's upper limit is one of the thresholds tried");
        QCOMPARE(hit->table.exposedBad, m_expected.exposedBad);
        QCOMPARE(hit->table.exposedGood, m_expected.exposedGood);
        QCOMPARE(hit->table.otherBad, m_expected.otherBad);
        QCOMPARE(hit->table.otherGood, m_expected.otherGood);
        QCOMPARE(hit->ratio, analytics::detection::riskRatio(m_expected));
        QCOMPARE(hit->p, analytics::detection::fisherExactTwoSided(m_expected));
        QVERIFY(hit->q >= hit->p && hit->q <= hit->p * double(r->tests.size()));
        QVERIFY(hit->notable);
        // Notable tests come first; the sentence says what was found in words and numbers.
        QVERIFY(r->tests.front().notable);
        const QString words = conditionSentence(*hit, r->scope);
        QVERIFY2(words.contains(QStringLiteral("Test Meadow")) &&
                     words.contains(QStringLiteral("soil moisture above 40 %")) &&
                     words.contains(QStringLiteral("%1 of %2")
                                        .arg(m_expected.exposedBad)
                                        .arg(m_expected.exposed())),
                 qPrintable(words));
        // Dry spells do not matter here: "below" tests are not notable for over-ripeness.
        for (const auto &t : r->tests)
            if (!t.spec.above && t.spec.outcome == QLatin1String("produce-overripe"))
                QVERIFY2(!t.notable || t.ratio < 1, qPrintable(conditionSentence(t, r->scope)));
    }

    void aCustomConditionIsTestedToo() {
        auto db = test::connect(m_path);
        ConditionSpec spec{QStringLiteral("soil_moisture"), true, 30, 3, QStringLiteral("any")};
        auto r = fieldConditions(db, QStringLiteral("t-field"), spec);
        QVERIFY2(r.ok(), test::why(r));
        auto it = std::find_if(r->tests.begin(), r->tests.end(),
                               [](const ConditionTest &t) { return t.spec.windowDays == 3; });
        QVERIFY(it != r->tests.end());
        // Three days before each lot: exposed when one of them is wet.
        qint64 exposed = 0;
        for (int k = 0; k < 45; ++k) {
            const int day = 12 + 4 * k;
            bool e = false;
            for (int d = day - 3; d < day; ++d)
                e = e || wetDay(d);
            exposed += e ? 1 : 0;
        }
        QCOMPARE(it->table.exposed(), exposed);
        QCOMPARE(it->table.total(), 45);
    }

    void aWholeFarmPoolsItsFields() {
        auto db = test::connect(m_path);
        auto scopes = conditionScopes(db);
        QVERIFY2(scopes.ok(), test::why(scopes));
        const auto farm = std::find_if(scopes->begin(), scopes->end(), [&](const auto &s) {
            return s.wholeFarm && s.id == m_farm;
        });
        QVERIFY(farm != scopes->end());
        const auto field = std::find_if(scopes->begin(), scopes->end(), [](const auto &s) {
            return !s.wholeFarm && s.id == QLatin1String("t-field");
        });
        QVERIFY(field != scopes->end());
        QCOMPARE(field->lots, 45);
        QVERIFY(field->sensorKinds.contains(QStringLiteral("soil_moisture")));
        // The farm comes before its fields.
        QVERIFY(farm < field);
        const qint64 farmLots = test::intOf(
            db,
            qPrintable(QStringLiteral("SELECT count(DISTINCT l.id) FROM lots l JOIN plantings p "
                                      "ON p.id = l.planting_id JOIN fields f ON f.id = "
                                      "p.field_id WHERE f.farm_id = '%1' AND EXISTS (SELECT 1 "
                                      "FROM qc_inspections i WHERE i.lot_id = l.id)")
                           .arg(m_farm)));
        QCOMPARE(qint64(farm->lots), farmLots);
        auto r = fieldConditions(db, m_farm);
        QVERIFY2(r.ok(), test::why(r));
        QVERIFY(r->scope.wholeFarm);
        QCOMPARE(qint64(r->lots), farmLots);
        QVERIFY(r->lotsWithSensorData >= 45);
    }

    void theCommandLinePrintsIt() {
        auto run = [](const QStringList &args, QString &out, QString &err) {
            QTextStream o(&out), e(&err);
            const int code =
                commands::runCli(QStringList{QStringLiteral("agrodesk-cli")} + args, o, e);
            o.flush();
            e.flush();
            return code;
        };
        QString out, err;
        QCOMPARE(run({"qc-conditions", "--workspace", m_path, "--field", "Test Meadow"}, out, err),
                 0);
        QVERIFY2(out.contains(QStringLiteral("* Lots from Test Meadow are stopped by rule "
                                             "produce-overripe")),
                 qPrintable(out));
        out.clear();
        QCOMPARE(run({"qc-conditions", "--workspace", m_path, "--format", "json"}, out, err), 0);
        const QJsonArray scopes = QJsonDocument::fromJson(out.toUtf8())
                                      .object()
                                      .value(QStringLiteral("fields"))
                                      .toArray();
        QVERIFY(std::any_of(scopes.begin(), scopes.end(), [](const QJsonValue &v) {
            return v[QStringLiteral("id")] == QStringLiteral("t-field") &&
                   v[QStringLiteral("lots")].toInt() == 45 &&
                   !v[QStringLiteral("tests")].toArray().isEmpty();
        }));
        out.clear();
        QCOMPARE(
            run({"qc-conditions", "--workspace", m_path, "--field", "No Such Field"}, out, err), 1);
        QVERIFY2(err.contains(QStringLiteral("No Such Field")), qPrintable(err));
    }

    void badRequestsNameTheProblem() {
        auto db = test::connect(m_path);
        auto unknown = fieldConditions(db, QStringLiteral("No Such Field"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QCOMPARE(unknown.error().field, QStringLiteral("field"));
        auto kind = fieldConditions(
            db, QStringLiteral("t-field"),
            ConditionSpec{QStringLiteral("rainfall"), true, 3, 7, QStringLiteral("any")});
        QVERIFY(!kind.ok());
        QCOMPARE(kind.error().field, QStringLiteral("sensorKind"));
        auto window = fieldConditions(
            db, QStringLiteral("t-field"),
            ConditionSpec{QStringLiteral("soil_moisture"), true, 30, 0, QStringLiteral("any")});
        QVERIFY(!window.ok());
        QCOMPARE(window.error().field, QStringLiteral("windowDays"));
    }
};

QTEST_GUILESS_MAIN(TestFieldConditions)
#include "tst_fieldconditions.moc"

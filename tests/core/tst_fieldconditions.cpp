#include "commands/cli.h"
#include "services/fieldconditions.h"
#include "testsupport.h"
#include "wetfieldscenario.h"

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
        m_farm = test::addWetFieldScenario(m_path, &m_expected);
        QVERIFY(!m_farm.isEmpty());
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

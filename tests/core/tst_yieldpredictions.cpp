#include "services/yieldpredictions.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace agro;

/// Yield predictions over the small demo: a past season predicted only from earlier ones,
/// the rolling backtest, and the comparison with "same as last season".
class TestYieldPredictions : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("y.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void latestSeasonFromEarlierOnes() {
        auto db = test::connect(m_path);
        auto report = services::predictYields(db, QString(), QString());
        QVERIFY2(report.ok(), test::why(report).constData());
        QCOMPARE(report->season, QStringLiteral("2026"));
        QCOMPARE(qint64(report->predictions.size()),
                 test::intOf(db, "SELECT count(*) FROM plantings p JOIN seasons s ON s.id = "
                                 "p.season_id WHERE s.name = '2026'"));
        QCOMPARE(report->trainingPlantings, 24);
        for (const auto &p : report->predictions) {
            QVERIFY(std::isfinite(p.prediction.medianKgHa));
            QVERIFY(p.prediction.lo80KgHa < p.prediction.medianKgHa);
            QVERIFY(p.prediction.medianKgHa < p.prediction.hi80KgHa);
            QVERIFY(p.row.actualKgHa.has_value());
        }
    }

    void beatsSameAsLastSeason() {
        auto db = test::connect(m_path);
        auto report = services::predictYields(db, QString(), QString());
        QVERIFY(report.ok());
        const auto &bt = report->backtest;
        QVERIFY(bt.compared > 0);
        QVERIFY2(bt.mae < bt.baselineMae,
                 qPrintable(QStringLiteral("%1 vs %2").arg(bt.mae).arg(bt.baselineMae)));
        QVERIFY(bt.coverage80 > 0.5 && bt.coverage80 <= 1.0);
    }

    void oneFarmAndUnknownSeason() {
        auto db = test::connect(m_path);
        const QString farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        auto report = services::predictYields(db, farm, QStringLiteral("2025"));
        QVERIFY(report.ok());
        for (const auto &p : report->predictions) {
            QCOMPARE(p.row.farmId, farm);
            QCOMPARE(p.row.seasonName, QStringLiteral("2025"));
        }
        auto missing = services::predictYields(db, QString(), QStringLiteral("1999"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestYieldPredictions)
#include "tst_yieldpredictions.moc"

#include "analytics/croprank.h"
#include "services/croprankings.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace agro;
using namespace agro::analytics;

/// Next-season crop ranking: the simulation on hand-set outlooks, then on the small demo.
class TestCropRank : public QObject {
    Q_OBJECT

    static CropOutlook outlook(int crop, double yieldKgHa, double logSd, double price,
                               double cost) {
        CropOutlook o;
        o.crop = crop;
        o.logYieldMedian = std::log(yieldKgHa);
        o.logYieldSd = logSd;
        o.priceMean = price;
        o.costPerHaMean = cost;
        return o;
    }

private Q_SLOTS:
    void certainInputsGiveTheirMargin() {
        // 5,000 kg/ha × 0.30 − 1,000 = 500 per ha, every season.
        const auto r = rankCrops({outlook(0, 5000, 0, 0.30, 1000)}, 1);
        QCOMPARE(r.size(), size_t(1));
        QVERIFY(qAbs(r[0].expectedMarginPerHa - 500) < 1e-6);
        QVERIFY(qAbs(r[0].p10MarginPerHa - 500) < 1e-6);
        QCOMPARE(r[0].lossProbability, 0.0);
    }

    void ranksByExpectedMarginWithItsDownside() {
        auto safe = outlook(0, 8000, 0.05, 0.20, 1200);   // ~400, narrow
        auto risky = outlook(1, 30000, 0.35, 0.40, 9000); // ~3,000, wide
        auto poor = outlook(2, 2000, 0.10, 0.40, 1000);   // ~-200
        const auto r = rankCrops({safe, risky, poor}, 7);
        QCOMPARE(r.size(), size_t(3));
        QCOMPARE(r[0].crop, 1);
        QCOMPARE(r[1].crop, 0);
        QCOMPARE(r[2].crop, 2);
        for (const auto &x : r)
            QVERIFY(x.p10MarginPerHa <= x.expectedMarginPerHa &&
                    x.expectedMarginPerHa <= x.p90MarginPerHa);
        QVERIFY(r[0].p90MarginPerHa - r[0].p10MarginPerHa >
                r[1].p90MarginPerHa - r[1].p10MarginPerHa);
        QVERIFY(r[2].lossProbability > 0.9);
        // Same seed, same answer; a new candidate leaves the others' figures alone.
        const auto again = rankCrops({safe, risky, poor, outlook(3, 1000, 0.1, 0.1, 10)}, 7);
        QCOMPARE(again[0].expectedMarginPerHa, r[0].expectedMarginPerHa);
    }

    void demoFieldIsRanked() {
        test::Scratch dir;
        const QString path = dir.path(QStringLiteral("rank.agrodesk"));
        test::makeSmallDemo(path);
        auto db = test::connect(path);
        const QString field = test::textOf(db, "SELECT id FROM fields ORDER BY lid LIMIT 1");
        auto ranking = services::rankCropsForField(db, field);
        QVERIFY2(ranking.ok(), test::why(ranking).constData());
        QVERIFY(ranking->rows.size() >= 3);
        for (size_t i = 1; i < ranking->rows.size(); ++i)
            QVERIFY(ranking->rows[i - 1].rank.expectedMarginPerHa >=
                    ranking->rows[i].rank.expectedMarginPerHa);
        for (const auto &r : ranking->rows) {
            QVERIFY(r.predictedYieldKgHa > 0 && r.inputs.priceMean > 0 &&
                    r.inputs.costPerHaMean > 0);
            QVERIFY(services::describeRank(r, ranking->currency)
                        .contains(QLatin1String("1 season in 10 below")));
        }
        auto again = services::rankCropsForField(db, field);
        QCOMPARE(again->rows.front().rank.expectedMarginPerHa,
                 ranking->rows.front().rank.expectedMarginPerHa);
        // Field names repeat across farms: a name that is not unique is refused.
        auto ambiguous = services::rankCropsForField(db, QStringLiteral("North 1"));
        QVERIFY(!ambiguous.ok());
        auto unknown = services::rankCropsForField(db, QStringLiteral("Nowhere"));
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestCropRank)
#include "tst_croprank.moc"

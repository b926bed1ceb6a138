#include "analytics/finance.h"

#include <QTest>

#include <cmath>

using namespace agro::analytics;

/// Finance formulas against hand-computed cases (docs/finance.md).
class TestFinance : public QObject {
    Q_OBJECT

    static CropAccount example() {
        // 10 ha, expected 5,000 kg/ha at 0.20/kg; seeds 1,000 and fertilizer 2,000;
        // harvested 48,000 kg of which 2,000 kg rejected; sold at the planting's price.
        CropAccount a;
        a.plantings = 1;
        a.areaHa = 10;
        a.expectedYieldKg = 50000;
        a.expectedRevenue = 50000 * 0.2;
        a.costs[0] = 1000;
        a.costs[1] = 2000;
        a.harvestedKg = 48000;
        a.rejectedKg = 2000;
        a.revenue = 46000 * 0.2;
        return a;
    }

private Q_SLOTS:
    void handComputedPlanting() {
        const CropFigures f = cropFigures(example());
        QCOMPARE(f.totalCost, 3000.0);
        QCOMPARE(*f.costPerHa, 300.0);
        QCOMPARE(*f.costPerHaByCategory[0], 100.0);
        QCOMPARE(*f.costPerHaByCategory[2], 0.0);
        QCOMPARE(f.sellableKg, 46000.0);
        QCOMPARE(*f.yieldKgHa, 4800.0);
        QCOMPARE(*f.sellableYieldKgHa, 4600.0);
        QCOMPARE(*f.expectedYieldKgHa, 5000.0);
        QCOMPARE(*f.yieldGapKgHa, -200.0);
        QVERIFY(qAbs(*f.yieldGapRatio - (-0.04)) < 1e-12);
        QCOMPARE(f.revenue, 9200.0);
        QCOMPARE(f.grossMargin, 6200.0);
        QCOMPARE(*f.marginPerHa, 620.0);
        QVERIFY(qAbs(*f.roi - 6200.0 / 3000.0) < 1e-12);
        QVERIFY(qAbs(*f.costPerSellableKg - 3000.0 / 46000.0) < 1e-12);
        QCOMPARE(*f.breakEvenPricePerKg, *f.costPerSellableKg);
        // Revenue covers cost at 3,000 / (0.20 × 10 ha) = 1,500 kg/ha.
        QVERIFY(qAbs(*f.breakEvenYieldKgHa - 1500.0) < 1e-9);
    }

    void groupsAreSumsNotAveragesOfRatios() {
        CropAccount small = example();
        CropAccount big = example();
        big.areaHa = 30;
        big.costs[0] = 9000; // 300/ha in seeds
        CropAccount total = small;
        total += big;
        const CropFigures f = cropFigures(total);
        QCOMPARE(total.plantings, 2);
        QCOMPARE(total.areaHa, 40.0);
        QCOMPARE(f.totalCost, 3000.0 + 11000.0);
        QCOMPARE(*f.costPerHa, 14000.0 / 40.0); // not the mean of 300 and 366.7
    }

    void degenerateInputsGiveDefinedResults_data() {
        QTest::addColumn<double>("area");
        QTest::addColumn<double>("harvested");
        QTest::addColumn<double>("cost");
        QTest::newRow("zero area") << 0.0 << 1000.0 << 500.0;
        QTest::newRow("zero yield") << 5.0 << 0.0 << 500.0;
        QTest::newRow("zero cost") << 5.0 << 1000.0 << 0.0;
        QTest::newRow("nothing at all") << 0.0 << 0.0 << 0.0;
        QTest::newRow("everything rejected") << 5.0 << 1000.0 << 500.0;
    }
    void degenerateInputsGiveDefinedResults() {
        QFETCH(double, area);
        QFETCH(double, harvested);
        QFETCH(double, cost);
        CropAccount a;
        a.plantings = 1;
        a.areaHa = area;
        a.expectedYieldKg = 4000 * area;
        a.expectedRevenue = a.expectedYieldKg * 0.3;
        a.costs[6] = cost;
        a.harvestedKg = harvested;
        a.rejectedKg = QTest::currentDataTag() == QByteArray("everything rejected") ? harvested : 0;
        a.revenue = a.sellableKg() * 0.3;
        const CropFigures f = cropFigures(a);
        const auto finite = [](const std::optional<double> &v) { return !v || std::isfinite(*v); };
        QVERIFY(std::isfinite(f.totalCost) && std::isfinite(f.grossMargin));
        QVERIFY(finite(f.costPerHa) && finite(f.yieldKgHa) && finite(f.yieldGapKgHa) &&
                finite(f.yieldGapRatio) && finite(f.marginPerHa) && finite(f.roi) &&
                finite(f.costPerSellableKg) && finite(f.breakEvenYieldKgHa));
        QCOMPARE(f.costPerHa.has_value(), area > 0);
        QCOMPARE(f.roi.has_value(), cost > 0);
        QCOMPARE(f.costPerSellableKg.has_value(), a.sellableKg() > 0);
        if (area > 0)
            QVERIFY(f.breakEvenYieldKgHa.has_value()); // from the expected price if nothing sold
    }

    void allocation_data() {
        QTest::addColumn<QVector<double>>("weights");
        QTest::addColumn<QVector<double>>("parts");
        QTest::newRow("by area 1:3") << QVector<double>{1, 3} << QVector<double>{250, 750};
        QTest::newRow("one planting") << QVector<double>{7.5} << QVector<double>{1000};
        QTest::newRow("no area: even") << QVector<double>{0, 0} << QVector<double>{500, 500};
        QTest::newRow("negative share ignored")
            << QVector<double>{-1, 1, 1} << QVector<double>{0, 500, 500};
        QTest::newRow("no plantings") << QVector<double>{} << QVector<double>{};
    }
    void allocation() {
        QFETCH(QVector<double>, weights);
        QFETCH(QVector<double>, parts);
        const auto got =
            allocateByShares(1000, std::vector<double>(weights.begin(), weights.end()));
        QCOMPARE(QVector<double>(got.begin(), got.end()), parts);
        const auto byArea =
            allocateByArea(1000, std::vector<double>(weights.begin(), weights.end()));
        double sum = 0;
        for (double v : byArea)
            sum += v;
        QVERIFY(weights.isEmpty() || qAbs(sum - 1000) < 1e-9); // nothing lost or created
    }
};

QTEST_GUILESS_MAIN(TestFinance)
#include "tst_finance.moc"

#include "analytics/detection/conditionlink.h"

#include <QTest>

#include <cmath>

using namespace agro::analytics::detection;

/// Fisher's exact test, risk ratio, Benjamini–Hochberg and the exposure window, against values
/// computed by hand or by R (fisher.test, p.adjust(method = "BH")).
class TestConditionLink : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fisher_data() {
        QTest::addColumn<qint64>("eb");
        QTest::addColumn<qint64>("eg");
        QTest::addColumn<qint64>("ob");
        QTest::addColumn<qint64>("og");
        QTest::addColumn<double>("p");
        // Fisher's tea-tasting lady: 3 of 4 right. R: 0.4857.
        QTest::newRow("tea") << qint64(3) << qint64(1) << qint64(1) << qint64(3) << 34.0 / 70.0;
        // A perfect split of 5 and 5: 2 tables of probability 1/252.
        QTest::newRow("perfect") << qint64(5) << qint64(0) << qint64(0) << qint64(5) << 2.0 / 252.0;
        // R: fisher.test(matrix(c(1, 11, 9, 3), 2)) → 0.002759456.
        QTest::newRow("dieting") << qint64(1) << qint64(9) << qint64(11) << qint64(3)
                                 << 0.002759456;
        QTest::newRow("balanced") << qint64(10) << qint64(10) << qint64(10) << qint64(10) << 1.0;
        QTest::newRow("no exposed lots") << qint64(0) << qint64(0) << qint64(4) << qint64(9) << 1.0;
        QTest::newRow("nothing bad") << qint64(0) << qint64(7) << qint64(0) << qint64(9) << 1.0;
        QTest::newRow("empty") << qint64(0) << qint64(0) << qint64(0) << qint64(0) << 1.0;
    }
    void fisher() {
        QFETCH(qint64, eb);
        QFETCH(qint64, eg);
        QFETCH(qint64, ob);
        QFETCH(qint64, og);
        QFETCH(double, p);
        const double got = fisherExactTwoSided({eb, eg, ob, og});
        QVERIFY2(std::abs(got - p) < 1e-6 * std::max(1.0, p * 1e3),
                 qPrintable(QString::number(got, 'g', 10)));
        // The test does not care which way round the table is written.
        QVERIFY(std::abs(fisherExactTwoSided({ob, og, eb, eg}) - got) < 1e-12);
    }

    void riskRatios() {
        QCOMPARE(riskRatio({5, 3, 1, 77}), (5.0 / 8.0) / (1.0 / 78.0));
        QVERIFY(std::isinf(riskRatio({3, 2, 0, 40})));
        QVERIFY(std::isnan(riskRatio({0, 5, 0, 40})));
        QVERIFY(std::isnan(riskRatio({0, 0, 3, 40})));
        QCOMPARE(riskRatio({1, 9, 4, 6}), 0.25);
    }

    void benjaminiHochbergAdjusts() {
        // Sorted: 0.005, 0.01, 0.03, 0.04 → ·4/rank: 0.02, 0.02, 0.04, 0.04 (running minimum
        // from the top leaves them so). R: p.adjust(c(.01, .04, .03, .005), "BH").
        const auto q = benjaminiHochberg({0.01, 0.04, 0.03, 0.005});
        const std::vector<double> expected{0.02, 0.04, 0.04, 0.02};
        QCOMPARE(q.size(), expected.size());
        for (size_t i = 0; i < q.size(); ++i)
            QVERIFY2(std::abs(q[i] - expected[i]) < 1e-12, qPrintable(QString::number(q[i])));
        // Capped at 1, and monotone in p.
        const auto capped = benjaminiHochberg({0.9, 0.95, 0.5});
        for (const double x : capped)
            QVERIFY(x <= 1.0);
        QVERIFY(capped[2] <= capped[0] && capped[0] <= capped[1]);
        QVERIFY(benjaminiHochberg({}).empty());
    }

    void windowsNeedHalfTheirDays() {
        // Days 100..109: 20, 21, NaN, 45, 22, NaN, NaN, NaN, NaN, 23.
        const double nan = std::nan("");
        const std::vector<double> m{20, 21, nan, 45, 22, nan, nan, nan, nan, 23};
        // Before day 105 (days 98..104 for 7 days): 20, 21, 45, 22 seen → 4 of 7 ≥ half.
        QCOMPARE(worstInWindow(m, 100, 105, 7, true), 45.0);
        QCOMPARE(worstInWindow(m, 100, 105, 7, false), 20.0);
        // Before day 110: days 103..109 hold 45, 22, 23: 3 of 7 < half → no answer.
        QVERIFY(std::isnan(worstInWindow(m, 100, 110, 7, true)));
        // The lot's own day is not part of its window.
        QCOMPARE(worstInWindow(m, 100, 103, 2, true), 21.0);
        // Outside the record: nothing.
        QVERIFY(std::isnan(worstInWindow(m, 100, 90, 7, true)));
    }

    void crossTabulationSkipsLotsWithoutData() {
        const std::vector<LotExposure> lots{
            {45, true}, {41, false}, {30, true}, {20, false}, {std::nan(""), true}};
        const TwoByTwo above = crossTabulate(lots, true, 40);
        QCOMPARE(above.exposedBad, 1);
        QCOMPARE(above.exposedGood, 1);
        QCOMPARE(above.otherBad, 1);
        QCOMPARE(above.otherGood, 1);
        const TwoByTwo below = crossTabulate(lots, false, 25);
        QCOMPARE(below.exposed(), 1);
        QCOMPARE(below.exposedGood, 1);
        QCOMPARE(below.total(), 4);
    }
};

QTEST_APPLESS_MAIN(TestConditionLink)
#include "tst_conditionlink.moc"

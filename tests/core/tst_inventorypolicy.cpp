#include "analytics/inventory/gammadist.h"
#include "analytics/inventory/policy.h"
#include "analytics/inventory/policysimulation.h"

#include <QTest>

#include <cmath>

using namespace agro::analytics::inventory;

namespace {
ItemInputs item(double daily, double sd, int leadTime = 7) {
    ItemInputs in;
    in.dailyMean.assign(60, daily);
    in.dailySd.assign(60, sd);
    in.leadTimeDays = leadTime;
    in.unitCost = 30;
    in.orderingCost = 100;
    in.holdingRate = 0.2;
    in.targetFillRate = 0.95;
    return in;
}
/// E[(D − s)⁺] by the trapezoid rule on the gamma density, independent of the closed form.
double numericShortage(double mean, double var, double s) {
    const double k = mean * mean / var, theta = var / mean;
    double sum = 0;
    const double hi = mean + 20 * std::sqrt(var), dx = (hi - s) / 20000;
    for (int i = 0; i <= 20000; ++i) {
        const double x = s + i * dx;
        const double dens =
            std::exp((k - 1) * std::log(x) - x / theta - std::lgamma(k) - k * std::log(theta));
        sum += (i == 0 || i == 20000 ? 0.5 : 1.0) * (x - s) * dens;
    }
    return sum * dx;
}
} // namespace

/// The restock policy against textbook cases and its known properties.
class TestInventoryPolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eoqTextbook() {
        // Harris: D = 1,200 a year, K = 100, h·c = 0.2 × 30 = 6 → EOQ = √(2·1200·100/6) = 200.
        ItemInputs in = item(1200.0 / 365.0, 0.0);
        const ItemPolicy p = computePolicy(in);
        QVERIFY(std::abs(p.eoq - 200.0) < 1e-9);
        QCOMPARE(p.orderQuantity, 200.0);
        in.packSize = 24;
        QCOMPARE(computePolicy(in).orderQuantity, 216.0); // 9 packs of 24
        in.minOrderQty = 300;
        QCOMPARE(computePolicy(in).orderQuantity, 312.0); // 13 packs: the MOQ in whole packs
    }

    void roundingRules() {
        QCOMPARE(roundOrder(23, 10, 50), 50.0);
        QCOMPARE(roundOrder(53, 10, 0), 60.0);
        QCOMPARE(roundOrder(60, 10, 0), 60.0);
        QCOMPARE(roundOrder(0, 10, 50), 0.0);
        QCOMPARE(roundOrder(7, 0, 0), 7.0); // no pack size: whole units
    }

    void gammaDistribution() {
        const GammaDemand g(100, 100);                         // shape 100, scale 1
        QVERIFY(std::abs(g.cdf(100) - 0.5132988) < 1e-7);      // R: pgamma(100, 100)
        QVERIFY(std::abs(g.quantile(0.5) - 99.66686) < 1e-3);  // R: qgamma(0.5, 100)
        QVERIFY(std::abs(g.quantile(0.95) - 116.9971) < 1e-3); // R: qgamma(0.95, 100)
        for (double s : {0.0, 80.0, 100.0, 120.0, 150.0})
            QVERIFY2(std::abs(g.expectedShortage(s) - numericShortage(100, 100, s)) < 1e-4,
                     qPrintable(QString::number(s)));
        const GammaDemand skewed(5, 40); // shape 0.625: very skewed, lumpy demand
        for (double s : {1.0, 5.0, 20.0})
            QVERIFY(std::abs(skewed.expectedShortage(s) - numericShortage(5, 40, s)) < 1e-3);
        QCOMPARE(GammaDemand(0, 0).quantile(0.99), 0.0);
        QCOMPARE(GammaDemand(10, 0).quantile(0.99), 10.0);
    }

    void reorderPointMeetsTheFillRate() {
        const ItemPolicy p = computePolicy(item(20, 6));
        const GammaDemand d(p.leadTimeDemandMean, p.leadTimeDemandSd * p.leadTimeDemandSd);
        QVERIFY(std::abs(d.expectedShortage(p.reorderPoint) - 0.05 * p.orderQuantity) <
                1e-4 * p.orderQuantity);
        QVERIFY(std::abs(p.expectedFillRate - 0.95) < 1e-4);
        QCOMPARE(p.leadTimeDemandMean, 160.0); // 20 a day over 7 + 1 days
        QVERIFY(std::abs(p.leadTimeDemandSd - 6 * std::sqrt(8.0)) < 1e-9);
        // With an EOQ of ~493 units, 5 % of a cycle's order may be short: the reorder point sits
        // below the mean lead-time demand (Silver et al. 2017 §7.5.3). A 99 % target on smaller
        // orders needs real safety stock.
        QVERIFY(p.safetyStock < 0);
        ItemInputs strict = item(20, 6);
        strict.targetFillRate = 0.99;
        strict.orderingCost = 10;
        QVERIFY(computePolicy(strict).safetyStock > 0);
    }

    void monotone() {
        // Safety stock grows with the target, the uncertainty and the lead time; EOQ with the
        // ordering cost; EOQ falls with the holding cost.
        double last = -1e9;
        for (double beta : {0.80, 0.90, 0.95, 0.98, 0.995}) {
            ItemInputs in = item(20, 6);
            in.targetFillRate = beta;
            const double s = computePolicy(in).reorderPoint;
            QVERIFY(s > last);
            last = s;
        }
        last = -1e9;
        for (double sd : {1.0, 3.0, 6.0, 12.0}) {
            const double ss = computePolicy(item(20, sd)).safetyStock;
            QVERIFY(ss > last);
            last = ss;
        }
        last = -1e9;
        for (int lt : {0, 3, 7, 14, 28}) {
            const double s = computePolicy(item(20, 6, lt)).reorderPoint;
            QVERIFY(s > last);
            last = s;
        }
        last = 0;
        for (double k : {10.0, 50.0, 100.0, 400.0}) {
            ItemInputs in = item(20, 6);
            in.orderingCost = k;
            const double q = computePolicy(in).eoq;
            QVERIFY(q > last);
            last = q;
        }
        last = 1e12;
        for (double h : {0.05, 0.1, 0.2, 0.4}) {
            ItemInputs in = item(20, 6);
            in.holdingRate = h;
            const double q = computePolicy(in).eoq;
            QVERIFY(q < last);
            last = q;
        }
    }

    void decisionAndExplanation() {
        ItemInputs in = item(20, 6);
        in.onHand = 100;
        in.onOrder = 20;
        in.unavailable = 30; // a held lot
        const ItemPolicy p = computePolicy(in);
        QCOMPARE(p.available, 70.0);
        QCOMPARE(p.inventoryPosition, 90.0);
        QVERIFY(p.reorder);
        QVERIFY(std::abs(p.proposedQuantity - std::ceil(p.reorderPoint + p.orderQuantity - 90)) <
                1e-9);
        QVERIFY(p.rule.find("at or below the reorder point") != std::string::npos);
        QCOMPARE(p.stockoutInDays.value(), 4); // 70 units at 20 a day
        QCOMPARE(p.priority, 100.0);           // runs out within the lead time
        QVERIFY(p.fewerUnits > 0);
        QVERIFY(p.fillRateWithFewer < p.expectedFillRate);
        in.onHand = 1000;
        in.unavailable = 0;
        const ItemPolicy none = computePolicy(in);
        QVERIFY(!none.reorder);
        QCOMPARE(none.proposedQuantity, 0.0);
        QVERIFY(none.rule.find("no order") != std::string::npos);
    }

    void degenerateInputs() {
        // Zero demand: nothing to order, nothing runs out, no NaN.
        ItemInputs zero = item(0, 0);
        ItemPolicy p = computePolicy(zero);
        QVERIFY(!p.reorder);
        QCOMPARE(p.reorderPoint, 0.0);
        QVERIFY(!p.stockoutInDays);
        QVERIFY(std::isfinite(p.expectedFillRate));
        // Zero lead time: the review period still needs cover.
        p = computePolicy(item(10, 3, 0));
        QCOMPARE(p.leadTimeDemandMean, 10.0);
        QVERIFY(std::isfinite(p.reorderPoint));
        // Zero holding cost or no ordering cost: EOQ undefined, a month of demand instead.
        ItemInputs noHold = item(10, 3);
        noHold.holdingRate = 0;
        p = computePolicy(noHold);
        QVERIFY(p.costsMissing);
        QCOMPARE(p.eoq, 0.0);
        QCOMPARE(p.orderQuantity, 300.0);
        ItemInputs noCosts = item(10, 3);
        noCosts.unitCost = 0;
        noCosts.orderingCost = 0;
        QVERIFY(computePolicy(noCosts).costsMissing);
        // No forecast at all.
        ItemInputs empty;
        p = computePolicy(empty);
        QVERIFY(!p.reorder);
        QCOMPARE(p.leadTimeDemandMean, 0.0);
    }

    void replayByHand() {
        // 10 a day, lead time 2, start with 30: order 30 whenever the position is ≤ 25.
        // Day 0: 30 → 20 left, position 20 → order (arrives morning of day 2).
        // Day 1: 10 left, position 40. Day 2: +30 → 40, sells 10 → 30, position 30.
        // Day 3: 20, position 20 → order (arrives day 5). Day 4: 10, position 40.
        // Day 5: +30 → 40 → 30 … every order of 30 covers three days: no stock-out.
        const std::vector<double> demand(12, 10.0);
        auto policy = [](int, double onHand, double onOrder) {
            ItemPolicy p;
            p.reorder = onHand + onOrder <= 25;
            p.proposedQuantity = p.reorder ? 30 : 0;
            return p;
        };
        const ReplayResult r = replayPolicy(demand, 0, 11, 2, 30, policy);
        QCOMPARE(r.demand, 120.0);
        QCOMPARE(r.served, 120.0);
        QCOMPARE(r.fillRate(), 1.0);
        QCOMPARE(r.stockoutDays, 0);
        QCOMPARE(r.orders, 4); // days 0, 3, 6, 9
        // A lead time of 4 with the same rule runs dry while the first order is on its way.
        const ReplayResult late = replayPolicy(demand, 0, 11, 4, 30, policy);
        QVERIFY(late.stockoutDays > 0);
        QVERIFY(late.fillRate() < 1.0);
        QCOMPARE(late.served + (late.demand - late.served), 120.0);
    }

    void classes() {
        const auto abc = abcClasses({500, 300, 100, 50, 30, 20});
        // Shares before each item: 0, 50, 80, 90, 95, 98 % → A, A, B, B, C, C.
        QCOMPARE(QByteArray(abc.data(), int(abc.size())), QByteArray("AABBCC"));
        std::vector<double> steady(70, 10.0), erratic(70, 0.0);
        for (int i = 0; i < 70; i += 14)
            erratic[std::size_t(i)] = 100;
        QCOMPARE(xyzClass(steady), 'X');
        QCOMPARE(xyzClass(erratic), 'Z');
    }
};

QTEST_GUILESS_MAIN(TestInventoryPolicy)
#include "tst_inventorypolicy.moc"

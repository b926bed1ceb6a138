#include "services/restocksimulation.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace agro;

/// The restock replay over the small demo: figures are defined and consistent, the baselines
/// are tuned to the policy's fill rate, and cancel stops it.
class TestRestockSimulation : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("r.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void replay() {
        auto db = test::connect(m_path);
        Progress progress;
        services::RestockSimulationOptions o;
        o.days = 182;
        o.threads = 2;
        auto sim = services::simulateRestock(db, o, progress);
        QVERIFY2(sim.ok(), test::why(sim).constData());
        QVERIFY(sim->products > 0);
        QCOMPARE(sim->lastDay - sim->firstDay + 1, 182);
        QCOMPARE(qint64(sim->lastDay), test::intOf(db, "SELECT max(day) FROM sales_daily"));
        for (const auto *p : {&sim->policy, &sim->naive, &sim->fixedLevel, &sim->naiveAtSameFill,
                              &sim->fixedAtSameFill}) {
            QVERIFY(p->fillRate > 0.5 && p->fillRate <= 1.0);
            QVERIFY(p->averageInventoryValue > 0);
            QVERIFY(p->orders > 0);
            QVERIFY(std::isfinite(p->totalCost()));
        }
        // The policy aims at 95 %: it should land near it, and the tuned baselines on its value.
        QVERIFY2(std::abs(sim->policy.fillRate - 0.95) < 0.04,
                 qPrintable(QString::number(sim->policy.fillRate)));
        QVERIFY(std::abs(sim->naiveAtSameFill.fillRate - sim->policy.fillRate) < 0.01);
        QVERIFY(std::abs(sim->fixedAtSameFill.fillRate - sim->policy.fillRate) < 0.01);
        QCOMPARE(progress.permille(), 1000);
        // Deterministic: the same data gives the same figures.
        Progress again;
        auto sim2 = services::simulateRestock(db, o, again);
        QVERIFY(sim2.ok());
        QCOMPARE(sim2->policy.averageInventoryValue, sim->policy.averageInventoryValue);
        QCOMPARE(sim2->fixedFactor, sim->fixedFactor);
    }

    void badOptionsAndCancel() {
        auto db = test::connect(m_path);
        Progress progress;
        services::RestockSimulationOptions o;
        o.targetFillRate = 1.5;
        QCOMPARE(services::simulateRestock(db, o, progress).error().code,
                 ErrorCode::InvalidArgument);
        o.targetFillRate = 0.95;
        progress.cancelled = true;
        QCOMPARE(services::simulateRestock(db, o, progress).error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestRestockSimulation)
#include "tst_restocksimulation.moc"

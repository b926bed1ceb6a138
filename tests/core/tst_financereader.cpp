#include "store/financereader.h"
#include "store/mutator.h"
#include "store/repository.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace agro;
using namespace agro::domain;
using namespace agro::store;

/// The finance read over the small demo, checked figure by figure against independent SQL
/// over the raw tables, and the allocation of farm-level costs by area and by shares.
class TestFinanceReader : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    static const FinanceGroup *find(const std::vector<FinanceGroup> &gs, const QString &key) {
        for (const auto &g : gs)
            if (g.key == key)
                return &g;
        return nullptr;
    }
    static bool near(double a, double b) { return qAbs(a - b) <= 1e-6 * qMax(1.0, qAbs(b)); }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("f.agrodesk"));
        test::makeSmallDemo(m_path);
        // The small demo's own-harvest lots all pass QC: reject one and hold another, so that
        // every comparison below also covers quality losses.
        auto db = test::connect(m_path);
        QStringList lots;
        {
            auto st = db.prepare("SELECT id FROM lots WHERE planting_id IS NOT NULL AND "
                                 "quantity_kg > 0 ORDER BY lid LIMIT 2");
            while (st->step().value())
                lots << st->text(0);
        }
        QCOMPARE(lots.size(), 2);
        auto m = Mutator::begin(db);
        QVERIFY(m->update(QStringLiteral("lots"), lots[0],
                          {{QStringLiteral("status"), QStringLiteral("rejected")}})
                    .ok());
        QVERIFY(m->update(QStringLiteral("lots"), lots[1],
                          {{QStringLiteral("status"), QStringLiteral("held")}})
                    .ok());
        QVERIFY(m->commit().ok());
    }

    void qualityLossesComeOffSellableYield() {
        // A hand-made case: a planting's harvest, then three of its lots — rejected, held and
        // available — and one rejected lot of unknown mass, which cannot be charged.
        const QString ws = m_dir.path(QStringLiteral("losses.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        const QString planting = test::textOf(
            db, "SELECT p.id FROM plantings p WHERE NOT EXISTS (SELECT 1 FROM lots l WHERE "
                "l.planting_id = p.id) AND EXISTS (SELECT 1 FROM harvests h WHERE h.planting_id "
                "= p.id) ORDER BY p.lid LIMIT 1");
        QVERIFY(!planting.isEmpty());
        auto account = [&](store::Connection &c) {
            auto d = FinanceReader::load(c, {});
            for (const auto &p : d->plantings)
                if (p.plantingId == planting)
                    return p.account;
            return analytics::CropAccount{};
        };
        const analytics::CropAccount before = account(db);
        const double price = test::realOf(
            db, QStringLiteral("SELECT expected_price_kg FROM plantings WHERE id = '%1'")
                    .arg(planting)
                    .toUtf8()
                    .constData());
        QCOMPARE(before.qcRejectedKg, 0.0);
        QCOMPARE(before.qcHeldKg, 0.0);
        const QString farm =
            test::textOf(db, QStringLiteral("SELECT farm_id FROM plantings WHERE id = '%1'")
                                 .arg(planting)
                                 .toUtf8()
                                 .constData());
        const QString product =
            test::textOf(db, QStringLiteral("SELECT id FROM products WHERE farm_id = '%1' LIMIT 1")
                                 .arg(farm)
                                 .toUtf8()
                                 .constData());
        {
            auto m = Mutator::begin(db);
            auto lot = [&](const char *batch, const char *status, std::optional<double> kg) {
                Lot l{m->newId(),
                      farm,
                      product,
                      QString::fromLatin1(batch),
                      QDate(2026, 7, 1),
                      QDate(2026, 7, 20),
                      10,
                      QString::fromLatin1(status),
                      QStringLiteral("Own harvest"),
                      planting,
                      kg};
                return Repository<Lot>::insert(m.value(), l).ok();
            };
            QVERIFY(lot("T-REJ", "rejected", 300.0));
            QVERIFY(lot("T-HELD", "held", 120.0));
            QVERIFY(lot("T-OK", "available", 500.0));
            QVERIFY(lot("T-UNKNOWN", "rejected", std::nullopt));
            QVERIFY(m->commit().ok());
        }
        const analytics::CropAccount after = account(db);
        QCOMPARE(after.qcRejectedKg, 300.0);
        QCOMPARE(after.qcHeldKg, 120.0);
        QCOMPARE(after.harvestedKg, before.harvestedKg);
        QVERIFY(near(after.sellableKg(), std::max(0.0, before.sellableKg() - 420.0)));
        QVERIFY(near(after.revenue, after.sellableKg() * price));
        QCOMPARE(after.totalCost(), before.totalCost());
        const auto fb = analytics::cropFigures(before);
        const auto fa = analytics::cropFigures(after);
        // Less to sell at the same cost: each sellable kg costs more and the return falls.
        QVERIFY(*fa.costPerSellableKg > *fb.costPerSellableKg);
        QVERIFY(near(*fa.costPerSellableKg, after.totalCost() / after.sellableKg()));
        QVERIFY(*fa.roi < *fb.roi);
    }

    void everyCostIsBookedOnce() {
        // The demo's farm-level costs all fall inside a season, so every cost entry ends up on
        // some planting: per farm, the groups' costs equal the farm's cost entries.
        auto db = test::connect(m_path);
        auto data = FinanceReader::load(db, {});
        QVERIFY2(data.ok(), test::why(data).constData());
        QVERIFY(data->unallocated.empty());
        const auto farms = groupFinance(data.value(), FinanceGrouping::Farm);
        QCOMPARE(farms.size(), size_t(2));
        for (const auto &g : farms) {
            auto st = db.prepare("SELECT sum(amount) FROM cost_entries WHERE farm_id = ?");
            st->bind(1, g.key);
            QVERIFY(st->step().value());
            QVERIFY2(near(g.account.totalCost(), st->real(0)), qPrintable(g.label));
        }
    }

    void groupsMatchRawSql_data() {
        QTest::addColumn<int>("grouping");
        QTest::addColumn<QString>("keySql"); // SQL expression giving a planting's group key
        QTest::newRow("planting") << int(FinanceGrouping::Planting) << "p.id";
        QTest::newRow("field") << int(FinanceGrouping::Field) << "p.field_id";
        QTest::newRow("crop") << int(FinanceGrouping::Crop) << "p.crop_id";
        QTest::newRow("farm") << int(FinanceGrouping::Farm) << "p.farm_id";
        QTest::newRow("season") << int(FinanceGrouping::Season) << "s.name";
    }
    void groupsMatchRawSql() {
        QFETCH(int, grouping);
        QFETCH(QString, keySql);
        auto db = test::connect(m_path);
        auto data = FinanceReader::load(db, {});
        QVERIFY(data.ok());
        const auto groups = groupFinance(data.value(), FinanceGrouping(grouping));
        const QString sql =
            "SELECT " + keySql +
            ", count(*), sum(p.planted_area_ha), sum(p.planted_area_ha * p.expected_yield_kg_ha), "
            "sum(coalesce(h.kg, 0)), sum(coalesce(h.rej, 0)), "
            "sum(max(0, coalesce(h.kg, 0) - coalesce(h.rej, 0) - coalesce(q.rej, 0) - "
            "coalesce(q.held, 0)) * p.expected_price_kg), "
            "sum(coalesce((SELECT sum(amount) FROM cost_entries c WHERE c.planting_id = p.id), 0)) "
            "FROM plantings p JOIN seasons s ON s.id = p.season_id LEFT JOIN (SELECT planting_id, "
            "sum(quantity_kg) kg, sum(rejected_kg) rej FROM harvests GROUP BY planting_id) h ON "
            "h.planting_id = p.id LEFT JOIN (SELECT planting_id, sum(CASE WHEN status = "
            "'rejected' THEN quantity_kg END) rej, sum(CASE WHEN status = 'held' THEN "
            "quantity_kg END) held FROM lots GROUP BY planting_id) q ON q.planting_id = p.id "
            "GROUP BY 1";
        auto st = db.prepare(sql.toStdString());
        QVERIFY(st.ok());
        int rows = 0;
        while (st->step().value()) {
            ++rows;
            const FinanceGroup *g = find(groups, st->text(0));
            QVERIFY2(g, qPrintable(st->text(0)));
            QCOMPARE(g->account.plantings, int(st->int64(1)));
            QVERIFY(near(g->account.areaHa, st->real(2)));
            QVERIFY(near(g->account.expectedYieldKg, st->real(3)));
            QVERIFY(near(g->account.harvestedKg, st->real(4)));
            QVERIFY(near(g->account.rejectedKg, st->real(5)));
            QVERIFY(near(g->account.revenue, st->real(6)));
            // Direct costs are part of the total; farm-level costs add the rest.
            QVERIFY(g->account.totalCost() >= st->real(7) - 1e-6);
            const auto f = analytics::cropFigures(g->account);
            QVERIFY(near(f.grossMargin, f.revenue - f.totalCost));
        }
        QCOMPARE(size_t(rows), groups.size());
    }

    void farmLevelCostsByAreaAndByShares() {
        const QString ws = m_dir.path(QStringLiteral("alloc.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        const QString farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        // Two plantings of that farm in the 2026 season.
        auto st = db.prepare("SELECT p.id, p.planted_area_ha FROM plantings p JOIN seasons s ON "
                             "s.id = p.season_id WHERE s.name = '2026' AND p.farm_id = ? "
                             "ORDER BY p.lid LIMIT 2");
        st->bind(1, farm);
        QVERIFY(st->step().value());
        const QString p1 = st->text(0);
        QVERIFY(st->step().value());
        const QString p2 = st->text(0);
        st = db.prepare("SELECT 1"); // release the statement before writing

        auto before = FinanceReader::load(db, {farm, QStringLiteral("2026")});
        QVERIFY(before.ok());
        auto costOf = [](const FinanceData &d, const QString &planting) {
            for (const auto &p : d.plantings)
                if (p.plantingId == planting)
                    return p.account.totalCost();
            return -1.0;
        };
        double seasonArea = 0;
        for (const auto &p : before->plantings)
            seasonArea += p.account.areaHa;

        {
            auto m = Mutator::begin(db);
            CostEntry byArea{m->newId(),
                             farm,
                             QString(),
                             CostCategory::Other,
                             1000.0,
                             QStringLiteral("EUR"),
                             QDate(2026, 6, 15),
                             QStringLiteral("area"),
                             QStringLiteral("insurance")};
            CostEntry byShares{m->newId(),
                               farm,
                               QString(),
                               CostCategory::Labor,
                               900.0,
                               QStringLiteral("EUR"),
                               QDate(2026, 6, 16),
                               QStringLiteral("shares"),
                               QStringLiteral("shared crew")};
            CostEntry outside{m->newId(),
                              farm,
                              QString(),
                              CostCategory::Other,
                              77.0,
                              QStringLiteral("EUR"),
                              QDate(2026, 12, 20),
                              QStringLiteral("area"),
                              QStringLiteral("after the season")};
            QVERIFY(Repository<CostEntry>::insert(m.value(), byArea).ok());
            QVERIFY(Repository<CostEntry>::insert(m.value(), byShares).ok());
            QVERIFY(Repository<CostEntry>::insert(m.value(), outside).ok());
            QVERIFY(Repository<CostShare>::insert(m.value(), {m->newId(), farm, byShares.id, p1, 2})
                        .ok());
            QVERIFY(Repository<CostShare>::insert(m.value(), {m->newId(), farm, byShares.id, p2, 1})
                        .ok());
            QVERIFY(m->commit().ok());
        }
        auto after = FinanceReader::load(db, {farm, QStringLiteral("2026")});
        QVERIFY(after.ok());
        for (const auto &p : after->plantings) {
            const double expected =
                1000.0 * p.account.areaHa / seasonArea + (p.plantingId == p1   ? 600.0
                                                          : p.plantingId == p2 ? 300.0
                                                                               : 0.0);
            QVERIFY2(
                near(costOf(after.value(), p.plantingId) - costOf(before.value(), p.plantingId),
                     expected),
                qPrintable(p.plantingId));
        }
        // The cost after the season reaches no planting: reported as unallocated for the farm.
        auto all = FinanceReader::load(db, {farm, QString()});
        QVERIFY(all.ok());
        QCOMPARE(all->unallocated.size(), size_t(1));
        QCOMPARE(all->unallocated.front().costs[size_t(CostCategory::Other)], 77.0);
        const auto farms = groupFinance(all.value(), FinanceGrouping::Farm);
        QCOMPARE(farms.size(), size_t(1));
        auto total = test::connect(ws);
        auto sum = total.prepare("SELECT sum(amount) FROM cost_entries WHERE farm_id = ?");
        sum->bind(1, farm);
        QVERIFY(sum->step().value());
        QVERIFY(near(farms.front().account.totalCost(), sum->real(0)));
    }
};

QTEST_GUILESS_MAIN(TestFinanceReader)
#include "tst_financereader.moc"

#include "store/dashboardreader.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::store;

/// Each dashboard figure against a direct SQL computation over the raw tables (not the
/// aggregate the reader uses), for every farm and several periods.
class TestDashboardReader : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    static double rawRevenue(Connection &db, const QString &farm, qint64 from, qint64 to) {
        auto st = db.prepare("SELECT coalesce(sum(s.quantity * s.price), 0) FROM sales_daily s "
                             "JOIN products p ON p.lid = s.product WHERE s.day BETWEEN ?1 AND ?2 "
                             "AND (?3 IS NULL OR p.farm_id = ?3)");
        st->bind(1, from);
        st->bind(2, to);
        st->bind(3, farm);
        (void)st->step();
        return st->real(0);
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("d.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void figuresMatchRawData_data() {
        QTest::addColumn<int>("farmIndex"); // -1: all farms
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        for (int farm : {-1, 0, 1}) {
            QTest::addRow("farm %d, last 30 days", farm)
                << farm << QDate(2026, 10, 2) << QDate(2026, 10, 31);
            QTest::addRow("farm %d, one day", farm)
                << farm << QDate(2026, 7, 4) << QDate(2026, 7, 4);
            QTest::addRow("farm %d, whole year", farm)
                << farm << QDate(2025, 11, 1) << QDate(2026, 10, 31);
            QTest::addRow("farm %d, before any data", farm)
                << farm << QDate(2020, 1, 1) << QDate(2020, 3, 1);
        }
    }
    void figuresMatchRawData() {
        QFETCH(int, farmIndex);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        auto db = test::connect(m_path);
        auto farms = DashboardReader::farms(db);
        QVERIFY(farms.ok());
        QCOMPARE(farms->size(), size_t(2));
        const QString farm = farmIndex < 0 ? QString() : farms->at(size_t(farmIndex)).id;
        auto d = DashboardReader::load(db, {farm, from, to});
        QVERIFY2(d.ok(), agro::test::why(d).constData());
        const qint64 f = QDate(1970, 1, 1).daysTo(from), t = QDate(1970, 1, 1).daysTo(to);

        QCOMPARE(d->currency, QStringLiteral("EUR"));
        QVERIFY(qAbs(d->revenue - rawRevenue(db, farm, f, t)) < 1e-6 * qMax(1.0, d->revenue));
        auto st = db.prepare("SELECT coalesce(sum(amount), 0), coalesce(sum(CASE WHEN category = "
                             "'labor' THEN amount END), 0) FROM cost_entries WHERE incurred_on "
                             "BETWEEN ?1 AND ?2 AND (?3 IS NULL OR farm_id = ?3)");
        st->bind(1, from.toString(Qt::ISODate));
        st->bind(2, to.toString(Qt::ISODate));
        st->bind(3, farm);
        QVERIFY(st->step().value());
        QVERIFY(qAbs(d->costs - st->real(0)) < 1e-6 * qMax(1.0, d->costs));
        QVERIFY(qAbs(d->costsByCategory[size_t(domain::CostCategory::Labor)].second - st->real(1)) <
                1e-6 * qMax(1.0, d->costs));
        QVERIFY(qAbs(d->grossMargin - (d->revenue - d->costs)) < 1e-9 * qMax(1.0, d->revenue));

        auto units = db.prepare("SELECT coalesce(sum(s.quantity), 0), count(DISTINCT CASE WHEN "
                                "s.stockout = 1 AND s.day > ?2 - 30 THEN s.product END) FROM "
                                "sales_daily s JOIN products p ON p.lid = s.product WHERE s.day "
                                "BETWEEN ?2 - 29 AND ?2 AND (?3 IS NULL OR p.farm_id = ?3)");
        units->bind(1, f);
        units->bind(2, t);
        units->bind(3, farm);
        QVERIFY(units->step().value());
        QCOMPARE(d->stockoutProducts, int(units->int64(1)));

        auto alerts = db.prepare("SELECT count(*) FROM alerts WHERE status IN ('open', "
                                 "'acknowledged', 'escalated') AND (?1 IS NULL OR farm_id = ?1)");
        alerts->bind(1, farm);
        QVERIFY(alerts->step().value());
        QCOMPARE(d->openAlerts, int(alerts->int64(0)));

        double trendRevenue = 0;
        qint64 trendDays = 0;
        for (const auto &p : d->trend) {
            trendRevenue += p.revenue;
            trendDays += p.days;
            QVERIFY(p.days >= 1 && p.days <= d->bucketDays);
        }
        QCOMPARE(trendDays, from.daysTo(to) + 1);
        QVERIFY(qAbs(trendRevenue - d->revenue) < 1e-6 * qMax(1.0, d->revenue));
        QCOMPARE(d->trend.front().start, from);
    }

    void rangeOfSales() {
        auto db = test::connect(m_path);
        auto r = DashboardReader::salesRange(db);
        QVERIFY(r.ok());
        QCOMPARE(r->lastSale, QDate(2026, 10, 31));
        QCOMPARE(r->firstSale, QDate(2025, 11, 1));
    }

    void rejectsBadPeriodAndFarm() {
        auto db = test::connect(m_path);
        auto r = DashboardReader::load(db, {QString(), QDate(2026, 2, 1), QDate(2026, 1, 1)});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        auto f = DashboardReader::load(
            db, {QStringLiteral("no-such-farm"), QDate(2026, 1, 1), QDate(2026, 1, 2)});
        QVERIFY(!f.ok());
        QCOMPARE(f.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestDashboardReader)
#include "tst_dashboardreader.moc"

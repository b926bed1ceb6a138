#include "demo/demogenerator.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace agro;

class TestDemoGenerator : public QObject {
    Q_OBJECT
    test::Scratch m_dir;

    QString generate(const QString &name, std::uint64_t seed) {
        demo::DemoOptions o;
        o.preset = *demo::demoPreset(QStringLiteral("small"));
        o.seed = seed;
        const QString path = m_dir.path(name);
        auto r = demo::generateDemo(path, o);
        if (!r.ok())
            qFatal("%s", agro::test::why(r).constData());
        return path;
    }

private Q_SLOTS:
    void sameSeedSameContent() {
        const QString a = generate(QStringLiteral("a.agrodesk"), 7);
        const QString b = generate(QStringLiteral("b.agrodesk"), 7);
        const QString c = generate(QStringLiteral("c.agrodesk"), 8);
        // The files themselves are byte-identical (ids, clocks and page layout all follow
        // from the seed), and so is their logical content.
        auto fileHash = [](const QString &path) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(path));
            return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
        };
        QCOMPARE(fileHash(a), fileHash(b));
        QVERIFY(fileHash(a) != fileHash(c));
        QCOMPARE(test::contentHash(a), test::contentHash(b));
        QVERIFY(test::contentHash(a) != test::contentHash(c));
    }

    void smallPresetHasEverything() {
        const QString path = generate(QStringLiteral("s.agrodesk"), 20261031);
        auto info = store::Workspace::open(path);
        QVERIFY(info.ok());
        QCOMPARE(info->demoPreset, QStringLiteral("small"));
        auto db = test::connect(path);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms"), 2);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM fields"), 12);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM plantings"), 36);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM products"), 40);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM qc_inspections"), 400);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM sensors"), 6);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM sales_daily") > 13000);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM sensor_readings") > 15000);
        // Shapes the later features rely on.
        QVERIFY(test::intOf(db, "SELECT count(*) FROM sales_daily WHERE promotion = 1") > 0);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM sales_daily WHERE stockout = 1") > 0);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM sales_daily WHERE quantity = 0") > 0);
        QVERIFY(test::intOf(db, "SELECT count(DISTINCT disposition) FROM qc_inspections") == 3);
        QVERIFY(test::intOf(db, "SELECT count(DISTINCT kind) FROM demo_faults") >= 4);
        QVERIFY(test::intOf(db, "SELECT count(DISTINCT category) FROM cost_entries") >= 6);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM alerts WHERE status <> 'resolved'") > 0);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM weather_daily") > 365);
        // Weekly seasonality: Saturdays sell more than Tuesdays (day 0 was a Thursday).
        QVERIFY(test::realOf(db, "SELECT avg(quantity) FROM sales_daily WHERE (day + 3) % 7 = 5") >
                1.2 * test::realOf(
                          db, "SELECT avg(quantity) FROM sales_daily WHERE (day + 3) % 7 = 1"));
        // The aggregate agrees with the raw rows.
        QCOMPARE(test::realOf(db, "SELECT round(sum(revenue), 4) FROM sales_farm_daily"),
                 test::realOf(db, "SELECT round(sum(quantity * price), 4) FROM sales_daily"));
        // Every entity row is in the change log; the file is a valid WAL workspace.
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms f WHERE NOT EXISTS (SELECT 1 FROM "
                                 "change_log c WHERE c.tbl = 'farms' AND c.row_id = f.id)"),
                 0);
        QCOMPARE(test::textOf(db, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(test::textOf(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }

    void refusesToOverwrite() {
        const QString path = m_dir.write(QStringLiteral("exists.agrodesk"), "keep me");
        demo::DemoOptions o;
        o.preset = *demo::demoPreset(QStringLiteral("small"));
        auto r = demo::generateDemo(path, o);
        QVERIFY(!r.ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep me"));
    }

    void cancelLeavesNoFile() {
        demo::DemoOptions o;
        o.preset = *demo::demoPreset(QStringLiteral("small"));
        Progress p;
        p.cancelled = true;
        const QString path = m_dir.path(QStringLiteral("cancel.agrodesk"));
        auto r = demo::generateDemo(path, o, &p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));
    }

    void presets() {
        QVERIFY(demo::demoPreset(QStringLiteral("small")));
        const auto large = demo::demoPreset(QStringLiteral("large"));
        QVERIFY(large);
        // The scale docs/architecture.md's budgets are stated for.
        QCOMPARE(large->products, 1000);
        QCOMPARE(large->salesDays, 1096);
        QCOMPARE(large->sensors * large->sensorDays * 96, 7008000);
        QCOMPARE(large->inspections, 50000);
        QCOMPARE(large->farms * large->fieldsPerFarm * large->seasons, 1200);
        QVERIFY(!demo::demoPreset(QStringLiteral("huge")));
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"

#include "store/migrations.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::store;

class TestMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void migrationsAreNumberedWithoutGaps() {
        const auto &all = migrations();
        QVERIFY(all.size() >= 2);
        for (size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].version, int(i) + 1);
        QCOMPARE(latestSchemaVersion(), int(all.size()));
        // Pin the latest version: adding a migration must update this test and the docs.
        QCOMPARE(latestSchemaVersion(), 10);
    }

    void freshWorkspace() {
        test::Scratch dir;
        auto info = Workspace::create(dir.path(QStringLiteral("w.agrodesk")));
        QVERIFY2(info.ok(), agro::test::why(info).constData());
        QCOMPARE(info->schemaVersion, latestSchemaVersion());
        QVERIFY(!info->workspaceId.isEmpty());
        QCOMPARE(info->nodeId.size(), 16);
        auto db = test::connect(info->path);
        QCOMPARE(test::textOf(db, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(test::intOf(db, "PRAGMA foreign_keys"), 1);
        QCOMPARE(test::intOf(db, "PRAGMA synchronous"), 2); // FULL
        QCOMPARE(test::intOf(db, "PRAGMA application_id"), qint64(kApplicationId));
        QCOMPARE(test::textOf(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }

    void upgradeFromEveryOlderVersion_data() {
        QTest::addColumn<int>("from");
        // Every released schema version a workspace file can be at (create() writes the latest;
        // version 0 is an empty file, never a workspace).
        for (int v = 1; v < latestSchemaVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }
    void upgradeFromEveryOlderVersion() {
        QFETCH(int, from);
        test::Scratch dir;
        const QString path = dir.path(QStringLiteral("old.agrodesk"));
        {
            auto db = Connection::open(path, Connection::Mode::CreateIfMissing);
            QVERIFY(db.ok());
            QVERIFY(migrate(db.value(), from).ok());
            QCOMPARE(schemaVersion(db.value()).value(), from);
            {
                // Data as a v1 workspace held it: a farm, a product and two days of sales.
                QVERIFY(db->exec("INSERT INTO workspace_meta VALUES ('workspace_id', "
                                 "'01900000-0000-7000-8000-000000000001'), ('node_id', "
                                 "'0123456789abcdef'), ('hlc', '0');"
                                 "INSERT INTO farms (id, name) VALUES "
                                 "('01900000-0000-7000-8000-000000000002', 'Old Farm');"
                                 "INSERT INTO products (id, farm_id, sku, name, price) VALUES "
                                 "('01900000-0000-7000-8000-000000000003', "
                                 "'01900000-0000-7000-8000-000000000002', 'OLD-1', 'Old', 2);"
                                 "INSERT INTO bulk_batches (id, tbl, hlc, node) VALUES "
                                 "('01900000-0000-7000-8000-000000000004', 'sales_daily', 1, 'n');"
                                 "INSERT INTO sales_daily (product, day, quantity, price, batch) "
                                 "VALUES (1, 20000, 3, 2.5, 1), (1, 20001, 4, 2.5, 1);")
                            .ok());
            }
        }
        auto opened = Workspace::open(path);
        QVERIFY2(opened.ok(), agro::test::why(opened).constData());
        QCOMPARE(opened->schemaVersion, latestSchemaVersion());
        auto db = test::connect(path);
        QCOMPARE(test::textOf(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
        if (from == 1) {
            // Version 2 backfills the dashboard aggregate from existing sales.
            QCOMPARE(test::intOf(db, "SELECT count(*) FROM sales_farm_daily"), 2);
            QCOMPARE(test::realOf(db, "SELECT sum(revenue) FROM sales_farm_daily"), 17.5);
        }
        // Opening again is a no-op.
        QVERIFY(Workspace::open(path).ok());
    }

    void refusesNewerSchema() {
        test::Scratch dir;
        const QString path = dir.path(QStringLiteral("new.agrodesk"));
        QVERIFY(Workspace::create(path).ok());
        {
            auto db = test::connect(path);
            QVERIFY(db.exec("PRAGMA user_version = 99").ok());
        }
        auto r = Workspace::open(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::SchemaTooNew);
    }

    void refusesOtherFiles_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("sqlite");
        QTest::newRow("text file") << QByteArray("hello, this is not a database\n") << false;
        QTest::newRow("other sqlite db") << QByteArray() << true;
        // An empty file (a truncated workspace, a placeholder) must stay empty: opening it once
        // wrote a schema into it.
        QTest::newRow("empty file") << QByteArray() << false;
    }
    void refusesOtherFiles() {
        QFETCH(QByteArray, content);
        QFETCH(bool, sqlite);
        test::Scratch dir;
        const QString path = dir.path(QStringLiteral("other.db"));
        if (sqlite) {
            auto db = Connection::open(path, Connection::Mode::CreateIfMissing);
            QVERIFY(db->exec("CREATE TABLE notes (t TEXT)").ok());
        } else {
            dir.write(QStringLiteral("other.db"), content);
        }
        const QByteArray before = test::readFile(path);
        auto r = Workspace::open(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotAWorkspace);
        QCOMPARE(test::readFile(path), before);
    }

    void createRefusesExistingFile() {
        test::Scratch dir;
        const QString path = dir.write(QStringLiteral("x.agrodesk"), "data");
        auto r = Workspace::create(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

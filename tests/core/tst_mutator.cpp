#include "store/mutator.h"
#include "store/repository.h"
#include "store/workspace.h"
#include "sync/changefeed.h"
#include "sync/outbox.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::store;

class TestMutator : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    QString farmId(Mutator &m, const QString &name) {
        domain::Farm f;
        f.id = m.newId();
        f.name = name;
        auto r = Repository<domain::Farm>::insert(m, f);
        if (!r.ok())
            qFatal("%s", agro::test::why(r).constData());
        return f.id;
    }

private Q_SLOTS:
    void init() {
        m_path =
            m_dir.path(QStringLiteral("m%1.agrodesk").arg(QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(Workspace::create(m_path).ok());
    }

    void insertWritesRowAndChangesTogether() {
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        const QString id = farmId(m.value(), QStringLiteral("A"));
        QVERIFY(m->commit().ok());
        auto st = db.prepare("SELECT col, value, node, farm_id FROM change_log WHERE row_id = ? "
                             "ORDER BY seq");
        st->bind(1, id);
        QStringList cols;
        while (st->step().value()) {
            cols << st->text(0);
            QCOMPARE(st->text(3), id);
            QCOMPARE(st->text(2).size(), 16);
        }
        QCOMPARE(cols, Codec<domain::Farm>::columns());
        // Every column of one insert shares one HLC; the clock is persisted.
        QCOMPARE(test::intOf(db, "SELECT count(DISTINCT hlc) FROM change_log"), 1);
        QCOMPARE(test::textOf(db, "SELECT value FROM workspace_meta WHERE key = 'hlc'"),
                 test::textOf(db, "SELECT max(hlc) FROM change_log"));
    }

    void failureMidTransactionLeavesNothing() {
        auto db = test::connect(m_path);
        // Inject a failure between the row and its change-log entries: a trigger on the real
        // table aborts the first change_log insert for the column "currency".
        QVERIFY(db.exec("CREATE TEMP TRIGGER fail_log BEFORE INSERT ON change_log "
                        "WHEN NEW.col = 'currency' BEGIN SELECT RAISE(ABORT, 'injected'); END")
                    .ok());
        const QByteArray before = test::contentHash(m_path);
        {
            auto m = Mutator::begin(db);
            domain::Farm f;
            f.id = m->newId();
            f.name = QStringLiteral("Doomed");
            auto r = Repository<domain::Farm>::insert(m.value(), f);
            QVERIFY(!r.ok());
            QVERIFY(r.error().detail.contains(QLatin1String("injected")));
            // The Mutator is dropped without commit: everything rolls back.
        }
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms"), 0);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM change_log"), 0);
        QVERIFY(db.exec("DROP TRIGGER fail_log").ok());
        QCOMPARE(test::contentHash(m_path), before);
    }

    void failedCommitOfConstraintLeavesNothing() {
        auto db = test::connect(m_path);
        {
            auto m = Mutator::begin(db);
            farmId(m.value(), QStringLiteral("Kept"));
            QVERIFY(m->commit().ok());
        }
        const qint64 logBefore = test::intOf(db, "SELECT count(*) FROM change_log");
        {
            auto m = Mutator::begin(db);
            farmId(m.value(), QStringLiteral("Second"));
            // A bad write in the same transaction: the caller abandons the whole edit.
            auto r = m->insert(QStringLiteral("fields"), m->newId(),
                               {{QStringLiteral("farm_id"), QStringLiteral("nope")},
                                {QStringLiteral("name"), QStringLiteral("F")},
                                {QStringLiteral("area_ha"), 1.0}});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Constraint);
        }
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms"), 1);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM change_log"), logBefore);
    }

    void refusesUnknownTablesAndColumns_data() {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::newRow("change_log is not an entity") << "change_log"
                                                     << "tbl";
        QTest::newRow("sales are bulk, not entities") << "sales_daily"
                                                      << "quantity";
        QTest::newRow("unknown column") << "farms"
                                        << "owner";
        QTest::newRow("lid is local") << "farms"
                                      << "lid";
        QTest::newRow("injection attempt") << "farms"
                                           << "name = 'x'; DROP TABLE farms; --";
    }
    void refusesUnknownTablesAndColumns() {
        QFETCH(QString, table);
        QFETCH(QString, column);
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        auto r = m->insert(table, m->newId(), {{column, 1}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    }

    void refusesIdsThatAreNotUuid7() {
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        auto r = m->insert(QStringLiteral("farms"), QStringLiteral("farm-1"),
                           {{QStringLiteral("name"), QStringLiteral("X")}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    }

    void hlcIncreasesAcrossTransactions() {
        auto db = test::connect(m_path);
        for (int i = 0; i < 3; ++i) {
            // A wall clock stuck in the past must not make later edits look older.
            Mutator::Options o;
            o.wall = [] { return std::int64_t(1000); };
            auto m = Mutator::begin(db, o);
            farmId(m.value(), QStringLiteral("F%1").arg(i));
            QVERIFY(m->commit().ok());
        }
        auto st = db.prepare("SELECT hlc FROM change_log WHERE col = 'name' ORDER BY seq");
        std::int64_t prev = -1;
        while (st->step().value()) {
            QVERIFY(st->int64(0) > prev);
            prev = st->int64(0);
        }
    }

    void bulkBatchIsOneChange() {
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        const QString farm = farmId(m.value(), QStringLiteral("Bulk"));
        auto b = m->beginBulk(QStringLiteral("sensor_readings"), farm, QStringLiteral("test"));
        QVERIFY(b.ok());
        QVERIFY(m->finishBulk(b.value(), 1234).ok());
        QVERIFY(m->commit().ok());
        QCOMPARE(test::intOf(db, "SELECT row_count FROM bulk_batches"), 1234);
        QCOMPARE(test::intOf(db, "SELECT value FROM change_log WHERE tbl = 'bulk_batches'"), 1234);
    }

    void aBatchIsLoggedAfterTheEntitiesItsRowsMayNeed() {
        // Sensors created while their readings are written: a reader of the change feed must
        // meet the sensor before the batch, whose rows it applies where it meets the header.
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        const QString farm = farmId(m.value(), QStringLiteral("Sensors"));
        auto b = m->beginBulk(QStringLiteral("sensor_readings"), farm, QStringLiteral("test"));
        QVERIFY(b.ok());
        const QString sensor = m->newId();
        QVERIFY(m->insert(QStringLiteral("sensors"), sensor,
                          {{QStringLiteral("farm_id"), farm},
                           {QStringLiteral("name"), QStringLiteral("Probe 1")},
                           {QStringLiteral("kind"), QStringLiteral("soil_moisture")},
                           {QStringLiteral("unit"), QStringLiteral("%")}})
                    .ok());
        QVERIFY(m->finishBulk(b.value(), 96).ok());
        QVERIFY(m->commit().ok());
        const qint64 header =
            test::intOf(db, "SELECT seq FROM change_log WHERE tbl = 'bulk_batches'");
        const qint64 lastSensor =
            test::intOf(db, "SELECT max(seq) FROM change_log WHERE tbl = 'sensors'");
        QVERIFY2(header > lastSensor,
                 qPrintable(QStringLiteral("%1 <= %2").arg(header).arg(lastSensor)));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM change_log WHERE tbl = 'bulk_batches'"), 1);
        QCOMPARE(test::intOf(db, "SELECT value FROM change_log WHERE tbl = 'bulk_batches'"), 96);
        QCOMPARE(
            test::textOf(db, "SELECT typeof(value) FROM change_log WHERE tbl = 'bulk_batches'"),
            QStringLiteral("integer"));
    }

    void pagesNeverSplitOneWriteOfARow() {
        // An append-only row cannot be completed by a later merge: its insert must arrive
        // whole, however small the page.
        auto db = test::connect(m_path);
        auto m = Mutator::begin(db);
        const QString farm = farmId(m.value(), QStringLiteral("Pages"));
        const QString field = m->newId();
        QVERIFY(m->insert(QStringLiteral("fields"), field,
                          {{QStringLiteral("farm_id"), farm},
                           {QStringLiteral("name"), QStringLiteral("North")},
                           {QStringLiteral("area_ha"), 3.0},
                           {QStringLiteral("soil_type"), QStringLiteral("loam")}})
                    .ok());
        QVERIFY(m->commit().ok());
        auto pushed = sync::Outbox(db).pending(1);
        QVERIFY2(pushed.ok(), test::why(pushed).constData());
        const auto cellsOf = [&](const QString &row) {
            auto st = db.prepare("SELECT count(*) FROM change_log WHERE row_id = ?");
            st->bind(1, row);
            (void)st->step();
            return size_t(st->int64(0));
        };
        QVERIFY(cellsOf(farm) > 1 && cellsOf(field) == 4);
        QCOMPARE(pushed->size(), cellsOf(farm)); // the farm's insert, whole
        for (const sync::Change &c : pushed.value())
            QCOMPARE(c.rowId, farm);
        auto rest =
            sync::changesAfter(db, pushed->back().seq, {farm}, true, QStringLiteral("none"), 1);
        QVERIFY2(rest.ok(), test::why(rest).constData());
        QCOMPARE(rest->changes.size(), size_t(4)); // the field's four cells, one write
        for (const sync::Change &c : rest->changes)
            QCOMPARE(c.rowId, field);
        QVERIFY(!rest->more);
    }
};

QTEST_GUILESS_MAIN(TestMutator)
#include "tst_mutator.moc"

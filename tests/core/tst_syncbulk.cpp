// Bulk facts through a real agrodesk-server process: the small demo's sales, sensor readings,
// weather and stock movements reach an empty workspace named by UUID and land as the same
// rows (and the same dashboard totals); two laptops that record the same day's sale
// differently offline converge on the later batch, with the other value kept as a conflict
// that can be restored; a role without the right, and a batch that names another farm's
// product, are refused with nothing written. The people and roles of the synced farms come
// from the server's accounts, revocations included.
//
// Built a second time with AGRODESK_SERVER_ON_POSTGRES (tst_syncbulk_postgres, label
// "postgres"): the same checks with the server's store in a PostgreSQL cluster the test starts.

#include "io/importer.h"
#include "serverprocess.h"
#include "store/workspace.h"
#include "sync/bulkfacts.h"
#include "sync/changecodec.h"
#include "sync/conflicts.h"
#include "sync/hlc.h"
#include "sync/syncclient.h"
#include "sync/uuid7.h"
#include "testsupport.h"

#ifdef AGRODESK_SERVER_ON_POSTGRES
#include "postgresinstance.h"
#endif

#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace agro;

namespace {
const QByteArray kPassword = "a long enough password";

/// Every fact of a workspace, references by UUID, in key order: equal dumps mean equal facts.
QByteArray factDump(const QString &path, QStringList *counts = nullptr) {
    auto db = test::connect(path);
    const char *queries[] = {
        "SELECT p.id, s.day, s.channel, s.quantity, s.price, s.promotion, s.stockout FROM "
        "sales_daily s JOIN products p ON p.lid = s.product ORDER BY 1, 2, 3",
        "SELECT x.id, r.ts, r.value FROM sensor_readings r JOIN sensors x ON x.lid = r.sensor "
        "ORDER BY 1, 2",
        "SELECT f.id, w.day, w.tmin_c, w.tmax_c, w.rain_mm FROM weather_daily w JOIN farms f ON "
        "f.lid = w.farm ORDER BY 1, 2",
        "SELECT m.id, p.id, m.day, m.kind, m.quantity, m.lot_id, m.note FROM stock_movements m "
        "JOIN products p ON p.lid = m.product ORDER BY 1",
        // The dashboard's totals, rounded below: sums taken in another order differ in the
        // last bit.
        "SELECT f.id, d.day, d.units, d.revenue FROM sales_farm_daily d JOIN farms f ON f.lid = "
        "d.farm ORDER BY 1, 2",
    };
    const auto rounded = [](double v, double scale) { return std::round(v * scale) / scale; };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *sql : queries) {
        auto st = db.prepare(sql);
        if (!st.ok())
            qFatal("%s", qPrintable(errorText(st.error())));
        qint64 n = 0;
        const bool totals = std::string_view(sql).find("sales_farm_daily") != std::string::npos;
        (void)st->forEachRow([&] {
            if (totals && rounded(st->real(2), 1e6) == 0)
                return;
            for (int i = 0; i < st->columnCount(); ++i) {
                QVariant v = st->variant(i);
                if (totals && i >= 2)
                    v = rounded(v.toDouble(), i == 2 ? 1e6 : 1e4);
                hash.addData(QByteArray(v.toString().toUtf8() + '\x1f'));
            }
            hash.addData("\n");
            ++n;
        });
        if (counts)
            *counts << QString::number(n);
    }
    return hash.result().toHex();
}

} // namespace

class TestSyncBulk : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    std::unique_ptr<test::ServerProcess> m_server;
    QString m_wsA, m_wsB, m_farm, m_otherFarm;
#ifdef AGRODESK_SERVER_ON_POSTGRES
    test::PostgresInstance m_pg;
#endif

    Result<sync::RoundReport> syncAs(const QString &ws, const QString &user) {
        sync::SyncClient client(ws);
        sync::ServerLink link{QUrl(m_server->url()), {}, {}};
        auto login = test::runTask(client.login(link, user, QString::fromLatin1(kPassword)));
        if (!login.ok())
            return login.error();
        link.token = login->token;
        auto round = test::runTask(client.syncRound(link, {}));
        (void)test::runTask(client.logout(link));
        return round;
    }

    int admin(const QStringList &args, const QByteArray &input = {}) {
        return m_server->admin(args, input);
    }

    QString token(const QString &user) {
        const auto r = test::http(
            QStringLiteral("POST"), m_server->url() + QStringLiteral("/v1/login"),
            QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                      {QStringLiteral("password"), QString::fromLatin1(kPassword)}})
                .toJson());
        return r.json.value(QStringLiteral("token")).toString();
    }

    /// Imports one sale (CSV, as a person would) into a workspace.
    void importSale(const QString &ws, const QString &sku, const QString &date, double quantity) {
        const QString file =
            m_dir.write(QStringLiteral("sale-%1.csv").arg(QDateTime::currentMSecsSinceEpoch()),
                        QStringLiteral("sku,date,quantity,price\n%1,%2,%3,2.5\n")
                            .arg(sku, date)
                            .arg(quantity)
                            .toUtf8());
        auto db = test::connect(ws);
        auto r = io::importCsv(db, io::CsvKind::Sales, file);
        QVERIFY2(r.ok(), test::why(r).constData());
    }

    static double quantityOf(const QString &ws, const QString &sku, const QString &date) {
        auto db = test::connect(ws);
        return test::realOf(
            db, qPrintable(QStringLiteral("SELECT s.quantity FROM sales_daily s JOIN products p ON "
                                          "p.lid = s.product WHERE p.sku = '%1' AND s.day = "
                                          "CAST(julianday('%2') - 2440587.5 AS INTEGER)")
                               .arg(sku, date)));
    }

private Q_SLOTS:
    void initTestCase() {
#ifdef AGRODESK_SERVER_ON_POSTGRES
        QVERIFY2(m_pg.start(), qPrintable(m_pg.why()));
        QVERIFY2(m_pg.createDatabase(QStringLiteral("agrodesk")), qPrintable(m_pg.why()));
        m_server = std::make_unique<test::ServerProcess>(m_pg.url(QStringLiteral("agrodesk")));
#else
        m_server = std::make_unique<test::ServerProcess>(m_dir.path(QStringLiteral("server.db")));
#endif
        for (const char *name : {"ana", "ben", "cara", "dan"})
            QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("add"), QLatin1String(name),
                            QStringLiteral("--password-stdin")},
                           kPassword + '\n'),
                     0);
        QVERIFY2(m_server->start(), qPrintable(m_server->log()));
        m_wsA = m_dir.path(QStringLiteral("a.agrodesk"));
        test::makeSmallDemo(m_wsA);
        auto db = test::connect(m_wsA);
        m_farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        m_otherFarm = test::textOf(db, "SELECT id FROM farms ORDER BY name DESC LIMIT 1");
        QVERIFY(m_farm != m_otherFarm);
    }

    void anEmptyWorkspaceGetsEveryFact() {
        auto a = syncAs(m_wsA, QStringLiteral("ana"));
        QVERIFY2(a.ok(), test::why(a).constData());
        auto db = test::connect(m_wsA);
        auto farms = db.prepare("SELECT id FROM farms");
        QStringList ids;
        (void)farms->forEachRow([&] { ids << farms->text(0); });
        farms = store::Statement();
        for (const QString &farm : ids)
            QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("ben"),
                            QStringLiteral("--farm"), farm, QStringLiteral("--role"),
                            QStringLiteral("manager")}),
                     0);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("cara"),
                        QStringLiteral("--farm"), m_farm, QStringLiteral("--role"),
                        QStringLiteral("viewer")}),
                 0);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("dan"),
                        QStringLiteral("--farm"), m_farm, QStringLiteral("--role"),
                        QStringLiteral("manager")}),
                 0);

        m_wsB = m_dir.path(QStringLiteral("b.agrodesk"));
        QVERIFY(store::Workspace::create(m_wsB).ok());
        auto b = syncAs(m_wsB, QStringLiteral("ben"));
        QVERIFY2(b.ok(), test::why(b).constData());
        QStringList countsA, countsB, countsServer;
        const QByteArray dumpA = factDump(m_wsA, &countsA);
        QCOMPARE(factDump(m_wsB, &countsB), dumpA);
        QCOMPARE(factDump(m_server->database(), &countsServer), dumpA);
        QCOMPARE(countsB, countsA);
        for (const QString &n : std::as_const(countsA))
            QVERIFY2(n.toLongLong() > 0, qPrintable(countsA.join(QLatin1Char(' '))));
        qInfo("facts on both laptops and the server (sales, readings, weather, movements, daily "
              "totals): %s",
              qPrintable(countsA.join(QLatin1Char(' '))));
        // Nothing more to send or fetch: a second round moves nothing.
        auto again = syncAs(m_wsB, QStringLiteral("ben"));
        QVERIFY2(again.ok(), test::why(again).constData());
        QCOMPARE(again->pushed, qint64(0));
        QCOMPARE(factDump(m_wsB), dumpA);
    }

    void theTeamComesFromTheServer() {
        // Ben's laptop now knows the people of his farms with their server roles; Ana's keeps
        // its own people (the demo's) beside the mirrored ones.
        const auto roleOf = [](const QString &ws, const QString &user, const QString &farm) {
            auto db = test::connect(ws);
            return test::textOf(
                db, qPrintable(QStringLiteral("SELECT m.role FROM memberships m JOIN users u ON "
                                              "u.id = m.user_id WHERE u.username = '%1' AND "
                                              "m.farm_id = '%2'")
                                   .arg(user, farm)));
        };
        QCOMPARE(roleOf(m_wsB, QStringLiteral("ana"), m_farm), QStringLiteral("owner"));
        QCOMPARE(roleOf(m_wsB, QStringLiteral("ben"), m_otherFarm), QStringLiteral("manager"));
        QCOMPARE(roleOf(m_wsB, QStringLiteral("cara"), m_farm), QStringLiteral("viewer"));
        QCOMPARE(roleOf(m_wsB, QStringLiteral("dan"), m_farm), QStringLiteral("manager"));
        QCOMPARE(roleOf(m_wsB, QStringLiteral("dan"), m_otherFarm), QString());
        {
            auto db = test::connect(m_wsB);
            QCOMPARE(test::intOf(db, "SELECT count(*) FROM users WHERE password_hash IS NOT NULL"),
                     qint64(0)); // names and roles travel, never a password hash
        }
        // A revoked role and a changed one reach the laptop at its next round.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("revoke"), QStringLiteral("dan"),
                        QStringLiteral("--farm"), m_farm}),
                 0);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("cara"),
                        QStringLiteral("--farm"), m_farm, QStringLiteral("--role"),
                        QStringLiteral("agronomist")}),
                 0);
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QCOMPARE(roleOf(m_wsB, QStringLiteral("dan"), m_farm), QString());
        QCOMPARE(roleOf(m_wsB, QStringLiteral("cara"), m_farm), QStringLiteral("agronomist"));
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QCOMPARE(roleOf(m_wsA, QStringLiteral("demo.owner"), m_farm), QStringLiteral("owner"));
        QCOMPARE(roleOf(m_wsA, QStringLiteral("cara"), m_farm), QStringLiteral("agronomist"));
        // Dan manages the first farm again for the tests below.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("dan"),
                        QStringLiteral("--farm"), m_farm, QStringLiteral("--role"),
                        QStringLiteral("manager")}),
                 0);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("cara"),
                        QStringLiteral("--farm"), m_farm, QStringLiteral("--role"),
                        QStringLiteral("viewer")}),
                 0);
    }

    void concurrentSalesConvergeAndTheLoserIsKept() {
        auto db = test::connect(m_wsA);
        const QString sku = test::textOf(
            db, qPrintable(QStringLiteral("SELECT sku FROM products WHERE farm_id = '%1' ORDER BY "
                                          "sku LIMIT 1")
                               .arg(m_farm)));
        const QString date = QStringLiteral("2031-05-04");
        // Offline, Ana records 5 and then Ben records 7 for the same product and day.
        importSale(m_wsA, sku, date, 5);
        QTest::qWait(5);
        importSale(m_wsB, sku, date, 7);
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QCOMPARE(quantityOf(m_wsA, sku, date), 7.0);
        QCOMPARE(quantityOf(m_wsB, sku, date), 7.0);
        QCOMPARE(factDump(m_wsA), factDump(m_wsB));
        // Ana's 5 is not gone: her laptop and the server keep it beside the 7 that won. (Ben's
        // laptop never held it: by the time it pulled, the server's row was already his.)
        for (const QString &ws : {m_wsA, m_server->database()}) {
            auto wsDb = test::connect(ws);
            auto conflicts = sync::listConflicts(wsDb, QStringLiteral("open"));
            QVERIFY(conflicts.ok());
            auto it = std::find_if(conflicts->begin(), conflicts->end(), [](const auto &c) {
                return c.table == QLatin1String("sales_daily");
            });
            QVERIFY2(it != conflicts->end(), qPrintable(ws));
            QCOMPARE(it->column, sync::bulkFactColumn());
            QVERIFY2(it->lostValue.toString().contains(QLatin1String("\"quantity\":5")),
                     qPrintable(it->lostValue.toString()));
            QVERIFY(it->wonValue.toString().contains(QLatin1String("\"quantity\":7")));
        }
        // Ana restores her value: a new batch that wins everywhere.
        {
            auto dbA = test::connect(m_wsA);
            const qint64 id = test::intOf(dbA, "SELECT id FROM sync_conflicts WHERE tbl = "
                                               "'sales_daily' AND status = 'open'");
            auto restored = sync::restoreConflict(dbA, id);
            QVERIFY2(restored.ok(), test::why(restored).constData());
        }
        QCOMPARE(quantityOf(m_wsA, sku, date), 5.0);
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QCOMPARE(quantityOf(m_wsB, sku, date), 5.0);
        QCOMPARE(factDump(m_wsA), factDump(m_wsB));
        QCOMPARE(factDump(m_server->database()), factDump(m_wsA));
    }

    void aViewerCannotPushSales() {
        const QString wsC = m_dir.path(QStringLiteral("c.agrodesk"));
        QVERIFY(store::Workspace::create(wsC).ok());
        QVERIFY(syncAs(wsC, QStringLiteral("cara")).ok());
        const QByteArray serverBefore = factDump(m_server->database());
        auto db = test::connect(wsC);
        const QString sku = test::textOf(db, "SELECT sku FROM products ORDER BY sku LIMIT 1");
        QVERIFY(!sku.isEmpty());
        importSale(wsC, sku, QStringLiteral("2031-06-01"), 3);
        auto r = syncAs(wsC, QStringLiteral("cara"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().detail.contains(QLatin1String("may not add sales_daily")),
                 qPrintable(r.error().detail));
        QCOMPARE(factDump(m_server->database()), serverBefore);
    }

    void aBatchNamingAnotherFarmsProductIsRefused() {
        // Dan manages the first farm only; his batch is of that farm but its row names a
        // product of the other farm.
        auto db = test::connect(m_wsA);
        const QString foreignProduct = test::textOf(
            db, qPrintable(QStringLiteral("SELECT id FROM products WHERE farm_id = '%1' LIMIT 1")
                               .arg(m_otherFarm)));
        const QString ownProduct = test::textOf(
            db, qPrintable(QStringLiteral("SELECT id FROM products WHERE farm_id = '%1' LIMIT 1")
                               .arg(m_farm)));
        sync::Uuid7Generator ids = sync::Uuid7Generator::system();
        const auto batchOf = [&](const QString &product) {
            sync::Change header;
            header.table = sync::bulkBatchesTable();
            header.rowId = ids.next();
            header.column = QStringLiteral("sales_daily");
            header.value = qlonglong(1);
            header.version = {sync::Hlc{QDateTime::currentMSecsSinceEpoch(), 0}.packed(),
                              QStringLiteral("d0d0")};
            header.farmId = m_farm;
            sync::Change rows = header;
            rows.column = sync::bulkRowsColumn();
            rows.value =
                sync::encodeBulkChunk({QStringLiteral("sales_daily"),
                                       {{product, qlonglong(22000), QStringLiteral("store"), 4.0,
                                         1.5, qlonglong(0), qlonglong(0)}}});
            return sync::Changes{header, rows};
        };
        const auto push = [&](const sync::Changes &changes) {
            const QJsonObject body{{QStringLiteral("batch"), ids.next()},
                                   {QStringLiteral("node"), QStringLiteral("d0d0")},
                                   {QStringLiteral("client_time_ms"),
                                    QString::number(QDateTime::currentMSecsSinceEpoch())},
                                   {QStringLiteral("changes"), sync::encodeChanges(changes)}};
            return test::http(QStringLiteral("POST"), m_server->url() + QStringLiteral("/v1/push"),
                              QJsonDocument(body).toJson(), token(QStringLiteral("dan")));
        };
        const QByteArray before = factDump(m_server->database());
        auto forged = push(batchOf(foreignProduct));
        QCOMPARE(forged.status, 400);
        QVERIFY2(forged.body.contains("not of the batch's farm"), forged.body.constData());
        QCOMPARE(factDump(m_server->database()), before);
        {
            auto server = test::connect(m_server->database());
            QCOMPARE(test::intOf(server, "SELECT count(*) FROM bulk_batches WHERE node = 'd0d0'"),
                     qint64(0));
        }
        // The same batch about his own farm's product is taken.
        auto fair = push(batchOf(ownProduct));
        QCOMPARE(fair.status, 200);
        QVERIFY(factDump(m_server->database()) != before);
    }

    void malformedChunksAreRefusedByName_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("not compressed")
            << QByteArray("\0\0\0\x05plain", 9) << "not a compressed chunk";
        QTest::newRow("huge claim")
            << QByteArray("\xff\xff\xff\xff\x78\x9c", 6) << "over the limit";
        QTest::newRow("too many rows") << qCompress([] {
            QByteArray raw;
            QDataStream out(&raw, QIODevice::WriteOnly);
            out.setVersion(QDataStream::Qt_6_0);
            out << quint32(0x41444231) << QStringLiteral("sales_daily")
                << quint32(sync::kBulkChunkRows + 1);
            return raw;
        }()) << "at most";
        QTest::newRow("unknown table") << qCompress([] {
            QByteArray raw;
            QDataStream out(&raw, QIODevice::WriteOnly);
            out.setVersion(QDataStream::Qt_6_0);
            out << quint32(0x41444231) << QStringLiteral("users") << quint32(0);
            return raw;
        }()) << "not a bulk fact table";
        QTest::newRow("bomb") << qCompress(QByteArray(20 << 20, '\0')) << "over the limit";
        QTest::newRow("bomb with a small claim") << [] {
            QByteArray b = qCompress(QByteArray(1 << 20, '\0'));
            b[0] = 0, b[1] = 0, b[2] = 0, b[3] = char(100);
            return b;
        }() << "not a compressed chunk";
        QTest::newRow("cut short")
            << sync::encodeBulkChunk({QStringLiteral("sensor_readings"), {}}).left(10)
            << "compressed";
    }
    void malformedChunksAreRefusedByName() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        auto r = sync::decodeBulkChunk(bytes);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().detail.contains(message), qPrintable(r.error().detail));
    }

    void theFuzzSeedCarriesAChunk() {
        // tests/fuzz/syncpayloads/bulk.json seeds the payload fuzzer with a bulk batch: it must
        // decode to a header and a chunk of two readings, or the fuzzer never reaches the chunk
        // decoder.
        const QByteArray json = test::readFile(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                                               QStringLiteral("/fuzz/syncpayloads/bulk.json"));
        auto changes = sync::decodeChanges(
            QJsonDocument::fromJson(json).object().value(QStringLiteral("changes")));
        QVERIFY2(changes.ok(), test::why(changes).constData());
        QCOMPARE(changes->size(), size_t(2));
        QVERIFY(sync::isBulkHeader(changes->at(0)));
        QVERIFY(sync::isBulkRows(changes->at(1)));
        auto chunk = sync::decodeBulkChunk(changes->at(1).value.toByteArray());
        QVERIFY2(chunk.ok(), test::why(chunk).constData());
        QCOMPARE(chunk->table, QStringLiteral("sensor_readings"));
        QCOMPARE(chunk->rows.size(), size_t(2));
        QCOMPARE(chunk->rows[1][2].toDouble(), 12.75);
    }

    void aBatchOfManyChunksTravelsWhole() {
        // A batch larger than a chunk (the large demo's readings are millions) leaves with all
        // its rows, every chunk under its own header. (Chunks once copied a header that moving
        // the page's vector had freed.)
        auto db = test::connect(m_wsA);
        auto scratch = store::Transaction::begin(db); // rolled back: Ana's workspace stays
        QVERIFY(scratch.ok());
        const QString batch =
            test::textOf(db, "SELECT id FROM bulk_batches WHERE tbl = 'sensor_readings' LIMIT 1");
        QVERIFY(!batch.isEmpty());
        QVERIFY(db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                        "45000) INSERT INTO sensor_readings (sensor, ts, value, batch) SELECT "
                        "(SELECT min(lid) FROM sensors), 4000000000 + i * 60, i / 10.0, (SELECT "
                        "lid FROM bulk_batches WHERE id = '" +
                        batch.toStdString() + "') FROM n")
                    .ok());
        const qint64 rows = test::intOf(
            db, QString("SELECT count(*) FROM sensor_readings WHERE batch = (SELECT lid FROM "
                        "bulk_batches WHERE id = '" +
                        batch + "')")
                    .toUtf8()
                    .constData());
        QVERIFY(rows > 2 * sync::kBulkChunkRows);
        auto header = db.prepare("SELECT tbl, row_id, col, value, hlc, node, farm_id FROM "
                                 "change_log WHERE tbl = 'bulk_batches' AND row_id = ?");
        header->bind(1, batch);
        QVERIFY(header->step().value());
        sync::Change h;
        h.table = header->text(0);
        h.rowId = header->text(1);
        h.column = header->text(2);
        h.value = QVariant::fromValue<qlonglong>(rows);
        h.version = {header->int64(4), header->text(5)};
        h.farmId = header->text(6);
        header = store::Statement();
        sync::Changes page{h};
        auto attached = sync::attachBulkRows(db, page);
        QVERIFY2(attached.ok(), test::why(attached).constData());
        QCOMPARE(attached.value(), rows);
        QVERIFY(page.size() >= 4); // the header and at least three chunks
        qint64 decoded = 0;
        for (size_t i = 1; i < page.size(); ++i) {
            QVERIFY(sync::isBulkRows(page[i]));
            QCOMPARE(page[i].rowId, batch);
            QCOMPARE(page[i].version, h.version);
            auto chunk = sync::decodeBulkChunk(page[i].value.toByteArray());
            QVERIFY2(chunk.ok(), test::why(chunk).constData());
            decoded += qint64(chunk->rows.size());
        }
        QCOMPARE(decoded, rows);
    }

    void aFactsKeyReadsAsPeopleSayIt() {
        QCOMPARE(sync::describeBulkKey(QStringLiteral("sales_daily"),
                                       QStringLiteral("01935e00-0000-7000-8000-000000000021|22000|"
                                                      "farm shop")),
                 QStringLiteral("01935e00… · 2030-03-27 · farm shop"));
        QCOMPARE(sync::describeBulkKey(QStringLiteral("sensor_readings"),
                                       QStringLiteral("01935e00-0000-7000-8000-000000000021|"
                                                      "1795530900")),
                 QStringLiteral("01935e00… · 2026-11-24T14:35:00Z"));
    }

    void aChunkRoundTrips() {
        const sync::BulkChunk chunk{QStringLiteral("weather_daily"),
                                    {{m_farm, qlonglong(20000), 1.5, QVariant(), 0.0},
                                     {m_farm, qlonglong(20001), QVariant(), 22.25, QVariant()}}};
        auto back = sync::decodeBulkChunk(sync::encodeBulkChunk(chunk));
        QVERIFY2(back.ok(), test::why(back).constData());
        QCOMPARE(back->table, chunk.table);
        QCOMPARE(back->rows.size(), chunk.rows.size());
        for (size_t r = 0; r < chunk.rows.size(); ++r)
            for (size_t c = 0; c < chunk.rows[r].size(); ++c) {
                QCOMPARE(back->rows[r][c].isNull(), chunk.rows[r][c].isNull());
                QCOMPARE(back->rows[r][c].toString(), chunk.rows[r][c].toString());
            }
    }

#ifdef AGRODESK_SERVER_ON_POSTGRES
    void cleanupTestCase() {
        m_server.reset(); // the server first, then its database
        m_pg.stop();
    }
#endif
};

QTEST_GUILESS_MAIN(TestSyncBulk)
#include "tst_syncbulk.moc"

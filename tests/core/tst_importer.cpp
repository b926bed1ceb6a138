#include "io/importer.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace agro;
using namespace agro::io;

/// Import acceptance and rejection on a copy of the small demo. Every rejection must name
/// file, line and column, and leave the workspace's content hash unchanged.
class TestImporter : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_template;
    QString m_plantingId;
    QString m_farm2Planting;
    int m_copies = 0;

    QString freshCopy() {
        const QString path = m_dir.path(QStringLiteral("copy%1.agrodesk").arg(++m_copies));
        if (!QFile::copy(m_template, path))
            qFatal("copy failed");
        return path;
    }

    static Result<ImportSummary> run(const QString &workspace, CsvKind kind, const QString &file,
                                     const ColumnMapping &mapping = {}, Progress *p = nullptr) {
        auto db = test::connect(workspace);
        return importCsv(db, kind, file, mapping, p);
    }

private Q_SLOTS:
    void initTestCase() {
        m_template = m_dir.path(QStringLiteral("template.agrodesk"));
        test::makeSmallDemo(m_template);
        auto db = test::connect(m_template);
        m_plantingId = test::textOf(db, "SELECT id FROM plantings ORDER BY lid LIMIT 1");
        m_farm2Planting =
            test::textOf(db, "SELECT p.id FROM plantings p JOIN farms f ON f.id = p.farm_id "
                             "WHERE f.name = 'River Valley Farm' LIMIT 1");
        QVERIFY(!m_plantingId.isEmpty());
    }

    void rejects_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("code");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<int>("column");

        const int sales = int(CsvKind::Sales);
        const QByteArray h = "sku,date,quantity,price\n";
        QTest::newRow("bad date") << sales << h + "DEMO-00001,2027-02-30,1,2\n"
                                  << int(ErrorCode::CsvBadDate) << qint64(2) << 2;
        QTest::newRow("date in another format") << sales << h + "DEMO-00001,30.01.2027,1,2\n"
                                                << int(ErrorCode::CsvBadDate) << qint64(2) << 2;
        QTest::newRow("bad number") << sales << h + "DEMO-00001,2027-01-01,abc,2\n"
                                    << int(ErrorCode::CsvBadNumber) << qint64(2) << 3;
        QTest::newRow("negative quantity") << sales << h + "DEMO-00001,2027-01-01,-1,2\n"
                                           << int(ErrorCode::CsvBadNumber) << qint64(2) << 3;
        QTest::newRow("wrong column count") << sales << h + "DEMO-00001,2027-01-01,1\n"
                                            << int(ErrorCode::CsvColumnCount) << qint64(2) << 0;
        QTest::newRow("unterminated quote")
            << sales << h + "DEMO-00001,2027-01-01,1,2\n\"DEMO-00002,2027-01-01,1,2\n"
            << int(ErrorCode::CsvQuote) << qint64(3) << 0;
        QTest::newRow("duplicate key in file") << sales
                                               << h + "DEMO-00001,2027-01-01,1,2\nDEMO-00002,2027-"
                                                      "01-01,1,2\nDEMO-00001,2027-01-01,5,2\n"
                                               << int(ErrorCode::CsvDuplicateKey) << qint64(4) << 2;
        QTest::newRow("duplicate key in workspace")
            << sales << h + "DEMO-00001,2026-10-31,1,2\n"
            << int(ErrorCode::CsvDuplicateKey) << qint64(2) << 2;
        QTest::newRow("header only") << sales << h << int(ErrorCode::CsvEmpty) << qint64(0) << 0;
        QTest::newRow("0 bytes") << sales << QByteArray() << int(ErrorCode::CsvEmpty) << qint64(0)
                                 << 0;
        QTest::newRow("not UTF-8")
            << sales << h + "DEMO-00001,2027-01-01,1,2\nDEMO-0000\xe9,2027-01-02,1,2\n"
            << int(ErrorCode::CsvEncoding) << qint64(3) << 1;
        QTest::newRow("unknown SKU") << sales << h + "NOPE-1,2027-01-01,1,2\n"
                                     << int(ErrorCode::CsvUnknownReference) << qint64(2) << 1;
        QTest::newRow("missing column")
            << sales << QByteArray("sku,date,quantity\nDEMO-00001,2027-01-01,1\n")
            << int(ErrorCode::CsvMissingColumn) << qint64(1) << 0;
        QTest::newRow("bad promotion flag")
            << sales
            << QByteArray("sku,date,quantity,price,promotion\nDEMO-00001,2027-01-01,1,2,perhaps\n")
            << int(ErrorCode::CsvBadValue) << qint64(2) << 5;
        QByteArray many = h;
        for (int d = 1; d <= 28; ++d)
            for (int s = 1; s <= 40; ++s)
                many += QStringLiteral("DEMO-%1,2027-02-%2,3,1.5\n")
                            .arg(s, 5, 10, QLatin1Char('0'))
                            .arg(d, 2, 10, QLatin1Char('0'))
                            .toUtf8();
        many += "DEMO-00001,2027-03-01,x,1\n";
        QTest::newRow("bad row after 1,120 good rows")
            << sales << many << int(ErrorCode::CsvBadNumber) << qint64(1122) << 3;

        const int costs = int(CsvKind::Costs);
        QTest::newRow("cost category unknown")
            << costs << QByteArray("farm,category,amount,date\nHillside Farm,fuel,10,2026-01-01\n")
            << int(ErrorCode::CsvBadValue) << qint64(2) << 2;
        QTest::newRow("cost in another currency")
            << costs
            << QByteArray(
                   "farm,category,amount,currency,date\nHillside Farm,labor,10,USD,2026-01-01\n")
            << int(ErrorCode::CsvBadValue) << qint64(2) << 4;
        QTest::newRow("cost for unknown farm")
            << costs << QByteArray("farm,category,amount,date\nNo Such Farm,labor,10,2026-01-01\n")
            << int(ErrorCode::CsvUnknownReference) << qint64(2) << 1;

        const int products = int(CsvKind::Products);
        QTest::newRow("product SKU exists")
            << products << QByteArray("sku,name,farm,price\nDEMO-00003,Dup,Hillside Farm,1\n")
            << int(ErrorCode::CsvDuplicateKey) << qint64(2) << 1;
        QTest::newRow("product pack size zero")
            << products
            << QByteArray("sku,name,farm,price,pack_size\nNEW-1,New,Hillside Farm,1,0\n")
            << int(ErrorCode::CsvBadNumber) << qint64(2) << 5;

        const int readings = int(CsvKind::Readings);
        QTest::newRow("reading timestamp without time")
            << readings << QByteArray("sensor,timestamp,value\nHIL-CR-001,2026-10-31,3\n")
            << int(ErrorCode::CsvBadDate) << qint64(2) << 2;
        QTest::newRow("reading already stored")
            << readings << QByteArray("sensor,timestamp,value\nHIL-CR-001,2026-10-31T12:00:00Z,3\n")
            << int(ErrorCode::CsvDuplicateKey) << qint64(2) << 2;

        const int harvests = int(CsvKind::Harvests);
        QTest::newRow("harvest for unknown planting")
            << harvests
            << QByteArray("planting,date,quantity,unit\n01900000-0000-7000-8000-000000000000,2026-"
                          "09-01,5,bushel\n")
            << int(ErrorCode::CsvUnknownReference) << qint64(2) << 1;
    }
    void rejects() {
        QFETCH(int, kind);
        QFETCH(QByteArray, content);
        QFETCH(int, code);
        QFETCH(qint64, line);
        QFETCH(int, column);
        const QString ws = freshCopy();
        const QByteArray before = test::contentHash(ws);
        const QString file = m_dir.write(QStringLiteral("bad%1.csv").arg(m_copies), content);
        auto r = run(ws, CsvKind(kind), file);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().file, file);
        QCOMPARE(r.error().line, line);
        QCOMPARE(r.error().column, column);
        QVERIFY(!errorText(r.error()).isEmpty());
        QCOMPARE(test::contentHash(ws), before);
    }

    void harvestRejectsUnknownUnit() {
        const QString ws = freshCopy();
        const QByteArray before = test::contentHash(ws);
        const QString file = m_dir.write(
            QStringLiteral("h.csv"),
            ("planting,date,quantity,unit\n" + m_plantingId + ",2026-09-01,5,bushel\n").toUtf8());
        auto r = run(ws, CsvKind::Harvests, file);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::CsvBadValue);
        QCOMPARE(r.error().column, 4);
        QCOMPARE(test::contentHash(ws), before);
    }

    void acceptsSalesInEveryDialect() {
        const QString ws = freshCopy();
        // BOM, semicolons, decimal commas, CRLF, quoted values and a column order of its own.
        const QByteArray content = "\xEF\xBB\xBF"
                                   "date;sku;price;quantity;channel;promotion\r\n"
                                   "2026-11-01;DEMO-00001;\"2,50\";4;\"web; mobile\";1\r\n"
                                   "2026-11-02;DEMO-00001;2,5;6;store;0\r\n"
                                   "2026-11-01;DEMO-00002;1;10;store;no\r\n";
        auto r = run(ws, CsvKind::Sales, m_dir.write(QStringLiteral("ok.csv"), content));
        QVERIFY2(r.ok(), agro::test::why(r).constData());
        QCOMPARE(r->rows, 3);
        auto db = test::connect(ws);
        QCOMPARE(
            test::realOf(db, "SELECT sum(quantity * price) FROM sales_daily WHERE day >= 20758"),
            4 * 2.5 + 6 * 2.5 + 10 * 1.0);
        QCOMPARE(
            test::textOf(db, "SELECT channel FROM sales_daily WHERE day = 20758 AND promotion = 1"),
            QStringLiteral("web; mobile"));
        // The aggregate the dashboard reads agrees with the raw rows, and the batch is logged.
        QCOMPARE(test::realOf(db, "SELECT round(sum(revenue), 6) FROM sales_farm_daily"),
                 test::realOf(db, "SELECT round(sum(quantity * price), 6) FROM sales_daily"));
        QCOMPARE(test::intOf(
                     db, "SELECT sum(row_count) FROM bulk_batches WHERE source = 'import:ok.csv'"),
                 3);
        QVERIFY(test::intOf(
                    db, "SELECT count(*) FROM change_log c JOIN bulk_batches b ON b.id = c.row_id "
                        "WHERE b.source = 'import:ok.csv'") >= 1);
    }

    void acceptsMappedColumns() {
        const QString ws = freshCopy();
        const QByteArray content = "Artikel,Tag,Menge,Preis\nDEMO-00005,2026-11-03,2,3.5\n";
        ColumnMapping map{{QStringLiteral("sku"), 0},
                          {QStringLiteral("date"), 1},
                          {QStringLiteral("quantity"), 2},
                          {QStringLiteral("price"), 3}};
        auto r = run(ws, CsvKind::Sales, m_dir.write(QStringLiteral("mapped.csv"), content), map);
        QVERIFY2(r.ok(), agro::test::why(r).constData());
        QCOMPARE(r->rows, 1);
    }

    void acceptsProductsCostsHarvestsReadings() {
        const QString ws = freshCopy();
        auto p = run(ws, CsvKind::Products,
                     m_dir.write(QStringLiteral("p.csv"),
                                 "sku,name,farm,category,price,pack_size,shelf_life_days\n"
                                 "NEW-1,Goat cheese,Hillside Farm,Cheese,6.5,6,40\n"));
        QVERIFY2(p.ok(), agro::test::why(p).constData());
        auto c = run(ws, CsvKind::Costs,
                     m_dir.write(QStringLiteral("c.csv"),
                                 ("farm,planting,category,amount,date,description\n"
                                  "Hillside Farm," +
                                  m_plantingId +
                                  ",labor,120.5,2026-05-02,Weeding\n"
                                  "Hillside Farm,,other,80,2026-05-03,\"Insurance, May\"\n")
                                     .toUtf8()));
        QVERIFY2(c.ok(), agro::test::why(c).constData());
        auto h = run(
            ws, CsvKind::Harvests,
            m_dir.write(QStringLiteral("h.csv"), ("planting,date,quantity,unit,rejected,grade\n" +
                                                  m_plantingId + ",2026-09-01,2.5,t,0.1,A\n")
                                                     .toUtf8()));
        QVERIFY2(h.ok(), agro::test::why(h).constData());
        auto rd =
            run(ws, CsvKind::Readings,
                m_dir.write(QStringLiteral("r.csv"),
                            "sensor,timestamp,value\nHIL-CR-001,2026-11-01T02:00:00+01:00,3.2\n"));
        QVERIFY2(rd.ok(), agro::test::why(rd).constData());

        auto db = test::connect(ws);
        QCOMPARE(test::textOf(db, "SELECT c.name FROM products p JOIN product_categories c "
                                  "ON c.id = p.category_id WHERE p.sku = 'NEW-1'"),
                 QStringLiteral("Cheese"));
        QCOMPARE(test::realOf(db,
                              "SELECT quantity_kg FROM harvests WHERE harvested_on = '2026-09-01' "
                              "AND grade = 'A' AND entered_unit = 't'"),
                 2500.0);
        QCOMPARE(test::realOf(db, "SELECT rejected_kg FROM harvests WHERE entered_unit = 't'"),
                 100.0);
        QCOMPARE(test::intOf(
                     db, "SELECT count(*) FROM cost_entries WHERE description = 'Insurance, May' "
                         "AND planting_id IS NULL AND currency = 'EUR'"),
                 1);
        QCOMPARE(test::intOf(db, "SELECT ts FROM sensor_readings ORDER BY ts DESC LIMIT 1"),
                 qint64(1793494800)); // 2026-11-01T01:00:00Z
    }

    void costForPlantingOfAnotherFarmIsRejected() {
        const QString ws = freshCopy();
        const QByteArray before = test::contentHash(ws);
        auto r = run(ws, CsvKind::Costs,
                     m_dir.write(QStringLiteral("x.csv"),
                                 ("farm,planting,category,amount,date\nHillside Farm," +
                                  m_farm2Planting + ",labor,1,2026-05-02\n")
                                     .toUtf8()));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::CsvUnknownReference);
        QCOMPARE(r.error().column, 2);
        QCOMPARE(test::contentHash(ws), before);
    }

    void cancelledImportChangesNothing() {
        const QString ws = freshCopy();
        const QByteArray before = test::contentHash(ws);
        QByteArray content = "sku,date,quantity,price\n";
        for (int d = 0; d < 3000; ++d)
            content += "DEMO-00007," + QDate(2027, 1, 1).addDays(d).toString(Qt::ISODate).toUtf8() +
                       ",1,1\n";
        Progress p;
        p.cancelled = true;
        auto r =
            run(ws, CsvKind::Sales, m_dir.write(QStringLiteral("cancel.csv"), content), {}, &p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QCOMPARE(test::contentHash(ws), before);
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"

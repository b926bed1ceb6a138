#include "io/exporter.h"
#include "io/importer.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace agro;
using namespace agro::io;

/// export → import → export is byte-identical for every kind: the export writes exactly the
/// documented format the importer reads, with exact numbers and a stable order.
class TestExportRoundTrip : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_template;

    static QByteArray readFile(const QString &path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return f.readAll();
    }

private Q_SLOTS:
    void initTestCase() {
        m_template = m_dir.path(QStringLiteral("template.agrodesk"));
        test::makeSmallDemo(m_template);
    }

    void roundTrip_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("clear"); // SQL that removes what the import puts back
        QTest::newRow("sales") << int(CsvKind::Sales)
                               << "DELETE FROM sales_daily; DELETE FROM sales_farm_daily;";
        QTest::newRow("costs") << int(CsvKind::Costs) << "DELETE FROM cost_entries;";
        QTest::newRow("harvests") << int(CsvKind::Harvests) << "DELETE FROM harvests;";
        QTest::newRow("readings") << int(CsvKind::Readings) << "DELETE FROM sensor_readings;";
        QTest::newRow("products")
            << int(CsvKind::Products)
            << "DELETE FROM qc_inspections; DELETE FROM lots; DELETE FROM stock_movements; "
               "DELETE FROM sales_daily; DELETE FROM sales_farm_daily; DELETE FROM products;";
    }
    void roundTrip() {
        QFETCH(int, kind);
        QFETCH(QString, clear);
        const QString name = csvKindName(CsvKind(kind));
        const QString ws = m_dir.path(name + QStringLiteral(".agrodesk"));
        QVERIFY(QFile::copy(m_template, ws));
        const QString first = m_dir.path(name + QStringLiteral("-1.csv"));
        const QString second = m_dir.path(name + QStringLiteral("-2.csv"));
        auto db = test::connect(ws);
        auto exported = exportCsv(db, CsvKind(kind), first);
        QVERIFY2(exported.ok(), agro::test::why(exported).constData());
        QVERIFY(exported.value() > 0);
        // Test set-up only: empty the table (raw SQL, bypassing the change log) so the same
        // rows can come back through the importer.
        QVERIFY(db.exec(clear.toStdString()).ok());
        auto imported = importCsv(db, CsvKind(kind), first);
        QVERIFY2(imported.ok(), agro::test::why(imported).constData());
        QCOMPARE(imported->rows, exported.value());
        auto again = exportCsv(db, CsvKind(kind), second);
        QVERIFY(again.ok());
        const QByteArray a = readFile(first), b = readFile(second);
        QCOMPARE(a.size(), b.size());
        QVERIFY(a == b);
        QVERIFY(a.startsWith(csvColumns(CsvKind(kind)).front().name.toUtf8()));
    }

    void exportIsAtomic() {
        // A failed export (directory does not exist) leaves no partial file behind.
        auto db = test::connect(m_template);
        const QString target = m_dir.path(QStringLiteral("missing/dir/out.csv"));
        auto r = exportCsv(db, CsvKind::Sales, target);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY(!QFile::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestExportRoundTrip)
#include "tst_exportroundtrip.moc"

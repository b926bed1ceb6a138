#include "commands/cli.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;

/// The command line in-process: exit codes, messages, and that a rejected import exits
/// non-zero with the location of the problem and changes nothing.
class TestCli : public QObject {
    Q_OBJECT
    test::Scratch m_dir;

    struct Run {
        int code;
        QString out;
        QString err;
    };
    static Run run(const QStringList &args) {
        QString out, err;
        QTextStream o(&out), e(&err);
        const int code = commands::runCli(QStringList{QStringLiteral("agrodesk-cli")} + args, o, e);
        o.flush();
        e.flush();
        return {code, out, err};
    }

private Q_SLOTS:
    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("demo without preset") << QStringList{"demo", "--out", "x.agrodesk"};
        QTest::newRow("demo bad preset") << QStringList{"demo", "--preset", "huge", "--out", "x"};
        QTest::newRow("import unknown kind")
            << QStringList{"import", "widgets", "--workspace", "w", "--file", "f"};
        QTest::newRow("import without file") << QStringList{"import", "sales", "--workspace", "w"};
        QTest::newRow("bad mapping")
            << QStringList{"import", "sales", "--workspace", "w", "--file", "f", "--map", "sku"};
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("Usage:")));
    }

    void demoImportExportDashboard() {
        const QString ws = m_dir.path(QStringLiteral("cli.agrodesk"));
        Run r = run({"demo", "--preset", "small", "--out", ws});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("preset small")));
        // Generating over an existing file needs --force.
        QCOMPARE(run({"demo", "--preset", "small", "--out", ws}).code, 1);

        const QString hashBefore = run({"hash", "--workspace", ws}).out.trimmed();
        QCOMPARE(hashBefore.size(), 64);

        const QString bad = m_dir.write(QStringLiteral("bad.csv"),
                                        "sku,date,quantity,price\nDEMO-00001,2027-01-01,1,2\n"
                                        "DEMO-00001,2027-01-02,one,2\n");
        r = run({"import", "sales", "--workspace", ws, "--file", bad});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(bad + QStringLiteral(":3:3")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("quantity")));
        QCOMPARE(run({"hash", "--workspace", ws}).out.trimmed(), hashBefore);

        const QString good = m_dir.write(QStringLiteral("good.csv"),
                                         "Artikel,Tag,Menge,Preis\nDEMO-00001,2027-01-01,1,2\n");
        r = run({"import", "sales", "--workspace", ws, "--file", good, "--map", "sku=1", "--map",
                 "date=2", "--map", "quantity=3", "--map", "price=4"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("Imported 1 sales rows")));

        const QString out = m_dir.path(QStringLiteral("costs.csv"));
        r = run({"export", "costs", "--workspace", ws, "--out", out});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(out));

        r = run({"dashboard", "--workspace", ws, "--farm", "Hillside Farm"});
        QCOMPARE(r.code, 0);
        // The default period is the 30 days up to the last sale, which the import just moved.
        QVERIFY2(r.out.contains(QLatin1String("2026-12-03 .. 2027-01-01")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("revenue")));

        r = run({"finance", "--workspace", ws, "--by", "crop", "--season", "2026"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QLatin1String("key,name,currency,plantings,area_ha,total_cost")));
        QVERIFY(r.out.count(QLatin1Char('\n')) >= 2);
        r = run({"finance", "--workspace", ws, "--by", "farm", "--format", "json"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("\"break_even_yield_kg_ha\"")));
        QCOMPARE(run({"finance", "--workspace", ws, "--by", "weather"}).code, 2);

        r = run({"yield-predict", "--workspace", ws});
        QCOMPARE(r.code, 0);
        QVERIFY(
            r.out.startsWith(QLatin1String("planting,name,season,expected_kg_ha,predicted_kg_ha")));
        QVERIFY(r.out.contains(QLatin1String("# season 2026: 12 plantings predicted")));
        QVERIFY(r.out.contains(QLatin1String("baseline MAE")));
        QCOMPARE(run({"yield-predict", "--workspace", ws, "--season", "1999"}).code, 1);

        r = run({"info", "--workspace", ws});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("demo       small")));
    }

    void missingWorkspace() {
        const Run r = run({"info", "--workspace", m_dir.path(QStringLiteral("nope.agrodesk"))});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(QLatin1String("nope.agrodesk")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

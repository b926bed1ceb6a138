#include "analytics/calendar.h"
#include "io/csvvalues.h"

#include <QTest>

using namespace agro::io;

class TestCsvValues : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dates_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("day"); // -1: rejected
        QTest::newRow("epoch") << "1970-01-01" << 0;
        QTest::newRow("leap day 2024")
            << "2024-02-29" << agro::analytics::daysFromCivil(2024, 2, 29);
        QTest::newRow("no leap day 2023") << "2023-02-29" << -1;
        QTest::newRow("no leap day 1900") << "1900-02-29" << -1;
        QTest::newRow("leap day 2000")
            << "2000-02-29" << agro::analytics::daysFromCivil(2000, 2, 29);
        QTest::newRow("month 13") << "2024-13-01" << -1;
        QTest::newRow("day 31 in April") << "2024-04-31" << -1;
        QTest::newRow("slashes") << "2024/01/01" << -1;
        QTest::newRow("day first") << "01-02-2024" << -1;
        QTest::newRow("spaces ok") << " 2024-01-02 " << agro::analytics::daysFromCivil(2024, 1, 2);
        QTest::newRow("empty") << "" << -1;
    }
    void dates() {
        QFETCH(QString, text);
        QFETCH(int, day);
        const auto v = parseIsoDate(text.toStdString());
        if (day < 0)
            QVERIFY(!v);
        else
            QCOMPARE(*v, day);
    }

    void calendarRoundTrip() {
        for (int d = -800000; d < 800000; d += 997) {
            const auto c = agro::analytics::civilFromDays(d);
            QCOMPARE(agro::analytics::daysFromCivil(c.year, c.month, c.day), d);
        }
        QCOMPARE(agro::analytics::isoWeekday(0), 4); // 1970-01-01 was a Thursday
    }

    void timestamps_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: rejected
        QTest::newRow("Z") << "2025-03-01T12:15:00Z" << qint64(1740831300);
        QTest::newRow("no seconds") << "2025-03-01T12:15Z" << qint64(1740831300);
        QTest::newRow("space, no zone = UTC") << "2025-03-01 12:15:00" << qint64(1740831300);
        QTest::newRow("offset") << "2025-03-01T13:15:00+01:00" << qint64(1740831300);
        QTest::newRow("negative offset") << "2025-03-01T07:15:00-05:00" << qint64(1740831300);
        QTest::newRow("hour 24") << "2025-03-01T24:00:00Z" << qint64(-1);
        QTest::newRow("garbage zone") << "2025-03-01T12:15:00CET" << qint64(-1);
        QTest::newRow("date only") << "2025-03-01" << qint64(-1);
    }
    void timestamps() {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto v = parseIsoDateTime(text.toStdString());
        if (seconds < 0)
            QVERIFY(!v);
        else
            QCOMPARE(*v, seconds);
    }

    void numbers_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("decimalComma");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("value");
        QTest::newRow("int") << "12" << false << true << 12.0;
        QTest::newRow("decimal") << "-3.25" << false << true << -3.25;
        QTest::newRow("plus") << "+4" << false << true << 4.0;
        QTest::newRow("exponent") << "1e3" << false << true << 1000.0;
        QTest::newRow("comma in comma file") << "1,5" << false << false << 0.0;
        QTest::newRow("comma in semicolon file") << "1,5" << true << true << 1.5;
        QTest::newRow("letters") << "12kg" << false << false << 0.0;
        QTest::newRow("nan") << "nan" << false << false << 0.0;
        QTest::newRow("inf") << "inf" << false << false << 0.0;
        QTest::newRow("empty") << "" << false << false << 0.0;
    }
    void numbers() {
        QFETCH(QString, text);
        QFETCH(bool, decimalComma);
        QFETCH(bool, valid);
        QFETCH(double, value);
        const auto v = parseNumber(text.toStdString(), decimalComma);
        QCOMPARE(bool(v), valid);
        if (valid)
            QCOMPARE(*v, value);
    }

    void flags() {
        QCOMPARE(parseFlag("1"), std::optional<bool>(true));
        QCOMPARE(parseFlag("Yes"), std::optional<bool>(true));
        QCOMPARE(parseFlag("false"), std::optional<bool>(false));
        QCOMPARE(parseFlag(""), std::optional<bool>(false));
        QVERIFY(!parseFlag("maybe"));
    }
};

QTEST_GUILESS_MAIN(TestCsvValues)
#include "tst_csvvalues.moc"

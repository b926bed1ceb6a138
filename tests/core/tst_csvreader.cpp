#include "io/csvreader.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::io;

using Rows = QList<QStringList>;

class TestCsvReader : public QObject {
    Q_OBJECT

    static Rows readAll(const QString &path, Error *error = nullptr, qint64 *line = nullptr) {
        Rows rows;
        auto r = CsvReader::open(path);
        if (!r.ok()) {
            if (error)
                *error = r.error();
            return rows;
        }
        rows << r.value()->header();
        for (;;) {
            auto more = r.value()->next();
            if (!more.ok()) {
                if (error)
                    *error = more.error();
                return rows;
            }
            if (!more.value())
                break;
            if (line)
                *line = r.value()->line();
            QStringList row;
            for (auto f : r.value()->fields())
                row << QString::fromUtf8(f.data(), qsizetype(f.size()));
            rows << row;
        }
        return rows;
    }

private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Rows>("expected");
        QTest::newRow("simple LF") << QByteArray("a,b\n1,2\n") << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                           "a,b\n1,2\n")
                             << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("semicolon") << QByteArray("a;b\n1,5;2\n") << Rows{{"a", "b"}, {"1,5", "2"}};
        QTest::newRow("quoted delimiter")
            << QByteArray("a,b\n\"x,y\",2\n") << Rows{{"a", "b"}, {"x,y", "2"}};
        QTest::newRow("escaped quote")
            << QByteArray("a\n\"say \"\"hi\"\"\"\n") << Rows{{"a"}, {"say \"hi\""}};
        QTest::newRow("embedded newline")
            << QByteArray("a,b\n\"l1\nl2\",2\n") << Rows{{"a", "b"}, {"l1\nl2", "2"}};
        QTest::newRow("empty fields")
            << QByteArray("a,b,c\n,,\n") << Rows{{"a", "b", "c"}, {"", "", ""}};
        QTest::newRow("trailing empty at EOF")
            << QByteArray("a,b\n1,") << Rows{{"a", "b"}, {"1", ""}};
        QTest::newRow("blank lines skipped")
            << QByteArray("a\n\n1\n\r\n2\n") << Rows{{"a"}, {"1"}, {"2"}};
        QTest::newRow("utf8") << QByteArray("name\nÄpfel süß\n") << Rows{{"name"}, {"Äpfel süß"}};
        QTest::newRow("header trimmed")
            << QByteArray(" a , b\n1,2\n") << Rows{{"a", "b"}, {"1", "2"}};
    }
    void parses() {
        QFETCH(QByteArray, input);
        QFETCH(Rows, expected);
        test::Scratch dir;
        Error e;
        const Rows rows = readAll(dir.write(QStringLiteral("in.csv"), input), &e);
        QCOMPARE(rows, expected);
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("code");
        QTest::addColumn<qint64>("line");
        QTest::newRow("0 bytes") << QByteArray() << int(ErrorCode::CsvEmpty) << qint64(0);
        QTest::newRow("unterminated quote")
            << QByteArray("a,b\n1,2\n\"open,3\n4,5\n") << int(ErrorCode::CsvQuote) << qint64(3);
        QTest::newRow("text after closing quote")
            << QByteArray("a,b\n\"x\"y,2\n") << int(ErrorCode::CsvQuote) << qint64(2);
        QTest::newRow("stray quote")
            << QByteArray("a,b\n1,x\"y\n") << int(ErrorCode::CsvQuote) << qint64(2);
        QTest::newRow("latin-1 byte")
            << QByteArray("a\nK\xe4se\n") << int(ErrorCode::CsvEncoding) << qint64(2);
        QTest::newRow("overlong utf8")
            << QByteArray("a\n\xc0\xaf\n") << int(ErrorCode::CsvEncoding) << qint64(2);
        QTest::newRow("surrogate")
            << QByteArray("a\n\xed\xa0\x80\n") << int(ErrorCode::CsvEncoding) << qint64(2);
    }
    void errors() {
        QFETCH(QByteArray, input);
        QFETCH(int, code);
        QFETCH(qint64, line);
        test::Scratch dir;
        Error e;
        e.code = ErrorCode::Io;
        const QString path = dir.write(QStringLiteral("bad.csv"), input);
        readAll(path, &e);
        QCOMPARE(int(e.code), code);
        QCOMPARE(e.line, line);
        QCOMPARE(e.file, path);
    }

    void largeFileAcrossChunkBoundaries() {
        // Rows with quoted fields and CRLF, long enough to cross several 1 MiB reads.
        QByteArray data("id,text,n\r\n");
        const int rows = 60000;
        for (int i = 0; i < rows; ++i)
            data += QByteArray::number(i) + ",\"line " + QByteArray::number(i) +
                    ", with \"\"quotes\"\" and\nbreak\"," + QByteArray::number(i * 2) + "\r\n";
        test::Scratch dir;
        auto r = CsvReader::open(dir.write(QStringLiteral("big.csv"), data));
        QVERIFY(r.ok());
        int n = 0;
        for (;;) {
            auto more = r.value()->next();
            QVERIFY(more.ok());
            if (!more.value())
                break;
            const auto &f = r.value()->fields();
            QCOMPARE(f.size(), size_t(3));
            QCOMPARE(QByteArray(f[0].data(), qsizetype(f[0].size())), QByteArray::number(n));
            QCOMPARE(QByteArray(f[1].data(), qsizetype(f[1].size())),
                     "line " + QByteArray::number(n) + ", with \"quotes\" and\nbreak");
            QCOMPARE(QByteArray(f[2].data(), qsizetype(f[2].size())), QByteArray::number(n * 2));
            // Each record spans two physical lines; line() is where it starts.
            QCOMPARE(r.value()->line(), qint64(2 + 2 * n));
            ++n;
        }
        QCOMPARE(n, rows);
        QCOMPARE(r.value()->bytesRead(), qint64(data.size()));
    }

    void writerQuotesOnlyWhenNeeded_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << "abc"
                               << "abc";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"x\""
                               << "\"say \"\"x\"\"\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
    }
    void writerQuotesOnlyWhenNeeded() {
        QFETCH(QString, field);
        QFETCH(QString, written);
        std::string out;
        appendCsvField(out, field.toStdString());
        QCOMPARE(QString::fromStdString(out), written);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"

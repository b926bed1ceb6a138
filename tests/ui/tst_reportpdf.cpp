#include "reportpainter.h"
#include "reportpdf.h"
#include "reports/reportcatalog.h"
#include "testsupport.h"

#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace agro;

/// PDF reports open in a standard reader: pdfinfo counts the pages, pdftotext finds the
/// title, the contents, each section, the figures as printed and "page N of M"; the same data
/// and time give the same text.
class TestReportPdf : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    static QString run(const QString &program, const QStringList &args) {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return {};
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    reports::Report build(const QString &name) {
        auto db = test::connect(m_path);
        reports::Parameters p;
        p.asOf = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        auto r = reports::buildReport(db, name, p, QStringLiteral("test"));
        return r.ok() ? r.value() : reports::Report{};
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("pdf.agrodesk"));
        test::makeSmallDemo(m_path);
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
                 "poppler-utils (pdftotext, pdfinfo) is needed: scripts/agrodesk.sh installs it");
    }

    void readersOpenIt_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("season") << "season-summary";
        QTest::newRow("qc") << "qc-summary";
    }
    void readersOpenIt() {
        QFETCH(QString, name);
        const reports::Report r = build(name);
        QVERIFY(!r.sections.empty());
        const QString pdf = m_dir.path(name + QStringLiteral(".pdf"));
        auto written = render::writeReportPdf(r, pdf);
        QVERIFY2(written.ok(), test::why(written).constData());
        const QString info = run(QStringLiteral("pdfinfo"), {pdf});
        const auto pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
        QVERIFY2(pages.hasMatch(), qPrintable(info));
        const int n = pages.captured(1).toInt();
        QVERIFY(n >= 1 + int(r.sections.size())); // title page, then a page per section at least
        QVERIFY(info.contains(r.title));
        const QString text =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.contains(r.title));
        QVERIFY(text.contains(QStringLiteral("Contents")));
        QVERIFY(text.contains(r.dataSha256));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(n)));
        for (const auto &s : r.sections) {
            QVERIFY2(text.contains(s.title), qPrintable(s.title));
            // The first row's first number as printed is on the page.
            for (size_t c = 0; c < s.columns.size() && !s.rows.empty(); ++c)
                if (std::holds_alternative<double>(s.rows.front()[c])) {
                    const QString printed = render::printedText(s.columns[c], s.rows.front()[c]);
                    QVERIFY2(text.contains(printed),
                             qPrintable(s.title + QStringLiteral(": ") + printed));
                    break;
                }
        }
        // Every page renders.
        run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("20"),
                                         QStringLiteral("-png"), pdf, m_dir.path(name)});
        QVERIFY(QFile::exists(m_dir.path(name + QStringLiteral("-%1.png").arg(n))) ||
                QFile::exists(m_dir.path(name + QStringLiteral("-0%1.png").arg(n))));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            run(QStringLiteral("pdftoppm"),
                {QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-png"),
                 QStringLiteral("-f"), QStringLiteral("2"), QStringLiteral("-l"),
                 QStringLiteral("2"), pdf, dir + QStringLiteral("/report-") + name});

        // Same data, same time: the same text.
        const QString again = m_dir.path(name + QStringLiteral("-again.pdf"));
        QVERIFY(render::writeReportPdf(build(name), again).ok());
        QCOMPARE(run(QStringLiteral("pdftotext"),
                     {QStringLiteral("-layout"), again, QStringLiteral("-")}),
                 text);
    }
};

QTEST_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"

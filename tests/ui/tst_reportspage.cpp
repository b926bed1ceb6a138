#include "appsettings.h"
#include "mainwindow.h"
#include "reportpdf.h"
#include "reports/reportwriters.h"
#include "reportspage.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace agro;
using namespace agro::ui;

/// The Reports area in the real window on the small demo: a report previews as PDF pages, and
/// exports to CSV, XLSX and PDF hold the report that was previewed.
class TestReportsPage : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    ReportsPage *page() const { return m_window->reports(); }
    void choose(const char *name) {
        QListWidget *list = page()->reportList();
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == QLatin1String(name))
                list->setCurrentRow(i);
        QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase() {
        reports::setPdfWriter(&render::writeReportPdf);
        m_path = m_dir.path(QStringLiteral("rp.agrodesk"));
        test::makeSmallDemo(m_path);
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1440, 900);
        m_window->show();
        QSignalSpy choices(page(), &ReportsPage::choicesLoaded);
        m_window->openWorkspace(m_path);
        QVERIFY(choices.wait(20000));
        m_window->showArea(8);
    }
    void cleanupTestCase() { m_window.reset(); }

    void seasonSummaryPreviewsAndExports() {
        choose("season-summary");
        QVERIFY(page()->seasonBox()->isEnabled());
        QVERIFY(!page()->periodBox()->isEnabled());
        page()->seasonBox()->setCurrentIndex(page()->seasonBox()->findData(QStringLiteral("2025")));
        page()->farmBox()->setCurrentIndex(
            page()->farmBox()->findText(QStringLiteral("Hillside Farm")));
        QSignalSpy previewed(page(), &ReportsPage::previewed);
        page()->preview();
        QVERIFY(previewed.wait(20000));
        QVERIFY(page()->report());
        QCOMPARE(page()->report()->parameters.season, QStringLiteral("2025"));
        QCOMPARE(page()->report()->parameterLines.front().second, QStringLiteral("Hillside Farm"));
        QVERIFY(page()->previewPages() >= 1 + int(page()->report()->sections.size()));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/reports.png")));
        }

        // What is exported is what was previewed.
        QSignalSpy exported(page(), &ReportsPage::exported);
        const QString csv = m_dir.path(QStringLiteral("season.csv"));
        page()->exportTo(csv);
        QVERIFY(exported.wait(20000));
        QCOMPARE(test::readFile(csv), reports::csvBytes(*page()->report()));
        const QString xlsx = m_dir.path(QStringLiteral("season.xlsx"));
        page()->exportTo(xlsx);
        QVERIFY(exported.wait(20000));
        QVERIFY(test::readFile(xlsx).startsWith("PK"));
        const QString pdf = m_dir.path(QStringLiteral("season.pdf"));
        page()->exportTo(pdf);
        QVERIFY(exported.wait(20000));
        QVERIFY(test::readFile(pdf).startsWith("%PDF"));
    }

    void salesDataGoesStraightToAFile() {
        choose("sales-data");
        // No page form to preview or print; exported with a progress bar and Cancel.
        page()->periodBox()->setChecked(false);
        page()->farmBox()->setCurrentIndex(0);
        QSignalSpy finished(page(), &ReportsPage::exportFinished);
        const QString file = m_dir.path(QStringLiteral("sales.xlsx"));
        page()->exportTo(file);
        QVERIFY(page()->progressBar()->isVisible());
        QVERIFY(page()->cancelButton()->isVisible());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.front().front().toBool(), true);
        QVERIFY(test::readFile(file).startsWith("PK"));
        QVERIFY(!page()->cancelButton()->isVisible());
    }

    void qcSummaryOverAChosenPeriod() {
        choose("qc-summary");
        QVERIFY(!page()->seasonBox()->isEnabled());
        page()->periodBox()->setChecked(true);
        QVERIFY(page()->fromBox()->isEnabled());
        page()->fromBox()->setDate(QDate(2026, 6, 1));
        page()->toBox()->setDate(QDate(2026, 6, 30));
        page()->farmBox()->setCurrentIndex(0);
        QSignalSpy previewed(page(), &ReportsPage::previewed);
        page()->preview();
        QVERIFY(previewed.wait(20000));
        QCOMPARE(page()->report()->name, QStringLiteral("qc-summary"));
        QCOMPARE(page()->report()->parameters.from, QDate(2026, 6, 1));
        QCOMPARE(page()->report()->parameters.to, QDate(2026, 6, 30));
        // A period that ends before it starts: a message, and nothing previewed.
        page()->fromBox()->setDate(QDate(2026, 7, 1));
        QSignalSpy failed(page(), &ReportsPage::failed);
        page()->preview();
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("period")));
        QVERIFY(!page()->report());
    }
};

QTEST_MAIN(TestReportsPage)
#include "tst_reportspage.moc"

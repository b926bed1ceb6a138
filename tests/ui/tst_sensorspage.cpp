#include "appsettings.h"
#include "conditionspanel.h"
#include "mainwindow.h"
#include "sensorchart.h"
#include "sensorspage.h"
#include "testsupport.h"
#include "wetfieldscenario.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace agro;
using namespace agro::ui;

/// The Sensors area on the small demo: the registry, a sensor's readings with its limits and
/// flagged episodes, limits saved from the page, and the conditions-vs-QC tab finding the wet
/// field of test::addWetFieldScenario.
class TestSensorsPage : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    analytics::detection::TwoByTwo m_expected;

    SensorsPage *page() const { return m_window->sensors(); }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("sp.agrodesk"));
        test::makeSmallDemo(m_path);
        test::addWetFieldScenario(m_path, &m_expected);
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1440, 900);
        m_window->show();
        QSignalSpy loaded(page(), &SensorsPage::loaded);
        m_window->openWorkspace(m_path);
        QVERIFY(loaded.wait(20000));
        m_window->showArea(7);
    }
    void cleanupTestCase() { m_window.reset(); }

    void aSensorsReadingsLimitsAndEpisodes() {
        auto db = test::connect(m_path);
        QCOMPARE(qint64(page()->table()->rowCount()),
                 test::intOf(db, "SELECT count(*) FROM sensors"));
        // The sensor with the most alerts, over its whole record.
        const QString id = test::textOf(db, "SELECT subject_id FROM alerts WHERE source = "
                                            "'sensor' GROUP BY subject_id ORDER BY count(*) DESC "
                                            "LIMIT 1");
        QSignalSpy series(page(), &SensorsPage::seriesLoaded);
        page()->setPeriodDays(30);
        QVERIFY(page()->selectSensor(id));
        QVERIFY(series.wait(10000));
        while (series.wait(300)) {
        }
        QVERIFY(page()->chart()->points() > 100);
        QVERIFY(page()->chart()->episodes() > 0);
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/sensors.png")));
        }
    }

    void limitsAreSavedFromThePage() {
        QSignalSpy saved(page(), &SensorsPage::saved);
        QSignalSpy failed(page(), &SensorsPage::failed);
        page()->lowEdit()->setText(QStringLiteral("9"));
        page()->highEdit()->setText(QStringLiteral("3"));
        page()->saveLimits();
        QVERIFY(failed.wait(10000)); // low above high
        page()->lowEdit()->setText(QLocale().toString(1.5));
        page()->highEdit()->setText(QStringLiteral("30"));
        QTest::keyClick(page()->highEdit(), Qt::Key_Return);
        QVERIFY(saved.wait(10000));
        auto db = test::connect(m_path);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM sensors WHERE low_threshold = 1.5 AND "
                                 "high_threshold = 30"),
                 qint64(1));
    }

    void theConditionsTabFindsTheWetField() {
        ConditionsPanel *panel = page()->conditions();
        QSignalSpy scopes(panel, &ConditionsPanel::scopesLoaded);
        page()->showTab(1);
        QVERIFY(scopes.wait(10000));
        QSignalSpy report(panel, &ConditionsPanel::reportLoaded);
        QVERIFY(panel->selectScope(QStringLiteral("t-field")));
        QVERIFY(report.wait(10000));
        while (report.wait(300)) {
        }
        QVERIFY(panel->report() && panel->report()->scope.id == QLatin1String("t-field"));
        // The choice is remembered for this workspace.
        auto db = test::connect(m_path);
        QCOMPARE(m_settings->conditionScope(test::textOf(
                     db, "SELECT value FROM workspace_meta WHERE key = 'workspace_id'")),
                 QStringLiteral("t-field"));
        QCOMPARE(panel->table()->rowCount(), int(panel->report()->tests.size()));
        const QString summary = panel->summaryText();
        QVERIFY2(summary.contains(QStringLiteral("Lots from Test Meadow")) &&
                     summary.contains(QStringLiteral("produce-overripe")) &&
                     summary.contains(QStringLiteral("%1 of %2")
                                          .arg(m_expected.exposedBad)
                                          .arg(m_expected.exposed())),
                 qPrintable(summary));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/sensors-conditions.png")));
        }
        // A condition of one's own: three days, any failure; tested beside the scan and selected.
        report.clear();
        panel->setCustom({QStringLiteral("soil_moisture"), true, 30, 3, QStringLiteral("any")});
        panel->testCustom();
        QVERIFY(report.wait(10000));
        const auto rows = panel->table()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QVERIFY2(panel->table()->item(rows.front().row(), 0)->text().contains(QStringLiteral("3")),
                 qPrintable(panel->table()->item(rows.front().row(), 0)->text()));
        QCOMPARE(int(panel->table()->rowCount()), int(panel->report()->tests.size()));
        page()->showTab(0);
    }
};

QTEST_MAIN(TestSensorsPage)
#include "tst_sensorspage.moc"

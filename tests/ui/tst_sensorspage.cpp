#include "appsettings.h"
#include "mainwindow.h"
#include "sensorchart.h"
#include "sensorspage.h"
#include "testsupport.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace agro;
using namespace agro::ui;

/// The Sensors area on the small demo: the registry, a sensor's readings with its limits and
/// flagged episodes, limits saved from the page.
class TestSensorsPage : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    SensorsPage *page() const { return m_window->sensors(); }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("sp.agrodesk"));
        test::makeSmallDemo(m_path);
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
};

QTEST_MAIN(TestSensorsPage)
#include "tst_sensorspage.moc"

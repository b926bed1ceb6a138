#include "appsettings.h"
#include "forecastbreakdowntable.h"
#include "forecastchart.h"
#include "forecastproductfilter.h"
#include "forecastspage.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QFile>
#include <QImage>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace agro;
using namespace agro::ui;

/// The Forecasts area in the real main window on the small demo: a product's chart, its
/// accuracy in words and breakdown; filters; "Run all forecasts" storing a run that can be
/// shown against actuals; exports.
class TestForecastsPage : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_sku;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    ForecastsPage *page() const { return m_window->forecasts(); }

    void showProduct(const QString &sku) {
        QSignalSpy shown(page(), &ForecastsPage::forecastShown);
        QVERIFY(page()->selectProduct(sku));
        QVERIFY(shown.wait(20000));
        while (shown.wait(300)) {
        }
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("fc.agrodesk"));
        test::makeSmallDemo(m_path);
        {
            auto db = test::connect(m_path);
            m_sku = test::textOf(db, "SELECT sku FROM products p WHERE EXISTS (SELECT 1 FROM "
                                     "sales_daily s WHERE s.product = p.lid) ORDER BY sku LIMIT 1");
        }
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1360, 860);
        m_window->show();
        QSignalSpy loaded(page(), &ForecastsPage::productsLoaded);
        m_window->openWorkspace(m_path);
        QVERIFY(loaded.wait(20000));
        m_window->showArea(3);
    }
    void cleanupTestCase() { m_window.reset(); }

    void listsEveryProductWithSales() {
        auto db = test::connect(m_path);
        QCOMPARE(qint64(page()->productTable()->model()->rowCount()),
                 test::intOf(db, "SELECT count(*) FROM products p WHERE EXISTS (SELECT 1 FROM "
                                 "sales_daily s WHERE s.product = p.lid)"));
    }

    void searchFilters() {
        auto *model = page()->productTable()->model();
        const int all = model->rowCount();
        page()->productFilter()->setSearch(m_sku);
        QCOMPARE(model->rowCount(), 1);
        page()->productFilter()->setSearch(QStringLiteral("no product is called this"));
        QCOMPARE(model->rowCount(), 0);
        page()->productFilter()->setSearch(QString());
        QCOMPARE(model->rowCount(), all);
        page()->productFilter()->setVelocity(Velocity::Fast);
        const int fast = model->rowCount();
        page()->productFilter()->setVelocity(Velocity::Medium);
        const int medium = model->rowCount();
        page()->productFilter()->setVelocity(Velocity::Slow);
        const int slow = model->rowCount();
        page()->productFilter()->setVelocity(Velocity::Any);
        QCOMPARE(fast + medium + slow, all);
    }

    void productChart() {
        page()->setHorizon(28);
        showProduct(m_sku);
        const auto &v = page()->current();
        QVERIFY(v.has_value());
        QCOMPARE(page()->chart()->forecastPoints(), 28);
        QVERIFY(page()->chart()->historyPoints() > 60);
        QVERIFY(page()->chart()->upper95(0) >= v->outcome.forecast.mean[0]);
        QCOMPARE(page()->breakdown()->rowCount(), 28);
        const QString text = page()->accuracyText();
        QVERIFY2(text.contains(QLatin1String("off by")) &&
                     text.contains(QLatin1String("95 % band")),
                 qPrintable(text));
        QVERIFY(text.contains(QString::fromStdString(v->outcome.model)));
        QVERIFY(page()->lastChartLatencyMs() >= 0);
        // The chart is drawn, not blank: some pixels differ from the background.
        const QImage img = page()->chart()->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY(colours.size() > 5);
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/forecasts.png")));
    }

    void horizonChange() {
        QSignalSpy shown(page(), &ForecastsPage::forecastShown);
        page()->setHorizon(7);
        QVERIFY(shown.wait(20000));
        QCOMPARE(page()->chart()->forecastPoints(), 7);
        QCOMPARE(page()->breakdown()->rowCount(), 7);
    }

    void runAllAndShowAStoredRun() {
        QSignalSpy finished(page(), &ForecastsPage::runFinished);
        page()->runAll();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.front().front().toString().startsWith(QLatin1String("Forecast ")),
                 qPrintable(finished.front().front().toString()));
        QTRY_COMPARE_WITH_TIMEOUT(page()->runCount(), 1, 10000);
        auto db = test::connect(m_path);
        const QString runId = test::textOf(db, "SELECT id FROM forecast_runs");
        QSignalSpy shown(page(), &ForecastsPage::forecastShown);
        page()->setRun(runId);
        QVERIFY(shown.wait(20000));
        // The run forecasts days after the last sale: nothing to compare yet, and it says so.
        QVERIFY2(page()->accuracyText().contains(QLatin1String("None of its days")),
                 qPrintable(page()->accuracyText()));
        QCOMPARE(page()->chart()->forecastPoints(), 7);
        page()->setRun(QString());
        QVERIFY(shown.wait(20000));
    }

    void cancelledRunStoresNothing() {
        auto db = test::connect(m_path);
        const qint64 before = test::intOf(db, "SELECT count(*) FROM forecast_runs");
        QSignalSpy finished(page(), &ForecastsPage::runFinished);
        page()->runAll();
        // Cancel through the progress dialog, as a person would.
        auto *dialog = page()->findChild<QProgressDialog *>();
        QVERIFY(dialog);
        dialog->cancel();
        QVERIFY(finished.wait(60000));
        const QString msg = finished.front().front().toString();
        // A small workspace may finish before the cancel lands; either way nothing is half-stored.
        const qint64 after = test::intOf(db, "SELECT count(*) FROM forecast_runs");
        if (msg.contains(QLatin1String("cancelled")))
            QCOMPARE(after, before);
        else
            QCOMPARE(after, before + 1);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM forecast_values WHERE run NOT IN "
                                 "(SELECT lid FROM forecast_runs)"),
                 qint64(0));
    }

    void exports() {
        const QString png = m_dir.path(QStringLiteral("chart.png"));
        const QString csv = m_dir.path(QStringLiteral("data.csv"));
        QVERIFY(page()->exportChart(png));
        QVERIFY(!QImage(png).isNull());
        QVERIFY(page()->exportData(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.front(), QByteArray("date,sold,fitted,mean,lo80,hi80,lo95,hi95,model"));
        const auto &v = *page()->current();
        QCOMPARE(qsizetype(lines.size()),
                 qsizetype(1 + v.history.size() + v.outcome.forecast.horizon()));
    }
};

QTEST_MAIN(TestForecastsPage)
#include "tst_forecastspage.moc"

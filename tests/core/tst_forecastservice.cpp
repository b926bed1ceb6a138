#include "commands/cli.h"
#include "services/forecastservice.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace agro;

/// Forecasts over the small demo's products: one product made now, a stored run of all of
/// them that reloads to the same numbers, cancel that stores nothing, and forecast-vs-actual
/// for a stored run whose days have already happened.
class TestForecastService : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_sku;

    static bool finite(const analytics::forecast::Forecast &f) {
        for (const auto *v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
            for (double x : *v)
                if (!std::isfinite(x) || x < 0)
                    return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("f.agrodesk"));
        test::makeSmallDemo(m_path);
        auto db = test::connect(m_path);
        m_sku = test::textOf(db, "SELECT p.sku FROM products p WHERE EXISTS (SELECT 1 FROM "
                                 "sales_daily s WHERE s.product = p.lid) ORDER BY p.sku LIMIT 1");
        QVERIFY(!m_sku.isEmpty());
    }

    void oneProduct() {
        auto db = test::connect(m_path);
        auto v = services::forecastProduct(db, m_sku, 21);
        QVERIFY2(v.ok(), test::why(v).constData());
        QCOMPARE(v->outcome.forecast.horizon(), std::size_t(21));
        QVERIFY(finite(v->outcome.forecast));
        QCOMPARE(v->history.size(), v->fitted.size());
        QVERIFY(v->history.size() <= std::size_t(services::kChartHistoryDays));
        const qint64 lastDay = test::intOf(db, "SELECT max(day) FROM sales_daily");
        QCOMPARE(qint64(v->forecastStart), lastDay + 1);
        QCOMPARE(qint64(v->historyStart + std::int32_t(v->history.size())), lastDay + 1);
        QVERIFY(v->outcome.backtest.points > 0);
        QVERIFY(v->outcome.backtest.mase > 0 && v->outcome.backtest.mase < 3);
        QVERIFY(!v->outcome.model.empty());
        // The demo's demand follows prices, weekdays and the season: the regression explains it.
        QVERIFY(v->outcome.model.find("Regression") != std::string::npos);
        QCOMPARE(v->outcome.breakdown.size(), std::size_t(21));
        for (std::size_t j = 0; j < 21; ++j) {
            const auto &b = v->outcome.breakdown[j];
            QVERIFY(b.baseline > 0 && b.weekly > 0 && b.yearly > 0 && b.holiday > 0);
        }
    }

    void unknownProductIsNotFound() {
        auto db = test::connect(m_path);
        auto v = services::forecastProduct(db, QStringLiteral("NO-SUCH-SKU"), 7);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ErrorCode::NotFound);
        QVERIFY(!services::forecastProduct(db, m_sku, 0).ok());
    }

    void runAllStoresARunThatReloads() {
        auto db = test::connect(m_path);
        Progress progress;
        auto run = services::runAllForecasts(db, 14, progress, 2);
        QVERIFY2(run.ok(), test::why(run).constData());
        QCOMPARE(progress.permille(), 1000);
        const qint64 products = test::intOf(
            db, "SELECT count(*) FROM products p WHERE EXISTS (SELECT 1 FROM sales_daily s "
                "WHERE s.product = p.lid)");
        QCOMPARE(qint64(run->run.products + run->failed), products);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM forecast_values"),
                 qint64(run->run.products) * 14);
        auto runs = store::ForecastStore::runs(db);
        QVERIFY(runs.ok());
        QCOMPARE(runs->front().id, run->run.id);
        // The stored forecast is the one the product view makes from the same data.
        auto view = services::forecastProduct(db, m_sku, 14);
        QVERIFY(view.ok());
        auto stored = store::ForecastStore::load(db, run->run.id, view->product.lid);
        QVERIFY(stored.ok() && stored->has_value());
        for (std::size_t j = 0; j < 14; ++j) {
            QCOMPARE((*stored)->values.mean[j], view->outcome.forecast.mean[j]);
            QCOMPARE((*stored)->values.hi95[j], view->outcome.forecast.hi95[j]);
        }
        QCOMPARE((*stored)->backtest.points, view->outcome.backtest.points);
    }

    void cancelledRunStoresNothing() {
        auto db = test::connect(m_path);
        const qint64 before = test::intOf(db, "SELECT count(*) FROM forecast_runs");
        Progress progress;
        progress.cancelled = true;
        auto run = services::runAllForecasts(db, 7, progress, 2);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, ErrorCode::Cancelled);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM forecast_runs"), before);
    }

    void forecastAgainstActuals() {
        // A stored run whose 10 days are the last 10 days of sales: every day has an actual.
        auto db = test::connect(m_path);
        auto view = services::forecastProduct(db, m_sku, 10);
        QVERIFY(view.ok());
        store::ForecastRunInfo info;
        info.createdAt = QDateTime::currentDateTimeUtc();
        info.firstDay = view->forecastStart - 10;
        info.horizon = 10;
        info.method = QStringLiteral("test");
        info.engineVersion = QStringLiteral("test");
        store::StoredForecast f;
        f.productLid = view->product.lid;
        f.model = QStringLiteral("constant 5");
        f.values.resize(10);
        for (std::size_t j = 0; j < 10; ++j) {
            f.values.mean[j] = 5;
            f.values.lo95[j] = f.values.lo80[j] = 0;
            f.values.hi95[j] = f.values.hi80[j] = 1e9;
        }
        auto saved = store::ForecastStore::save(db, info, {f});
        QVERIFY2(saved.ok(), test::why(saved).constData());
        auto past = services::pastForecast(db, info.id, m_sku);
        QVERIFY2(past.ok(), test::why(past).constData());
        double mae = 0;
        int compared = 0;
        const auto &h = view->history;
        for (std::size_t j = 0; j < 10; ++j) {
            const double a = h[h.size() - 10 + j];
            QCOMPARE(std::isnan(past->actual[j]), std::isnan(a));
            if (std::isfinite(a)) {
                QCOMPARE(past->actual[j], a);
                mae += std::abs(a - 5);
                ++compared;
            }
        }
        QCOMPARE(past->compared, compared);
        QVERIFY(std::abs(past->mae - mae / compared) < 1e-9);
        QCOMPARE(past->coverage95, 1.0);
        QVERIFY(store::ForecastStore::remove(db, info.id).ok());
        QVERIFY(!services::pastForecast(db, info.id, m_sku).ok());
    }

    void benchmarkFileInterface() {
        // Two series, the second with a test split: the first withholds its last 2 values.
        const QString in = m_dir.write(QStringLiteral("in.csv"),
                                       "series_id,t,value,split\n"
                                       "A,1,10,train\nA,2,12,train\nA,3,11,train\nA,4,13,train\n"
                                       "A,5,12,train\nA,6,14,train\nA,7,13,test\nA,8,15,test\n"
                                       "B,2,5,train\nB,1,4,train\nB,3,NA,train\nB,4,6,train\n"
                                       "B,5,7,train\nB,6,8,train\nB,7,9,test\nB,8,10,test\n");
        const QString outFile = m_dir.path(QStringLiteral("out.csv"));
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const int rc = commands::runCli(
            {QStringLiteral("agrodesk-cli"), QStringLiteral("forecast"), QStringLiteral("--input"),
             in, QStringLiteral("--horizon"), QStringLiteral("2"), QStringLiteral("--season"),
             QStringLiteral("1"), QStringLiteral("--method"), QStringLiteral("naive"),
             QStringLiteral("--out"), outFile, QStringLiteral("--threads"), QStringLiteral("2")},
            out, err);
        QCOMPARE(rc, 0);
        QFile f(outFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0], QByteArray("series_id,step,mean,lo80,hi80,lo95,hi95,model"));
        // Naive repeats the last training value: 14 for A; B's rows arrive out of order and
        // are sorted by t, so its last training value is 8.
        QVERIFY(lines[1].startsWith("A,1,14,"));
        QVERIFY(lines[2].startsWith("A,2,14,"));
        QVERIFY(lines[3].startsWith("B,1,8,"));
    }

    void benchmarkFileErrors_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no header columns")
            << QByteArray("id,time,v\nA,1,2\n") << QStringLiteral(":1: the header");
        QTest::newRow("bad value") << QByteArray("series_id,t,value\nA,1,2\nA,2,x7\n")
                                   << QStringLiteral(":3:3: value: not a number: x7");
        QTest::newRow("bad t") << QByteArray("series_id,t,value\nA,one,2\n")
                               << QStringLiteral(":2:2: t: not a whole number");
        QTest::newRow("column count") << QByteArray("series_id,t,value\nA,1\n")
                                      << QStringLiteral(":2: expected 3 columns, found 2");
    }
    void benchmarkFileErrors() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString in = m_dir.write(QStringLiteral("bad.csv"), content);
        const QString outFile = m_dir.path(QStringLiteral("bad-out.csv"));
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const int rc = commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("forecast"),
                                         QStringLiteral("--input"), in, QStringLiteral("--horizon"),
                                         QStringLiteral("2"), QStringLiteral("--out"), outFile},
                                        out, err);
        err.flush();
        QCOMPARE(rc, 1);
        QVERIFY2(errText.contains(expected), qPrintable(errText));
        QVERIFY(!QFile::exists(outFile)); // nothing written on a rejected input
    }

    void commandLine() {
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const int rc =
            commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("forecast"),
                              QStringLiteral("--workspace"), m_path, QStringLiteral("--product"),
                              m_sku, QStringLiteral("--horizon"), QStringLiteral("5")},
                             out, err);
        out.flush();
        QCOMPARE(rc, 0);
        const QStringList lines = outText.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines[0].startsWith(QStringLiteral("sku,date,mean,lo80,hi80,lo95,hi95,model")));
        QVERIFY(lines[1].startsWith(m_sku + QLatin1Char(',')));
    }
};

QTEST_GUILESS_MAIN(TestForecastService)
#include "tst_forecastservice.moc"

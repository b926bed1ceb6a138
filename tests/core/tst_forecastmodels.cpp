#include "analytics/forecast/accuracy.h"
#include "analytics/forecast/arima.h"
#include "analytics/forecast/ets.h"
#include "analytics/forecast/forecaster.h"
#include "analytics/forecast/intermittent.h"
#include "analytics/forecast/neldermead.h"
#include "analytics/forecast/seasonal.h"
#include "analytics/forecast/simple.h"
#include "analytics/forecast/theta.h"
#include "analytics/random.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace agro::analytics;
using namespace agro::analytics::forecast;

Q_DECLARE_METATYPE(agro::analytics::forecast::Method)

namespace {

std::vector<double> randomWalk(std::uint64_t seed, int n, double start = 100) {
    Rng rng(seed);
    std::vector<double> y;
    double v = start;
    for (int i = 0; i < n; ++i) {
        v += rng.normal(0, 2);
        y.push_back(v);
    }
    return y;
}

/// Level 200, a 12-month pattern of ±30 %, a gentle trend and 3 % noise.
std::vector<double> seasonalSeries(std::uint64_t seed, int n, double noise = 0.03) {
    Rng rng(seed);
    std::vector<double> y;
    for (int t = 0; t < n; ++t) {
        const double s = 1 + 0.3 * std::sin(2 * std::numbers::pi * t / 12.0);
        y.push_back((200 + 0.5 * t) * s * (1 + rng.normal(0, noise)));
    }
    return y;
}

bool allFinite(const Forecast &f) {
    for (const auto *v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
        for (double x : *v)
            if (!std::isfinite(x))
                return false;
    return true;
}

bool ordered(const Forecast &f) {
    for (std::size_t j = 0; j < f.horizon(); ++j)
        if (!(f.lo95[j] <= f.lo80[j] + 1e-9 && f.lo80[j] <= f.mean[j] + 1e-9 &&
              f.mean[j] <= f.hi80[j] + 1e-9 && f.hi80[j] <= f.hi95[j] + 1e-9))
            return false;
    return true;
}

} // namespace

/// The forecasting engine's models against hand-computable cases and known properties, and its
/// automatic choice against the edge inputs a workspace can hold.
class TestForecastModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sesWithAlphaOneIsNaive() {
        const auto y = randomWalk(1, 40);
        EtsParameters p;
        p.alpha = 1.0;
        p.level0 = y.front();
        const auto ses = evaluateEts(y, 1, EtsSpec{}, p);
        QVERIFY(ses);
        const ModelForecast naive = naiveForecast(y, 6);
        const Forecast f = ses->forecast(6);
        for (int j = 0; j < 6; ++j)
            QCOMPARE(f.mean[j], naive.forecast.mean[j]);
        for (std::size_t t = 1; t < y.size(); ++t)
            QCOMPARE(ses->fitted[t], y[t - 1]);
        // Intervals: SES with α = 1 has variance σ²·h, naive's formula.
        for (int j = 1; j < 6; ++j) {
            const double ratio = (f.hi95[j] - f.mean[j]) / (f.hi95[0] - f.mean[0]);
            QVERIFY(std::abs(ratio - std::sqrt(j + 1.0)) < 1e-9);
        }
    }

    void holtRecursionByHand() {
        // ETS(A,A,N) with α = 0.5, β = 0.1·α: two steps of the recursion worked on paper.
        // ℓ₀ = 10, b₀ = 1; y₁ = 12: ŷ = 11, e = 1, ℓ₁ = 11.5, b₁ = 1 + 0.05 = 1.05;
        // y₂ = 12: ŷ = 12.55, e = −0.55, ℓ₂ = 12.275, b₂ = 1.05 − 0.0275 = 1.0225.
        EtsParameters p;
        p.alpha = 0.5;
        p.beta = 0.05;
        p.level0 = 10;
        p.slope0 = 1;
        const auto m = evaluateEts({12, 12}, 1, EtsSpec{false, EtsSpec::Trend::Additive, {}}, p);
        QVERIFY(m);
        QCOMPARE(m->fitted[0], 11.0);
        QCOMPARE(m->fitted[1], 12.55);
        QVERIFY(std::abs(m->level - 12.275) < 1e-12);
        QVERIFY(std::abs(m->slope - 1.0225) < 1e-12);
        const Forecast f = m->forecast(3);
        QVERIFY(std::abs(f.mean[2] - (12.275 + 3 * 1.0225)) < 1e-12);
    }

    void pureSeasonalSeriesIsReproduced_data() {
        QTest::addColumn<Method>("method");
        QTest::newRow("ets") << Method::Ets;
        QTest::newRow("snaive") << Method::SeasonalNaive;
        QTest::newRow("auto") << Method::Auto;
    }
    void pureSeasonalSeriesIsReproduced() {
        QFETCH(Method, method);
        const double pattern[12] = {50, 60, 80, 120, 150, 170, 160, 140, 110, 90, 70, 55};
        std::vector<double> y;
        for (int t = 0; t < 72; ++t)
            y.push_back(pattern[t % 12]);
        ForecastOptions o;
        o.horizon = 24;
        o.period = 12;
        o.method = method;
        const auto r = forecastSeries(y, o);
        QVERIFY2(r.ok(), r.error.c_str());
        for (int j = 0; j < 24; ++j)
            QVERIFY2(std::abs(r.forecast.mean[j] - pattern[j % 12]) < 0.02 * pattern[j % 12],
                     qPrintable(QStringLiteral("step %1: %2 vs %3 (%4)")
                                    .arg(j + 1)
                                    .arg(r.forecast.mean[j])
                                    .arg(pattern[j % 12])
                                    .arg(QString::fromStdString(r.model))));
        QVERIFY(allFinite(r.forecast));
    }

    void intervalsWidenWithHorizon_data() {
        QTest::addColumn<Method>("method");
        for (Method m : {Method::Ets, Method::Theta, Method::Arima, Method::Naive,
                         Method::SeasonalNaive, Method::Drift, Method::Ensemble, Method::Auto})
            QTest::newRow(methodName(m)) << m;
    }
    void intervalsWidenWithHorizon() {
        QFETCH(Method, method);
        const auto y = seasonalSeries(7, 96, 0.08);
        ForecastOptions o;
        o.horizon = 18;
        o.period = 12;
        o.method = method;
        const auto r = forecastSeries(y, o);
        QVERIFY2(r.ok(), r.error.c_str());
        QVERIFY(allFinite(r.forecast));
        QVERIFY(ordered(r.forecast));
        // The same months a year apart, so seasonal scaling does not mask the growth, and
        // averaged over six of them, so the noise of simulated quantiles does not either.
        double early = 0, late = 0;
        for (int j = 0; j < 6; ++j) {
            early += r.forecast.hi95[j] - r.forecast.lo95[j];
            late += r.forecast.hi95[j + 12] - r.forecast.lo95[j + 12];
        }
        QVERIFY2(late > early, qPrintable(QStringLiteral("%1: %2 → %3")
                                              .arg(QString::fromStdString(r.model))
                                              .arg(early)
                                              .arg(late)));
        for (int j = 1; j < 18; ++j)
            if (r.model.find("ETS(A") == 0 || r.model.find("ARIMA") == 0 || r.model == "Naive" ||
                r.model == "Drift")
                QVERIFY(r.forecast.hi95[j] - r.forecast.lo95[j] >=
                        r.forecast.hi95[j - 1] - r.forecast.lo95[j - 1] - 1e-9);
    }

    void seasonalDataSelectsSeasonalModel() {
        const auto fit = autoEts(seasonalSeries(3, 96), 12);
        QVERIFY(fit);
        QVERIFY2(fit->spec.season != EtsSpec::Season::None, fit->spec.name().c_str());
        Rng rng(5);
        std::vector<double> noise;
        for (int t = 0; t < 96; ++t)
            noise.push_back(100 + rng.normal(0, 5));
        const auto flat = autoEts(noise, 12);
        QVERIFY(flat);
        QVERIFY2(flat->spec.season == EtsSpec::Season::None, flat->spec.name().c_str());
        QVERIFY(std::abs(flat->forecast(1).mean[0] - 100) < 3);
    }

    void thetaDriftIsHalfTheSlope() {
        const auto y = randomWalk(11, 60);
        const auto th = thetaForecast(y, 1, 10);
        QVERIFY(th);
        const double b = linearTrend(y.data(), int(y.size())).slope;
        for (int j = 1; j < 10; ++j)
            QVERIFY(std::abs(th->forecast.mean[j] - th->forecast.mean[j - 1] - b / 2) < 1e-9);
    }

    void arimaRecoversAnAr1() {
        Rng rng(21);
        std::vector<double> y;
        double x = 0;
        for (int t = 0; t < 400; ++t) {
            x = 0.7 * x + rng.normal(0, 1);
            y.push_back(50 + x);
        }
        const auto fit = fitArima(y, 1, ArimaOrder{1, 0, 0, 0, 0, 0, true});
        QVERIFY(fit);
        QVERIFY2(std::abs(fit->ar[0] - 0.7) < 0.08, qPrintable(QString::number(fit->ar[0])));
        QVERIFY(std::abs(fit->mean - 50) < 0.6);
        QVERIFY(std::abs(fit->sigma2 - 1) < 0.2);
        // The forecast decays towards the mean: f_h − μ = φ^h (y_n − μ).
        const Forecast f = fit->forecast(3);
        const double dev = y.back() - fit->mean;
        QVERIFY(std::abs(f.mean[2] - fit->mean - std::pow(fit->ar[0], 3) * dev) < 1e-9);
    }

    void arimaRandomWalk() {
        const auto y = randomWalk(31, 200);
        QVERIFY(kpssStatistic(y) > 0.463);
        Rng rng(3);
        std::vector<double> noise;
        for (int t = 0; t < 200; ++t)
            noise.push_back(rng.normal(0, 1));
        QVERIFY(kpssStatistic(noise) < 0.463);
        QCOMPARE(firstDifferencesNeeded(y), 1);
        QCOMPARE(firstDifferencesNeeded(noise), 0);
        // ARIMA(0,1,0): the forecast is the last value, and the variance grows as σ²·h.
        const auto rw = fitArima(y, 1, ArimaOrder{0, 1, 0, 0, 0, 0, false});
        QVERIFY(rw);
        const Forecast f = rw->forecast(4);
        for (int j = 0; j < 4; ++j) {
            QCOMPARE(f.mean[j], y.back());
            const double sd = (f.hi95[j] - f.mean[j]) / kZ95;
            QVERIFY(std::abs(sd - std::sqrt(rw->sigma2 * (j + 1))) < 1e-9);
        }
        const auto a = autoArima(y, 1);
        QVERIFY(a);
        QCOMPARE(a->order.d, 1);
    }

    void arimaSeasonalDifferencing() {
        QCOMPARE(seasonalDifferencesNeeded(seasonalSeries(4, 96, 0.02), 12), 1);
        Rng rng(8);
        std::vector<double> noise;
        for (int t = 0; t < 96; ++t)
            noise.push_back(rng.normal(100, 5));
        QCOMPARE(seasonalDifferencesNeeded(noise, 12), 0);
        const auto a = autoArima(seasonalSeries(4, 96, 0.02), 12);
        QVERIFY(a);
        QCOMPARE(a->order.D, 1);
        QVERIFY(QString::fromStdString(a->order.name(12)).contains(QLatin1String("[12]")));
    }

    void seasonalityTest() {
        QVERIFY(looksSeasonal(seasonalSeries(1, 72), 12));
        Rng rng(2);
        std::vector<double> noise;
        for (int t = 0; t < 72; ++t)
            noise.push_back(rng.normal(50, 5));
        QVERIFY(!looksSeasonal(noise, 12));
        QVERIFY(!looksSeasonal(seasonalSeries(1, 30), 12)); // shorter than three cycles
        QVERIFY(!looksSeasonal(seasonalSeries(1, 72), 1));
    }

    void classicalIndicesOfAKnownPattern() {
        // y = 100 × (0.8, 1.0, 1.2, 1.0): the multiplicative indices are the pattern itself.
        const double pat[4] = {0.8, 1.0, 1.2, 1.0};
        std::vector<double> y;
        for (int t = 0; t < 16; ++t)
            y.push_back(100 * pat[t % 4]);
        const auto idx = classicalSeasonalIndices(y, 4, true);
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(idx[i] - pat[i]) < 1e-12);
        const auto add = classicalSeasonalIndices(y, 4, false);
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(add[i] - (100 * pat[i] - 100)) < 1e-9);
    }

    void crostonByHand() {
        // Demands 0,0,3,0,6 with α = 0.1: first demand 3 after an interval of 3 → z = 3, p = 3.
        // t = 4 (value 6, 2 periods later): z = 3 + 0.1·3 = 3.3, p = 3 + 0.1·(2 − 3) = 2.9.
        const std::vector<double> y{0, 0, 3, 0, 6};
        const auto c = intermittentForecast(y, 2, IntermittentMethod::Croston, 0.1);
        QVERIFY(std::abs(c.forecast.mean[0] - 3.3 / 2.9) < 1e-12);
        QCOMPARE(c.forecast.mean[1], c.forecast.mean[0]);
        const auto s = intermittentForecast(y, 2, IntermittentMethod::Sba, 0.1);
        QVERIFY(std::abs(s.forecast.mean[0] - 0.95 * 3.3 / 2.9) < 1e-12);
        // TSB with α_d = α_p = 0.1: z = 3.3; π₀ = 2/5, then 0 at t = 3 and 1 at t = 4:
        // π = 0.4·0.9 = 0.36, π = 0.36 + 0.1·0.64 = 0.424.
        const auto t = intermittentForecast(y, 2, IntermittentMethod::Tsb, 0.1, 0.1);
        QVERIFY(std::abs(t.forecast.mean[0] - 0.424 * 3.3) < 1e-12);
    }

    void tsbDecaysForAPartGoingObsolete() {
        std::vector<double> y;
        for (int t = 0; t < 24; ++t)
            y.push_back(t % 3 == 0 ? 4 : 0);
        for (int t = 0; t < 15; ++t)
            y.push_back(0); // the part stops selling
        const auto croston = intermittentForecast(y, 1, IntermittentMethod::Croston, 0.1);
        const auto tsb = intermittentForecast(y, 1, IntermittentMethod::Tsb, 0.1, 0.1);
        QVERIFY(tsb.forecast.mean[0] < 0.5 * croston.forecast.mean[0]);
        QVERIFY(tsb.forecast.lo95[0] >= 0);
    }

    void intermittentSeriesChoosesIntermittentModel() {
        Rng rng(9);
        std::vector<double> y;
        for (int t = 0; t < 48; ++t)
            y.push_back(rng.bernoulli(0.25) ? double(rng.uniformInt(1, 6)) : 0.0);
        ForecastOptions o;
        o.horizon = 12;
        o.period = 12;
        const auto r = forecastSeries(y, o);
        QVERIFY(r.ok());
        QCOMPARE(r.model, std::string("TSB"));
        QVERIFY(r.pattern == "intermittent" || r.pattern == "lumpy");
        QVERIFY(allFinite(r.forecast));
        QCOMPARE(r.forecast.lo95[0], 0.0);
        QVERIFY(r.forecast.hi95[0] >= 1);
    }

    void edgeInputs_data() {
        QTest::addColumn<std::vector<double>>("y");
        QTest::addColumn<bool>("ok");
        const double nan = std::nan("");
        QTest::newRow("empty") << std::vector<double>{} << false;
        QTest::newRow("all missing") << std::vector<double>{nan, nan, nan} << false;
        QTest::newRow("one point") << std::vector<double>{42} << true;
        QTest::newRow("two points") << std::vector<double>{3, 5} << true;
        QTest::newRow("all zeros") << std::vector<double>(30, 0.0) << true;
        QTest::newRow("constant") << std::vector<double>(40, 7.5) << true;
        std::vector<double> neg = randomWalk(4, 40, -20);
        QTest::newRow("negative values") << neg << true;
        std::vector<double> gaps = seasonalSeries(6, 60);
        gaps[0] = gaps[10] = gaps[11] = gaps[59] = nan;
        QTest::newRow("NaN gaps") << gaps << true;
        QTest::newRow("shorter than a season")
            << std::vector<double>{10, 12, 11, 13, 12, 14, 15} << true;
        std::vector<double> spike(36, 1.0);
        spike[20] = 1e9;
        QTest::newRow("huge outlier") << spike << true;
    }
    void edgeInputs() {
        QFETCH(std::vector<double>, y);
        QFETCH(bool, ok);
        for (Method m :
             {Method::Auto, Method::Ets, Method::Theta, Method::Arima, Method::Ensemble,
              Method::Tsb, Method::Croston, Method::SeasonalNaive, Method::Drift, Method::Mean}) {
            ForecastOptions o;
            o.horizon = 12;
            o.period = 12;
            o.method = m;
            o.backtest = true;
            const auto r = forecastSeries(y, o);
            QCOMPARE(r.ok(), ok);
            if (!ok) {
                QVERIFY(!r.error.empty());
                continue;
            }
            QVERIFY2(allFinite(r.forecast), methodName(m));
            QCOMPARE(r.forecast.horizon(), std::size_t(12));
            QVERIFY2(ordered(r.forecast), methodName(m));
            QVERIFY(!r.model.empty());
        }
    }

    void constantSeriesHasZeroWidthSafeOutput() {
        ForecastOptions o;
        o.horizon = 6;
        const auto r = forecastSeries(std::vector<double>(30, 7.5), o);
        QVERIFY(r.ok());
        for (int j = 0; j < 6; ++j) {
            QVERIFY(std::abs(r.forecast.mean[j] - 7.5) < 1e-6);
            QVERIFY(r.forecast.hi95[j] - r.forecast.lo95[j] < 1e-3);
        }
    }

    void nonPositiveHorizonIsAnError() {
        ForecastOptions o;
        o.horizon = 0;
        QVERIFY(!forecastSeries({1, 2, 3}, o).ok());
    }

    void deterministic() {
        const auto y = seasonalSeries(8, 84);
        ForecastOptions o;
        o.horizon = 18;
        o.period = 12;
        o.backtest = true;
        const auto a = forecastSeries(y, o);
        const auto b = forecastSeries(y, o);
        QCOMPARE(a.forecast.mean, b.forecast.mean);
        QCOMPARE(a.forecast.hi95, b.forecast.hi95);
        QCOMPARE(a.backtest.mase, b.backtest.mase);
    }

    void ensembleIsTheMeanOfItsMembers() {
        const auto y = seasonalSeries(12, 84);
        ForecastOptions o;
        o.horizon = 6;
        o.period = 12;
        o.method = Method::Ensemble;
        const auto ens = forecastSeries(y, o);
        o.method = Method::Ets;
        const auto ets = forecastSeries(y, o);
        o.method = Method::Theta;
        const auto theta = forecastSeries(y, o);
        QCOMPARE(ens.members.size(), std::size_t(2));
        for (int j = 0; j < 6; ++j)
            QVERIFY(std::abs(ens.forecast.mean[j] -
                             0.5 * (ets.forecast.mean[j] + theta.forecast.mean[j])) < 1e-9);
    }

    void backtestMeasuresAccuracy() {
        const auto y = seasonalSeries(13, 96, 0.05);
        ForecastOptions o;
        o.horizon = 12;
        o.period = 12;
        o.backtest = true;
        const auto r = forecastSeries(y, o);
        QVERIFY(r.ok());
        QCOMPARE(r.backtest.points, 36);
        QVERIFY(r.backtest.mase > 0 && r.backtest.mase < 1.5);
        QVERIFY(r.backtest.smape > 0 && r.backtest.smape < 15);
        QVERIFY(r.backtest.coverage95 >= 0.6);
    }

    void accuracyMeasuresByHand() {
        const double y[] = {100, 0, 50};
        const double f[] = {110, 0, 40};
        // 200·10/210, 0 (both zero), 200·10/90
        QVERIFY(std::abs(smape(y, f, 3) - (2000.0 / 210 + 2000.0 / 90) / 3) < 1e-12);
        QCOMPARE(maseScale({1, 3, 6, 10}, 1), 3.0);
        QCOMPARE(maseScale({1, 3}, 4), 2.0); // not longer than a season: m = 1
        QCOMPARE(rmsseScale({1, 3, 6}), (4.0 + 9.0) / 2);
        const double lo[] = {90, -1, 45}, hi[] = {120, 1, 49};
        QCOMPARE(coverage(y, lo, hi, 3), 2.0 / 3);
    }

    void nelderMeadFindsAMinimum() {
        auto bowl = [](const double *x) {
            return (x[0] - 3) * (x[0] - 3) + 10 * (x[1] + 1) * (x[1] + 1);
        };
        const auto r = nelderMead(bowl, {0, 0}, {1, 1}, 2000, 1e-14);
        QVERIFY(std::abs(r.x[0] - 3) < 1e-4);
        QVERIFY(std::abs(r.x[1] + 1) < 1e-4);
    }

    void fillGapsInterpolates() {
        const double nan = std::nan("");
        std::vector<double> y{nan, 2, nan, nan, 8, nan};
        QCOMPARE(fillGaps(y), 4);
        QCOMPARE(y, (std::vector<double>{2, 2, 4, 6, 8, 8}));
    }
};

QTEST_GUILESS_MAIN(TestForecastModels)
#include "tst_forecastmodels.moc"

#include "analytics/detection/drift.h"
#include "analytics/detection/isolationforest.h"
#include "analytics/detection/robust.h"
#include "analytics/detection/sensorchecks.h"
#include "analytics/detection/sensordrift.h"
#include "analytics/random.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace agro::analytics;
using namespace agro::analytics::detection;

namespace {
/// Two days of a 15-minute cold-room-like series: 2.8 °C, a little AR(1) and noise.
std::vector<Reading> coldRoom(std::uint64_t seed, int n = 192) {
    Rng rng(seed);
    std::vector<Reading> r;
    double ar = 0;
    for (int k = 0; k < n; ++k) {
        ar = 0.9 * ar + rng.normal(0, 0.15);
        r.push_back({1'700'000'000 + std::int64_t(k) * 900, 2.8 + 0.6 * ar + rng.normal(0, 0.12)});
    }
    return r;
}
/// A year of daily residuals: noise of σ 0.2 around 0.
std::vector<double> dailyNoise(std::uint64_t seed, int n = 365) {
    Rng rng(seed);
    std::vector<double> x;
    for (int k = 0; k < n; ++k)
        x.push_back(rng.normal(0, 0.2));
    return x;
}
SensorLimits coldLimits() {
    SensorLimits l;
    l.low = 0.5;
    l.high = 5.0;
    return l;
}
} // namespace

/// Robust statistics, control charts and sensor checks on series with known faults.
class TestDetection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void robustScaleByHand() {
        // Median 3; |x − 3| = 2, 1, 0, 1, 97 → median 1 → MAD 1.4826.
        const RobustScale s = robustScale({1, 2, 3, 4, 100, std::nan("")});
        QCOMPARE(s.median, 3.0);
        QVERIFY(std::abs(s.mad - 1.4826) < 1e-12);
        QVERIFY(std::abs(robustZ(100, s) - 97 / 1.4826) < 1e-9);
        const RobustScale flat = robustScale({5, 5, 5});
        QCOMPARE(robustZ(5, flat), 0.0);
        QVERIFY(std::isinf(robustZ(6, flat)));
    }

    void controlCharts() {
        Rng rng(3);
        std::vector<double> x;
        for (int i = 0; i < 200; ++i)
            x.push_back(rng.normal(10, 1));
        QVERIFY(cusumSignals(x, 10, 1).size() <= 1); // in control: (almost) silent
        for (int i = 0; i < 60; ++i)
            x.push_back(rng.normal(11, 1)); // a one-σ shift
        const auto cusum = cusumSignals(x, 10, 1);
        QVERIFY(!cusum.empty());
        QVERIFY(cusum.front() >= 200 && cusum.front() < 230); // found within 30 points
        const auto ewma = ewmaSignals(x, 10, 1);
        QVERIFY(!ewma.empty() && ewma.front() >= 195);
        QVERIFY(cusumSignals(x, 10, 0).empty()); // no scale: no verdict, not a crash
    }

    void cleanSeriesHasNoFindings() {
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            const auto f = checkSensor(coldRoom(seed), coldLimits());
            QVERIFY2(f.empty(), f.empty() ? "" : f.front().explanation.c_str());
        }
    }

    void eachFaultIsFoundOnce() {
        auto r = coldRoom(11);
        // Spike at 40, excursion 60–67, flat line 100–131, drop-out 150–169.
        r[40].value += 5;
        for (int k = 60; k <= 67; ++k)
            r[size_t(k)].value = 7.5;
        for (int k = 100; k <= 131; ++k)
            r[size_t(k)].value = 2.9;
        r.erase(r.begin() + 150, r.begin() + 170);
        const auto f = checkSensor(r, coldLimits());
        int spike = 0, threshold = 0, flat = 0, drop = 0;
        for (const auto &x : f) {
            switch (x.issue) {
            case SensorIssue::Spike:
                ++spike;
                QCOMPARE(x.from, r[40].ts);
                QVERIFY(x.score > 8);
                break;
            case SensorIssue::Threshold:
                ++threshold;
                QCOMPARE(x.from, r[60].ts);
                QCOMPARE(x.to, r[67].ts);
                QCOMPARE(x.readings, 8);
                QCOMPARE(x.severity, std::string("critical")); // 2.5 above a 4.5 range
                QVERIFY(x.explanation.find("above the upper limit 5.00") != std::string::npos);
                break;
            case SensorIssue::FlatLine:
                ++flat;
                QCOMPARE(x.readings, 32);
                QCOMPARE(x.worst, 2.9);
                break;
            case SensorIssue::DropOut:
                ++drop;
                QCOMPARE(x.readings, 20);
                QCOMPARE(x.from, r[149].ts + 900);
                QCOMPARE(x.to, r[150].ts - 900);
                break;
            case SensorIssue::RateOfChange:
            case SensorIssue::Drift:
                QFAIL(x.explanation.c_str()); // no rate limit set; no peers to drift from
            }
        }
        QCOMPARE(spike, 1);
        QCOMPARE(threshold, 1);
        QCOMPARE(flat, 1);
        QCOMPARE(drop, 1);
    }

    void oneOngoingProblemIsOneFinding() {
        // A cold room that keeps crossing its limit for an afternoon: one episode, not ten.
        auto r = coldRoom(21);
        for (int k = 80; k < 120; ++k)
            r[size_t(k)].value = (k % 4 == 0) ? 4.8 : 6.0;
        const auto f = checkSensor(r, coldLimits());
        int thresholds = 0;
        for (const auto &x : f)
            thresholds += x.issue == SensorIssue::Threshold;
        QCOMPARE(thresholds, 1);
    }

    void degenerateInputs() {
        QVERIFY(checkSensor({}, coldLimits()).empty());
        QVERIFY(checkSensor({{0, 1.0}}, coldLimits()).empty());
        // Constant but short: not a flat line yet.
        std::vector<Reading> r;
        for (int k = 0; k < 10; ++k)
            r.push_back({k * 900, 3.0});
        QVERIFY(checkSensor(r, coldLimits()).empty());
        // No limits: thresholds are not checked.
        auto c = coldRoom(5);
        c[10].value = 50;
        c[11].value = 50;
        SensorLimits none;
        for (const auto &x : checkSensor(c, none))
            QVERIFY(x.issue != SensorIssue::Threshold);
    }

    void cusumFindsARamp() {
        // A 12-day ramp to +3 (15σ) from day 200, then back: one drift, in the right place.
        auto x = dailyNoise(7);
        for (int d = 200; d < 212; ++d)
            x[size_t(d)] += 3.0 * (d - 199) / 12.0;
        const auto e = cusumDrifts(x);
        QCOMPARE(e.size(), size_t(1));
        QVERIFY(e[0].start >= 198 && e[0].start <= 203);
        QVERIFY(e[0].signal <= 206);
        QVERIFY2(e[0].end >= 209 && e[0].end <= 222, qPrintable(QString::number(e[0].end)));
        QVERIFY(e[0].shift > 2.5);
        QVERIFY(std::abs(e[0].sigma - 0.2) < 0.05);
    }

    void cusumIsQuietOnStableSeries_data() {
        QTest::addColumn<quint64>("seed");
        for (quint64 seed : {1, 2, 3, 4, 5, 6, 7, 8})
            QTest::addRow("seed %llu", seed) << seed;
    }
    void cusumIsQuietOnStableSeries() {
        QFETCH(quint64, seed);
        QVERIFY(cusumDrifts(dailyNoise(seed)).empty());
    }

    void cusumTakesAStepForALevelShift() {
        // The level jumps by 4 at day 150 and stays: a sensor moved, not a drift.
        auto x = dailyNoise(11);
        for (int d = 150; d < 365; ++d)
            x[size_t(d)] += 4.0;
        QVERIFY(cusumDrifts(x).empty());
        // Where a jump matters as much as a drift (a supplier's temperatures), it is reported.
        DriftOptions shifts;
        shifts.reportLevelShifts = true;
        const auto s = cusumDrifts(x, shifts);
        QVERIFY(!s.empty());
        QVERIFY2(
            s.front().start >= 145 && s.front().start <= 152,
            qPrintable(
                QStringLiteral("%1 %2 %3").arg(s.size()).arg(s.front().start).arg(s.front().end)));
        // The same shift built up over ten days is a drift.
        auto y = dailyNoise(11);
        for (int d = 150; d < 365; ++d)
            y[size_t(d)] += 4.0 * std::min(1.0, (d - 149) / 10.0);
        QVERIFY(!cusumDrifts(y).empty());
    }

    void cusumIgnoresSmallShiftsAndGaps() {
        // 0.5 units is 2.5σ but below a meaningful shift of 1: nothing to report.
        auto x = dailyNoise(3);
        for (int d = 100; d < 130; ++d)
            x[size_t(d)] += 0.5 * (d - 99) / 30.0;
        DriftOptions o;
        o.minShift = 1.0;
        QVERIFY(cusumDrifts(x, o).empty());
        // Missing days neither start nor end a drift.
        auto y = dailyNoise(4);
        for (int d = 50; d < 60; ++d)
            y[size_t(d)] = std::nan("");
        QVERIFY(cusumDrifts(y).empty());
        QVERIFY(cusumDrifts({}).empty());
        QVERIFY(cusumDrifts({1, 2, 3}).empty());
    }

    void peerResidualRemovesSharedWeather() {
        // Three sensors share a seasonal signal; one drifts by +2 from day 30.
        std::vector<double> a, b, c;
        for (int d = 0; d < 60; ++d) {
            const double weather = 10 * std::sin(d / 9.0);
            a.push_back(weather + (d >= 30 ? 2.0 : 0.0));
            b.push_back(weather + 0.1);
            c.push_back(weather - 0.1);
        }
        const auto r = peerResidual(a, {&b, &c});
        QCOMPARE(r[10], 0.0);
        QCOMPARE(r[40], 2.0);
        // One peer is not enough.
        QVERIFY(std::isnan(peerResidual(a, {&b})[10]));
    }

    void cleanDailyMeansDropPartialAndStuckDays() {
        std::vector<Reading> r;
        const std::int64_t day0 = 19'000;
        for (int k = 0; k < 3 * 96; ++k)
            r.push_back({day0 * 86400 + std::int64_t(k) * 900, k < 96 ? 1.0 : 2.0});
        // Day 1 loses 20 readings to a flat line finding; day 2 is whole.
        SensorFinding flat;
        flat.issue = SensorIssue::FlatLine;
        flat.from = r[100].ts;
        flat.to = r[119].ts;
        const auto m = cleanDailyMeans(r, {flat}, day0, 3, 900);
        QCOMPARE(m[0], 1.0);
        QVERIFY(std::isnan(m[1]));
        QCOMPARE(m[2], 2.0);
        QCOMPARE(meaningfulDrift("air_temperature"), 1.0);
        QCOMPARE(meaningfulDrift("humidity"), 5.0);
        QCOMPARE(meaningfulDrift("ph"), 0.0);
    }

    void isolationForestScores() {
        // c(n) from Liu et al. 2008: c(256) = 2H(255) − 2·255/256 ≈ 10.24.
        QVERIFY(std::abs(IsolationForest::averagePath(256) - 10.2448) < 1e-3);
        QCOMPARE(IsolationForest::averagePath(1), 0.0);
        QCOMPARE(IsolationForest::averagePath(2), 1.0);
        Rng rng(42);
        std::vector<double> rows;
        for (int i = 0; i < 2000; ++i) {
            rows.push_back(rng.normal(3, 0.5));
            rows.push_back(rng.normal(800, 100));
        }
        IsolationForest f;
        f.fit(rows, 2);
        const double typical[2] = {3.0, 800.0}, hot[2] = {8.0, 800.0},
                     nan[2] = {std::nan(""), 800.0};
        QVERIFY2(f.score(typical) < 0.45, qPrintable(QString::number(f.score(typical))));
        QVERIFY2(f.score(hot) > 0.65, qPrintable(QString::number(f.score(hot))));
        QVERIFY(f.score(nan) < 0.5); // a missing value is taken at the median
        // Deterministic for a seed.
        IsolationForest g;
        g.fit(rows, 2);
        QCOMPARE(g.score(hot), f.score(hot));
        // Too little data: every score is 0.5.
        IsolationForest tiny;
        tiny.fit({1.0, 2.0}, 2);
        QCOMPARE(tiny.score(hot), 0.5);
    }

    void routineBumpsAreNotSpikes() {
        // A cold room whose door opens (+1.2 °C for one reading) 1 % of the time, and one
        // glitch of +5 °C: only the glitch is a spike.
        Rng rng(9);
        auto r = coldRoom(13, 4 * 96);
        for (auto &x : r)
            if (rng.bernoulli(0.01))
                x.value += 1.2;
        r[200].value += 5;
        int spikes = 0;
        for (const auto &x : checkSensor(r, coldLimits())) {
            QVERIFY(x.issue != SensorIssue::Spike || x.from == r[200].ts);
            spikes += x.issue == SensorIssue::Spike;
        }
        QCOMPARE(spikes, 1);
    }

    void rateOfChangeAndSaturation() {
        // A step of 2 °C between two readings, with a limit of 4 °C/h: 8 °C/h is too fast.
        auto r = coldRoom(17);
        for (size_t k = 100; k < r.size(); ++k)
            r[k].value += 2.0;
        SensorLimits l = coldLimits();
        l.high = 10;
        l.maxRatePerHour = 4;
        int rates = 0;
        for (const auto &x : checkSensor(r, l))
            if (x.issue == SensorIssue::RateOfChange) {
                ++rates;
                QCOMPARE(x.to, r[100].ts);
                QVERIFY(x.score > 4);
            }
        QCOMPARE(rates, 1);
        // Humidity at 100 % all night is saturation, not a stuck sensor.
        std::vector<Reading> h;
        for (int k = 0; k < 96; ++k)
            h.push_back({std::int64_t(k) * 900, k >= 10 && k < 40 ? 100.0 : 80.0 + (k % 7)});
        SensorLimits hl;
        hl.physicalLow = 0;
        hl.physicalHigh = 100;
        for (const auto &x : checkSensor(h, hl))
            QVERIFY(x.issue != SensorIssue::FlatLine);
        hl.physicalHigh = std::nan("");
        bool flat = false;
        for (const auto &x : checkSensor(h, hl))
            flat = flat || x.issue == SensorIssue::FlatLine;
        QVERIFY(flat);
    }
};

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"

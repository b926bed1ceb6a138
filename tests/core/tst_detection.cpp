#include "analytics/detection/robust.h"
#include "analytics/detection/sensorchecks.h"
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
};

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"

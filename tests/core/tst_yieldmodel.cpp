#include "analytics/random.h"
#include "analytics/yieldmodel.h"

#include <QTest>

#include <cmath>

using namespace agro::analytics;

/// The yield model on data drawn from a known model: coefficients come back, intervals cover
/// what they claim, degenerate inputs stay finite.
class TestYieldModel : public QObject {
    Q_OBJECT

    // ln y = ln expected + 0.1·gdd − 0.12·pH² + 0.05·N + crop effect + N(0, 0.08²)
    static std::vector<YieldSample> draw(Rng &rng, int n, int crops) {
        std::vector<YieldSample> out;
        for (int i = 0; i < n; ++i) {
            YieldSample s;
            s.crop = int(rng.uniformInt(0, crops - 1));
            s.logExpected = std::log(rng.uniform(3000, 60000));
            s.soilPhDeviation2 = std::pow(rng.normal(0, 0.5), 2);
            s.soilNitrogenAnomaly = rng.normal(0, 0.6);
            s.gddAnomaly = rng.normal(0, 1.0);
            s.rainAnomaly = rng.normal(0, 0.5);
            s.logYield = s.logExpected + 0.1 * s.gddAnomaly + 0.08 * s.rainAnomaly -
                         0.12 * s.soilPhDeviation2 + 0.05 * s.soilNitrogenAnomaly +
                         (s.crop == 1 ? -0.1 : 0.0) + rng.normal(0, 0.08);
            out.push_back(s);
        }
        return out;
    }

private Q_SLOTS:
    void intervalsCoverWhatTheyClaim() {
        Rng rng(7);
        const auto train = draw(rng, 800, 3);
        const auto model = YieldModel::fit(train, 3, 0.1);
        QVERIFY(model);
        // Residual noise 0.08; weather (unknown at prediction) adds ~0.105.
        QVERIFY(qAbs(model->residualSd() - 0.08) < 0.01);
        QVERIFY(qAbs(model->weatherSd() - std::sqrt(0.01 + 0.08 * 0.08 * 0.25)) < 0.015);
        const auto test = draw(rng, 2000, 3);
        int inside = 0;
        double absLogErr = 0;
        for (const auto &s : test) {
            const auto p = model->predict(s);
            const double y = std::exp(s.logYield);
            inside += y >= p.lo80KgHa && y <= p.hi80KgHa;
            absLogErr += std::abs(std::log(p.medianKgHa) - s.logYield);
            QVERIFY(p.lo80KgHa < p.medianKgHa && p.medianKgHa < p.hi80KgHa);
        }
        const double coverage = double(inside) / double(test.size());
        QVERIFY2(coverage > 0.76 && coverage < 0.84, qPrintable(QString::number(coverage)));
        QVERIFY(absLogErr / double(test.size()) < 0.12);
    }

    void unseenCropGetsTheGlobalLevel() {
        Rng rng(11);
        auto train = draw(rng, 300, 2); // crops 0 and 1 only
        const auto model = YieldModel::fit(train, 3, 1.0);
        QVERIFY(model);
        YieldSample s;
        s.crop = 2;
        s.logExpected = std::log(10000);
        const auto p = model->predict(s);
        QVERIFY(std::isfinite(p.medianKgHa));
        QVERIFY(p.medianKgHa > 8000 && p.medianKgHa < 11500);
    }

    void tooFewSamples() {
        QVERIFY(!YieldModel::fit({}, 1));
        QVERIFY(!YieldModel::fit(std::vector<YieldSample>(2), 1));
    }

    void constantDataStaysFinite() {
        std::vector<YieldSample> same(10);
        for (auto &s : same)
            s.logYield = std::log(5000);
        const auto model = YieldModel::fit(same, 1);
        QVERIFY(model);
        const auto p = model->predict(same.front());
        QVERIFY(std::isfinite(p.medianKgHa) && std::isfinite(p.lo80KgHa) &&
                std::isfinite(p.hi80KgHa));
        QVERIFY(qAbs(p.medianKgHa - 5000) < 1);
    }

    void backtestUsesOnlyEarlierSeasons() {
        Rng rng(3);
        auto samples = draw(rng, 90, 2);
        std::vector<int> season(samples.size());
        std::vector<std::optional<double>> baseline(samples.size());
        for (size_t i = 0; i < samples.size(); ++i) {
            season[i] = int(i % 3);
            baseline[i] = std::exp(samples[i].logExpected);
        }
        const auto bt = backtestYield(samples, season, baseline, 2);
        QCOMPARE(bt.points.size(), size_t(60)); // seasons 1 and 2; season 0 has no history
        for (const auto &p : bt.points)
            QVERIFY(p.season >= 1);
        QCOMPARE(bt.compared, 60);
        QVERIFY(bt.mae > 0 && bt.baselineMae > 0);
        QVERIFY(bt.coverage80 > 0.5);
    }
};

QTEST_GUILESS_MAIN(TestYieldModel)
#include "tst_yieldmodel.moc"

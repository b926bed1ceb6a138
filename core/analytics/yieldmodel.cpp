#include "yieldmodel.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace agro::analytics {

namespace {
// z such that Φ(z) = 0.9: the 80 % central interval of a normal.
constexpr double kZ80 = 1.2815515655446004;
constexpr int kFixed = 6; // intercept, ln expected, pH², N, GDD, rain

int columns(int crops) {
    return kFixed + crops;
}

/// Feature j of a sample: intercept, ln expected, pH², N, GDD, rain, then one per crop.
double feature(const YieldSample &s, int j, bool withWeather) {
    switch (j) {
    case 0:
        return 1.0;
    case 1:
        return s.logExpected;
    case 2:
        return s.soilPhDeviation2;
    case 3:
        return s.soilNitrogenAnomaly;
    case 4:
        return withWeather ? s.gddAnomaly : 0.0;
    case 5:
        return withWeather ? s.rainAnomaly : 0.0;
    default:
        return s.crop == j - kFixed ? 1.0 : 0.0;
    }
}
} // namespace

std::optional<YieldModel> YieldModel::fit(const std::vector<YieldSample> &train, int crops,
                                          double lambda) {
    const int n = int(train.size());
    if (n < 3 || crops < 0)
        return std::nullopt;
    const int p = columns(crops);
    Eigen::MatrixXd X(n, p);
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < p; ++j)
            X(i, j) = feature(train[size_t(i)], j, true);
        y(i) = train[size_t(i)].logYield;
    }
    // No penalty on the intercept; the rest shrink towards 0 (crop deviations to the global
    // level). A tiny ridge on the intercept keeps the system positive definite.
    Eigen::VectorXd penalty = Eigen::VectorXd::Constant(p, lambda);
    penalty(0) = 1e-9;
    Eigen::MatrixXd A = X.transpose() * X;
    A.diagonal() += penalty;
    const Eigen::VectorXd beta = A.ldlt().solve(X.transpose() * y);

    YieldModel m;
    m.m_crops = crops;
    m.m_beta.assign(beta.data(), beta.data() + p);
    const Eigen::VectorXd residuals = y - X * beta;
    const double dof = std::max(1, n - std::min(p, n - 1));
    m.m_residualSd = std::sqrt(residuals.squaredNorm() / dof);
    // Spread of the weather term in the training seasons: unknown at prediction time.
    Eigen::VectorXd weather = X.col(4) * beta(4) + X.col(5) * beta(5);
    const double mean = weather.mean();
    m.m_weatherSd = std::sqrt((weather.array() - mean).square().sum() / std::max(1, n - 1));
    return m;
}

YieldPrediction YieldModel::predict(const YieldSample &s) const {
    double mu = 0;
    for (size_t j = 0; j < m_beta.size(); ++j)
        mu += m_beta[j] * feature(s, int(j), false);
    const double sd = std::sqrt(m_residualSd * m_residualSd + m_weatherSd * m_weatherSd);
    return {std::exp(mu), std::exp(mu - kZ80 * sd), std::exp(mu + kZ80 * sd)};
}

YieldBacktest backtestYield(const std::vector<YieldSample> &samples,
                            const std::vector<int> &seasonOf,
                            const std::vector<std::optional<double>> &baseline, int crops) {
    YieldBacktest bt;
    const int seasons =
        samples.empty() ? 0 : *std::max_element(seasonOf.begin(), seasonOf.end()) + 1;
    double absErr = 0, absBase = 0;
    int inside = 0;
    for (int s = 1; s < seasons; ++s) {
        std::vector<YieldSample> train;
        for (size_t i = 0; i < samples.size(); ++i)
            if (seasonOf[i] < s)
                train.push_back(samples[i]);
        const auto model = YieldModel::fit(train, crops);
        if (!model)
            continue;
        for (size_t i = 0; i < samples.size(); ++i) {
            if (seasonOf[i] != s)
                continue;
            YieldBacktestPoint pt;
            pt.season = s;
            pt.actualKgHa = std::exp(samples[i].logYield);
            pt.predicted = model->predict(samples[i]);
            pt.baselineKgHa = baseline[i];
            if (pt.actualKgHa >= pt.predicted.lo80KgHa && pt.actualKgHa <= pt.predicted.hi80KgHa)
                ++inside;
            if (pt.baselineKgHa) {
                absErr += std::abs(pt.actualKgHa - pt.predicted.medianKgHa);
                absBase += std::abs(pt.actualKgHa - *pt.baselineKgHa);
                ++bt.compared;
            }
            bt.points.push_back(pt);
        }
    }
    if (!bt.points.empty())
        bt.coverage80 = double(inside) / double(bt.points.size());
    if (bt.compared > 0) {
        bt.mae = absErr / bt.compared;
        bt.baselineMae = absBase / bt.compared;
    }
    return bt;
}

} // namespace agro::analytics

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

void row(const YieldSample &s, int crops, bool withWeather, double *x) {
    x[0] = 1.0;
    x[1] = s.logExpected;
    x[2] = s.soilPhDeviation2;
    x[3] = s.soilNitrogenAnomaly;
    x[4] = withWeather ? s.gddAnomaly : 0.0;
    x[5] = withWeather ? s.rainAnomaly : 0.0;
    for (int c = 0; c < crops; ++c)
        x[kFixed + c] = s.crop == c ? 1.0 : 0.0;
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
    std::vector<double> x(static_cast<size_t>(p));
    for (int i = 0; i < n; ++i) {
        row(train[size_t(i)], crops, true, x.data());
        for (int j = 0; j < p; ++j)
            X(i, j) = x[size_t(j)];
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
    std::vector<double> x(m_beta.size());
    row(s, m_crops, false, x.data());
    double mu = 0;
    for (size_t j = 0; j < x.size(); ++j)
        mu += m_beta[j] * x[j];
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

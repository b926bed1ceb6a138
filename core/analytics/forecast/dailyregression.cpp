#include "dailyregression.h"

#include "../calendar.h"
#include "../holidays.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace agro::analytics::forecast {

namespace {

constexpr int kFourier = 3;
// intercept, trend, 6 weekday dummies, 2·K Fourier terms, holiday, ln price ratio, promotion,
// weather
constexpr int kTrend = 1, kWeekday = 2, kFourierAt = 8, kHoliday = kFourierAt + 2 * kFourier,
              kPrice = kHoliday + 1, kPromo = kPrice + 1, kWeather = kPromo + 1,
              kFeatures = kWeather + 1;

bool holidayWindow(std::int32_t day) {
    return isGenericHoliday(day) || isGenericHoliday(day + 1) || isGenericHoliday(day + 2);
}

struct FeatureContext {
    std::int32_t origin = 0; ///< first day of the history
    double usualPrice = 0;   ///< median price of the history
    bool useWeather = false;
    std::vector<double> normalTmax; ///< by day of year (1 … 366), from the history
};

void features(const FeatureContext &c, const DailyDrivers &d, double *x) {
    std::fill(x, x + kFeatures, 0.0);
    x[0] = 1;
    x[kTrend] = (d.day - c.origin) / 365.25;
    const int wd = isoWeekday(d.day); // 1 = Monday; Monday is the reference level
    if (wd > 1)
        x[kWeekday + wd - 2] = 1;
    const double angle = 2 * std::numbers::pi * dayOfYear(d.day) / 365.25;
    for (int k = 1; k <= kFourier; ++k) {
        x[kFourierAt + 2 * (k - 1)] = std::sin(k * angle);
        x[kFourierAt + 2 * (k - 1) + 1] = std::cos(k * angle);
    }
    x[kHoliday] = holidayWindow(d.day) ? 1 : 0;
    if (c.usualPrice > 0 && std::isfinite(d.price) && d.price > 0)
        x[kPrice] = std::log(d.price / c.usualPrice);
    x[kPromo] = d.promotion ? 1 : 0;
    if (c.useWeather) {
        double t = d.tmaxC;
        if (!std::isfinite(t))
            t = c.normalTmax[static_cast<std::size_t>(dayOfYear(d.day))];
        x[kWeather] = (t - 20.0) / 10.0;
    }
}

} // namespace

double negativeBinomialQuantile(double mean, double theta, double p) {
    if (!(mean > 0))
        return 0.0;
    const bool poisson = !(theta > 0) || theta > 1e6;
    // log P(0), then the pmf recursion; sums until the CDF reaches p.
    double logP0 = poisson ? -mean : theta * std::log(theta / (theta + mean));
    double pk = std::exp(logP0);
    double cdf = pk;
    const double ratio = poisson ? 0.0 : mean / (mean + theta);
    long k = 0;
    // Very large means underflow P(0): fall back to the normal approximation there.
    const double var = poisson ? mean : mean + mean * mean / theta;
    if (pk < 1e-300) {
        const double z = p <= 0.5 ? -std::sqrt(-2 * std::log(p)) : std::sqrt(-2 * std::log(1 - p));
        // Abramowitz & Stegun 26.2.23 rational approximation of the normal quantile.
        const double tt = std::abs(z);
        const double q =
            tt - (2.515517 + 0.802853 * tt + 0.010328 * tt * tt) /
                     (1 + 1.432788 * tt + 0.189269 * tt * tt + 0.001308 * tt * tt * tt);
        return std::max(0.0, std::round(mean + (p < 0.5 ? -q : q) * std::sqrt(var)));
    }
    const long limit = static_cast<long>(mean + 50 * std::sqrt(var) + 100);
    while (cdf < p && k < limit) {
        pk *= poisson ? mean / (k + 1.0) : (k + theta) / (k + 1.0) * ratio;
        cdf += pk;
        ++k;
    }
    return static_cast<double>(k);
}

std::optional<DailyRegressionForecast>
dailyRegressionForecast(const std::vector<double> &y, const std::vector<DailyDrivers> &history,
                        const std::vector<DailyDrivers> &future, double ridgeLambda) {
    const auto n = static_cast<int>(y.size());
    if (n < 28 || history.size() != y.size())
        return std::nullopt;
    double total = 0;
    for (double v : y) {
        if (!std::isfinite(v) || v < 0)
            return std::nullopt;
        total += v;
    }
    if (total <= 0)
        return std::nullopt;

    FeatureContext ctx;
    ctx.origin = history.front().day;
    {
        std::vector<double> prices;
        for (const auto &d : history)
            if (std::isfinite(d.price) && d.price > 0)
                prices.push_back(d.price);
        if (!prices.empty()) {
            std::nth_element(prices.begin(), prices.begin() + static_cast<long>(prices.size() / 2),
                             prices.end());
            ctx.usualPrice = prices[prices.size() / 2];
        }
        // Weather normal per day of year: the mean over the years seen, smoothed over ±7 days.
        std::vector<double> sum(367, 0.0), cnt(367, 0.0);
        int known = 0;
        for (const auto &d : history)
            if (std::isfinite(d.tmaxC)) {
                const auto doy = static_cast<std::size_t>(dayOfYear(d.day));
                sum[doy] += d.tmaxC;
                cnt[doy] += 1;
                ++known;
            }
        ctx.useWeather = known >= n / 2 && known >= 180;
        if (ctx.useWeather) {
            ctx.normalTmax.assign(367, 20.0);
            for (int doy = 1; doy <= 366; ++doy) {
                double s = 0, c = 0;
                for (int k = -7; k <= 7; ++k) {
                    const int dd = (doy - 1 + k + 366) % 366 + 1;
                    s += sum[static_cast<std::size_t>(dd)];
                    c += cnt[static_cast<std::size_t>(dd)];
                }
                if (c > 0)
                    ctx.normalTmax[static_cast<std::size_t>(doy)] = s / c;
            }
        }
    }

    Eigen::MatrixXd X(n, kFeatures);
    for (int t = 0; t < n; ++t) {
        double row[kFeatures];
        features(ctx, history[static_cast<std::size_t>(t)], row);
        for (int j = 0; j < kFeatures; ++j)
            X(t, j) = row[j];
    }
    const Eigen::Map<const Eigen::VectorXd> yv(y.data(), n);
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(kFeatures);
    beta(0) = std::log(total / n);
    // Ridge on everything but the intercept; columns that are all zero (no weather, constant
    // price) stay at 0 through the penalty.
    Eigen::VectorXd penalty = Eigen::VectorXd::Constant(kFeatures, ridgeLambda);
    penalty(0) = 0;
    Eigen::VectorXd eta(n), mu(n), z(n);
    Eigen::MatrixXd A(kFeatures, kFeatures);
    Eigen::LDLT<Eigen::MatrixXd> solver;
    double lastDeviance = std::numeric_limits<double>::infinity();
    for (int iter = 0; iter < 25; ++iter) {
        eta = X * beta;
        for (int t = 0; t < n; ++t) {
            eta(t) = std::clamp(eta(t), -30.0, 30.0);
            mu(t) = std::exp(eta(t));
            z(t) = eta(t) + (yv(t) - mu(t)) / mu(t);
        }
        double deviance = 0;
        for (int t = 0; t < n; ++t)
            deviance += 2 * ((yv(t) > 0 ? yv(t) * std::log(yv(t) / mu(t)) : 0.0) - (yv(t) - mu(t)));
        if (std::abs(lastDeviance - deviance) < 1e-8 * (std::abs(deviance) + 1))
            break;
        lastDeviance = deviance;
        A.noalias() = X.transpose() * mu.asDiagonal() * X;
        A.diagonal() += penalty;
        solver.compute(A);
        if (solver.info() != Eigen::Success)
            return std::nullopt;
        beta = solver.solve(X.transpose() * (mu.asDiagonal() * z));
    }
    eta = X * beta;
    for (int t = 0; t < n; ++t)
        mu(t) = std::exp(std::clamp(eta(t), -30.0, 30.0));
    // Method-of-moments dispersion: Var = μ + μ²/θ ⇒ 1/θ = Σ((y−μ)² − μ) / Σμ².
    double num = 0, den = 0;
    for (int t = 0; t < n; ++t) {
        num += (yv(t) - mu(t)) * (yv(t) - mu(t)) - mu(t);
        den += mu(t) * mu(t);
    }
    const double invTheta =
        den > 0 ? std::max(0.0, num / den) * n / std::max(n - kFeatures, 1) : 0.0;
    // Coefficient covariance ≈ φ·(XᵀWX + Λ)⁻¹ for the linear predictor's variance.
    A.noalias() = X.transpose() * mu.asDiagonal() * X;
    A.diagonal() += penalty;
    solver.compute(A);
    const double phi = 1.0 + invTheta * (mu.sum() / n);

    DailyRegressionForecast out;
    out.dispersion = invTheta > 0 ? 1.0 / invTheta : 0.0;
    out.model.model = "Regression";
    out.model.fitted.assign(mu.data(), mu.data() + n);
    const auto h = future.size();
    out.model.forecast.resize(h);
    out.breakdown.resize(h);
    Eigen::VectorXd x(kFeatures);
    for (std::size_t j = 0; j < h; ++j) {
        double row[kFeatures];
        features(ctx, future[j], row);
        for (int k = 0; k < kFeatures; ++k)
            x(k) = row[k];
        const double e = std::clamp(x.dot(beta), -30.0, 30.0);
        const double m = std::exp(e);
        const double v = std::max(0.0, phi * x.dot(solver.solve(x)));
        // Total variance: NB's own plus the mean's uncertainty (delta method: Var μ ≈ μ²·Var η).
        const double var = m + m * m * invTheta + m * m * v;
        const double theta = var > m ? m * m / (var - m) : 0.0;
        auto &f = out.model.forecast;
        f.mean[j] = m;
        f.lo95[j] = negativeBinomialQuantile(m, theta, 0.025);
        f.lo80[j] = negativeBinomialQuantile(m, theta, 0.10);
        f.hi80[j] = std::max(negativeBinomialQuantile(m, theta, 0.90), m);
        f.hi95[j] = std::max(negativeBinomialQuantile(m, theta, 0.975), m);
        f.lo80[j] = std::min(f.lo80[j], m);
        f.lo95[j] = std::min(f.lo95[j], f.lo80[j]);
        DemandBreakdown &b = out.breakdown[j];
        b.baseline = std::exp(beta(0) + beta(kTrend) * x(kTrend));
        double wk = 0;
        for (int k = kWeekday; k < kFourierAt; ++k)
            wk += beta(k) * x(k);
        // Centre the weekday effects so that "weekly" is relative to an average day.
        double meanWk = 0;
        for (int k = kWeekday; k < kFourierAt; ++k)
            meanWk += beta(k);
        meanWk /= 7.0;
        b.baseline *= std::exp(meanWk);
        b.weekly = std::exp(wk - meanWk);
        double yr = 0;
        for (int k = kFourierAt; k < kHoliday; ++k)
            yr += beta(k) * x(k);
        b.yearly = std::exp(yr);
        b.holiday = std::exp(beta(kHoliday) * x(kHoliday));
        b.pricePromotion = std::exp(beta(kPrice) * x(kPrice) + beta(kPromo) * x(kPromo));
        b.weather = std::exp(beta(kWeather) * x(kWeather));
    }
    return out;
}

} // namespace agro::analytics::forecast

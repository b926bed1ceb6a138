#include "simple.h"

#include <cmath>
#include <numeric>

namespace agro::analytics::forecast {

namespace {
ModelForecast flatFit(const std::vector<double> &y, int horizon, const char *name) {
    ModelForecast mf;
    mf.model = name;
    mf.forecast.resize(static_cast<std::size_t>(std::max(horizon, 0)));
    mf.fitted.assign(y.size(), std::nan(""));
    return mf;
}
} // namespace

ModelForecast naiveForecast(const std::vector<double> &y, int horizon) {
    ModelForecast mf = flatFit(y, horizon, "Naive");
    if (y.empty())
        return mf;
    const auto n = y.size();
    double ss = 0;
    for (std::size_t t = 1; t < n; ++t) {
        mf.fitted[t] = y[t - 1];
        ss += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
    }
    const double sigma = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    std::vector<double> sd(mf.forecast.horizon());
    for (std::size_t j = 0; j < sd.size(); ++j) {
        mf.forecast.mean[j] = y.back();
        sd[j] = sigma * std::sqrt(static_cast<double>(j + 1));
    }
    gaussianIntervals(mf.forecast, sd);
    return mf;
}

ModelForecast seasonalNaiveForecast(const std::vector<double> &y, int period, int horizon) {
    const auto n = y.size();
    if (period <= 1 || n < static_cast<std::size_t>(period))
        return naiveForecast(y, horizon);
    const auto m = static_cast<std::size_t>(period);
    ModelForecast mf = flatFit(y, horizon, "SNaive");
    double ss = 0;
    for (std::size_t t = m; t < n; ++t) {
        mf.fitted[t] = y[t - m];
        ss += (y[t] - y[t - m]) * (y[t] - y[t - m]);
    }
    const double sigma = n > m ? std::sqrt(ss / static_cast<double>(n - m)) : 0.0;
    std::vector<double> sd(mf.forecast.horizon());
    for (std::size_t j = 0; j < sd.size(); ++j) {
        mf.forecast.mean[j] = y[n - m + j % m];
        sd[j] = sigma * std::sqrt(static_cast<double>(j / m + 1));
    }
    gaussianIntervals(mf.forecast, sd);
    return mf;
}

ModelForecast driftForecast(const std::vector<double> &y, int horizon) {
    const auto n = y.size();
    if (n < 2)
        return naiveForecast(y, horizon);
    ModelForecast mf = flatFit(y, horizon, "Drift");
    const double T = static_cast<double>(n);
    const double c = (y.back() - y.front()) / (T - 1);
    double ss = 0;
    for (std::size_t t = 1; t < n; ++t) {
        mf.fitted[t] = y[t - 1] + c;
        const double e = y[t] - y[t - 1] - c;
        ss += e * e;
    }
    const double sigma = n > 2 ? std::sqrt(ss / (T - 2)) : 0.0;
    std::vector<double> sd(mf.forecast.horizon());
    for (std::size_t j = 0; j < sd.size(); ++j) {
        const double h = static_cast<double>(j + 1);
        mf.forecast.mean[j] = y.back() + h * c;
        sd[j] = sigma * std::sqrt(h * (1 + h / (T - 1)));
    }
    gaussianIntervals(mf.forecast, sd);
    return mf;
}

ModelForecast meanForecast(const std::vector<double> &y, int horizon) {
    ModelForecast mf = flatFit(y, horizon, "Mean");
    if (y.empty())
        return mf;
    const double T = static_cast<double>(y.size());
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / T;
    double ss = 0;
    for (double v : y)
        ss += (v - mean) * (v - mean);
    const double s = y.size() > 1 ? std::sqrt(ss / (T - 1)) : 0.0;
    std::fill(mf.fitted.begin(), mf.fitted.end(), mean);
    std::vector<double> sd(mf.forecast.horizon(), s * std::sqrt(1 + 1 / T));
    std::fill(mf.forecast.mean.begin(), mf.forecast.mean.end(), mean);
    gaussianIntervals(mf.forecast, sd);
    return mf;
}

} // namespace agro::analytics::forecast

#include "theta.h"

#include "ets.h"
#include "seasonal.h"

#include <algorithm>
#include <cmath>

namespace agro::analytics::forecast {

std::optional<ModelForecast> thetaForecast(const std::vector<double> &y, int period, int horizon) {
    const auto n = static_cast<int>(y.size());
    if (n < 3 || horizon < 0)
        return std::nullopt;
    const auto h = static_cast<std::size_t>(horizon);
    const bool seasonal = looksSeasonal(y, period);
    const bool positive = std::all_of(y.begin(), y.end(), [](double v) { return v > 0; });
    const bool multiplicative = positive;
    std::vector<double> index;
    std::vector<double> x = y;
    if (seasonal) {
        index = classicalSeasonalIndices(y, period, multiplicative);
        for (int t = 0; t < n; ++t) {
            const double s = index[static_cast<std::size_t>(t % period)];
            x[static_cast<std::size_t>(t)] = multiplicative ? y[static_cast<std::size_t>(t)] / s
                                                            : y[static_cast<std::size_t>(t)] - s;
        }
    }
    const auto ses = fitEts(x, 1, EtsSpec{});
    if (!ses)
        return std::nullopt;
    const double alpha = std::max(ses->alpha, 1e-10);
    const double drift = linearTrend(x.data(), n).slope / 2.0;
    const double sigma = std::sqrt(ses->sigma2);
    ModelForecast mf;
    mf.model = seasonal ? "Theta(seasonal)" : "Theta";
    mf.forecast.resize(h);
    std::vector<double> sd(h);
    const double tail = (1.0 - std::pow(1.0 - alpha, n)) / alpha;
    for (std::size_t j = 0; j < h; ++j) {
        double mean = ses->level + drift * (static_cast<double>(j) + tail);
        double se = sigma * std::sqrt(1.0 + static_cast<double>(j) * alpha * alpha);
        if (seasonal) {
            const double s = index[static_cast<std::size_t>((n + static_cast<int>(j)) % period)];
            if (multiplicative) {
                mean *= s;
                se *= s;
            } else {
                mean += s;
            }
        }
        mf.forecast.mean[j] = mean;
        sd[j] = se;
    }
    gaussianIntervals(mf.forecast, sd);
    mf.fitted = ses->fitted;
    if (seasonal)
        for (int t = 0; t < n; ++t) {
            const double s = index[static_cast<std::size_t>(t % period)];
            auto &v = mf.fitted[static_cast<std::size_t>(t)];
            v = multiplicative ? v * s : v + s;
        }
    return mf;
}

} // namespace agro::analytics::forecast

#include "accuracy.h"

#include <cmath>

namespace agro::analytics::forecast {

double smape(const double *actual, const double *forecast, int n) {
    if (n <= 0)
        return 0.0;
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const double d = std::abs(actual[i]) + std::abs(forecast[i]);
        if (d > 0)
            sum += 200.0 * std::abs(actual[i] - forecast[i]) / d;
    }
    return sum / n;
}

double maseScale(const std::vector<double> &train, int period) {
    const auto n = static_cast<int>(train.size());
    const int m = n > period ? std::max(period, 1) : 1;
    if (n <= m)
        return 0.0;
    double sum = 0;
    for (int t = m; t < n; ++t)
        sum +=
            std::abs(train[static_cast<std::size_t>(t)] - train[static_cast<std::size_t>(t - m)]);
    return sum / (n - m);
}

double rmsseScale(const std::vector<double> &train) {
    const auto n = train.size();
    if (n < 2)
        return 0.0;
    double sum = 0;
    for (std::size_t t = 1; t < n; ++t)
        sum += (train[t] - train[t - 1]) * (train[t] - train[t - 1]);
    return sum / static_cast<double>(n - 1);
}

double coverage(const double *actual, const double *lo, const double *hi, int n) {
    if (n <= 0)
        return 0.0;
    int in = 0;
    for (int i = 0; i < n; ++i)
        in += actual[i] >= lo[i] && actual[i] <= hi[i];
    return static_cast<double>(in) / n;
}

} // namespace agro::analytics::forecast

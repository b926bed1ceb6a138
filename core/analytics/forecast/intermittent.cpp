#include "intermittent.h"

#include "quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace agro::analytics::forecast {

const char *DemandPattern::name() const {
    if (adi > 1.32)
        return cv2 > 0.49 ? "lumpy" : "intermittent";
    return cv2 > 0.49 ? "erratic" : "smooth";
}

DemandPattern classifyDemand(const std::vector<double> &y) {
    DemandPattern p;
    std::vector<double> sizes;
    for (double v : y)
        if (v > 0)
            sizes.push_back(v);
    p.nonZero = static_cast<int>(sizes.size());
    if (sizes.empty()) {
        p.adi = static_cast<double>(y.size()) + 1.0;
        return p;
    }
    p.adi = static_cast<double>(y.size()) / static_cast<double>(sizes.size());
    const double mean = std::accumulate(sizes.begin(), sizes.end(), 0.0) / p.nonZero;
    double var = 0;
    for (double s : sizes)
        var += (s - mean) * (s - mean);
    var /= p.nonZero;
    p.cv2 = mean > 0 ? var / (mean * mean) : 0.0;
    return p;
}

namespace {

struct RunOut {
    double size = 0; ///< smoothed non-zero size
    double prob = 0; ///< smoothed probability of demand (TSB) or 1/interval
    double sse = 0;  ///< in-sample one-step squared error
};

/// One pass over the series. Initial size = first non-zero demand; initial interval = its
/// position + 1 (Croston) and initial probability = share of non-zero periods (TSB).
RunOut run(const std::vector<double> &y, IntermittentMethod method, double aD, double aP,
           std::vector<double> *fitted) {
    RunOut r;
    const auto n = y.size();
    std::size_t first = 0;
    while (first < n && y[first] <= 0)
        ++first;
    if (first == n)
        return r; // never sold: rate 0
    double z = y[first];
    double interval = static_cast<double>(first + 1);
    double prob =
        static_cast<double>(std::count_if(y.begin(), y.end(), [](double v) { return v > 0; })) /
        static_cast<double>(n);
    const double sbaFactor = method == IntermittentMethod::Sba ? 1.0 - aD / 2.0 : 1.0;
    auto rate = [&] {
        return method == IntermittentMethod::Tsb ? prob * z : sbaFactor * z / interval;
    };
    int sinceLast = 0; // periods since the last demand, counting the current one
    for (std::size_t t = 0; t < n; ++t) {
        const double f = rate();
        if (fitted)
            (*fitted)[t] = f;
        if (t <= first)
            continue;
        r.sse += (y[t] - f) * (y[t] - f);
        ++sinceLast;
        if (method == IntermittentMethod::Tsb) {
            if (y[t] > 0) {
                z += aD * (y[t] - z);
                prob += aP * (1.0 - prob);
            } else {
                prob += aP * (0.0 - prob);
            }
        } else if (y[t] > 0) {
            z += aD * (y[t] - z);
            interval += aD * (sinceLast - interval);
            sinceLast = 0;
        }
    }
    r.size = z;
    r.prob = method == IntermittentMethod::Tsb ? prob : 1.0 / interval;
    return r;
}

} // namespace

ModelForecast intermittentForecast(const std::vector<double> &y, int horizon,
                                   IntermittentMethod method, double alphaD, double alphaP) {
    ModelForecast mf;
    mf.model = method == IntermittentMethod::Croston ? "Croston"
               : method == IntermittentMethod::Sba   ? "SBA"
                                                     : "TSB";
    const auto h = static_cast<std::size_t>(std::max(horizon, 0));
    mf.forecast.resize(h);
    mf.fitted.assign(y.size(), 0.0);
    if (y.empty())
        return mf;
    if (alphaD <= 0 || (method == IntermittentMethod::Tsb && alphaP <= 0)) {
        // Grid search on in-sample one-step squared error; small constants first, so ties
        // keep the smoother forecast.
        static constexpr double gridD[] = {0.05, 0.1, 0.2, 0.3};
        static constexpr double gridP[] = {0.02, 0.05, 0.1, 0.2, 0.3};
        double best = std::numeric_limits<double>::infinity();
        for (double aD : gridD) {
            for (double aP : gridP) {
                if (method != IntermittentMethod::Tsb && aP != gridP[0])
                    continue;
                const double sse = run(y, method, aD, aP, nullptr).sse;
                if (sse < best) {
                    best = sse;
                    alphaD = aD;
                    alphaP = aP;
                }
            }
        }
    }
    const RunOut r = run(y, method, alphaD, alphaP, &mf.fitted);
    const double sbaFactor = method == IntermittentMethod::Sba ? 1.0 - alphaD / 2.0 : 1.0;
    const double rate =
        method == IntermittentMethod::Tsb ? r.prob * r.size : sbaFactor * r.size * r.prob;
    std::fill(mf.forecast.mean.begin(), mf.forecast.mean.end(), rate);

    // Per-period distribution: 0 with probability 1 − π, else a rescaled historical size.
    std::vector<double> sizes;
    for (double v : y)
        if (v > 0)
            sizes.push_back(v);
    const double pi = std::clamp(r.prob, 0.0, 1.0);
    auto quantile = [&](double q) {
        if (sizes.empty() || pi <= 0 || q <= 1.0 - pi)
            return 0.0;
        const double sizeMean =
            std::accumulate(sizes.begin(), sizes.end(), 0.0) / static_cast<double>(sizes.size());
        const double scale = sizeMean > 0 ? r.size * sbaFactor / sizeMean : 1.0;
        std::vector<double> work = sizes;
        return scale *
               quantileInPlace(work.data(), static_cast<int>(work.size()), (q - (1.0 - pi)) / pi);
    };
    const double lo95 = quantile(0.025), lo80 = quantile(0.10), hi80 = quantile(0.90),
                 hi95 = quantile(0.975);
    for (std::size_t j = 0; j < h; ++j) {
        mf.forecast.lo95[j] = std::min(lo95, rate);
        mf.forecast.lo80[j] = std::min(lo80, rate);
        mf.forecast.hi80[j] = std::max(hi80, rate);
        mf.forecast.hi95[j] = std::max(hi95, rate);
    }
    return mf;
}

} // namespace agro::analytics::forecast

#include "croprank.h"

#include "random.h"

#include <algorithm>
#include <cmath>

namespace agro::analytics {

std::vector<CropRank> rankCrops(const std::vector<CropOutlook> &outlooks, std::uint64_t seed,
                                int draws) {
    std::vector<CropRank> out;
    Rng base(seed);
    std::vector<double> margins(size_t(std::max(draws, 1)));
    for (const CropOutlook &o : outlooks) {
        // One stream per crop, so that adding a candidate does not change the others.
        Rng rng = base.fork(std::uint64_t(o.crop) + 1);
        double sum = 0;
        int losses = 0;
        for (double &m : margins) {
            const double yield = std::exp(o.logYieldMedian + o.logYieldSd * rng.normal());
            const double price = std::max(0.0, rng.normal(o.priceMean, o.priceSd));
            const double cost = std::max(0.0, rng.normal(o.costPerHaMean, o.costPerHaSd));
            m = yield * o.sellableShare * price - cost;
            sum += m;
            losses += m < 0;
        }
        std::sort(margins.begin(), margins.end());
        const auto quantile = [&](double q) {
            return margins[size_t(
                std::clamp(q * double(margins.size() - 1), 0.0, double(margins.size() - 1)))];
        };
        out.push_back({o.crop, sum / double(margins.size()), quantile(0.1), quantile(0.9),
                       double(losses) / double(margins.size())});
    }
    std::stable_sort(out.begin(), out.end(), [](const CropRank &a, const CropRank &b) {
        return a.expectedMarginPerHa > b.expectedMarginPerHa;
    });
    return out;
}

} // namespace agro::analytics

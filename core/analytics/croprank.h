#pragma once

#include <cstdint>
#include <vector>

namespace agro::analytics {

/// What is known about growing one crop on one field next season.
struct CropOutlook {
    int crop = 0;
    double logYieldMedian = 0; ///< ln of the predicted yield (kg/ha), from the yield model
    double logYieldSd = 0;     ///< its spread (log scale)
    double sellableShare = 1;  ///< share of the harvest that sells (history)
    double priceMean = 0;      ///< money per kg (history of the farm's plantings)
    double priceSd = 0;
    double costPerHaMean = 0; ///< money per ha (history, farm-level costs included)
    double costPerHaSd = 0;
    int seasonsOfHistory = 0; ///< how many earlier plantings the figures rest on
};

struct CropRank {
    int crop = 0;
    double expectedMarginPerHa = 0; ///< mean over the simulated seasons
    double p10MarginPerHa = 0;      ///< 1 season in 10 is below this
    double p90MarginPerHa = 0;
    double lossProbability = 0; ///< share of simulated seasons with a negative margin
};

/// Ranks crops by expected margin per hectare, with its downside, by simulating seasons:
/// yield log-normal, price and cost per hectare normal (truncated at 0), independent. A
/// decision aid — every input is returned to the caller to show. Deterministic for a seed.
std::vector<CropRank> rankCrops(const std::vector<CropOutlook> &outlooks, std::uint64_t seed,
                                int draws = 4000);

} // namespace agro::analytics

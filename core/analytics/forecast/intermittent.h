#pragma once

#include "types.h"

#include <vector>

namespace agro::analytics::forecast {

/// Demand pattern by the Syntetos–Boylan–Croston scheme (Syntetos, Boylan & Croston 2005,
/// JORS 56(5)): ADI = mean interval between non-zero demands, CV² = squared coefficient of
/// variation of the non-zero sizes; cut-offs ADI 1.32 and CV² 0.49.
struct DemandPattern {
    double adi = 1;
    double cv2 = 0;
    int nonZero = 0;
    bool intermittent() const { return adi > 1.32; }
    const char *name() const; ///< smooth, erratic, intermittent, lumpy
};
DemandPattern classifyDemand(const std::vector<double> &y);

enum class IntermittentMethod {
    Croston, ///< Croston 1972: size / interval, both smoothed with α
    Sba,     ///< Syntetos & Boylan 2005: Croston × (1 − α/2), removing its upward bias
    Tsb,     ///< Teunter, Syntetos & Babai 2011: probability updated every period, so a part
             ///< that stops selling decays towards zero (obsolescence)
};

/// Forecast of an intermittent series (non-negative values). The mean is the method's per-
/// period demand rate; the intervals come from the per-period demand distribution it implies:
/// no demand with probability 1 − π, otherwise a size drawn from the series' own non-zero
/// sizes rescaled to the smoothed size (π = 1/interval for Croston and SBA, the smoothed
/// probability for TSB). With `alphaD`/`alphaP` ≤ 0 the smoothing constants are chosen on a
/// small grid by in-sample one-step squared error.
ModelForecast intermittentForecast(const std::vector<double> &y, int horizon,
                                   IntermittentMethod method, double alphaD = 0.1,
                                   double alphaP = 0.1);

} // namespace agro::analytics::forecast

#pragma once

#include "types.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace agro::analytics::forecast {

/// One day's known drivers of demand. Price and weather may be missing (NaN): a missing price
/// counts as the usual one, missing weather as the normal for the day of the year.
struct DailyDrivers {
    std::int32_t day = 0; ///< days since 1970-01-01
    double price = 0;
    bool promotion = false;
    double tmaxC = 0;
};

/// How much each driver moves a day's forecast, as factors on the baseline (the model is
/// log-linear, so effects multiply): mean = baseline × weekly × yearly × holiday × price ×
/// weather. `baseline` is the trend level in units per day.
struct DemandBreakdown {
    double baseline = 0;
    double weekly = 1;
    double yearly = 1;
    double holiday = 1;
    double pricePromotion = 1;
    double weather = 1;
};

struct DailyRegressionForecast {
    ModelForecast model;
    std::vector<DemandBreakdown> breakdown; ///< one per forecast step
    double dispersion = 0;                  ///< negative-binomial size θ (0 = Poisson)
};

/// Demand regression for daily series with known future drivers: a Poisson log-linear model
/// fitted by iteratively reweighted least squares with a ridge penalty (McCullagh & Nelder
/// 1989, §2.5; Hoerl & Kennard 1970), on an intercept, the trend in years, day-of-week dummies,
/// three Fourier pairs of the year (Harvey & Shephard 1993 — multiple seasonality: weekly +
/// yearly), a holiday window (the holiday and the two days before), ln(price / usual price),
/// promotion, and (tmax − 20 °C)/10 when weather is known. Over-dispersion is estimated by the
/// method of moments, and the intervals are negative-binomial quantiles whose variance adds the
/// coefficients' uncertainty (delta method), so they widen as the trend is extrapolated.
/// nullopt with fewer than 28 days or when every value is 0.
std::optional<DailyRegressionForecast>
dailyRegressionForecast(const std::vector<double> &y, const std::vector<DailyDrivers> &history,
                        const std::vector<DailyDrivers> &future, double ridgeLambda = 1.0);

/// Quantile of the negative binomial with mean μ and size θ (Poisson when θ ≤ 0), by summing
/// the probability mass from 0 (the recursion p(k+1) = p(k)·(k+θ)/(k+1)·μ/(μ+θ)).
double negativeBinomialQuantile(double mean, double theta, double p);

} // namespace agro::analytics::forecast

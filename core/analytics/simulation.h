#pragma once

#include "random.h"

#include <array>
#include <cstdint>
#include <vector>

namespace agro::analytics {

/// Synthetic but realistically shaped data for the demo workspace. Every function is a pure
/// function of its inputs and the Rng it is given, so the same seed gives the same data.

/// Daily weather of one site.
struct WeatherDay {
    double tminC = 0;
    double tmaxC = 0;
    double rainMm = 0;
};

/// Temperate climate: annual cosine of daily maxima (peak late July) plus AR(1) anomalies
/// (φ = 0.7), and a two-state Markov chain for wet days (P(wet|wet) = 0.6, P(wet|dry) = 0.25)
/// with exponential amounts — the classic Richardson (1981) weather-generator structure.
std::vector<WeatherDay> simulateWeather(Rng &rng, std::int32_t firstDay, int days,
                                        double warmthOffsetC, double wetness);

/// How one product's demand behaves.
struct DemandProfile {
    double baseLevel = 10;   ///< mean units per day at the start
    double trendPerYear = 0; ///< growth rate per year (0.1 = +10 % a year, compounding)
    std::array<double, 7> weekly{1, 1, 1, 1, 1, 1, 1}; ///< Monday … Sunday factors, mean 1
    double yearlyAmplitude = 0;                        ///< relative amplitude of the annual cycle
    int yearlyPeakDoy = 200;                           ///< day of year of the annual peak
    double zeroProbability = 0;    ///< intermittent demand: chance a day has no demand at all
    double priceElasticity = -1.5; ///< demand ∝ (price / list price)^elasticity
    double holidayUplift = 1.0;    ///< factor on holidays and the two days before
    double heatSensitivity = 0; ///< demand × exp(s · (tmax − 20 °C)) for weather-driven goods
    double dispersion = 8;      ///< negative-binomial size: lower = noisier
};

/// Expected demand on `day` for a product introduced on `startDay`.
double expectedDemand(const DemandProfile &p, std::int32_t day, std::int32_t startDay,
                      double priceRatio, bool holidayWindow, double tmaxC);

/// One day's demand: zero with probability zeroProbability, else negative binomial around
/// the expected value (rescaled so the mean over all days stays `expected`).
std::int64_t sampleDemand(Rng &rng, const DemandProfile &p, double expected);

/// Covariates of a planting's season that drive its yield.
struct SeasonConditions {
    double growingDegreeDays = 0; ///< Σ max(0, (tmin + tmax)/2 − base) over the season
    double rainfallMm = 0;
    double soilPh = 6.5;
    double soilNitrogenKgHa = 120;
};

/// Yield relative to the expected one: exp(βᵀx + ε) with x the standardized covariates
/// (GDD and rain anomalies, squared pH distance from 6.5, nitrogen anomaly) and ε ~ N(0, σ²).
/// The coefficients are set so that a dry, cold season costs 20–30 % of yield.
double relativeYield(Rng &rng, const SeasonConditions &c, double normalGdd, double normalRainMm,
                     double noiseSd);

} // namespace agro::analytics

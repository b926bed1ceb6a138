#include "simulation.h"

#include "calendar.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace agro::analytics {

std::vector<WeatherDay> simulateWeather(Rng &rng, std::int32_t firstDay, int days,
                                        double warmthOffsetC, double wetness) {
    std::vector<WeatherDay> out(size_t(std::max(days, 0)));
    double anomaly = 0;
    bool wet = false;
    for (int i = 0; i < days; ++i) {
        const int doy = dayOfYear(firstDay + i);
        const double seasonal = 16.0 + 10.0 * std::cos(2 * std::numbers::pi * (doy - 205) / 365.25);
        anomaly = 0.7 * anomaly + rng.normal(0, 2.4);
        WeatherDay &w = out[size_t(i)];
        w.tmaxC = seasonal + warmthOffsetC + anomaly;
        w.tminC = w.tmaxC - rng.uniform(6.0, 12.0);
        const double pWet = (wet ? 0.6 : 0.25) * wetness;
        wet = rng.bernoulli(std::min(pWet, 0.95));
        // Exponential amount with mean 6 mm: inverse-CDF sampling.
        w.rainMm = wet ? -6.0 * std::log(1.0 - rng.uniform()) : 0.0;
    }
    return out;
}

double expectedDemand(const DemandProfile &p, std::int32_t day, std::int32_t startDay,
                      double priceRatio, bool holidayWindow, double tmaxC) {
    const double years = double(day - startDay) / 365.25;
    double level = p.baseLevel * std::pow(1.0 + p.trendPerYear, years);
    level *= p.weekly[size_t(isoWeekday(day) - 1)];
    level *= 1.0 + p.yearlyAmplitude *
                       std::cos(2 * std::numbers::pi * (dayOfYear(day) - p.yearlyPeakDoy) / 365.25);
    level *= std::pow(std::max(priceRatio, 0.05), p.priceElasticity);
    if (holidayWindow)
        level *= p.holidayUplift;
    if (p.heatSensitivity != 0)
        level *= std::exp(p.heatSensitivity * (tmaxC - 20.0));
    return std::max(level, 0.0);
}

std::int64_t sampleDemand(Rng &rng, const DemandProfile &p, double expected) {
    if (p.zeroProbability > 0) {
        if (rng.bernoulli(p.zeroProbability))
            return 0;
        expected /= 1.0 - p.zeroProbability; // keep the long-run mean
    }
    return rng.negativeBinomial(expected, p.dispersion);
}

double relativeYield(Rng &rng, const SeasonConditions &c, double normalGdd, double normalRainMm,
                     double noiseSd) {
    Eigen::Vector4d x;
    x << (c.growingDegreeDays - normalGdd) / 200.0,
        // Rain helps up to the normal amount and little beyond: a concave response.
        std::min(c.rainfallMm - normalRainMm, 100.0) / 100.0, (c.soilPh - 6.5) * (c.soilPh - 6.5),
        (c.soilNitrogenKgHa - 120.0) / 50.0;
    Eigen::Vector4d beta(0.06, 0.10, -0.12, 0.05);
    return std::exp(beta.dot(x) + rng.normal(0, noiseSd));
}

} // namespace agro::analytics

#pragma once

#include <string>
#include <vector>

namespace agro::analytics::forecast {

/// Point forecast and prediction intervals, one entry per step ahead (index 0 = one step).
struct Forecast {
    std::vector<double> mean;
    std::vector<double> lo80, hi80;
    std::vector<double> lo95, hi95;

    void resize(std::size_t h) {
        mean.assign(h, 0.0);
        lo80.assign(h, 0.0);
        hi80.assign(h, 0.0);
        lo95.assign(h, 0.0);
        hi95.assign(h, 0.0);
    }
    std::size_t horizon() const { return mean.size(); }
};

/// A fitted model's forecast, its one-step in-sample fit and what it is called.
struct ModelForecast {
    std::string model; ///< e.g. "ETS(M,Ad,M)", "Theta", "SNaive"
    Forecast forecast;
    std::vector<double> fitted; ///< one-step-ahead fitted values, same length as the input
    double aicc = 0;            ///< information criterion where the model has a likelihood
};

/// Standard normal quantiles used for the two interval levels.
inline constexpr double kZ80 = 1.2815515655446004; // Φ⁻¹(0.90)
inline constexpr double kZ95 = 1.959963984540054;  // Φ⁻¹(0.975)

/// Fills intervals mean ± z·sd[h] for a Gaussian forecast distribution.
inline void gaussianIntervals(Forecast &f, const std::vector<double> &sd) {
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
        f.lo80[i] = f.mean[i] - kZ80 * sd[i];
        f.hi80[i] = f.mean[i] + kZ80 * sd[i];
        f.lo95[i] = f.mean[i] - kZ95 * sd[i];
        f.hi95[i] = f.mean[i] + kZ95 * sd[i];
    }
}

} // namespace agro::analytics::forecast

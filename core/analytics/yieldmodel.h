#pragma once

#include <optional>
#include <vector>

namespace agro::analytics {

/// What is known about one planting when its yield is predicted, plus (for training) what it
/// yielded. Weather enters as anomalies against the farm's normal season, so a prediction made
/// before the season (weather unknown) uses 0 — the normal — and widens its interval by the
/// spread weather caused in the past.
struct YieldSample {
    int crop = 0;                   ///< index of the crop, 0 … crops − 1
    double logExpected = 0;         ///< ln(expected yield, kg/ha) the grower planned with
    double soilPhDeviation2 = 0;    ///< (pH − 6.5)², 0 where pH is not recorded
    double soilNitrogenAnomaly = 0; ///< (N − 120 kg/ha) / 50, 0 where not recorded
    double gddAnomaly = 0;          ///< (growing-degree days − normal) / 200
    double rainAnomaly = 0;         ///< min(rain − normal, 100 mm) / 100
    double logYield = 0;            ///< ln(harvested kg/ha); training only
};

struct YieldPrediction {
    double medianKgHa = 0; ///< exp(μ): the median of a log-normal, which minimises absolute error
    double lo80KgHa = 0;   ///< 10th percentile
    double hi80KgHa = 0;   ///< 90th percentile
};

/// Ridge regression of ln(yield) on a global intercept, per-crop deviations (shrunk towards
/// 0, so an unseen crop gets the global level), the planned yield, soil and weather
/// anomalies (Hoerl & Kennard 1970; closed form β = (XᵀX + Λ)⁻¹Xᵀy, solved by Cholesky).
/// The 80 % interval is exp(μ ± z₀.₉·s) with s² = residual variance + the variance of the
/// weather term over the training seasons (unknown weather at prediction time).
class YieldModel {
public:
    /// Fits on the samples; nullopt with fewer than 3 samples.
    static std::optional<YieldModel> fit(const std::vector<YieldSample> &train, int crops,
                                         double lambda = 1.0);
    /// Prediction before the season: weather assumed normal.
    YieldPrediction predict(const YieldSample &s) const;
    double residualSd() const { return m_residualSd; }
    double weatherSd() const { return m_weatherSd; }

private:
    std::vector<double> m_beta;
    int m_crops = 0;
    double m_residualSd = 0;
    double m_weatherSd = 0;
};

/// One planting of a rolling-origin backtest.
struct YieldBacktestPoint {
    int season = 0; ///< index of the season predicted
    double actualKgHa = 0;
    YieldPrediction predicted;
    std::optional<double> baselineKgHa; ///< "same as last season"
};

struct YieldBacktest {
    std::vector<YieldBacktestPoint> points;
    double mae = 0;         ///< mean |actual − predicted median| over points with a baseline
    double baselineMae = 0; ///< same points, "same as last season"
    double coverage80 = 0;  ///< share of all points inside the 80 % interval
    int compared = 0;       ///< points with a baseline (used for both MAEs)
};

/// Rolling origin over seasons 1 … S−1: fit on every earlier season, predict the next
/// (Tashman 2000, "Out-of-sample tests of forecasting accuracy"). `seasonOf[i]` orders samples
/// (0 = oldest); `baseline[i]` is the "same as last season" yield for sample i if any.
YieldBacktest backtestYield(const std::vector<YieldSample> &samples,
                            const std::vector<int> &seasonOf,
                            const std::vector<std::optional<double>> &baseline, int crops);

} // namespace agro::analytics

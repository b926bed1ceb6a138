#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace agro::analytics::detection {

struct Reading {
    std::int64_t ts = 0; ///< Unix seconds
    double value = 0;
};

struct SensorLimits {
    double low = std::nan("");  ///< NaN: no lower threshold
    double high = std::nan(""); ///< NaN: no upper threshold
    std::int64_t intervalS = 900;
    double maxRatePerHour = std::nan(""); ///< NaN: no rate-of-change check
    /// The range the instrument can report (humidity 0–100 %): a run at a bound is saturation,
    /// not a stuck sensor. NaN: unbounded.
    double physicalLow = std::nan("");
    double physicalHigh = std::nan("");
};

struct SensorCheckOptions {
    int minBreachReadings = 2;     ///< a threshold breach must last this many readings
    int minFlatReadings = 16;      ///< identical readings for 4 h at 15 min: a stuck sensor
    double gapIntervals = 3.0;     ///< a gap longer than this many intervals is a drop-out
    double spikeZ = 8.0;           ///< robust z of a reading against its neighbours' median
    std::int64_t mergeGapS = 3600; ///< findings of one kind this close are one episode
    /// Breaches of a limit within a day of each other are one condition (a dry spell that
    /// crosses the limit every afternoon is one problem, not one a day).
    std::int64_t thresholdMergeGapS = 86400;
};

enum class SensorIssue { Threshold, FlatLine, DropOut, Spike, RateOfChange, Drift };
/// "threshold", "flatline", "dropout", "spike", "rate", "drift"
const char *sensorIssueKey(SensorIssue i);

/// One problem episode with its evidence and a plain-words explanation.
struct SensorFinding {
    SensorIssue issue = SensorIssue::Spike;
    std::int64_t from = 0, to = 0; ///< first and last affected timestamps
    int readings = 0;              ///< readings in the episode (missing ones for a drop-out)
    double worst = 0;              ///< the most extreme value (or the stuck value)
    double baseline = 0;           ///< what it was compared with: limit, neighbours' median…
    double score = 0;              ///< how far beyond: robust z, units over the limit, hours
    std::string severity;          ///< info, warning, critical
    std::string explanation;
};

/// Sensor checks over readings in time order: thresholds held for `minBreachReadings`,
/// flat lines (except at a physical bound), drop-outs (gaps), rates of change above
/// `maxRatePerHour` (not counting spikes), and spikes — a reading far from the medians of the four
/// readings on each side, scaled by the MAD of the series' one-step differences (robust to the
/// spike itself; Hampel filter, Pearson 2002) and beyond twice the 99.9th percentile of the
/// sensor's own such deviations. Findings of one kind closer than `mergeGapS` are
/// merged, so one ongoing problem is one finding; a spike or rate finding inside a threshold,
/// flat-line or drop-out episode is part of that episode and not reported on its own.
std::vector<SensorFinding> checkSensor(const std::vector<Reading> &readings,
                                       const SensorLimits &limits,
                                       const SensorCheckOptions &options = {});

} // namespace agro::analytics::detection

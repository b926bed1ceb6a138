#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace agro::analytics::detection {

struct DriftOptions {
    int referenceBlocks = 14; ///< the reference level is a robust mean of this many blocks…
    int lagBlocks = 2;        ///< …ending this many blocks before the current one
    double k = 1.0;           ///< CUSUM slack, in σ (detects shifts of about 2k σ fastest)
    double h = 6.0;           ///< CUSUM decision interval, in σ
    double clip = 3.0;        ///< standardised values are clipped to ±clip (robust CUSUM)
    int minBlocks = 3;        ///< an episode must span at least this many blocks
    /// The smallest shift worth reporting, in the series' unit (an instrument's accuracy): the
    /// slack becomes max(k, minShift / 2σ), as a CUSUM tuned to a shift δ uses k = δ/2σ.
    double minShift = 0;
    // A run that a step fits better than a ramp (see looksLikeStep in drift.cpp) is a level
    // shift — a sensor moved, a soil saturated — not a drift: the reference restarts after it
    // and nothing is reported.
    /// Report level shifts too (a supplier's values jumping is as much a problem as drifting);
    /// false for sensors, where a step is a sensor moved or a soil saturated.
    bool reportLevelShifts = false;
    /// Blocks after the signal before a run is judged a drift or a level shift (0: at the
    /// signal; waiting lets a step show its plateau but, on the demo data, misses more drifts).
    int shapeBlocks = 0;
    /// A drift ends after this many blocks in a row back within the slack.
    int quietBlocks = 3;
};

/// A sustained shift of a residual series away from its recent reference level.
struct DriftEpisode {
    std::size_t start = 0;  ///< first block of the episode (where the CUSUM left zero)
    std::size_t signal = 0; ///< block where the CUSUM crossed h
    std::size_t end = 0;    ///< last block that still pushed the CUSUM up
    double reference = 0;   ///< the level it drifted from
    double shift = 0;       ///< largest |block − reference| in the episode, signed
    double sigma = 0;       ///< the block noise the shift is measured against
};

/// Drift episodes in a series of block residuals (e.g. a sensor's daily mean minus its peers'
/// median; NaN where a block has no value). Two-sided tabular CUSUM (Page 1954; Montgomery,
/// *Introduction to Statistical Quality Control*, 7th ed., §9.1) on values standardised against
/// a lagged rolling reference (one Huber step from the median) and clipped to ±clip, which keeps
/// single odd blocks — a clamp, a day half lost to a drop-out — from raising a drift on their own
/// (Hawkins & Olwell 1998, §6.3). σ is 1.4826·MAD of the first differences / √2, which an ongoing
/// drift barely moves. Blocks inside an episode are left out of later reference windows, so the
/// return to normal after a drift is not itself a drift. The defaults (k = 1, h = 6, clip 3) need
/// four blocks at 3σ or a longer run of smaller shifts: over a year of daily blocks a stable series
/// raises an alarm far less than once (the reference's own error is why h is above the textbook
/// 4–5).
std::vector<DriftEpisode> cusumDrifts(const std::vector<double> &residual,
                                      const DriftOptions &options = {});

} // namespace agro::analytics::detection

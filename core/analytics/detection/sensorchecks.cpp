#include "sensorchecks.h"

#include "robust.h"

#include <algorithm>
#include <cstdio>

namespace agro::analytics::detection {

namespace {

std::string text(const char *format, double a = 0, double b = 0, double c = 0) {
    char buf[240];
    std::snprintf(buf, sizeof buf, format, a, b, c);
    return buf;
}

/// Merges findings of the same issue closer than `gap` seconds (in place; input in time order).
void mergeEpisodes(std::vector<SensorFinding> &f, std::int64_t gap) {
    std::vector<SensorFinding> out;
    for (auto &x : f) {
        if (!out.empty() && out.back().issue == x.issue && x.from - out.back().to <= gap) {
            SensorFinding &m = out.back();
            m.to = std::max(m.to, x.to);
            m.readings += x.readings;
            if (std::abs(x.score) > std::abs(m.score)) {
                m.score = x.score;
                m.worst = x.worst;
                m.baseline = x.baseline;
                m.severity = x.severity;
                m.explanation = x.explanation;
            }
            continue;
        }
        out.push_back(std::move(x));
    }
    f = std::move(out);
}

} // namespace

const char *sensorIssueKey(SensorIssue i) {
    switch (i) {
    case SensorIssue::Threshold:
        return "threshold";
    case SensorIssue::FlatLine:
        return "flatline";
    case SensorIssue::DropOut:
        return "dropout";
    case SensorIssue::RateOfChange:
        return "rate";
    case SensorIssue::Drift:
        return "drift";
    case SensorIssue::Spike:
        break;
    }
    return "spike";
}

std::vector<SensorFinding> checkSensor(const std::vector<Reading> &r, const SensorLimits &lim,
                                       const SensorCheckOptions &o) {
    std::vector<SensorFinding> thresholds, flats, gaps, spikes, rates;
    const std::size_t n = r.size();
    if (n == 0)
        return {};
    const double interval = static_cast<double>(std::max<std::int64_t>(lim.intervalS, 1));

    // Drop-outs: gaps between consecutive readings.
    for (std::size_t i = 1; i < n; ++i) {
        const double gap = static_cast<double>(r[i].ts - r[i - 1].ts);
        if (gap > o.gapIntervals * interval) {
            SensorFinding f;
            f.issue = SensorIssue::DropOut;
            f.from = r[i - 1].ts + lim.intervalS;
            f.to = r[i].ts - lim.intervalS;
            f.readings = static_cast<int>(gap / interval) - 1;
            f.score = gap / 3600.0;
            f.severity = gap > 6 * 3600 ? "critical" : gap > 2 * 3600 ? "warning" : "info";
            f.explanation = text("no readings for %.1f hours (%.0f expected readings missing)",
                                 f.score, f.readings);
            gaps.push_back(std::move(f));
        }
    }

    // Flat lines: runs of identical values.
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && r[j].value == r[i].value && r[j].ts - r[j - 1].ts <= 2 * lim.intervalS)
            ++j;
        const auto len = static_cast<int>(j - i);
        const bool atBound = r[i].value == lim.physicalLow || r[i].value == lim.physicalHigh;
        if (len >= o.minFlatReadings && !atBound) {
            SensorFinding f;
            f.issue = SensorIssue::FlatLine;
            f.from = r[i].ts;
            f.to = r[j - 1].ts;
            f.readings = len;
            f.worst = r[i].value;
            f.score = static_cast<double>(f.to - f.from) / 3600.0;
            f.severity = "warning";
            f.explanation = text("stuck at %.2f for %.1f hours (%.0f identical readings): the "
                                 "sensor is probably not measuring",
                                 f.worst, f.score, len);
            flats.push_back(std::move(f));
        }
        i = j;
    }

    // Spikes: Hampel filter with the scale of one-step differences.
    if (n >= 9) {
        std::vector<double> diffs;
        diffs.reserve(n);
        for (std::size_t i = 1; i < n; ++i)
            diffs.push_back(r[i].value - r[i - 1].value);
        const RobustScale ds = robustScale(diffs);
        // Differences of independent noise have √2 × its σ; neighbours' medians add a little.
        const double scale = std::max(ds.mad / std::sqrt(2.0), 1e-9);
        // A spike stands out from both sides: against the four readings before it and the four
        // after. (The median of all eight would flag the last reading before a level shift.)
        auto median4 = [](double a0, double a1, double a2, double a3) {
            double w[4] = {a0, a1, a2, a3};
            std::sort(w, w + 4);
            return 0.5 * (w[1] + w[2]);
        };
        // Each reading's signed deviation from both sides (0 when the sides disagree).
        std::vector<double> dev(n, 0.0), base(n, 0.0);
        std::vector<double> magnitudes;
        magnitudes.reserve(n);
        for (std::size_t i = 4; i + 4 < n; ++i) {
            const double left =
                median4(r[i - 4].value, r[i - 3].value, r[i - 2].value, r[i - 1].value);
            const double right =
                median4(r[i + 1].value, r[i + 2].value, r[i + 3].value, r[i + 4].value);
            const double dl = r[i].value - left, dr = r[i].value - right;
            base[i] = 0.5 * (left + right);
            if ((dl > 0) == (dr > 0) && dl != 0 && dr != 0)
                dev[i] = std::abs(dl) < std::abs(dr) ? dl : dr;
            magnitudes.push_back(std::abs(dev[i]));
        }
        // A spike must also be well beyond what the sensor does routinely: twice the 99.9th
        // percentile of its own deviations. A cold room's door opening (a brief +1 °C, about one
        // reading in a hundred) sets that bar; a glitch of several degrees clears it.
        double routine = 0;
        if (!magnitudes.empty()) {
            const auto q = static_cast<long>(0.999 * static_cast<double>(magnitudes.size() - 1));
            std::nth_element(magnitudes.begin(), magnitudes.begin() + q, magnitudes.end());
            routine = 2 * magnitudes[static_cast<std::size_t>(q)];
        }
        for (std::size_t i = 4; i + 4 < n; ++i) {
            const double z = dev[i] / scale;
            if (std::abs(z) < o.spikeZ || std::abs(dev[i]) <= routine)
                continue;
            SensorFinding f;
            f.issue = SensorIssue::Spike;
            f.from = f.to = r[i].ts;
            f.readings = 1;
            f.worst = r[i].value;
            f.baseline = base[i];
            f.score = z;
            f.severity = "info";
            f.explanation = text("one reading of %.2f against %.2f around it (robust z %.1f)",
                                 f.worst, f.baseline, z);
            spikes.push_back(std::move(f));
        }
    }

    // Rates of change: consecutive readings further apart than the sensor can physically move,
    // except the two steps into and out of a spike, which the spike already explains.
    if (std::isfinite(lim.maxRatePerHour) && lim.maxRatePerHour > 0) {
        std::size_t si = 0;
        for (std::size_t i = 1; i < n; ++i) {
            while (si < spikes.size() && spikes[si].to < r[i - 1].ts)
                ++si;
            if (si < spikes.size() &&
                (spikes[si].from == r[i - 1].ts || spikes[si].from == r[i].ts))
                continue;
            const double hours = static_cast<double>(r[i].ts - r[i - 1].ts) / 3600.0;
            if (hours <= 0)
                continue;
            const double rate = (r[i].value - r[i - 1].value) / hours;
            if (std::abs(rate) <= lim.maxRatePerHour)
                continue;
            SensorFinding f;
            f.issue = SensorIssue::RateOfChange;
            f.from = r[i - 1].ts;
            f.to = r[i].ts;
            f.readings = 2;
            f.worst = r[i].value;
            f.baseline = r[i - 1].value;
            f.score = rate;
            f.severity = std::abs(rate) > 3 * lim.maxRatePerHour ? "warning" : "info";
            f.explanation = text("changed by %.2f per hour (from %.2f to %.2f): faster than the "
                                 "sensor's limit",
                                 rate, f.baseline, f.worst);
            rates.push_back(std::move(f));
        }
    }

    // Thresholds held for several readings.
    const bool hasLow = std::isfinite(lim.low), hasHigh = std::isfinite(lim.high);
    if (hasLow || hasHigh) {
        const double range = hasLow && hasHigh ? lim.high - lim.low : 1.0;
        for (std::size_t i = 0; i < n;) {
            auto out = [&](double v) {
                return (hasHigh && v > lim.high) || (hasLow && v < lim.low);
            };
            if (!out(r[i].value)) {
                ++i;
                continue;
            }
            std::size_t j = i;
            double worst = r[i].value, excess = 0;
            while (j < n && out(r[j].value)) {
                const double e =
                    hasHigh && r[j].value > lim.high ? r[j].value - lim.high : lim.low - r[j].value;
                if (e > excess) {
                    excess = e;
                    worst = r[j].value;
                }
                ++j;
            }
            const auto len = static_cast<int>(j - i);
            if (len >= o.minBreachReadings) {
                SensorFinding f;
                f.issue = SensorIssue::Threshold;
                f.from = r[i].ts;
                f.to = r[j - 1].ts;
                f.readings = len;
                f.worst = worst;
                const bool high = hasHigh && worst > lim.high;
                f.baseline = high ? lim.high : lim.low;
                f.score = excess;
                f.severity = excess > 0.2 * range ? "critical" : "warning";
                f.explanation =
                    text(high ? "above the upper limit %.2f for %.0f readings, up to %.2f"
                              : "below the lower limit %.2f for %.0f readings, down to %.2f",
                         f.baseline, len, worst);
                thresholds.push_back(std::move(f));
            }
            i = j;
        }
    }

    std::vector<SensorFinding> all;
    mergeEpisodes(thresholds, o.thresholdMergeGapS);
    for (auto *v : {&flats, &gaps})
        mergeEpisodes(*v, o.mergeGapS);
    // A spike or a jump inside a stuck or missing stretch, or at its edge, belongs to that
    // episode; so does one that is itself beyond a limit during a breach (an excursion's edge).
    auto near = [&](const SensorFinding &f, const SensorFinding &e) {
        return f.to >= e.from - 2 * lim.intervalS && f.from <= e.to + 2 * lim.intervalS;
    };
    auto inside = [&](const SensorFinding &f) {
        for (auto *v : {&flats, &gaps})
            for (const auto &e : *v)
                if (near(f, e))
                    return true;
        const bool beyond = (hasHigh && f.worst > lim.high) || (hasLow && f.worst < lim.low);
        if (beyond)
            for (const auto &e : thresholds)
                if (near(f, e))
                    return true;
        return false;
    };
    for (auto *v : {&spikes, &rates}) {
        v->erase(std::remove_if(v->begin(), v->end(), inside), v->end());
        mergeEpisodes(*v, o.mergeGapS);
    }
    for (auto *v : {&thresholds, &flats, &gaps, &spikes, &rates})
        all.insert(all.end(), std::make_move_iterator(v->begin()),
                   std::make_move_iterator(v->end()));
    std::stable_sort(all.begin(), all.end(), [](const SensorFinding &a, const SensorFinding &b) {
        return a.from < b.from;
    });
    return all;
}

} // namespace agro::analytics::detection

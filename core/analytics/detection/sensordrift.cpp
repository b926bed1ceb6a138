#include "sensordrift.h"

#include "robust.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace agro::analytics::detection {

std::vector<double> cleanDailyMeans(const std::vector<Reading> &r,
                                    const std::vector<SensorFinding> &findings,
                                    std::int64_t firstDay, std::size_t days, std::int64_t intervalS,
                                    double minShare) {
    const double minReadings =
        minShare * 86400.0 / static_cast<double>(std::max<std::int64_t>(intervalS, 1));
    std::vector<double> sum(days, 0.0);
    std::vector<int> count(days, 0);
    std::size_t fi = 0;
    for (const Reading &x : r) {
        while (fi < findings.size() && findings[fi].to < x.ts)
            ++fi;
        bool covered = false;
        // Findings are sorted by start; a few may overlap, so look ahead while they can cover.
        for (std::size_t k = fi; k < findings.size() && findings[k].from <= x.ts; ++k)
            if (findings[k].to >= x.ts && (findings[k].issue == SensorIssue::FlatLine ||
                                           findings[k].issue == SensorIssue::Spike)) {
                covered = true;
                break;
            }
        if (covered)
            continue;
        const std::int64_t day = x.ts / 86400 - firstDay;
        if (day < 0 || day >= static_cast<std::int64_t>(days))
            continue;
        sum[static_cast<std::size_t>(day)] += x.value;
        ++count[static_cast<std::size_t>(day)];
    }
    std::vector<double> out(days, std::nan(""));
    for (std::size_t d = 0; d < days; ++d)
        if (count[d] >= minReadings)
            out[d] = sum[d] / count[d];
    return out;
}

std::vector<double> peerResidual(const std::vector<double> &own,
                                 const std::vector<const std::vector<double> *> &peers,
                                 int minPeers) {
    std::vector<double> out(own.size(), std::nan(""));
    std::vector<double> w;
    for (std::size_t d = 0; d < own.size(); ++d) {
        if (!std::isfinite(own[d]))
            continue;
        w.clear();
        for (const auto *p : peers)
            if (d < p->size() && std::isfinite((*p)[d]))
                w.push_back((*p)[d]);
        if (static_cast<int>(w.size()) < minPeers)
            continue;
        out[d] = own[d] - robustScale(w).median;
    }
    return out;
}

double meaningfulDrift(const char *kind) {
    const std::string k = kind;
    if (k.find("temperature") != std::string::npos)
        return 1.0;
    if (k == "soil_moisture")
        return 2.5;
    if (k == "humidity")
        return 5.0;
    return 0;
}

std::vector<SensorFinding> driftFindings(const std::vector<double> &residual, std::int64_t firstDay,
                                         const char *against, const DriftOptions &options) {
    std::vector<SensorFinding> out;
    for (const DriftEpisode &e : cusumDrifts(residual, options)) {
        SensorFinding f;
        f.issue = SensorIssue::Drift;
        f.from = (firstDay + static_cast<std::int64_t>(e.start)) * 86400;
        f.to = (firstDay + static_cast<std::int64_t>(e.end)) * 86400 + 86399;
        f.readings = static_cast<int>(e.end - e.start + 1);
        f.worst = e.reference + e.shift;
        f.baseline = e.reference;
        f.score = e.sigma > 0 ? e.shift / e.sigma : 0;
        f.severity = std::abs(f.score) > 10 ? "warning" : "info";
        char buf[240];
        std::snprintf(buf, sizeof buf,
                      "drifted %s by %.2f against %s over %d days (daily noise %.2f): "
                      "recalibrate or replace",
                      e.shift > 0 ? "up" : "down", std::abs(e.shift), against, f.readings, e.sigma);
        f.explanation = buf;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace agro::analytics::detection

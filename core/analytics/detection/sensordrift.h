#pragma once

#include "drift.h"
#include "sensorchecks.h"

#include <cstdint>
#include <vector>

namespace agro::analytics::detection {

/// Daily means of the readings that no flat-line or spike finding covers (those values are
/// not measurements; a breach of a limit is, and stays in), for days [firstDay, firstDay + days) in
/// Unix days. NaN for a day with fewer than `minShare` of its expected readings clean: a day
/// missing its night is not comparable with whole days.
std::vector<double> cleanDailyMeans(const std::vector<Reading> &readings,
                                    const std::vector<SensorFinding> &findings,
                                    std::int64_t firstDay, std::size_t days, std::int64_t intervalS,
                                    double minShare = 0.9);

/// The residual a drift is judged on: a sensor's daily means minus the median of its peers'
/// (same kind, same farm: they share the weather, so what is left is the sensor's own error).
/// With fewer than `minPeers` peers reporting on a day, that day is NaN.
std::vector<double> peerResidual(const std::vector<double> &own,
                                 const std::vector<const std::vector<double> *> &peers,
                                 int minPeers = 2);

/// The smallest drift worth reporting for a sensor kind, about twice the stated accuracy of
/// common field instruments (temperature ±0.5 °C, volumetric soil moisture ±1–3 %, relative
/// humidity ±2–3 %); 0 for kinds it does not know.
double meaningfulDrift(const char *kind);

/// Drift findings from daily residuals, with their evidence in the sensor's unit.
/// `against` says in words what the residual is measured against ("its peers").
std::vector<SensorFinding> driftFindings(const std::vector<double> &dailyResidual,
                                         std::int64_t firstDay, const char *against,
                                         const DriftOptions &options = {});

} // namespace agro::analytics::detection

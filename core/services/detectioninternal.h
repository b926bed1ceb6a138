#pragma once

// Internal to the detection service (detectionservice.h): the two families of detectors.

#include "detectionservice.h"

namespace agro::services::detail {

/// Sensor checks and peer drift over every sensor's readings; adds to `out`.
Result<void> detectSensorFindings(store::Connection &db, Progress *progress,
                                  std::vector<Finding> &out, DetectionOutcome *stats);

/// QC outliers and supplier drifts over every inspection; adds to `out`.
Result<void> detectQcFindings(store::Connection &db, Progress *progress, std::vector<Finding> &out,
                              DetectionOutcome *stats);

} // namespace agro::services::detail

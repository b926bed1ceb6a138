#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "store/mutator.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace agro::services {

/// What one detector found: one ongoing problem, with its evidence and explanation. Becomes
/// (or updates) one alert, keyed by `fingerprint()`.
struct Finding {
    QString detector;  ///< sensor.threshold, sensor.flatline, …, qc.outlier, qc.drift
    QString source;    ///< sensor or qc (the alerts table's source)
    QString subjectId; ///< sensor id, inspection id, or "category/supplier" for a QC drift
    QString subjectName;
    QString farmId;
    QString fieldId;
    std::int64_t from = 0, to = 0; ///< episode, Unix seconds
    QString severity;              ///< info, warning, critical
    QString title;
    QString explanation;
    QJsonObject evidence; ///< values, baseline, rule — what the inbox shows and charts
    QString fingerprint() const { return detector + QLatin1Char('|') + subjectId; }
};

struct DetectorScore {
    QString detector;
    int findings = 0;    ///< scored findings
    int matched = 0;     ///< findings that overlap an injected fault of the matching kind
    int faults = 0;      ///< injected faults this detector is meant to find
    int faultsFound = 0; ///< of those, found by at least one of its findings
    double precision() const { return findings ? double(matched) / findings : 1.0; }
    double recall() const { return faults ? double(faultsFound) / faults : 1.0; }
};

struct DetectionOutcome {
    QString runId;
    int sensors = 0;
    std::int64_t readings = 0;
    int inspections = 0;
    int findings = 0;
    int opened = 0;  ///< new alerts
    int updated = 0; ///< existing alerts whose episode grew or came back
    double readSeconds = 0, detectSeconds = 0, storeSeconds = 0;
    /// Against demo_faults, when the workspace has them (a demo workspace); else empty.
    std::vector<DetectorScore> scores;
    DetectorScore overall;
    int unscored = 0; ///< findings of detectors with no injected counterpart (field thresholds)
};

/// Runs every detector over the workspace: the sensor checks and peer drift on all readings
/// (read in parallel, one connection per thread), and the QC outlier (isolation forest +
/// robust z) and supplier drift (CUSUM) checks on the inspections. Reads only.
Result<std::vector<Finding>> runDetectors(store::Connection &db, Progress *progress,
                                          DetectionOutcome *stats = nullptr);

/// Turns findings into alerts: a finding whose fingerprint matches an alert whose episode it
/// overlaps or touches (within 6 h) updates that alert (an "update" event, or "reopen" when
/// it was resolved and the problem is back); otherwise a new alert with an "open" event by the
/// detector. A second pass over the same data changes nothing. One transaction.
Result<void> storeFindings(store::Connection &db, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome);
/// The same inside the caller's transaction, with the detector's events stamped `at`
/// (the demo generator stamps them at its own clock, so demo workspaces are reproducible).
Result<void> storeFindings(store::Mutator &m, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome, const QString &at);

/// Precision and recall of each detector against the faults the demo generator injected.
Result<void> scoreFindings(store::Connection &db, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome);

/// The whole pass: detect, store, score (on a demo workspace), record in detection_runs.
Result<DetectionOutcome> detectAndStore(store::Connection &db, Progress *progress = nullptr);

/// The pass off the UI thread, for the app.
class DetectionService {
public:
    static QCoro::Task<Result<DetectionOutcome>> run(QString workspace, ProgressPtr progress);
};

} // namespace agro::services

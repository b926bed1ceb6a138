#pragma once

#include "actor.h"
#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <vector>

namespace agro::services {

struct AlertFilter {
    QString farmId;   ///< empty: every farm
    QString fieldId;  ///< empty: every field
    QString severity; ///< info, warning, critical; empty: any
    QString
        status; ///< open, acknowledged, escalated, resolved, "active" (not resolved); empty: any
    QString source; ///< sensor, qc, …; empty: any
    QString search; ///< words in the title or subject
    int limit = 20000;
};

struct AlertRow {
    QString id, farmId, farmName, fieldId, fieldName;
    QString source, kind, detector, severity, status;
    QString subjectId, title, explanation, assignee, assigneeName;
    QDateTime openedAt; ///< when the problem started (UTC)
    std::int64_t firstTs = 0, lastTs = 0;
    QJsonObject evidence;
    int events = 0;
};

struct AlertEvent {
    QString id, action, actor, actorName, note, assignee, assigneeName;
    QDateTime at;
};

enum class AlertAction { Acknowledge, Annotate, Assign, Escalate, Resolve, Reopen };
const char *alertActionKey(AlertAction a);

/// Alerts matching the filter, most severe and newest first.
Result<std::vector<AlertRow>> listAlerts(store::Connection &db, const AlertFilter &filter);
Result<AlertRow> alert(store::Connection &db, const QString &alertId);
/// The alert's events in the order they count: (at, id).
Result<std::vector<AlertEvent>> alertEvents(store::Connection &db, const QString &alertId);
/// New alerts: open, and nobody has acted on them yet. The inbox's count in the navigation.
Result<int> newAlertCount(store::Connection &db);

/// The status events imply, in order: acknowledge → acknowledged, escalate → escalated,
/// resolve → resolved, open/reopen → open; others leave it. Events from people offline merge
/// by this rule, so everyone's action stays and the status is the same everywhere.
QString statusFromEvents(const std::vector<AlertEvent> &events);

/// After a sync merged other people's alert events: the status and assignee each alert's events
/// imply, written (as local edits) where the cached ones differ. Every replica derives the same
/// values from the same events. Returns how many alerts changed.
Result<int> rederiveAlertStates(store::Connection &db);

struct AlertActionRequest {
    QString alertId;
    AlertAction action = AlertAction::Acknowledge;
    QString note;     ///< required for annotate; kept with any action
    QString assignee; ///< user id, for assign
};

/// One person's action on an alert: checked against their role on the alert's farm (owners,
/// managers and agronomists act on every alert; inspectors on QC alerts; viewers on none) and
/// against the alert's state (only a resolved alert can be reopened, …), then appended as an
/// event and the derived status and assignee cached on the alert. Nothing is written when it is
/// refused.
Result<AlertEvent> actOnAlert(store::Connection &db, const Actor &actor,
                              const AlertActionRequest &request);

/// What the evidence chart of an alert shows: for a sensor, its readings from a day before the
/// episode to a day after, its limits, and the episode; for a QC finding, the measure over the
/// supplier's inspections of that category around it.
struct EvidenceSeries {
    QString title, unit, measure;
    std::vector<std::pair<std::int64_t, double>> points; ///< (Unix seconds, value)
    double low = std::nan(""), high = std::nan("");
    double baseline = std::nan("");
    std::int64_t from = 0, to = 0; ///< the episode
};
Result<EvidenceSeries> evidenceSeries(store::Connection &db, const QString &alertId);

/// The inbox's operations on worker threads, for the app.
class AlertService {
public:
    static QCoro::Task<Result<std::vector<AlertRow>>> list(QString workspace, AlertFilter filter);
    static QCoro::Task<Result<std::vector<AlertEvent>>> events(QString workspace, QString alertId);
    static QCoro::Task<Result<EvidenceSeries>> evidence(QString workspace, QString alertId);
    static QCoro::Task<Result<int>> newCount(QString workspace);
    static QCoro::Task<Result<AlertEvent>> act(QString workspace, Actor actor,
                                               AlertActionRequest request);
    /// People who may be assigned an alert of `source` on the farm.
    static QCoro::Task<Result<std::vector<Actor>>> assignable(QString workspace, QString farmId,
                                                              QString source);
};

} // namespace agro::services

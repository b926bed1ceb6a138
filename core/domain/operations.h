#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace agro::domain {

/// One QC inspection: the form's values (JSON) and the disposition.
struct Inspection {
    QString id;
    QString farmId;
    QString lotId;
    QString categoryId;
    int schemaVersion = 1;
    QString inspector;
    QDateTime inspectedAt; ///< UTC
    QString valuesJson = QStringLiteral("{}");
    QString disposition = QStringLiteral("pass"); ///< pass, fail or hold
    QString decidedBy;                            ///< rule or person that decided
    QString notes;
    bool operator==(const Inspection &) const = default;
};

/// A sensor in a field or store room, with its alert thresholds.
struct Sensor {
    QString id;
    QString farmId;
    QString fieldId;
    QString name;
    QString kind; ///< soil_moisture, air_temperature, cold_room_temperature, …
    QString unit;
    std::optional<double> lowThreshold;
    std::optional<double> highThreshold;
    int intervalS = 900;
    bool operator==(const Sensor &) const = default;
};

/// An alert in the inbox.
struct Alert {
    QString id;
    QString farmId;
    QString source; ///< sensor, qc, forecast, drift, stock
    QString kind;
    QString severity = QStringLiteral("warning"); ///< info, warning, critical
    QString status = QStringLiteral("open");      ///< open, acknowledged, escalated, resolved
    QString subjectId;
    QString title;
    QString evidenceJson = QStringLiteral("{}");
    QDateTime openedAt; ///< UTC
    bool operator==(const Alert &) const = default;
};

/// A person who may use the workspace.
struct User {
    QString id;
    QString username;
    QString displayName;
    QString passwordHash; ///< empty: cannot sign in
    bool disabled = false;
    bool operator==(const User &) const = default;
};

/// A user's role on one farm: owner, manager, agronomist, inspector or viewer.
struct Membership {
    QString id;
    QString userId;
    QString farmId;
    QString role = QStringLiteral("viewer");
    bool operator==(const Membership &) const = default;
};

} // namespace agro::domain

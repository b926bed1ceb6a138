#pragma once

#include "analytics/detection/conditionlink.h"
#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>

#include <optional>
#include <vector>

namespace agro::services {

/// Where a condition link can be looked for: a field whose plantings have inspected lots, or a
/// whole farm (its fields' lots together, each judged by its own field's sensors — a field
/// alone rarely has enough lots for a clear answer).
struct ConditionScope {
    QString id;   ///< field or farm id
    QString name; ///< field name, or the farm's name for a whole farm
    QString farmName;
    bool wholeFarm = false;
    int lots = 0;            ///< inspected lots from the plantings in scope
    QStringList sensorKinds; ///< kinds of the sensors on the fields in scope
};
/// Each farm with such lots, followed by its fields.
Result<std::vector<ConditionScope>> conditionScopes(store::Connection &db);

/// A condition to test: a sensor kind above (or below) a threshold on some day of the
/// `windowDays` days before a lot was produced, against an outcome of the lot's first
/// inspection: "any" (failed or held), "fail", or a rule id (the rule that decided).
struct ConditionSpec {
    QString sensorKind;
    bool above = true;
    double threshold = 0;
    int windowDays = 7;
    QString outcome = QStringLiteral("any");
};

struct ConditionTest {
    ConditionSpec spec;
    QString unit;
    analytics::detection::TwoByTwo table;
    double ratio = 0;     ///< risk ratio, exposed over the others (NaN, +∞: see riskRatio)
    double p = 1;         ///< Fisher's exact test, two-sided
    double q = 1;         ///< Benjamini–Hochberg over every test of the report
    bool notable = false; ///< q < 0.05, at least 5 exposed lots and a ratio ≥ 1.5 (or ≤ 1/1.5)
};

/// What a field's (or a farm's fields') sensors say about its lots' inspections. The scan
/// tries, for each sensor kind in scope, "above" its upper limit and the 75th/90th percentiles of
/// the lots' exposures, "below" its lower limit and the 25th/10th percentiles, against "any",
/// "fail" and each rule that decided at least 3 of the field's lots; `custom` adds one more test.
/// Tests are sorted notable first, then by p. docs/alerts.md ("Sensor conditions and QC outcomes").
struct FieldConditionReport {
    ConditionScope scope;
    int lots = 0;               ///< inspected lots from the plantings in scope
    int lotsWithSensorData = 0; ///< of which some sensor kind covers the window before production
    QStringList outcomes;       ///< outcomes tested ("any", "fail", rule ids)
    QStringList sensorKinds;
    std::vector<ConditionTest> tests;
};
/// `scope`: a field's id or name, or a farm's (the whole farm).
Result<FieldConditionReport> fieldConditions(store::Connection &db, const QString &scope,
                                             const std::optional<ConditionSpec> &custom = {});

/// Plain words for an outcome ("are failed or held"), a condition ("soil moisture above 40 %")
/// and a whole test ("Lots from North 3 are stopped by rule produce-overripe 3.2× as often
/// after …").
QString outcomeText(const QString &outcome);
QString conditionText(const ConditionTest &t);
QString conditionSentence(const ConditionTest &t, const ConditionScope &scope);

class FieldConditionService {
public:
    static QCoro::Task<Result<std::vector<ConditionScope>>> scopes(QString workspace);
    static QCoro::Task<Result<FieldConditionReport>> report(QString workspace, QString scope,
                                                            std::optional<ConditionSpec> custom);
};

} // namespace agro::services

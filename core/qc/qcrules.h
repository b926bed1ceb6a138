#pragma once

#include "qcschema.h"

#include <QDate>
#include <QJsonObject>

namespace agro::qc {

/// A problem with one field's value: the form shows it next to the field.
struct FieldProblem {
    QString field;
    QString message;
};

/// What a form's values amount to under its schema.
struct Evaluation {
    Disposition disposition = Disposition::Pass;
    const Rule *decidedBy = nullptr;     ///< the rule that decided; null for a pass
    std::vector<const Rule *> fired;     ///< every rule that holds, in schema order
    std::vector<FieldProblem> problems;  ///< missing or invalid values
    bool complete() const { return problems.empty(); }
    /// "fail — Temperature must be 1–4 °C (rule dairy-temperature)", "pass — all limits met".
    QString summary() const;
};

/// Validates `values` (field key → number, true/false, option, text, "YYYY-MM-DD") against the
/// schema and applies its rules: the most severe outcome of the rules that hold decides
/// (fail > hold > pass), and the first rule in the schema's order with that outcome is the one
/// shown. A condition on a missing value does not hold (except "missing"). `inspectedOn` is the
/// day "days ahead" counts from.
Evaluation evaluate(const Schema &schema, const QJsonObject &values, const QDate &inspectedOn);

/// True when the value is absent: undefined, null or blank text.
bool isMissing(const QJsonValue &v);

} // namespace agro::qc

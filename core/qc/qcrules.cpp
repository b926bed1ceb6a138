#include "qcrules.h"

#include <QCoreApplication>

#include <cmath>

namespace agro::qc {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agro::qc", s);
}

bool holds(const Condition &c, const QJsonObject &values, const QDate &on) {
    const QJsonValue v = values.value(c.field);
    if (c.op == Condition::Op::Missing)
        return isMissing(v);
    if (isMissing(v))
        return false;
    switch (c.op) {
    case Condition::Op::Below:
        return v.isDouble() && v.toDouble() < c.a;
    case Condition::Op::Above:
        return v.isDouble() && v.toDouble() > c.a;
    case Condition::Op::Outside:
        return v.isDouble() && (v.toDouble() < c.a || v.toDouble() > c.b);
    case Condition::Op::Equals:
        return v == c.value;
    case Condition::Op::NotEquals:
        return v != c.value;
    case Condition::Op::In:
        return v.isString() && c.values.contains(v.toString());
    case Condition::Op::DaysAheadBelow: {
        const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
        return d.isValid() && on.isValid() && double(on.daysTo(d)) < c.a;
    }
    case Condition::Op::Missing:
        break;
    }
    return false;
}

bool holds(const When &w, const QJsonObject &values, const QDate &on) {
    if (w.any) {
        for (const auto &c : w.conditions)
            if (holds(c, values, on))
                return true;
        return false;
    }
    for (const auto &c : w.conditions)
        if (!holds(c, values, on))
            return false;
    return !w.conditions.empty();
}

int rank(Disposition d) {
    return d == Disposition::Fail ? 2 : d == Disposition::Hold ? 1 : 0;
}

QString number(double x) {
    return QString::number(x, 'g', 10);
}
} // namespace

bool isMissing(const QJsonValue &v) {
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty());
}

QString Evaluation::summary() const {
    if (!decidedBy)
        return tr("pass — all limits met");
    return tr("%1 — %2 (rule %3)")
        .arg(QLatin1String(dispositionKey(disposition)), decidedBy->message, decidedBy->id);
}

Evaluation evaluate(const Schema &schema, const QJsonObject &values, const QDate &inspectedOn) {
    Evaluation e;
    for (const Field &f : schema.fields) {
        const QJsonValue v = values.value(f.key);
        if (isMissing(v)) {
            if (f.required)
                e.problems.push_back({f.key, tr("Required.")});
            else if (f.requiredIf && holds(*f.requiredIf, values, inspectedOn))
                e.problems.push_back({f.key, tr("Required here, given the other answers.")});
            continue;
        }
        switch (f.type) {
        case FieldType::Number: {
            if (!v.isDouble() || !std::isfinite(v.toDouble())) {
                e.problems.push_back({f.key, tr("Must be a number.")});
                break;
            }
            const double x = v.toDouble();
            // The plausible range catches typos (60 for 6.0); it is not an acceptance limit.
            if (x < f.min || x > f.max)
                e.problems.push_back(
                    {f.key, tr("Must be between %1 and %2%3.")
                                .arg(number(f.min), number(f.max),
                                     f.unit.isEmpty() ? QString() : QStringLiteral(" ") + f.unit)});
            else if (f.decimals >= 0) {
                const double scaled = x * std::pow(10.0, f.decimals);
                if (std::abs(scaled - std::round(scaled)) > 1e-6)
                    e.problems.push_back({f.key, tr("At most %1 decimals.").arg(f.decimals)});
            }
            break;
        }
        case FieldType::YesNo:
            if (!v.isBool())
                e.problems.push_back({f.key, tr("Must be yes or no.")});
            break;
        case FieldType::Choice:
            if (!v.isString() || !f.options.contains(v.toString()))
                e.problems.push_back(
                    {f.key, tr("Choose one of: %1.").arg(f.options.join(QStringLiteral(", ")))});
            break;
        case FieldType::Date:
            if (!v.isString() || !QDate::fromString(v.toString(), Qt::ISODate).isValid())
                e.problems.push_back({f.key, tr("Not a date (YYYY-MM-DD).")});
            break;
        case FieldType::Text:
        case FieldType::Photo:
            if (!v.isString())
                e.problems.push_back({f.key, tr("Must be text.")});
            break;
        }
    }
    for (const Rule &r : schema.rules) {
        if (!holds(r.when, values, inspectedOn))
            continue;
        e.fired.push_back(&r);
        if (rank(r.then) > rank(e.disposition)) {
            e.disposition = r.then;
            e.decidedBy = &r;
        }
    }
    return e;
}

} // namespace agro::qc

#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace agro::qc {

/// What an inspection form asks for. The format is documented in docs/qc-schemas.md.
enum class FieldType { Number, Choice, YesNo, Text, Date, Photo };
const char *fieldTypeKey(FieldType t);

/// A test on one field's value, used by rules and by "required_if".
struct Condition {
    enum class Op {
        Below,          ///< number < a
        Above,          ///< number > a
        Outside,        ///< number < a or number > b
        Equals,         ///< value == value (number, choice, yes/no)
        NotEquals,      ///< value != value
        In,             ///< choice among values
        DaysAheadBelow, ///< date − inspection date < a days
        Missing,        ///< no value given
    };
    QString field;
    Op op = Op::Equals;
    double a = 0, b = 0;
    QJsonValue value;
    QStringList values;
};

/// Several conditions: all must hold, or any one (a single condition is "all" of one).
struct When {
    bool any = false;
    std::vector<Condition> conditions;
};

enum class Disposition { Pass, Hold, Fail };
const char *dispositionKey(Disposition d); ///< "pass", "hold", "fail"

/// When `when` holds, the inspection is at least `then`; the most severe rule decides, the
/// first such rule in the schema's order is the one shown.
struct Rule {
    QString id;
    When when;
    Disposition then = Disposition::Hold;
    QString message; ///< what the inspector reads: "Temperature must be 1–4 °C"
};

struct Field {
    QString key;
    QString label;
    FieldType type = FieldType::Text;
    QString unit;
    QString help;
    bool required = false;
    std::optional<When> requiredIf;
    double min = -std::numeric_limits<double>::infinity(); ///< plausible range of a number
    double max = std::numeric_limits<double>::infinity();
    int decimals = -1;   ///< -1: any
    QStringList options; ///< for a choice
};

struct Schema {
    QString category; ///< the kind it is for: produce, dairy, protein, or an admin's own
    QString title;
    int version = 1;
    std::vector<Field> fields;
    std::vector<Rule> rules;
    const Field *field(const QString &key) const;
};

/// Parses and checks a schema. Anything malformed — bad JSON, a missing or unknown property,
/// a wrong type, an unknown field type or operator, an operator that does not fit the field's
/// type, a rule or condition naming a field that does not exist, duplicate keys or rule ids,
/// a choice without options, min above max — is refused with a BadSchema error naming
/// `source`, the line and column, and the JSON path of the offending value.
Result<Schema> parseSchema(const QByteArray &json, const QString &source);

/// The schema as JSON, in the format parseSchema reads (what the schema editor saves).
QByteArray schemaToJson(const Schema &s);

/// The built-in schemas shipped in resources/qc: produce, dairy, protein.
QStringList builtinSchemaKinds();
Result<Schema> builtinSchema(const QString &kind);
QByteArray builtinSchemaJson(const QString &kind);

} // namespace agro::qc

#include "qcschema.h"

#include "jsonlocator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace agro::qc {

namespace {

constexpr const char *kFormat = "agrodesk.qc-schema";

struct Names {
    const char *key;
    FieldType type;
};
constexpr Names kTypes[] = {{"number", FieldType::Number}, {"choice", FieldType::Choice},
                            {"yesno", FieldType::YesNo},   {"text", FieldType::Text},
                            {"date", FieldType::Date},     {"photo", FieldType::Photo}};

/// Reads a schema with one running error: the first problem found stops the parse.
class Reader {
public:
    Reader(const QByteArray &json, QString source)
        : m_locator(json)
        , m_source(std::move(source)) {}

    std::optional<Error> error;

    bool fail(const QString &path, const QString &message) {
        if (error)
            return false;
        Error e = Error::make(ErrorCode::BadSchema, message);
        e.file = m_source;
        const auto [line, column] = m_locator.lineColumn(path);
        e.line = line;
        e.column = column;
        e.field = path.isEmpty() ? QStringLiteral("the top level") : path;
        error = e;
        return false;
    }

    /// Only `allowed` properties: a misspelt one is an error, not silently ignored.
    bool onlyKnown(const QJsonObject &o, const QString &path, std::initializer_list<const char *> allowed) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool ok = false;
            for (const char *a : allowed)
                ok = ok || it.key() == QLatin1String(a);
            if (!ok) {
                QStringList names;
                for (const char *a : allowed)
                    names << QString::fromLatin1(a);
                return fail(join(path, it.key()),
                            QStringLiteral("unknown property “%1” (expected one of: %2)")
                                .arg(it.key(), names.join(QStringLiteral(", "))));
            }
        }
        return true;
    }

    static QString join(const QString &path, const QString &key) {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

    std::optional<QString> string(const QJsonObject &o, const QString &path, const char *key,
                                  bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(path, QStringLiteral("“%1” is required").arg(QLatin1String(key)));
            return std::nullopt;
        }
        if (!v.isString()) {
            fail(join(path, QLatin1String(key)), QStringLiteral("must be text"));
            return std::nullopt;
        }
        return v.toString();
    }

    std::optional<double> number(const QJsonObject &o, const QString &path, const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(join(path, QLatin1String(key)), QStringLiteral("must be a number"));
            return std::nullopt;
        }
        return v.toDouble();
    }

private:
    JsonLocator m_locator;
    QString m_source;
};

bool numeric(FieldType t) {
    return t == FieldType::Number;
}

/// Parses one condition {"field": …, "<op>": …}.
std::optional<Condition> parseCondition(Reader &r, const QJsonValue &v, const QString &path,
                                        const std::vector<Field> &fields) {
    if (!v.isObject()) {
        r.fail(path, QStringLiteral("a condition must be an object"));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    if (!r.onlyKnown(o, path,
                     {"field", "below", "above", "outside", "equals", "not_equals", "in",
                      "days_ahead_below", "missing"}))
        return std::nullopt;
    Condition c;
    const auto name = r.string(o, path, "field", true);
    if (!name)
        return std::nullopt;
    c.field = *name;
    const Field *f = nullptr;
    for (const auto &x : fields)
        if (x.key == c.field)
            f = &x;
    if (!f) {
        r.fail(Reader::join(path, QStringLiteral("field")),
               QStringLiteral("no field “%1” in this schema").arg(c.field));
        return std::nullopt;
    }
    int ops = 0;
    for (const char *k : {"below", "above", "outside", "equals", "not_equals", "in",
                          "days_ahead_below", "missing"})
        ops += o.contains(QLatin1String(k)) ? 1 : 0;
    if (ops != 1) {
        r.fail(path, QStringLiteral("a condition needs exactly one test (below, above, outside, "
                                    "equals, not_equals, in, days_ahead_below, missing)"));
        return std::nullopt;
    }
    auto needType = [&](const char *op, bool ok, const char *what) {
        if (!ok)
            r.fail(Reader::join(path, QLatin1String(op)),
                   QStringLiteral("“%1” applies to %2 fields, and “%3” is a %4 field")
                       .arg(QLatin1String(op), QLatin1String(what), f->key,
                            QLatin1String(fieldTypeKey(f->type))));
        return ok;
    };
    if (o.contains(QLatin1String("below")) || o.contains(QLatin1String("above"))) {
        const char *op = o.contains(QLatin1String("below")) ? "below" : "above";
        if (!needType(op, numeric(f->type), "number"))
            return std::nullopt;
        const auto a = r.number(o, path, op);
        if (!a)
            return r.error ? std::nullopt : std::optional<Condition>{};
        c.op = op[0] == 'b' ? Condition::Op::Below : Condition::Op::Above;
        c.a = *a;
        return c;
    }
    if (o.contains(QLatin1String("outside"))) {
        if (!needType("outside", numeric(f->type), "number"))
            return std::nullopt;
        const QJsonValue range = o.value(QLatin1String("outside"));
        const QJsonArray arr = range.toArray();
        if (!range.isArray() || arr.size() != 2 || !arr[0].isDouble() || !arr[1].isDouble() ||
            arr[0].toDouble() > arr[1].toDouble()) {
            r.fail(Reader::join(path, QStringLiteral("outside")),
                   QStringLiteral("must be [low, high] with low ≤ high"));
            return std::nullopt;
        }
        c.op = Condition::Op::Outside;
        c.a = arr[0].toDouble();
        c.b = arr[1].toDouble();
        return c;
    }
    if (o.contains(QLatin1String("days_ahead_below"))) {
        if (!needType("days_ahead_below", f->type == FieldType::Date, "date"))
            return std::nullopt;
        const auto a = r.number(o, path, "days_ahead_below");
        if (!a)
            return std::nullopt;
        c.op = Condition::Op::DaysAheadBelow;
        c.a = *a;
        return c;
    }
    if (o.contains(QLatin1String("missing"))) {
        if (o.value(QLatin1String("missing")) != QJsonValue(true)) {
            r.fail(Reader::join(path, QStringLiteral("missing")), QStringLiteral("must be true"));
            return std::nullopt;
        }
        c.op = Condition::Op::Missing;
        return c;
    }
    if (o.contains(QLatin1String("in"))) {
        if (!needType("in", f->type == FieldType::Choice, "choice"))
            return std::nullopt;
        const QJsonValue list = o.value(QLatin1String("in"));
        if (!list.isArray() || list.toArray().isEmpty()) {
            r.fail(Reader::join(path, QStringLiteral("in")),
                   QStringLiteral("must be a non-empty list of options"));
            return std::nullopt;
        }
        const QJsonArray arr = list.toArray();
        for (int i = 0; i < arr.size(); ++i) {
            if (!arr[i].isString() || !f->options.contains(arr[i].toString())) {
                r.fail(QStringLiteral("%1.in[%2]").arg(path).arg(i),
                       QStringLiteral("“%1” is not an option of “%2” (%3)")
                           .arg(arr[i].toVariant().toString(), f->key,
                                f->options.join(QStringLiteral(", "))));
                return std::nullopt;
            }
            c.values << arr[i].toString();
        }
        c.op = Condition::Op::In;
        return c;
    }
    // equals / not_equals: the value must fit the field.
    const bool eq = o.contains(QLatin1String("equals"));
    const char *op = eq ? "equals" : "not_equals";
    const QJsonValue val = o.value(QLatin1String(op));
    bool fits = false;
    switch (f->type) {
    case FieldType::Number:
        fits = val.isDouble();
        break;
    case FieldType::YesNo:
        fits = val.isBool();
        break;
    case FieldType::Choice:
        fits = val.isString() && f->options.contains(val.toString());
        break;
    case FieldType::Text:
        fits = val.isString();
        break;
    case FieldType::Date:
    case FieldType::Photo:
        fits = false;
        break;
    }
    if (!fits) {
        r.fail(Reader::join(path, QLatin1String(op)),
               QStringLiteral("does not fit “%1”, a %2 field%3")
                   .arg(f->key, QLatin1String(fieldTypeKey(f->type)),
                        f->type == FieldType::Choice
                            ? QStringLiteral(" with options %1").arg(f->options.join(QStringLiteral(", ")))
                            : QString()));
        return std::nullopt;
    }
    c.op = eq ? Condition::Op::Equals : Condition::Op::NotEquals;
    c.value = val;
    return c;
}

/// A "when": one condition, or {"all": [...]} / {"any": [...]}.
std::optional<When> parseWhen(Reader &r, const QJsonValue &v, const QString &path,
                              const std::vector<Field> &fields) {
    When w;
    const QJsonObject o = v.toObject();
    if (v.isObject() && (o.contains(QLatin1String("all")) || o.contains(QLatin1String("any")))) {
        if (!r.onlyKnown(o, path, {"all", "any"}))
            return std::nullopt;
        if (o.size() != 1) {
            r.fail(path, QStringLiteral("use “all” or “any”, not both"));
            return std::nullopt;
        }
        w.any = o.contains(QLatin1String("any"));
        const QString key = w.any ? QStringLiteral("any") : QStringLiteral("all");
        const QJsonValue list = o.value(key);
        if (!list.isArray() || list.toArray().isEmpty()) {
            r.fail(Reader::join(path, key), QStringLiteral("must be a non-empty list of conditions"));
            return std::nullopt;
        }
        const QJsonArray arr = list.toArray();
        for (int i = 0; i < arr.size(); ++i) {
            auto c = parseCondition(r, arr[i], QStringLiteral("%1.%2[%3]").arg(path, key).arg(i), fields);
            if (!c)
                return std::nullopt;
            w.conditions.push_back(*c);
        }
        return w;
    }
    auto c = parseCondition(r, v, path, fields);
    if (!c)
        return std::nullopt;
    w.conditions.push_back(*c);
    return w;
}

std::optional<Field> parseField(Reader &r, const QJsonValue &v, const QString &path) {
    if (!v.isObject()) {
        r.fail(path, QStringLiteral("a field must be an object"));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    if (!r.onlyKnown(o, path,
                     {"key", "label", "type", "unit", "help", "required", "required_if", "min",
                      "max", "decimals", "options"}))
        return std::nullopt;
    Field f;
    const auto key = r.string(o, path, "key", true);
    if (!key)
        return std::nullopt;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    if (!keyPattern.match(*key).hasMatch()) {
        r.fail(Reader::join(path, QStringLiteral("key")),
               QStringLiteral("“%1” is not a valid key (lower-case letters, digits and _, "
                              "starting with a letter, at most 40)")
                   .arg(*key));
        return std::nullopt;
    }
    f.key = *key;
    const auto label = r.string(o, path, "label", true);
    if (!label)
        return std::nullopt;
    if (label->trimmed().isEmpty()) {
        r.fail(Reader::join(path, QStringLiteral("label")), QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    f.label = *label;
    const auto type = r.string(o, path, "type", true);
    if (!type)
        return std::nullopt;
    bool known = false;
    for (const auto &t : kTypes)
        if (*type == QLatin1String(t.key)) {
            f.type = t.type;
            known = true;
        }
    if (!known) {
        r.fail(Reader::join(path, QStringLiteral("type")),
               QStringLiteral("unknown type “%1” (expected number, choice, yesno, text, date or "
                              "photo)")
                   .arg(*type));
        return std::nullopt;
    }
    f.unit = r.string(o, path, "unit", false).value_or(QString());
    f.help = r.string(o, path, "help", false).value_or(QString());
    if (r.error)
        return std::nullopt;
    if (o.contains(QLatin1String("required"))) {
        if (!o.value(QLatin1String("required")).isBool()) {
            r.fail(Reader::join(path, QStringLiteral("required")), QStringLiteral("must be true or false"));
            return std::nullopt;
        }
        f.required = o.value(QLatin1String("required")).toBool();
    }
    const bool isNumber = f.type == FieldType::Number;
    for (const char *k : {"min", "max", "decimals"})
        if (o.contains(QLatin1String(k)) && !isNumber) {
            r.fail(Reader::join(path, QLatin1String(k)),
                   QStringLiteral("only number fields have “%1”").arg(QLatin1String(k)));
            return std::nullopt;
        }
    if (const auto mn = r.number(o, path, "min"))
        f.min = *mn;
    if (const auto mx = r.number(o, path, "max"))
        f.max = *mx;
    if (const auto d = r.number(o, path, "decimals")) {
        if (*d < 0 || *d > 6 || std::floor(*d) != *d) {
            r.fail(Reader::join(path, QStringLiteral("decimals")), QStringLiteral("must be a whole number from 0 to 6"));
            return std::nullopt;
        }
        f.decimals = int(*d);
    }
    if (r.error)
        return std::nullopt;
    if (f.min > f.max) {
        r.fail(Reader::join(path, QStringLiteral("min")),
               QStringLiteral("min %1 is above max %2").arg(f.min).arg(f.max));
        return std::nullopt;
    }
    if (f.type == FieldType::Choice) {
        const QJsonValue opts = o.value(QLatin1String("options"));
        if (!opts.isArray() || opts.toArray().size() < 2) {
            r.fail(Reader::join(path, QStringLiteral("options")),
                   QStringLiteral("a choice needs a list of at least two options"));
            return std::nullopt;
        }
        const QJsonArray arr = opts.toArray();
        for (int i = 0; i < arr.size(); ++i) {
            const QString opt = arr[i].toString();
            if (!arr[i].isString() || opt.trimmed().isEmpty() || f.options.contains(opt)) {
                r.fail(QStringLiteral("%1.options[%2]").arg(path).arg(i),
                       QStringLiteral("options must be distinct, non-empty text"));
                return std::nullopt;
            }
            f.options << opt;
        }
    } else if (o.contains(QLatin1String("options"))) {
        r.fail(Reader::join(path, QStringLiteral("options")), QStringLiteral("only choice fields have options"));
        return std::nullopt;
    }
    return f;
}

} // namespace

const char *fieldTypeKey(FieldType t) {
    for (const auto &n : kTypes)
        if (n.type == t)
            return n.key;
    return "text";
}

const char *dispositionKey(Disposition d) {
    switch (d) {
    case Disposition::Pass:
        return "pass";
    case Disposition::Hold:
        return "hold";
    case Disposition::Fail:
        break;
    }
    return "fail";
}

const Field *Schema::field(const QString &key) const {
    for (const auto &f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

Result<Schema> parseSchema(const QByteArray &json, const QString &source) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        Error e = Error::make(ErrorCode::BadSchema,
                              QStringLiteral("not valid JSON: %1").arg(pe.errorString()));
        e.file = source;
        // Line and column of the parser's offset, counted in the text itself.
        int l = 1;
        qsizetype start = 0;
        const qsizetype at = std::clamp<qsizetype>(pe.offset, 0, json.size());
        for (qsizetype i = 0; i < at; ++i)
            if (json[i] == '\n') {
                ++l;
                start = i + 1;
            }
        e.line = l;
        e.column = int(QString::fromUtf8(json.mid(start, at - start)).size()) + 1;
        return e;
    }
    Reader r(json, source);
    if (!doc.isObject()) {
        r.fail(QString(), QStringLiteral("a schema is a JSON object"));
        return *r.error;
    }
    const QJsonObject o = doc.object();
    if (!r.onlyKnown(o, QString(), {"format", "category", "title", "version", "fields", "rules"}))
        return *r.error;
    const auto format = r.string(o, QString(), "format", true);
    if (!format)
        return *r.error;
    if (*format != QLatin1String(kFormat)) {
        r.fail(QStringLiteral("format"),
               QStringLiteral("expected “%1”, found “%2”").arg(QLatin1String(kFormat), *format));
        return *r.error;
    }
    Schema s;
    const auto category = r.string(o, QString(), "category", true);
    if (!category)
        return *r.error;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    if (!keyPattern.match(*category).hasMatch()) {
        r.fail(QStringLiteral("category"),
               QStringLiteral("“%1” is not a valid category key (lower-case letters, digits, _)")
                   .arg(*category));
        return *r.error;
    }
    s.category = *category;
    s.title = r.string(o, QString(), "title", true).value_or(QString());
    if (r.error)
        return *r.error;
    const QJsonValue version = o.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() < 1 ||
        std::floor(version.toDouble()) != version.toDouble() || version.toDouble() > 1e6) {
        r.fail(version.isUndefined() ? QString() : QStringLiteral("version"),
               version.isUndefined() ? QStringLiteral("“version” is required")
                                     : QStringLiteral("must be a whole number from 1"));
        return *r.error;
    }
    s.version = version.toInt();

    const QJsonValue fields = o.value(QLatin1String("fields"));
    if (!fields.isArray() || fields.toArray().isEmpty()) {
        r.fail(fields.isUndefined() ? QString() : QStringLiteral("fields"),
               QStringLiteral("“fields” must be a non-empty list"));
        return *r.error;
    }
    const QJsonArray fa = fields.toArray();
    QSet<QString> keys;
    for (int i = 0; i < fa.size(); ++i) {
        const QString path = QStringLiteral("fields[%1]").arg(i);
        auto f = parseField(r, fa[i], path);
        if (!f)
            return *r.error;
        if (keys.contains(f->key)) {
            r.fail(path + QStringLiteral(".key"),
                   QStringLiteral("“%1” is used by an earlier field").arg(f->key));
            return *r.error;
        }
        keys.insert(f->key);
        s.fields.push_back(*f);
    }
    // required_if after every field is known (it may name a later one).
    for (int i = 0; i < fa.size(); ++i) {
        const QJsonObject fo = fa[i].toObject();
        if (!fo.contains(QLatin1String("required_if")))
            continue;
        const QString path = QStringLiteral("fields[%1].required_if").arg(i);
        auto w = parseWhen(r, fo.value(QLatin1String("required_if")), path, s.fields);
        if (!w)
            return *r.error;
        for (const auto &c : w->conditions)
            if (c.field == s.fields[size_t(i)].key) {
                r.fail(path, QStringLiteral("a field cannot be required on its own value"));
                return *r.error;
            }
        s.fields[size_t(i)].requiredIf = *w;
    }

    const QJsonValue rules = o.value(QLatin1String("rules"));
    if (!rules.isUndefined() && !rules.isArray()) {
        r.fail(QStringLiteral("rules"), QStringLiteral("must be a list"));
        return *r.error;
    }
    const QJsonArray ra = rules.toArray();
    QSet<QString> ids;
    for (int i = 0; i < ra.size(); ++i) {
        const QString path = QStringLiteral("rules[%1]").arg(i);
        if (!ra[i].isObject()) {
            r.fail(path, QStringLiteral("a rule must be an object"));
            return *r.error;
        }
        const QJsonObject ro = ra[i].toObject();
        if (!r.onlyKnown(ro, path, {"id", "when", "then", "message"}))
            return *r.error;
        Rule rule;
        const auto id = r.string(ro, path, "id", true);
        if (!id)
            return *r.error;
        if (id->trimmed().isEmpty() || ids.contains(*id)) {
            r.fail(path + QStringLiteral(".id"),
                   id->trimmed().isEmpty() ? QStringLiteral("must not be empty")
                                           : QStringLiteral("“%1” is used by an earlier rule").arg(*id));
            return *r.error;
        }
        ids.insert(*id);
        rule.id = *id;
        if (!ro.contains(QLatin1String("when"))) {
            r.fail(path, QStringLiteral("“when” is required"));
            return *r.error;
        }
        auto w = parseWhen(r, ro.value(QLatin1String("when")), path + QStringLiteral(".when"), s.fields);
        if (!w)
            return *r.error;
        rule.when = *w;
        const auto then = r.string(ro, path, "then", true);
        if (!then)
            return *r.error;
        if (*then == QLatin1String("fail"))
            rule.then = Disposition::Fail;
        else if (*then == QLatin1String("hold"))
            rule.then = Disposition::Hold;
        else {
            r.fail(path + QStringLiteral(".then"),
                   QStringLiteral("must be “fail” or “hold” (found “%1”)").arg(*then));
            return *r.error;
        }
        const auto message = r.string(ro, path, "message", true);
        if (!message)
            return *r.error;
        if (message->trimmed().isEmpty()) {
            r.fail(path + QStringLiteral(".message"), QStringLiteral("must not be empty"));
            return *r.error;
        }
        rule.message = *message;
        s.rules.push_back(rule);
    }
    return s;
}

namespace {
QJsonObject conditionJson(const Condition &c) {
    QJsonObject o{{QStringLiteral("field"), c.field}};
    switch (c.op) {
    case Condition::Op::Below:
        o.insert(QStringLiteral("below"), c.a);
        break;
    case Condition::Op::Above:
        o.insert(QStringLiteral("above"), c.a);
        break;
    case Condition::Op::Outside:
        o.insert(QStringLiteral("outside"), QJsonArray{c.a, c.b});
        break;
    case Condition::Op::Equals:
        o.insert(QStringLiteral("equals"), c.value);
        break;
    case Condition::Op::NotEquals:
        o.insert(QStringLiteral("not_equals"), c.value);
        break;
    case Condition::Op::In:
        o.insert(QStringLiteral("in"), QJsonArray::fromStringList(c.values));
        break;
    case Condition::Op::DaysAheadBelow:
        o.insert(QStringLiteral("days_ahead_below"), c.a);
        break;
    case Condition::Op::Missing:
        o.insert(QStringLiteral("missing"), true);
        break;
    }
    return o;
}
QJsonValue whenJson(const When &w) {
    if (w.conditions.size() == 1 && !w.any)
        return conditionJson(w.conditions.front());
    QJsonArray list;
    for (const auto &c : w.conditions)
        list.append(conditionJson(c));
    return QJsonObject{{w.any ? QStringLiteral("any") : QStringLiteral("all"), list}};
}
} // namespace

QByteArray schemaToJson(const Schema &s) {
    QJsonArray fields;
    for (const auto &f : s.fields) {
        QJsonObject o{{QStringLiteral("key"), f.key},
                      {QStringLiteral("label"), f.label},
                      {QStringLiteral("type"), QLatin1String(fieldTypeKey(f.type))}};
        if (!f.unit.isEmpty())
            o.insert(QStringLiteral("unit"), f.unit);
        if (!f.help.isEmpty())
            o.insert(QStringLiteral("help"), f.help);
        if (f.required)
            o.insert(QStringLiteral("required"), true);
        if (f.requiredIf)
            o.insert(QStringLiteral("required_if"), whenJson(*f.requiredIf));
        if (std::isfinite(f.min))
            o.insert(QStringLiteral("min"), f.min);
        if (std::isfinite(f.max))
            o.insert(QStringLiteral("max"), f.max);
        if (f.decimals >= 0)
            o.insert(QStringLiteral("decimals"), f.decimals);
        if (f.type == FieldType::Choice)
            o.insert(QStringLiteral("options"), QJsonArray::fromStringList(f.options));
        fields.append(o);
    }
    QJsonArray rules;
    for (const auto &r : s.rules)
        rules.append(QJsonObject{{QStringLiteral("id"), r.id},
                                 {QStringLiteral("when"), whenJson(r.when)},
                                 {QStringLiteral("then"), QLatin1String(dispositionKey(r.then))},
                                 {QStringLiteral("message"), r.message}});
    const QJsonObject doc{{QStringLiteral("format"), QLatin1String(kFormat)},
                          {QStringLiteral("category"), s.category},
                          {QStringLiteral("title"), s.title},
                          {QStringLiteral("version"), s.version},
                          {QStringLiteral("fields"), fields},
                          {QStringLiteral("rules"), rules}};
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

QStringList builtinSchemaKinds() {
    return {QStringLiteral("produce"), QStringLiteral("dairy"), QStringLiteral("protein")};
}

QByteArray builtinSchemaJson(const QString &kind) {
    QFile f(QStringLiteral(":/agrodesk/qc/%1.json").arg(kind));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

Result<Schema> builtinSchema(const QString &kind) {
    if (!builtinSchemaKinds().contains(kind))
        return Error::make(ErrorCode::NotFound, QStringLiteral("no built-in schema “%1”").arg(kind));
    return parseSchema(builtinSchemaJson(kind), QStringLiteral("resources/qc/%1.json").arg(kind));
}

} // namespace agro::qc

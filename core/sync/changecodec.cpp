#include "changecodec.h"

#include "bulkfacts.h"
#include "uuid7.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <optional>

namespace agro::sync {

namespace {

QJsonValue encodeValue(const QVariant &v) {
    if (v.isNull())
        return QJsonValue::Null;
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Bool:
        return QJsonObject{{QStringLiteral("i"), QString::number(v.toLongLong())}};
    case QMetaType::Double:
        return v.toDouble();
    case QMetaType::QByteArray:
        return QJsonObject{{QStringLiteral("b"), QString::fromLatin1(v.toByteArray().toBase64())}};
    default:
        return v.toString();
    }
}

bool isIdentifier(const QString &s) {
    static const QRegularExpression re(QStringLiteral("^_?[a-z][a-z0-9_]{0,62}$"));
    return re.match(s).hasMatch();
}

Error fieldError(int index, const char *field, const QString &what) {
    Error e = Error::make(
        ErrorCode::InvalidArgument,
        QStringLiteral("changes[%1].%2: %3").arg(index).arg(QLatin1String(field), what));
    e.field = QLatin1String(field);
    e.line = index;
    return e;
}

std::optional<std::int64_t> decodeInt(const QJsonValue &v) {
    if (!v.isString())
        return std::nullopt;
    bool ok = false;
    const qlonglong x = v.toString().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return x;
}

} // namespace

bool isValidNodeId(const QString &node) {
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{1,32}$"));
    return re.match(node).hasMatch();
}

QJsonObject encodeChange(const Change &c) {
    QJsonObject o{{QStringLiteral("t"), c.table},
                  {QStringLiteral("r"), c.rowId},
                  {QStringLiteral("c"), c.column},
                  {QStringLiteral("v"), encodeValue(c.value)},
                  {QStringLiteral("h"), QString::number(c.version.hlc)},
                  {QStringLiteral("n"), c.version.node},
                  {QStringLiteral("f"), c.farmId}};
    if (!c.base.isNull()) {
        o.insert(QStringLiteral("bh"), QString::number(c.base.hlc));
        o.insert(QStringLiteral("bn"), c.base.node);
    }
    if (!c.author.isEmpty())
        o.insert(QStringLiteral("a"), c.author);
    if (c.seq)
        o.insert(QStringLiteral("s"), QString::number(c.seq));
    return o;
}

QJsonArray encodeChanges(const Changes &changes) {
    QJsonArray a;
    for (const Change &c : changes)
        a.append(encodeChange(c));
    return a;
}

Result<Changes> decodeChanges(const QJsonValue &json, int maxCount) {
    if (!json.isArray())
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("changes: not an array"));
    const QJsonArray array = json.toArray();
    if (array.size() > maxCount)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("changes: %1 entries, at most %2 per message")
                               .arg(array.size())
                               .arg(maxCount));
    Changes out;
    out.reserve(static_cast<size_t>(array.size()));
    for (int i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            return fieldError(i, "", QStringLiteral("not an object"));
        const QJsonObject o = array[i].toObject();
        Change c;
        c.table = o.value(QStringLiteral("t")).toString();
        const bool bulk = c.table == bulkBatchesTable();
        if (!isSyncedTable(c.table) && !bulk)
            return fieldError(i, "t", QStringLiteral("not a synced table"));
        c.rowId = o.value(QStringLiteral("r")).toString();
        if (!Uuid7Generator::isValid(c.rowId))
            return fieldError(i, "r", QStringLiteral("not a UUIDv7"));
        c.column = o.value(QStringLiteral("c")).toString();
        if (bulk) {
            // A bulk batch: its header names the fact table, its chunks carry rows.
            if (!isBulkFactTable(c.column) && c.column != bulkRowsColumn())
                return fieldError(i, "c", QStringLiteral("not a bulk fact table"));
        } else if (!isIdentifier(c.column) || c.column == QLatin1String("id") ||
                   c.column == QLatin1String("lid") ||
                   (c.column.startsWith(QLatin1Char('_')) && c.column != deletedColumn()))
            return fieldError(i, "c", QStringLiteral("not a column name"));
        const QJsonValue v = o.value(QStringLiteral("v"));
        if (v.isNull() || v.isUndefined()) {
            if (v.isUndefined())
                return fieldError(i, "v", QStringLiteral("missing"));
        } else if (v.isDouble()) {
            c.value = v.toDouble();
        } else if (v.isString()) {
            c.value = v.toString();
        } else if (v.isObject() && v.toObject().size() == 1) {
            const QJsonObject tagged = v.toObject();
            if (tagged.contains(QStringLiteral("i"))) {
                auto x = decodeInt(tagged.value(QStringLiteral("i")));
                if (!x)
                    return fieldError(i, "v", QStringLiteral("not an integer"));
                c.value = static_cast<qlonglong>(*x);
            } else if (tagged.value(QStringLiteral("b")).isString()) {
                auto bytes = QByteArray::fromBase64Encoding(
                    tagged.value(QStringLiteral("b")).toString().toLatin1(),
                    QByteArray::AbortOnBase64DecodingErrors);
                if (!bytes)
                    return fieldError(i, "v", QStringLiteral("not base64"));
                c.value = *bytes;
            } else {
                return fieldError(i, "v", QStringLiteral("unknown value type"));
            }
        } else {
            return fieldError(i, "v", QStringLiteral("unknown value type"));
        }
        if (c.isDelete() && !c.value.isNull() && c.value.typeId() != QMetaType::QString)
            return fieldError(i, "v", QStringLiteral("a deletion carries its seen versions"));
        if (isBulkHeader(c) && c.value.typeId() != QMetaType::LongLong)
            return fieldError(i, "v", QStringLiteral("a batch header carries its row count"));
        if (isBulkRows(c) && c.value.typeId() != QMetaType::QByteArray)
            return fieldError(i, "v", QStringLiteral("a chunk of rows is binary"));
        auto hlc = decodeInt(o.value(QStringLiteral("h")));
        if (!hlc || *hlc <= 0)
            return fieldError(i, "h", QStringLiteral("not a clock value"));
        c.version.hlc = *hlc;
        c.version.node = o.value(QStringLiteral("n")).toString();
        if (!isValidNodeId(c.version.node))
            return fieldError(i, "n", QStringLiteral("not a node id"));
        const QJsonValue farm = o.value(QStringLiteral("f"));
        if (!farm.isString() && !farm.isUndefined())
            return fieldError(i, "f", QStringLiteral("not a farm id"));
        c.farmId = farm.toString();
        if (!c.farmId.isEmpty() && !Uuid7Generator::isValid(c.farmId))
            return fieldError(i, "f", QStringLiteral("not a farm id"));
        if (o.contains(QStringLiteral("bh")) || o.contains(QStringLiteral("bn"))) {
            auto bh = decodeInt(o.value(QStringLiteral("bh")));
            if (!bh || *bh <= 0)
                return fieldError(i, "bh", QStringLiteral("not a clock value"));
            c.base = {*bh, o.value(QStringLiteral("bn")).toString()};
            if (!isValidNodeId(c.base.node))
                return fieldError(i, "bn", QStringLiteral("not a node id"));
        }
        const QJsonValue author = o.value(QStringLiteral("a"));
        if (!author.isUndefined() && !author.isString())
            return fieldError(i, "a", QStringLiteral("not a user name"));
        c.author = author.toString().left(64);
        if (o.contains(QStringLiteral("s"))) {
            auto seq = decodeInt(o.value(QStringLiteral("s")));
            if (!seq || *seq < 0)
                return fieldError(i, "s", QStringLiteral("not a sequence number"));
            c.seq = *seq;
        }
        out.push_back(std::move(c));
    }
    return out;
}

QString encodeSeenVersions(const std::map<QString, Version> &seen) {
    QJsonObject o;
    for (const auto &[col, v] : seen)
        o.insert(col, QString(QString::number(v.hlc) + QLatin1Char(':') + v.node));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::map<QString, Version> decodeSeenVersions(const QString &json) {
    std::map<QString, Version> out;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString s = it.value().toString();
        const qsizetype colon = s.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        bool ok = false;
        const qlonglong hlc = s.left(colon).toLongLong(&ok);
        if (ok)
            out[it.key()] = {hlc, s.mid(colon + 1)};
    }
    return out;
}

} // namespace agro::sync

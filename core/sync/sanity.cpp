#include "sanity.h"

#include "change.h"
#include "store/contenthash.h"

#include <QCryptographicHash>

namespace agro::sync {

namespace {

Result<TableDigest> tableDigest(store::Connection &db, const QString &table, const QString &farm) {
    // Column names come from the schema, never from input.
    auto cols = db.columns(table);
    if (!cols.ok())
        return cols.error();
    QStringList names;
    for (const store::ColumnInfo &c : cols.value())
        if (c.name != QLatin1String("lid"))
            names.push_back(c.name);
    const QString scope = table == QLatin1String("farms") ? QStringLiteral("id = ?1")
                                                          : QStringLiteral("farm_id IS ?1");
    const QString sql = QStringLiteral("SELECT ") + names.join(QStringLiteral(", ")) +
                        QStringLiteral(" FROM ") + table + QStringLiteral(" WHERE ") + scope +
                        QStringLiteral(" ORDER BY id");
    auto st = db.prepare(sql.toStdString());
    if (!st.ok())
        return st.error();
    st->bind(1, farm.isEmpty() ? QString() : farm);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    TableDigest d;
    const int n = static_cast<int>(names.size());
    AGRO_TRY(st->forEachRow([&] {
        ++d.rows;
        for (int c = 0; c < n; ++c)
            store::addValue(hash, st->variant(c));
    }));
    d.sha256 = hash.result().toHex();
    return d;
}

} // namespace

Result<Digest> computeDigest(store::Connection &db, const QStringList &farms, bool withShared) {
    Digest out;
    QStringList scopes = farms;
    if (withShared)
        scopes.push_back(QString());
    for (const QString &farm : std::as_const(scopes)) {
        FarmDigest &fd = out[farm];
        for (const QString &table : syncedTables()) {
            if (farm.isEmpty() && table == QLatin1String("farms"))
                continue;
            auto d = tableDigest(db, table, farm);
            if (!d.ok())
                return d.error();
            fd[table] = d.value();
        }
    }
    return out;
}

QJsonObject encodeDigest(const Digest &d) {
    QJsonObject out;
    for (const auto &[farm, tables] : d) {
        QJsonObject t;
        for (const auto &[table, digest] : tables)
            t.insert(table,
                     QJsonObject{{QStringLiteral("rows"), QString::number(digest.rows)},
                                 {QStringLiteral("sha256"), QString::fromLatin1(digest.sha256)}});
        out.insert(farm.isEmpty() ? QStringLiteral("shared") : farm, t);
    }
    return out;
}

Result<Digest> decodeDigest(const QJsonObject &o) {
    Digest out;
    for (auto f = o.begin(); f != o.end(); ++f) {
        if (!f.value().isObject())
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("digest %1: not an object").arg(f.key()));
        const QString farm = f.key() == QLatin1String("shared") ? QString() : f.key();
        const QJsonObject tables = f.value().toObject();
        for (auto t = tables.begin(); t != tables.end(); ++t) {
            const QJsonObject e = t.value().toObject();
            TableDigest d;
            d.rows = e.value(QStringLiteral("rows")).toString().toLongLong();
            d.sha256 = e.value(QStringLiteral("sha256")).toString().toLatin1();
            out[farm][t.key()] = d;
        }
    }
    return out;
}

QStringList compareDigests(const Digest &here, const Digest &there) {
    QStringList out;
    for (const auto &[farm, tables] : here) {
        auto other = there.find(farm);
        const QString name = farm.isEmpty() ? QStringLiteral("shared") : farm;
        if (other == there.end()) {
            out.push_back(QStringLiteral("%1: not on the server").arg(name));
            continue;
        }
        for (const auto &[table, d] : tables) {
            auto o = other->second.find(table);
            if (o == other->second.end() || !(o->second == d))
                out.push_back(QStringLiteral("%1/%2: %3 rows here, %4 there")
                                  .arg(name, table)
                                  .arg(d.rows)
                                  .arg(o == other->second.end() ? -1 : o->second.rows));
        }
    }
    return out;
}

} // namespace agro::sync

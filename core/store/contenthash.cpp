#include "contenthash.h"

#include <QCryptographicHash>
#include <QStringList>

#include <map>

#include <sqlite3.h>

namespace agro::store {

namespace {
Result<QStringList> primaryKeyOrder(Connection &db, const QString &table) {
    auto columns = db.columns(table);
    if (!columns.ok())
        return columns.error();
    std::map<int, QString> key;
    QStringList all;
    for (const ColumnInfo &c : columns.value()) {
        all.push_back(c.name);
        if (c.primaryKeyPosition > 0)
            key[c.primaryKeyPosition] = c.name;
    }
    QStringList cols;
    for (const auto &[position, name] : key)
        cols.push_back(name);
    if (cols.isEmpty()) // no key: insertion order on SQLite; every column on PostgreSQL
        return db.isPostgres() ? all : QStringList{QStringLiteral("rowid")};
    return cols;
}
} // namespace

void addValue(QCryptographicHash &hash, const QVariant &v) {
    const char tag = v.isNull()                            ? 'n'
                     : v.typeId() == QMetaType::LongLong   ? 'i'
                     : v.typeId() == QMetaType::Double     ? 'r'
                     : v.typeId() == QMetaType::QByteArray ? 'b'
                                                           : 't';
    hash.addData(QByteArrayView(&tag, 1));
    switch (tag) {
    case 'i': {
        const qint64 x = v.toLongLong();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&x), sizeof x));
        break;
    }
    case 'r': {
        const double x = v.toDouble();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&x), sizeof x));
        break;
    }
    case 'b':
        hash.addData(v.toByteArray());
        break;
    case 't': {
        const QByteArray s = v.toString().toUtf8();
        const qint64 len = s.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&len), sizeof len));
        hash.addData(s);
        break;
    }
    default:
        break;
    }
}

Result<QByteArray> contentHash(Connection &db) {
    auto names = db.tables();
    if (!names.ok())
        return names.error();
    return contentHash(db, names.value());
}

Result<QByteArray> contentHash(Connection &db, QStringList tables) {
    tables.sort();
    // On SQLite any table of the schema counts, its own (sqlite_stat1) included.
    QStringList present;
    {
        auto st = db.isPostgres() ? db.prepare("SELECT table_name FROM information_schema.tables "
                                               "WHERE table_schema = current_schema()")
                                  : db.prepare("SELECT name FROM sqlite_schema WHERE type = "
                                               "'table'");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { present.push_back(st->text(0)); }));
    }
    for (const QString &table : std::as_const(tables))
        if (!present.contains(table))
            return Error::make(ErrorCode::NotFound, QStringLiteral("table %1").arg(table));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &table : std::as_const(tables)) {
        auto order = primaryKeyOrder(db, table);
        if (!order.ok())
            return order.error();
        hash.addData(table.toUtf8());
        const QString sql = QStringLiteral("SELECT * FROM \"") + table +
                            QStringLiteral("\" ORDER BY ") + order->join(QStringLiteral(", "));
        auto st = db.prepare(sql.toStdString());
        if (!st.ok())
            return st.error();
        const int n = st->columnCount();
        for (;;) {
            auto row = st->step();
            if (!row.ok())
                return row.error();
            if (!row.value())
                break;
            for (int c = 0; c < n; ++c)
                addValue(hash, st->variant(c));
        }
    }
    return hash.result();
}

} // namespace agro::store

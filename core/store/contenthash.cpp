#include "contenthash.h"

#include <QCryptographicHash>
#include <QStringList>

#include <sqlite3.h>

namespace agro::store {

namespace {
Result<QStringList> primaryKeyOrder(Connection &db, const QString &table) {
    auto st = db.prepare("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
    if (!st.ok())
        return st.error();
    st->bind(1, table);
    QStringList cols;
    AGRO_TRY(st->forEachRow([&] { cols.push_back(st->text(0)); }));
    if (cols.isEmpty())
        cols.push_back(QStringLiteral("rowid"));
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
    auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                             "name NOT LIKE 'sqlite_%' ORDER BY name");
    if (!tables.ok())
        return tables.error();
    QStringList names;
    AGRO_TRY(tables->forEachRow([&] { names.push_back(tables->text(0)); }));
    return contentHash(db, names);
}

Result<QByteArray> contentHash(Connection &db, QStringList tables) {
    tables.sort();
    for (const QString &table : tables) {
        auto exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        if (!exists.ok())
            return exists.error();
        exists->bind(1, table);
        auto row = exists->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return Error::make(ErrorCode::NotFound, QStringLiteral("table %1").arg(table));
    }
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

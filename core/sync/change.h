#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <string>
#include <vector>

namespace agro::sync {

/// The version of a cell's value: who wrote it when. Total order: hybrid logical clock first,
/// then node id, so every replica picks the same winner (docs/sync.md, "Merge rule").
struct Version {
    std::int64_t hlc = 0;
    QString node;

    bool isNull() const { return node.isEmpty(); }
    friend bool operator==(const Version &, const Version &) = default;
    friend bool operator<(const Version &a, const Version &b) {
        return a.hlc != b.hlc ? a.hlc < b.hlc : a.node < b.node;
    }
};

/// The column a row's deletion is recorded under. Its value is a JSON object of the versions
/// the deleting replica had seen for each of the row's cells, so a merge can tell an edit the
/// deleter knew about from one it did not (which is then kept as a conflict).
inline QString deletedColumn() {
    return QStringLiteral("_deleted");
}

/// One cell change as it travels: (table, row id, column, value) at a version, with the
/// version it overwrote on its own replica (`base`, null for a new cell), the farm the row
/// belongs to (empty: shared catalogue), and the account the server accepted it from.
struct Change {
    QString table;
    QString rowId;
    QString column;
    QVariant value; ///< null, qint64, double, QString or QByteArray
    Version version;
    Version base;
    QString farmId;
    QString author;
    std::int64_t seq = 0; ///< the sender's sequence number (outbox or server cursor)

    bool isDelete() const { return column == deletedColumn(); }
};
using Changes = std::vector<Change>;

/// Whether `next` continues the same write as `last`: a row's cells written at once (one
/// version). Pages of the outbox and of the change feed end only between writes, so a merge
/// always gets a row's insert whole — an append-only row cannot be completed later.
inline bool continuesWrite(const Change &last, const Change &next) {
    return last.table == next.table && last.rowId == next.rowId && last.version == next.version;
}
/// How far a page may run past its limit to end between writes (more than any table's columns).
inline constexpr int kPageSlack = 256;

/// Tables whose rows sync cell by cell. Bulk fact tables (sales, readings, weather, stock
/// movements) and local caches (forecast and detection runs, drafts) do not; users and
/// memberships come from the server's accounts instead (docs/sync.md, "What syncs").
bool isSyncedTable(const QString &table);
const QStringList &syncedTables();
/// The synced tables as an SQL list: ('farms', 'fields', …).
std::string syncedTablesSqlList();
/// Tables whose rows are events: written once, never changed or deleted.
bool isAppendOnlyTable(const QString &table);

} // namespace agro::sync

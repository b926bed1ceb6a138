#pragma once

#include "change.h"
#include "common/result.h"
#include "store/sqlite.h"
#include "store/statementcache.h"

#include <functional>
#include <map>
#include <set>
#include <string>

namespace agro::sync {

/// What one merge did.
struct MergeStats {
    int received = 0;
    int applied = 0;    ///< new to this replica
    int duplicates = 0; ///< already here (a replayed or echoed change): nothing done
    int conflicts = 0;  ///< values kept in sync_conflicts
    int deletedRows = 0;
    std::int64_t bulkRows = 0; ///< bulk fact rows written (sync/bulkfacts.h)
    /// Rows whose cells are here but that the table refused (a constraint, or cells still on
    /// their way): "table id: reason". They are retried whenever another cell of the row comes.
    QStringList pendingRows;
    std::int64_t maxHlc = 0;
};

/// Merges changes into a replica — the app's workspace or the server's store, the same code
/// (docs/sync.md, "Merge rule"):
///  * every change is appended to change_log once; a change already there is a duplicate;
///  * per cell, the greatest (hlc, node) wins; the table holds the winners;
///  * a deletion is permanent and wins over edits; an edit it had not seen, and a value a
///    concurrent edit replaced, are kept in sync_conflicts with the winner beside them;
///  * an edit whose base chain contains the value it replaces overwrote it knowingly: that
///    is not a conflict.
/// The order and repetition of deliveries do not change the final tables.
class Merger {
public:
    explicit Merger(store::Connection &db);

    /// Applies `changes` in one transaction, with foreign keys off for its length (a child may
    /// arrive before its parent, or outlive a parent deleted concurrently). `detectedAt` is
    /// the time written on new conflict records. Unknown columns refuse the whole batch.
    /// `meta` entries are written to workspace_meta in the same transaction (a client's pull
    /// cursor), so a crash cannot separate the changes from the cursor that covers them.
    /// `before` runs first inside the transaction (the server authorizes there, so nothing can
    /// change between the check and the write); `after` runs last, before the commit.
    struct Hooks {
        std::map<QString, QString> meta;
        std::function<Result<void>()> before;
        std::function<Result<void>(const MergeStats &)> after;
    };
    Result<MergeStats> apply(const Changes &changes, const QString &detectedAt,
                             const std::map<QString, QString> &meta = {});
    Result<MergeStats> apply(const Changes &changes, const QString &detectedAt, const Hooks &hooks);

    /// Rebuilds every synced row from the change log (after a failed sanity check).
    Result<MergeStats> rematerializeAll();

private:
    struct Cell {
        QVariant value;
        Version version;
        Version base;
        QString author;
        bool found = false;
    };
    Result<store::Statement *> cached(const std::string &key, const std::string &sql);
    Result<bool> exists(const Change &c);
    Result<Cell> readCell(store::Statement *s);
    Result<Cell> current(const QString &table, const QString &row, const QString &col);
    Result<Cell> tombstone(const QString &table, const QString &row);
    Result<bool> isAncestor(const Change &of, const Version &ancestor);
    Result<void> append(const Change &c);
    Result<void> recordConflict(const Change &where, const Cell &lost, const Cell &won,
                                const QString &detectedAt);
    Result<void> applyOne(const Change &c, const QString &detectedAt, MergeStats &stats);
    Result<void> materialize(const QString &table, const QString &row, MergeStats &stats);
    Result<void> checkColumn(const QString &table, const QString &col);

    store::Connection *m_db;
    store::StatementCache m_statements;
    std::map<QString, std::set<QString>> m_columns;
    std::set<std::pair<QString, QString>> m_touched;
};

} // namespace agro::sync

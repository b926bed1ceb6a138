#pragma once

#include "sqlite.h"
#include "statementcache.h"
#include "sync/change.h"
#include "sync/hlc.h"
#include "sync/uuid7.h"
#include "writeguard.h"

#include <QVariant>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace agro::store {

struct Column {
    QString name;
    QVariant value; ///< a null QVariant is SQL NULL
};
using Columns = std::vector<Column>;

/// The only way rows of synced entity tables are written. Each insert, update or delete
/// writes the row and one change_log entry per column — (table, row id, column, value, HLC,
/// node) — inside one transaction that the Mutator owns, so sync never sees a row without its
/// change or a change without its row. Bulk fact tables (sales, readings, weather, stock
/// movements) are stamped per batch instead: beginBulk() writes one change_log entry for the
/// batch and the caller's rows carry the batch's lid.
///
/// When a person is signed in to the workspace (security::Sessions), each write is first
/// checked by a WriteGuard against the permission table. A refused write rolls the whole
/// transaction back, records "permission.refused" in the audit log, and returns
/// PermissionDenied; the Mutator is finished after that.
class Mutator {
public:
    struct Options {
        sync::HlcClock::WallClock wall = &sync::HlcClock::systemMs;
        std::uint64_t idSeed = 0; ///< 0: seed ids from the system RNG
        /// State derived from events already authorized (alert status after a sync merge):
        /// written without the signed-in person's permission check.
        bool derived = false;
    };

    /// Starts a write transaction (BEGIN IMMEDIATE) on `db`.
    static Result<Mutator> begin(Connection &db, Options options);
    static Result<Mutator> begin(Connection &db) { return begin(db, Options{}); }

    Mutator(Mutator &&) noexcept;
    Mutator &operator=(Mutator &&) = delete;
    ~Mutator();

    /// Inserts a row; `columns` must not contain id or lid.
    Result<void> insert(const QString &table, const QString &id, const Columns &columns);
    /// Sets the given columns of an existing row. NotFound if there is no such row.
    Result<void> update(const QString &table, const QString &id, const Columns &columns);
    /// Deletes a row, recording a tombstone ("_deleted") in the change log.
    Result<void> remove(const QString &table, const QString &id);

    struct BulkBatch {
        std::int64_t lid = 0;
        QString id;
        QString table;
        QString farmId;
        std::int64_t hlc = 0;
    };
    /// Registers a batch of bulk rows for `table`; returns the lid rows must carry.
    Result<BulkBatch> beginBulk(const QString &table, const QString &farmId, const QString &source);
    /// Records how many rows the batch wrote (called once the rows are in).
    Result<void> finishBulk(const BulkBatch &batch, std::int64_t rowCount);

    /// A fresh UUIDv7 for a new row.
    QString newId() { return m_ids.next(); }
    Connection &db() { return *m_db; }

    /// Persists the clock and commits. After a failed commit everything is rolled back.
    Result<void> commit();

    /// Tables the Mutator writes; anything else is refused.
    static const std::set<QString> &entityTables();

private:
    Mutator(Connection &db, Transaction tx, sync::HlcClock clock, sync::Uuid7Generator ids,
            QString node);
    Result<void> checkColumns(const QString &table, const Columns &columns);
    Result<Statement *> cached(const std::string &key, const std::string &sql);
    Result<QString> farmOf(const QString &table, const QString &id);
    Result<void> log(const QString &table, const QString &id, const QString &column,
                     const QVariant &value, std::int64_t hlc, const QString &farmId,
                     const sync::Version &base = {});
    Result<void> guard(const QString &table, security::Action action, const QString &farmId,
                       const QString &rowId, const Columns &columns = {});
    Result<sync::Version> currentVersion(const QString &table, const QString &id,
                                         const QString &column);
    Result<QString> seenVersions(const QString &table, const QString &id);

    Connection *m_db;
    std::optional<Transaction> m_tx;
    sync::HlcClock m_clock;
    sync::Uuid7Generator m_ids;
    QString m_node;
    StatementCache m_statements;
    std::map<QString, std::set<QString>> m_columns;
    std::optional<WriteGuard> m_guard;
};

} // namespace agro::store

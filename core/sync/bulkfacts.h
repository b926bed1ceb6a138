#pragma once

#include "change.h"
#include "common/result.h"
#include "store/mutator.h"
#include "store/sqlite.h"
#include "store/statementcache.h"

#include <QByteArray>

#include <map>
#include <vector>

namespace agro::sync {

struct MergeStats;

/// Bulk facts — daily sales, sensor readings, daily weather, stock movements — are written in
/// batches (store::Mutator::beginBulk), not cell by cell, and travel the same way
/// (docs/sync.md, "Bulk facts"):
///  * a batch's change-log entry is its header: table bulk_batches, the batch id as the row,
///    the fact table as the column, its row count as the value, the batch's (hlc, node);
///  * on the way out (push and pull alike) each header is followed by chunks of the batch's
///    rows as they are now: column "_rows", the value a compressed block of at most
///    kBulkChunkRows rows that name their product, sensor or farm by UUID, never by a local
///    row number;
///  * per fact key (product + day + channel, sensor + time, farm + day, movement id) the row
///    of the batch with the greater (hlc, node) wins on every replica, whatever the order of
///    arrival; a different value from another device that loses, or that is replaced, is kept
///    in sync_conflicts beside the winner (nothing silently lost).
inline QString bulkBatchesTable() {
    return QStringLiteral("bulk_batches");
}
inline QString bulkRowsColumn() {
    return QStringLiteral("_rows");
}
/// The column a lost bulk fact is recorded under in sync_conflicts (its value: the fact's
/// values as JSON).
inline QString bulkFactColumn() {
    return QStringLiteral("_fact");
}
inline constexpr int kBulkChunkRows = 20000;
/// A push or pull page stops adding batches once it carries this many rows (a batch is never
/// split between messages, so a larger one travels alone).
inline constexpr std::int64_t kBulkRowsPerMessage = 200000;

bool isBulkFactTable(const QString &table);
bool isBulkHeader(const Change &c);
bool isBulkRows(const Change &c);

/// One chunk of a batch's rows: each row's values in the table's column order (bulkColumns),
/// references as UUIDs.
struct BulkChunk {
    QString table;
    std::vector<std::vector<QVariant>> rows;
};
/// The fact table's columns in chunk order, the key columns first.
QStringList bulkColumns(const QString &table);
QByteArray encodeBulkChunk(const BulkChunk &chunk);
/// InvalidArgument naming the row and column for anything malformed (the payload comes from
/// the network).
Result<BulkChunk> decodeBulkChunk(const QByteArray &bytes);

/// Inserts after each bulk header in `changes` the chunks of its batch's rows as they are in
/// `db` now (rows a later batch has since replaced belong to that batch). Returns the number
/// of rows attached.
Result<std::int64_t> attachBulkRows(store::Connection &db, Changes &changes);

/// The rows of the batch with the given id, in chunks (for attachBulkRows and tests).
Result<std::vector<BulkChunk>> readBulkBatch(store::Connection &db, const QString &batchId);

/// A fact's key as sync_conflicts records it ("<uuid>|<day>|<channel>"), for people: the
/// reference shortened, days and times as ISO dates ("01935e00… · 2031-05-04 · store").
QString describeBulkKey(const QString &table, const QString &key);

/// Makes a bulk fact that lost a conflict current again (the Conflicts view's Restore): a new
/// one-row batch of this replica, which wins over the value that beat it and syncs like any
/// import. `key` and `valuesJson` are as sync_conflicts records them.
Result<void> restoreBulkFact(store::Mutator &m, const QString &table, const QString &key,
                             const QString &farmId, const QString &valuesJson);

/// Applies bulk headers and chunks inside a merge's transaction (sync::Merger).
class BulkApplier {
public:
    explicit BulkApplier(store::Connection &db)
        : m_db(&db)
        , m_statements(db) {}

    /// Registers the batch a header announces (nothing if it is known). The fact table must
    /// be a bulk table and the value a row count.
    Result<void> header(const Change &c);
    /// Writes a chunk's rows into their table, per key the greater batch version winning.
    /// Every row's product, sensor or farm must be on this replica and of the batch's farm
    /// (InvalidArgument names the row otherwise: a forged reference writes nothing).
    /// `knownOverwrite`: the writer saw what it replaces (a restore), so it is no conflict.
    Result<void> rows(const Change &c, const QString &detectedAt, MergeStats &stats,
                      bool knownOverwrite = false);

private:
    struct Batch {
        std::int64_t lid = 0;
        QString table, farmId;
        Version version;
    };
    Result<Batch> batch(const QString &id);
    Result<std::int64_t> reference(const QString &refTable, const QString &id,
                                   const QString &farmId, int row);
    Result<store::Statement *> cached(const std::string &key, const std::string &sql);

    store::Connection *m_db;
    store::StatementCache m_statements;
    std::map<QString, Batch> m_batches;
    std::map<std::pair<QString, QString>, std::int64_t> m_refs;
};

} // namespace agro::sync

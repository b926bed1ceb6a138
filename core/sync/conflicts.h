#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QVariant>

#include <vector>

namespace agro::sync {

/// A value a merge replaced with a concurrent one (or that arrived too late to win), beside
/// the winner: what the Conflicts view shows.
struct Conflict {
    qint64 id = 0;
    QString table, rowId, column, farmId;
    QVariant lostValue, wonValue;
    QString lostAuthor, wonAuthor; ///< account names; empty: made on this computer
    QString lostNode, wonNode;     ///< device (node) ids
    QDateTime lostAt, wonAt;       ///< from the versions' hybrid clocks
    bool wonByDeletion = false;
    QString status; ///< open, kept, restored
};

/// Conflicts, newest first (`status` empty: all).
Result<std::vector<Conflict>> listConflicts(store::Connection &db, const QString &status,
                                            int limit = 1000);
/// Makes the lost value current again: a new edit of the cell through the Mutator (so it
/// syncs like any edit), and marks the conflict restored. NotFound when the record was
/// deleted since.
Result<void> restoreConflict(store::Connection &db, qint64 id);
/// Marks the conflict as seen, keeping the current value.
Result<void> keepConflict(store::Connection &db, qint64 id);

struct SyncLogEntry {
    QDateTime at;
    QString level, message;
    qint64 pushed = 0, pulled = 0, conflicts = 0;
};
Result<std::vector<SyncLogEntry>> syncLog(store::Connection &db, int limit = 200);
/// Appends a line (errors of failed rounds, which write nothing else).
Result<void> logSync(store::Connection &db, const QString &level, const QString &message);

} // namespace agro::sync

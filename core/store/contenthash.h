#pragma once

#include "sqlite.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QStringList>

namespace agro::store {

/// SHA-256 over the logical content of a workspace: every table (sorted by name) and every
/// row in primary-key order, each value with its SQLite type. Independent of page layout,
/// so two files with the same data have the same hash. Used to check generator determinism,
/// that a rejected import changed nothing, and (later) sync sanity checks and report hashes.
Result<QByteArray> contentHash(Connection &db);
/// The same over the named tables only (what a report was computed from). NotFound names a
/// table the workspace does not have.
Result<QByteArray> contentHash(Connection &db, QStringList tables);
/// Adds one value with its SQLite type (null, integer, real, blob, text) to `hash`.
void addValue(QCryptographicHash &hash, const QVariant &v);

} // namespace agro::store

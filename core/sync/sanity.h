#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <map>

namespace agro::sync {

/// Per farm and synced table: how many rows there are and a SHA-256 over their content in id
/// order (every column but the local key `lid`, each value with its SQLite type). Client and
/// server compute it the same way after each round; any difference means a replica went
/// wrong and triggers a full resync (docs/sync.md, "Sanity check").
struct TableDigest {
    std::int64_t rows = 0;
    QByteArray sha256;
    friend bool operator==(const TableDigest &, const TableDigest &) = default;
};
using FarmDigest = std::map<QString, TableDigest>; ///< by table
using Digest = std::map<QString, FarmDigest>;      ///< by farm id; "" is the shared catalogue

/// The digest of `farms` (and the shared catalogue when `withShared`).
Result<Digest> computeDigest(store::Connection &db, const QStringList &farms, bool withShared);

QJsonObject encodeDigest(const Digest &d);
Result<Digest> decodeDigest(const QJsonObject &o);

/// What differs, one line per (farm, table): "farm f/fields: 12 rows here, 13 there".
QStringList compareDigests(const Digest &here, const Digest &there);

} // namespace agro::sync

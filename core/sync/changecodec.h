#pragma once

#include "change.h"
#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>

#include <map>

namespace agro::sync {

/// The JSON form of changes on the wire (docs/sync.md, "Protocol"). Values keep their SQLite
/// type: integers travel as {"i": "<decimal>"} (JSON numbers lose precision past 2^53), reals
/// as numbers, text as strings, blobs as {"b": "<base64>"}. HLCs travel as decimal strings
/// for the same reason.
QJsonObject encodeChange(const Change &c);
QJsonArray encodeChanges(const Changes &changes);

/// Decodes and validates untrusted input: every field's type, table names against the synced
/// tables, column names as identifiers, ids as UUIDv7, node ids as hex. The error names the
/// change's index and the field ("changes[3].c: not an identifier") and nothing is returned
/// for a partly valid array.
Result<Changes> decodeChanges(const QJsonValue &json, int maxCount = 100000);

/// The "_deleted" value: the versions the deleting replica had seen per column.
QString encodeSeenVersions(const std::map<QString, Version> &seen);
std::map<QString, Version> decodeSeenVersions(const QString &json);

/// A node id: 1 to 32 lowercase hex digits.
bool isValidNodeId(const QString &node);

} // namespace agro::sync

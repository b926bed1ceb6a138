#pragma once

#include "sqlite.h"

#include <QByteArray>

#include <vector>

namespace agro::store {

/// One numbered schema step, read from core/store/migrations/NNNN_name.sql (a Qt resource).
struct Migration {
    int version = 0;
    QString name;
    QByteArray sql;
};

/// Every migration, in version order (1, 2, …, latest with no gaps).
const std::vector<Migration> &migrations();
int latestSchemaVersion();

/// PRAGMA application_id of an AgroDesk workspace ("AGRD").
inline constexpr int kApplicationId = 0x41475244;

Result<int> schemaVersion(Connection &db);

/// Brings the schema up to `target` (default: latest), each step in its own transaction with
/// PRAGMA user_version set inside it, so a crash leaves the file at a whole version.
/// Refuses files of another application and files newer than this build.
Result<void> migrate(Connection &db, int target = -1);

} // namespace agro::store

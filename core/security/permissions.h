#pragma once

#include <QString>
#include <QStringList>

namespace agro::security {

/// What a person may do with a kind of record. One table, in one place, used by the sync
/// server for every pushed change (and by the desktop's services: docs/security.md).
enum class Action { Read, Create, Update, Delete };

/// The roles a person can hold on a farm, most powerful first.
const QStringList &roles();
bool isRole(const QString &role);

/// Whether `role` may do `action` on rows of `table` (an entity table's name). Unknown roles
/// and tables are refused. Every role may read every synced table of its farms.
bool allowed(const QString &role, const QString &table, Action action);

/// Bulk fact tables (imported in batches): sales_daily, stock_movements, sensor_readings,
/// weather_daily. allowed() answers Create for a batch of them.
bool isBulkTable(const QString &table);

QString actionName(Action a);

} // namespace agro::security

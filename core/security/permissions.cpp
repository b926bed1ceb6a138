#include "permissions.h"

#include "sync/change.h"

#include <map>
#include <set>

namespace agro::security {

namespace {

// Which tables each role writes, and whether it may delete there. Owners and managers run
// the farm; agronomists keep the field records (plantings, harvests, field costs, sensors);
// inspectors keep quality records; everyone may act on alerts (acknowledge, annotate), which
// are events. Viewers read. Deletion is for owners and managers only; farms themselves are
// deleted only by their owner.
struct Grant {
    std::set<QString> write;
    bool mayDelete = false;
};

const std::set<QString> &everyTable() {
    static const std::set<QString> all(sync::syncedTables().begin(), sync::syncedTables().end());
    return all;
}

const std::map<QString, Grant> &grants() {
    static const std::map<QString, Grant> g = [] {
        std::map<QString, Grant> m;
        m[QStringLiteral("owner")] = {everyTable(), true};
        m[QStringLiteral("manager")] = {everyTable(), true};
        m[QStringLiteral("agronomist")] = {
            {QStringLiteral("fields"), QStringLiteral("crops"), QStringLiteral("seasons"),
             QStringLiteral("plantings"), QStringLiteral("cost_entries"),
             QStringLiteral("cost_shares"), QStringLiteral("harvests"), QStringLiteral("sensors"),
             QStringLiteral("alerts"), QStringLiteral("alert_events")},
            false};
        m[QStringLiteral("inspector")] = {
            {QStringLiteral("lots"), QStringLiteral("qc_inspections"), QStringLiteral("qc_photos"),
             QStringLiteral("qc_schema_versions"), QStringLiteral("alerts"),
             QStringLiteral("alert_events")},
            false};
        m[QStringLiteral("viewer")] = {{}, false};
        return m;
    }();
    return g;
}

} // namespace

const QStringList &roles() {
    static const QStringList r = {QStringLiteral("owner"), QStringLiteral("manager"),
                                  QStringLiteral("agronomist"), QStringLiteral("inspector"),
                                  QStringLiteral("viewer")};
    return r;
}

bool isRole(const QString &role) {
    return roles().contains(role);
}

bool isBulkTable(const QString &table) {
    return table == QLatin1String("sales_daily") || table == QLatin1String("stock_movements") ||
           table == QLatin1String("sensor_readings") || table == QLatin1String("weather_daily");
}

bool allowed(const QString &role, const QString &table, Action action) {
    if (isBulkTable(table)) {
        // Imported facts: sales and stock are the business's (owners, managers); readings and
        // weather are the field's (agronomists too). Batches are added, never edited.
        if (!isRole(role))
            return false;
        if (action == Action::Read)
            return true;
        if (action != Action::Create)
            return false;
        if (role == QLatin1String("owner") || role == QLatin1String("manager"))
            return true;
        return role == QLatin1String("agronomist") && (table == QLatin1String("sensor_readings") ||
                                                       table == QLatin1String("weather_daily"));
    }
    auto g = grants().find(role);
    if (g == grants().end() || !everyTable().count(table))
        return false;
    if (action == Action::Read)
        return true;
    if (!g->second.write.count(table))
        return false;
    // Events and evidence are written once (docs/sync.md, "Decisions are events").
    if (action != Action::Create && sync::isAppendOnlyTable(table))
        return false;
    if (action == Action::Delete) {
        if (table == QLatin1String("farms"))
            return role == QLatin1String("owner");
        return g->second.mayDelete;
    }
    return true;
}

QString actionName(Action a) {
    switch (a) {
    case Action::Read:
        return QStringLiteral("read");
    case Action::Create:
        return QStringLiteral("create");
    case Action::Update:
        return QStringLiteral("update");
    case Action::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

} // namespace agro::security

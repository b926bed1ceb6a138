#include "change.h"

#include <set>
#include <string>

namespace agro::sync {

const QStringList &syncedTables() {
    static const QStringList tables = {QStringLiteral("farms"),
                                       QStringLiteral("fields"),
                                       QStringLiteral("crops"),
                                       QStringLiteral("seasons"),
                                       QStringLiteral("plantings"),
                                       QStringLiteral("cost_entries"),
                                       QStringLiteral("cost_shares"),
                                       QStringLiteral("harvests"),
                                       QStringLiteral("product_categories"),
                                       QStringLiteral("products"),
                                       QStringLiteral("lots"),
                                       QStringLiteral("qc_inspections"),
                                       QStringLiteral("qc_schema_versions"),
                                       QStringLiteral("qc_photos"),
                                       QStringLiteral("sensors"),
                                       QStringLiteral("alerts"),
                                       QStringLiteral("alert_events"),
                                       QStringLiteral("farm_settings"),
                                       QStringLiteral("restock_decisions")};
    return tables;
}

bool isSyncedTable(const QString &table) {
    static const std::set<QString> set(syncedTables().begin(), syncedTables().end());
    return set.count(table) > 0;
}

std::string syncedTablesSqlList() {
    std::string out = "(";
    for (const QString &t : syncedTables())
        out += (out.size() > 1 ? ", '" : "'") + t.toStdString() + "'";
    return out + ")";
}

bool isAppendOnlyTable(const QString &table) {
    return table == QLatin1String("alert_events") || table == QLatin1String("qc_photos") ||
           table == QLatin1String("qc_schema_versions") ||
           table == QLatin1String("restock_decisions");
}

} // namespace agro::sync

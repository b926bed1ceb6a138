#pragma once

#include "store/sqlite.h"

#include <QHash>
#include <QString>

#include <unordered_map>

namespace agro::io {

struct FarmRef {
    std::int64_t lid = 0;
    QString id;
    QString name;
    QString currency;
};

/// Farms by id or by name (names may repeat across farms: then only the id resolves).
class FarmLookup {
public:
    static Result<FarmLookup> load(store::Connection &db);
    /// nullptr when unknown; `ambiguous` is set when a name matches several farms.
    const FarmRef *find(const QString &idOrName, bool *ambiguous = nullptr) const;
    const FarmRef *byId(const QString &id) const;

private:
    std::vector<FarmRef> m_farms;
    QHash<QString, size_t> m_byId;
    QMultiHash<QString, size_t> m_byName;
};

/// Planting id → the id of the farm it belongs to.
Result<QHash<QString, QString>> plantingFarms(store::Connection &db);

} // namespace agro::io

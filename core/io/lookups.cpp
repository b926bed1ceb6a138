#include "lookups.h"

namespace agro::io {

Result<FarmLookup> FarmLookup::load(store::Connection &db) {
    FarmLookup l;
    auto st = db.prepare("SELECT lid, id, name, currency FROM farms ORDER BY lid");
    if (!st.ok())
        return st.error();
    AGRO_TRY(st->forEachRow([&] {
        l.m_farms.push_back({st->int64(0), st->text(1), st->text(2), st->text(3)});
        l.m_byId.insert(l.m_farms.back().id, l.m_farms.size() - 1);
        l.m_byName.insert(l.m_farms.back().name, l.m_farms.size() - 1);
    }));
    return l;
}

const FarmRef *FarmLookup::byId(const QString &id) const {
    const auto it = m_byId.constFind(id);
    return it == m_byId.constEnd() ? nullptr : &m_farms[*it];
}

const FarmRef *FarmLookup::find(const QString &idOrName, bool *ambiguous) const {
    if (ambiguous)
        *ambiguous = false;
    if (const FarmRef *f = byId(idOrName))
        return f;
    const auto matches = m_byName.values(idOrName);
    if (matches.size() > 1 && ambiguous)
        *ambiguous = true;
    return matches.size() == 1 ? &m_farms[matches.front()] : nullptr;
}

Result<QHash<QString, QString>> plantingFarms(store::Connection &db) {
    auto st = db.prepare("SELECT id, farm_id FROM plantings");
    if (!st.ok())
        return st.error();
    QHash<QString, QString> out;
    AGRO_TRY(st->forEachRow([&] { out.insert(st->text(0), st->text(1)); }));
    return out;
}

} // namespace agro::io

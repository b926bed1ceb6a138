#include "finance.h"

#include <algorithm>
#include <map>

namespace agro::domain {

FinanceData filterFinance(const FinanceData &data, const QString &season, const QString &cropId,
                          const QString &fieldId) {
    FinanceData out;
    for (const auto &p : data.plantings)
        if ((season.isEmpty() || p.seasonName == season) &&
            (cropId.isEmpty() || p.cropId == cropId) && (fieldId.isEmpty() || p.fieldId == fieldId))
            out.plantings.push_back(p);
    if (season.isEmpty() && cropId.isEmpty() && fieldId.isEmpty())
        out.unallocated = data.unallocated;
    return out;
}

namespace {
QString groupKey(const PlantingAccount &p, FinanceGrouping by) {
    switch (by) {
    case FinanceGrouping::Planting:
        return p.plantingId;
    case FinanceGrouping::Field:
        return p.fieldId;
    case FinanceGrouping::Crop:
        return p.cropId;
    case FinanceGrouping::Farm:
        return p.farmId;
    case FinanceGrouping::Season:
        return p.seasonName;
    }
    return {};
}
} // namespace

QStringList plantingsOfGroup(const FinanceData &data, FinanceGrouping by, const QString &key) {
    QStringList ids;
    for (const auto &p : data.plantings)
        if (groupKey(p, by) == key)
            ids << p.plantingId;
    return ids;
}

std::vector<FinanceGroup> groupFinance(const FinanceData &data, FinanceGrouping by) {
    std::map<QString, FinanceGroup> groups;
    for (const PlantingAccount &p : data.plantings) {
        const QString key = groupKey(p, by);
        QString label;
        switch (by) {
        case FinanceGrouping::Planting:
            label = p.farmName + QStringLiteral(" · ") + p.fieldName + QStringLiteral(" · ") +
                    p.cropName + QStringLiteral(" · ") + p.seasonName;
            break;
        case FinanceGrouping::Field:
            label = p.farmName + QStringLiteral(" · ") + p.fieldName;
            break;
        case FinanceGrouping::Crop:
            label = p.cropName;
            break;
        case FinanceGrouping::Farm:
            label = p.farmName;
            break;
        case FinanceGrouping::Season:
            label = p.seasonName;
            break;
        }
        FinanceGroup &g = groups[key + QLatin1Char('\x1f') + p.currency];
        g.key = key;
        g.label = label;
        g.currency = p.currency;
        g.account += p.account;
    }
    if (by == FinanceGrouping::Farm) {
        for (const auto &u : data.unallocated) {
            auto it = groups.find(u.farmId + QLatin1Char('\x1f') + u.currency);
            if (it == groups.end())
                continue; // a farm with no planting in the selection: nothing to show it on
            for (int c = 0; c < analytics::kCostCategoryCount; ++c)
                it->second.account.costs[size_t(c)] += u.costs[size_t(c)];
        }
    }
    std::vector<FinanceGroup> out;
    out.reserve(groups.size());
    for (auto &[k, g] : groups)
        out.push_back(std::move(g));
    std::stable_sort(out.begin(), out.end(), [](const FinanceGroup &a, const FinanceGroup &b) {
        return a.label.localeAwareCompare(b.label) < 0;
    });
    return out;
}

} // namespace agro::domain

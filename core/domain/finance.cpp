#include "finance.h"

#include <algorithm>
#include <map>

namespace agro::domain {

std::vector<FinanceGroup> groupFinance(const FinanceData &data, FinanceGrouping by) {
    std::map<QString, FinanceGroup> groups;
    for (const PlantingAccount &p : data.plantings) {
        QString key, label;
        switch (by) {
        case FinanceGrouping::Planting:
            key = p.plantingId;
            label = p.farmName + QStringLiteral(" · ") + p.fieldName + QStringLiteral(" · ") +
                    p.cropName + QStringLiteral(" · ") + p.seasonName;
            break;
        case FinanceGrouping::Field:
            key = p.fieldId;
            label = p.farmName + QStringLiteral(" · ") + p.fieldName;
            break;
        case FinanceGrouping::Crop:
            key = p.cropId;
            label = p.cropName;
            break;
        case FinanceGrouping::Farm:
            key = p.farmId;
            label = p.farmName;
            break;
        case FinanceGrouping::Season:
            key = p.seasonName;
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

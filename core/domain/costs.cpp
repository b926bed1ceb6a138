#include "costs.h"

namespace agro::domain {

std::string_view costCategoryKey(CostCategory c) {
    switch (c) {
    case CostCategory::Seeds:
        return "seeds";
    case CostCategory::Fertilizer:
        return "fertilizer";
    case CostCategory::Labor:
        return "labor";
    case CostCategory::Equipment:
        return "equipment";
    case CostCategory::Irrigation:
        return "irrigation";
    case CostCategory::Pesticides:
        return "pesticides";
    case CostCategory::Other:
        return "other";
    }
    return "other";
}

std::optional<CostCategory> costCategoryFromKey(std::string_view key) {
    for (CostCategory c : kCostCategories)
        if (costCategoryKey(c) == key)
            return c;
    return std::nullopt;
}

} // namespace agro::domain

#pragma once

#include <QDate>
#include <QString>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace agro::domain {

enum class CostCategory { Seeds, Fertilizer, Labor, Equipment, Irrigation, Pesticides, Other };

inline constexpr std::array<CostCategory, 7> kCostCategories = {
    CostCategory::Seeds,     CostCategory::Fertilizer, CostCategory::Labor,
    CostCategory::Equipment, CostCategory::Irrigation, CostCategory::Pesticides,
    CostCategory::Other};

/// The stored (and CSV) name of a category: "seeds", "fertilizer", …
std::string_view costCategoryKey(CostCategory c);
std::optional<CostCategory> costCategoryFromKey(std::string_view key);

/// Money spent, on one planting or at farm level (then allocated to plantings).
struct CostEntry {
    QString id;
    QString farmId;
    QString plantingId; ///< empty: farm-level
    CostCategory category = CostCategory::Other;
    double amount = 0;
    QString currency = QStringLiteral("EUR");
    QDate incurredOn;
    QString allocation = QStringLiteral("area"); ///< farm-level rule: "area" or "shares"
    QString description;
    bool operator==(const CostEntry &) const = default;
};

/// A farm-level cost's share for one planting (allocation rule "shares").
struct CostShare {
    QString id;
    QString farmId;
    QString costId;
    QString plantingId;
    double share = 0;
    bool operator==(const CostShare &) const = default;
};

/// A cost entry with the explicit shares it is split by (allocation "shares"), as one
/// unit of editing and undo.
struct CostWithShares {
    CostEntry entry;
    std::vector<CostShare> shares;
    bool operator==(const CostWithShares &) const = default;
};

/// What a planting yielded on one day, in kilograms; `enteredUnit` is what the user typed.
struct Harvest {
    QString id;
    QString farmId;
    QString plantingId;
    QDate harvestedOn;
    double quantityKg = 0;
    double rejectedKg = 0;
    QString enteredUnit = QStringLiteral("kg");
    QString grade;
    bool operator==(const Harvest &) const = default;
};

} // namespace agro::domain

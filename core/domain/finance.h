#pragma once

#include "analytics/finance.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace agro::domain {

/// A planting with its names and its account (costs incl. allocated farm-level costs,
/// harvests, revenue).
struct PlantingAccount {
    QString plantingId;
    QString farmId, farmName;
    QString fieldId, fieldName;
    QString cropId, cropName;
    QString seasonId, seasonName;
    QString currency;
    analytics::CropAccount account;
};

enum class FinanceGrouping { Planting, Field, Crop, Farm, Season };

/// One row of a finance table: a group's key, its label and its summed account.
struct FinanceGroup {
    QString key;   ///< planting/field/crop/farm id, or the season name
    QString label; ///< what a person reads: "Hillside Farm · North 1 · Maize · 2025"
    QString currency;
    analytics::CropAccount account;
};

/// Which plantings a finance read covers: a farm (empty: all) and a season name (empty: all).
struct FinanceQuery {
    QString farmId;
    QString season;
};

/// All of a finance read: the plantings, and farm-level costs no planting could take
/// (no planting of the farm in a season that contains the cost's date).
struct FinanceData {
    std::vector<PlantingAccount> plantings;
    struct Unallocated {
        QString farmId;
        QString currency;
        std::array<double, analytics::kCostCategoryCount> costs{};
    };
    std::vector<Unallocated> unallocated;
};

/// The plantings of a season (name), crop (id) and field (id); empty means all. Unallocated
/// farm-level costs are kept only without any of these filters (they belong to none).
FinanceData filterFinance(const FinanceData &data, const QString &season, const QString &cropId,
                          const QString &fieldId = {});

/// Sums plantings into groups (sorted by label). Groups never mix currencies: the currency is
/// part of the key. Grouping by farm adds the farm's unallocated costs.
std::vector<FinanceGroup> groupFinance(const FinanceData &data, FinanceGrouping by);

/// The ids of the plantings that make up group `key` under `by`.
QStringList plantingsOfGroup(const FinanceData &data, FinanceGrouping by, const QString &key);

} // namespace agro::domain

#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace agro::domain {

/// A product category; its QC form is the JSON schema `qcSchema`.
struct ProductCategory {
    QString id;
    QString farmId; ///< empty: shared
    QString name;
    QString kind = QStringLiteral("other"); ///< produce, dairy, protein or other
    QString qcSchema = QStringLiteral("{}");
    bool operator==(const ProductCategory &) const = default;
};

/// A product sold and stocked. Money in the farm's currency; holding cost rate per year.
struct Product {
    QString id;
    QString farmId;
    QString sku;
    QString name;
    QString categoryId;
    QString unit = QStringLiteral("each");
    double price = 0;
    double unitCost = 0;
    int leadTimeDays = 7;
    double orderingCost = 0;
    double holdingCostRate = 0.2;
    double packSize = 1;
    double minOrderQty = 0;
    std::optional<int> shelfLifeDays;
    bool active = true;
    bool operator==(const Product &) const = default;
};

/// A lot (batch) of a product with its expiry and QC status.
struct Lot {
    QString id;
    QString farmId;
    QString productId;
    QString batchNumber;
    QDate producedOn;
    QDate expiresOn;
    double quantity = 0;
    QString status = QStringLiteral("available"); ///< available, held, rejected, expired, consumed
    QString supplier;
    QString plantingId;
    /// The lot's mass, for lots from one's own planting (QC losses come off its sellable yield).
    std::optional<double> quantityKg;
    bool operator==(const Lot &) const = default;
};

} // namespace agro::domain

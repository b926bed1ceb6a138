#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace agro::domain {

/// A farm: the unit of ownership, currency and display units.
struct Farm {
    QString id;
    QString name;
    QString currency = QStringLiteral("EUR"); ///< ISO 4217 code; all money of the farm
    QString areaUnit = QStringLiteral("ha");  ///< display unit: "ha" or "ac"
    QString massUnit = QStringLiteral("kg");  ///< display unit: "kg", "lb" or "t"
    std::optional<double> latitude;
    std::optional<double> longitude;
    bool operator==(const Farm &) const = default;
};

/// A field of a farm, with its soil.
struct Field {
    QString id;
    QString farmId;
    QString name;
    double areaHa = 0;
    QString soilType;
    std::optional<double> soilPh;
    std::optional<double> soilNitrogenKgHa;
    bool operator==(const Field &) const = default;
};

/// A crop in the catalogue (farmId empty: shared by all farms).
struct Crop {
    QString id;
    QString farmId;
    QString name;
    double baseTempC = 10; ///< base temperature for growing-degree days
    bool operator==(const Crop &) const = default;
};

/// A growing season of a farm.
struct Season {
    QString id;
    QString farmId;
    QString name;
    QDate startsOn;
    QDate endsOn;
    bool operator==(const Season &) const = default;
};

/// A crop on a field in a season: the unit costs and harvests are booked against.
struct Planting {
    QString id;
    QString farmId;
    QString fieldId;
    QString cropId;
    QString seasonId;
    double plantedAreaHa = 0;
    double expectedYieldKgHa = 0;
    double expectedPricePerKg = 0;
    QDate plantedOn; ///< null when not recorded
    bool operator==(const Planting &) const = default;
};

} // namespace agro::domain

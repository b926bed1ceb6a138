#pragma once

// Internal to the demo generator: shared state of one generation run.

#include "analytics/random.h"
#include "analytics/simulation.h"
#include "common/progress.h"
#include "demogenerator.h"
#include "store/mutator.h"

#include <QString>

#include <vector>

namespace agro::demo {

struct FarmInfo {
    QString id;
    std::int64_t lid = 0;
    QString code;                               ///< three letters, used in sensor names
    std::vector<analytics::WeatherDay> weather; ///< from DemoBuilder::firstWeatherDay
};

struct FieldInfo {
    QString id;
    size_t farm = 0;
    double areaHa = 0;
    double soilPh = 6.5;
    double soilN = 120;
};

struct PlantingInfo {
    QString id;
    size_t field = 0;
    int year = 0;
    QString crop; ///< the crop's name
};

struct CategoryInfo {
    QString id;
    QString kind; ///< produce, dairy, protein, other
};

struct ProductInfo {
    QString id;
    std::int64_t lid = 0;
    size_t farm = 0;
    size_t category = 0;
    int shelfLifeDays = 30;
    QString item;      ///< the kind of product ("Potatoes"), without size or label
    double unitKg = 1; ///< mass of one unit sold, so own-harvest lots can carry their mass
};

class DemoBuilder {
public:
    DemoBuilder(store::Mutator &m, const DemoOptions &o, Progress *p);

    Result<void> farmsAndPeople();
    Result<void> weather();
    Result<void> fieldsAndSeasons();   // demofields.cpp
    Result<void> productsAndSales();   // demosales.cpp
    Result<void> sensorsAndReadings(); // demosensors.cpp
    Result<void> qualityControl();     // demoquality.cpp, after the sensors
    Result<void> recordFault(const QString &kind, const QString &subject, std::int64_t from,
                             std::int64_t to, const QString &detail);

    DemoSummary summary;

protected:
    const analytics::WeatherDay &weatherOn(size_t farm, std::int32_t day) const;
    void advance(std::int64_t units);
    bool cancelled() const { return m_progress && m_progress->isCancelled(); }
    QString dayIso(std::int32_t day) const;
    std::int64_t estimateTotalUnits() const;

    store::Mutator &m_m;
    const DemoOptions &m_o;
    Progress *m_progress;
    analytics::Rng m_rng;
    std::int32_t m_endDay = 0;
    std::int32_t m_firstWeatherDay = 0;
    std::vector<FarmInfo> m_farms;
    std::vector<FieldInfo> m_fields;
    std::vector<PlantingInfo> m_plantings;
    /// Daily mean soil moisture per field (index of m_fields), from the first sensor day; NaN
    /// where the field has no soil-moisture sensor or no reading that day. Filled by
    /// sensorsAndReadings, read by qualityControl (over-ripe lots after wet weeks).
    std::vector<std::vector<double>> m_fieldMoisture;
    std::int32_t m_firstSensorDay = 0;
    std::vector<CategoryInfo> m_categories;
    std::vector<ProductInfo> m_products;
    std::vector<QString> m_inspectors;
    QString m_ownerId;
};

} // namespace agro::demo

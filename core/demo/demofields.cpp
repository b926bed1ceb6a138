#include "analytics/calendar.h"
#include "demobuilder.h"
#include "store/repository.h"

#include <array>
#include <cmath>

namespace agro::demo {

using namespace agro::domain;
using analytics::daysFromCivil;

namespace {
struct CropSpec {
    const char *name;
    double yieldKgHa;  ///< typical yield
    double priceKg;    ///< farm-gate price, EUR/kg
    double baseTempC;  ///< GDD base temperature
    double intensity;  ///< cost multiplier: arable 1, vegetables 3–5
    double irrigation; ///< share of irrigation need (0 none … 1 heavy)
};
// Typical central-European yields and farm-gate prices, and cost intensities that give
// arable margins of a few hundred €/ha and vegetable margins of a few thousand (rounded; for
// demonstration only).
constexpr CropSpec kCrops[] = {
    {"Winter wheat", 7500, 0.22, 0, 1.2, 0.0},  {"Maize", 9500, 0.20, 10, 1.5, 0.3},
    {"Spring barley", 6000, 0.20, 0, 1.0, 0.0}, {"Potatoes", 40000, 0.18, 7, 4.5, 0.6},
    {"Sugar beet", 70000, 0.04, 3, 2.0, 0.2},   {"Sunflower", 2600, 0.45, 8, 0.8, 0.1},
    {"Rapeseed", 3500, 0.48, 5, 1.2, 0.0},      {"Processing tomatoes", 70000, 0.12, 10, 6.5, 1.0},
    {"Lettuce", 30000, 0.35, 4, 8.0, 0.9},      {"Onions", 45000, 0.15, 6, 4.5, 0.6}};

// Cost per hectare at intensity 1, by category (EUR/ha): seeds, fertilizer, labor, equipment,
// irrigation (at full need), pesticides.
constexpr double kCostPerHa[] = {110, 260, 180, 220, 400, 120};
constexpr CostCategory kPlantingCategories[] = {CostCategory::Seeds,      CostCategory::Fertilizer,
                                                CostCategory::Labor,      CostCategory::Equipment,
                                                CostCategory::Irrigation, CostCategory::Pesticides};
} // namespace

Result<void> DemoBuilder::fieldsAndSeasons() {
    std::vector<QString> cropIds;
    for (const CropSpec &c : kCrops) {
        Crop crop;
        crop.id = m_m.newId();
        crop.name = QString::fromLatin1(c.name);
        crop.baseTempC = c.baseTempC;
        AGRO_TRY(store::Repository<Crop>::insert(m_m, crop));
        cropIds.push_back(crop.id);
    }

    static const char *places[] = {"North", "South", "East",   "West", "Upper",
                                   "Lower", "Mill",  "Church", "Long", "Brook"};
    static const char *soils[] = {"loam", "clay loam", "sandy loam", "silt loam", "clay"};
    for (size_t f = 0; f < m_farms.size(); ++f) {
        for (int i = 0; i < m_o.preset.fieldsPerFarm; ++i) {
            Field field;
            field.id = m_m.newId();
            field.farmId = m_farms[f].id;
            field.name = QStringLiteral("%1 %2")
                             .arg(QString::fromLatin1(places[size_t(i) % std::size(places)]))
                             .arg(i / int(std::size(places)) + 1);
            field.areaHa =
                std::round(std::clamp(std::exp(m_rng.normal(std::log(12.0), 0.6)), 1.5, 80.0) *
                           100) /
                100;
            field.soilType = QString::fromLatin1(soils[m_rng.uniformInt(0, 4)]);
            field.soilPh = std::round(m_rng.normal(6.5, 0.45) * 10) / 10;
            field.soilNitrogenKgHa = std::round(std::clamp(m_rng.normal(120, 30), 40.0, 220.0));
            AGRO_TRY(store::Repository<Field>::insert(m_m, field));
            m_fields.push_back({field.id, f, field.areaHa, *field.soilPh, *field.soilNitrogenKgHa});
        }
    }

    // Day-of-year climatology of each farm (mean over all simulated years).
    struct Climate {
        std::array<double, 366> meanTempC{};
        std::array<double, 366> rainMm{};
    };
    std::vector<Climate> climate(m_farms.size());
    for (size_t f = 0; f < m_farms.size(); ++f) {
        std::array<int, 366> n{};
        const auto &w = m_farms[f].weather;
        for (size_t i = 0; i < w.size(); ++i) {
            const auto doy = size_t(analytics::dayOfYear(m_firstWeatherDay + std::int32_t(i)) - 1);
            climate[f].meanTempC[doy] += (w[i].tminC + w[i].tmaxC) / 2;
            climate[f].rainMm[doy] += w[i].rainMm;
            ++n[doy];
        }
        for (size_t d = 0; d < 366; ++d) {
            const int k = std::max(n[d], 1);
            climate[f].meanTempC[d] /= k;
            climate[f].rainMm[d] /= k;
        }
    }

    const int lastYear = m_o.endDate.year();
    for (size_t f = 0; f < m_farms.size(); ++f) {
        std::vector<int> lastCrop(m_fields.size(), -1);
        for (int s = 0; s < m_o.preset.seasons; ++s) {
            const int year = lastYear - m_o.preset.seasons + 1 + s;
            Season season;
            season.id = m_m.newId();
            season.farmId = m_farms[f].id;
            season.name = QString::number(year);
            season.startsOn = QDate(year, 3, 1);
            season.endsOn = QDate(year, 10, 31);
            AGRO_TRY(store::Repository<Season>::insert(m_m, season));
            const std::int32_t from = daysFromCivil(year, 3, 1);
            const std::int32_t to = daysFromCivil(year, 10, 31);

            for (size_t fi = 0; fi < m_fields.size(); ++fi) {
                const FieldInfo &field = m_fields[fi];
                if (field.farm != f)
                    continue;
                // Rotation: never the same crop twice in a row.
                int crop = int(m_rng.uniformInt(0, std::size(kCrops) - 1));
                if (crop == lastCrop[fi])
                    crop = (crop + 1) % int(std::size(kCrops));
                lastCrop[fi] = crop;
                const CropSpec &spec = kCrops[crop];

                Planting p;
                p.id = m_m.newId();
                p.farmId = m_farms[f].id;
                p.fieldId = field.id;
                p.cropId = cropIds[size_t(crop)];
                p.seasonId = season.id;
                p.plantedAreaHa = std::round(field.areaHa * m_rng.uniform(0.85, 1.0) * 100) / 100;
                const double soilFactor = 1.0 - 0.08 * std::abs(field.soilPh - 6.5);
                p.expectedYieldKgHa =
                    std::round(spec.yieldKgHa * soilFactor * m_rng.uniform(0.95, 1.05));
                p.expectedPricePerKg =
                    std::round(spec.priceKg * m_rng.uniform(0.9, 1.1) * 1000) / 1000;
                const std::int32_t plantDay = from + int(m_rng.uniformInt(0, 45));
                p.plantedOn = QDate(1970, 1, 1).addDays(plantDay);
                AGRO_TRY(store::Repository<Planting>::insert(m_m, p));
                m_plantings.push_back({p.id, fi, year, QString::fromLatin1(spec.name)});
                ++summary.plantings;

                // Season conditions from the farm's weather → actual yield.
                analytics::SeasonConditions cond;
                for (std::int32_t d = plantDay; d <= to; ++d) {
                    const auto &w = weatherOn(f, d);
                    cond.growingDegreeDays +=
                        std::max(0.0, (w.tminC + w.tmaxC) / 2 - spec.baseTempC);
                    cond.rainfallMm += w.rainMm;
                }
                cond.soilPh = field.soilPh;
                cond.soilNitrogenKgHa = field.soilN;
                // The normal season at this farm, from its own climatology, so that the yield
                // anomaly is centred on the expected yield.
                double normalGdd = 0, normalRain = 0;
                for (std::int32_t d = plantDay; d <= to; ++d) {
                    const auto doy = size_t(analytics::dayOfYear(d) - 1);
                    normalGdd += std::max(0.0, climate[f].meanTempC[doy] - spec.baseTempC);
                    normalRain += climate[f].rainMm[doy];
                }
                const double rel =
                    analytics::relativeYield(m_rng, cond, normalGdd, normalRain, 0.08);
                const double totalKg = p.expectedYieldKgHa * p.plantedAreaHa * rel;

                // Costs per category, proportional to area and intensity, spread in the season;
                // irrigation grows in dry seasons.
                const double dryness =
                    std::clamp(1.0 - cond.rainfallMm / (2.0 * (to - plantDay)), 0.0, 1.0);
                for (size_t c = 0; c < std::size(kPlantingCategories); ++c) {
                    double perHa = kCostPerHa[c] * spec.intensity;
                    if (kPlantingCategories[c] == CostCategory::Irrigation) {
                        perHa = kCostPerHa[c] * spec.irrigation * (0.3 + 1.4 * dryness);
                        if (perHa < 1)
                            continue;
                    }
                    if (kPlantingCategories[c] == CostCategory::Seeds ||
                        kPlantingCategories[c] == CostCategory::Fertilizer) {
                        perHa /= spec.intensity > 2 ? 1.5 : 1.0;
                    }
                    const int entries = kPlantingCategories[c] == CostCategory::Labor ? 3 : 1;
                    for (int e = 0; e < entries; ++e) {
                        CostEntry ce;
                        ce.id = m_m.newId();
                        ce.farmId = m_farms[f].id;
                        ce.plantingId = p.id;
                        ce.category = kPlantingCategories[c];
                        ce.amount = std::round(perHa * p.plantedAreaHa / entries *
                                               m_rng.uniform(0.85, 1.2) * 100) /
                                    100;
                        ce.currency = QStringLiteral("EUR");
                        const std::int32_t day = c < 2 ? plantDay - int(m_rng.uniformInt(0, 20))
                                                       : int(m_rng.uniformInt(plantDay, to));
                        ce.incurredOn = QDate(1970, 1, 1).addDays(day);
                        ce.description = QString::fromLatin1(kCrops[crop].name);
                        AGRO_TRY(store::Repository<CostEntry>::insert(m_m, ce));
                        ++summary.costEntries;
                    }
                }

                // One to three harvests summing to the season's yield; a few % rejected.
                const int harvests = spec.intensity > 2 ? 3 : 1;
                for (int h = 0; h < harvests; ++h) {
                    Harvest hv;
                    hv.id = m_m.newId();
                    hv.farmId = m_farms[f].id;
                    hv.plantingId = p.id;
                    hv.harvestedOn =
                        QDate(1970, 1, 1).addDays(to - 40 + h * 15 - int(m_rng.uniformInt(0, 10)));
                    hv.quantityKg = std::round(totalKg / harvests * m_rng.uniform(0.9, 1.1));
                    hv.rejectedKg = std::round(hv.quantityKg * m_rng.uniform(0.01, 0.08));
                    hv.enteredUnit = QStringLiteral("kg");
                    hv.grade = m_rng.bernoulli(0.75) ? QStringLiteral("A") : QStringLiteral("B");
                    AGRO_TRY(store::Repository<Harvest>::insert(m_m, hv));
                }
                advance(20);
            }
            // Farm-level overheads (insurance, advice, utilities): monthly "other" costs.
            for (int month = 3; month <= 10; ++month) {
                CostEntry ce;
                ce.id = m_m.newId();
                ce.farmId = m_farms[f].id;
                ce.category = CostCategory::Other;
                ce.amount = std::round(m_rng.uniform(600, 1400) * m_o.preset.fieldsPerFarm / 6.0);
                ce.incurredOn = QDate(year, month, 15);
                ce.allocation = QStringLiteral("area");
                ce.description = QStringLiteral("Overheads (insurance, utilities, advice)");
                AGRO_TRY(store::Repository<CostEntry>::insert(m_m, ce));
                ++summary.costEntries;
            }
            if (cancelled())
                return Error::make(ErrorCode::Cancelled);
        }
    }
    return {};
}

} // namespace agro::demo

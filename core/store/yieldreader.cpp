#include "yieldreader.h"

#include "analytics/calendar.h"

#include <QHash>

#include <array>
#include <cmath>
#include <map>

namespace agro::store {

namespace {
struct Climate {
    std::array<double, 366> meanTempC{};
    std::array<double, 366> rainMm{};
    std::map<std::int32_t, std::pair<double, double>> days; ///< day → (mean temp, rain)
};

std::int32_t dayNumber(const QDate &d) {
    return analytics::daysFromCivil(d.year(), d.month(), d.day());
}
} // namespace

Result<YieldData> YieldReader::load(Connection &db, const QString &farmId) {
    YieldData out;
    AGRO_TRY(db.exec("BEGIN"));
    struct EndRead {
        Connection &db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } endRead{db};

    // Weather and climatology per farm.
    QHash<QString, Climate> climate;
    {
        auto st = db.prepare("SELECT f.id, w.day, w.tmin_c, w.tmax_c, w.rain_mm FROM weather_daily "
                             "w JOIN farms f ON f.lid = w.farm WHERE ?1 IS NULL OR f.id = ?1 "
                             "ORDER BY f.id, w.day");
        if (!st.ok())
            return st.error();
        st->bind(1, farmId.isEmpty() ? QString() : farmId);
        QHash<QString, std::array<int, 366>> counts;
        AGRO_TRY(st->forEachRow([&] {
            if (st->isNull(2) || st->isNull(3))
                return;
            Climate &c = climate[st->text(0)];
            const auto day = std::int32_t(st->int64(1));
            const double t = (st->real(2) + st->real(3)) / 2,
                         rain = st->isNull(4) ? 0 : st->real(4);
            c.days[day] = {t, rain};
            const auto doy = size_t(analytics::dayOfYear(day) - 1);
            c.meanTempC[doy] += t;
            c.rainMm[doy] += rain;
            ++counts[st->text(0)][doy];
        }));
        for (auto it = climate.begin(); it != climate.end(); ++it)
            for (size_t d = 0; d < 366; ++d) {
                const int n = std::max(counts[it.key()][d], 1);
                it->meanTempC[d] /= n;
                it->rainMm[d] /= n;
            }
    }
    {
        auto st = db.prepare("SELECT name FROM seasons GROUP BY name ORDER BY min(starts_on)");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { out.seasons << st->text(0); }));
    }
    auto st = db.prepare(
        "SELECT p.id, f.name || ' · ' || fl.name || ' · ' || c.name || ' · ' || s.name, p.farm_id, "
        "c.name, s.name, p.planted_area_ha, p.expected_yield_kg_ha, fl.soil_ph, fl.soil_n_kg_ha, "
        "coalesce(p.planted_on, s.starts_on), s.ends_on, c.base_temp_c, "
        "(SELECT sum(quantity_kg) FROM harvests h WHERE h.planting_id = p.id) "
        "FROM plantings p JOIN farms f ON f.id = p.farm_id JOIN fields fl ON fl.id = p.field_id "
        "JOIN crops c ON c.id = p.crop_id JOIN seasons s ON s.id = p.season_id "
        "WHERE ?1 IS NULL OR p.farm_id = ?1 ORDER BY s.starts_on, p.lid");
    if (!st.ok())
        return st.error();
    st->bind(1, farmId.isEmpty() ? QString() : farmId);
    AGRO_TRY(st->forEachRow([&] {
        YieldRow r;
        r.plantingId = st->text(0);
        r.label = st->text(1);
        r.farmId = st->text(2);
        r.cropName = st->text(3);
        r.seasonName = st->text(4);
        r.seasonIndex = int(out.seasons.indexOf(r.seasonName));
        r.areaHa = st->real(5);
        r.expectedKgHa = st->real(6);
        if (!out.crops.contains(r.cropName))
            out.crops << r.cropName;
        auto &s = r.sample;
        s.crop = int(out.crops.indexOf(r.cropName));
        s.logExpected = r.expectedKgHa > 0 ? std::log(r.expectedKgHa) : 0;
        s.soilPhDeviation2 = st->isNull(7) ? 0 : std::pow(st->real(7) - 6.5, 2);
        s.soilNitrogenAnomaly = st->isNull(8) ? 0 : (st->real(8) - 120) / 50;
        // Season weather against the farm's normal over the same days.
        const auto c = climate.constFind(r.farmId);
        if (c != climate.constEnd()) {
            const std::int32_t from = dayNumber(QDate::fromString(st->text(9), Qt::ISODate));
            const std::int32_t to = dayNumber(QDate::fromString(st->text(10), Qt::ISODate));
            const double base = st->real(11);
            double gdd = 0, normalGdd = 0, rain = 0, normalRain = 0;
            bool complete = true;
            for (std::int32_t d = from; d <= to; ++d) {
                const auto doy = size_t(analytics::dayOfYear(d) - 1);
                normalGdd += std::max(0.0, c->meanTempC[doy] - base);
                normalRain += c->rainMm[doy];
                const auto w = c->days.find(d);
                if (w == c->days.end()) {
                    complete = false;
                    continue;
                }
                gdd += std::max(0.0, w->second.first - base);
                rain += w->second.second;
            }
            if (complete) {
                s.gddAnomaly = (gdd - normalGdd) / 200;
                s.rainAnomaly = std::min(rain - normalRain, 100.0) / 100;
            }
        }
        const double harvested = st->isNull(12) ? 0 : st->real(12);
        if (r.areaHa > 0 && harvested > 0) {
            r.actualKgHa = harvested / r.areaHa;
            s.logYield = std::log(*r.actualKgHa);
        }
        out.rows.push_back(std::move(r));
    }));
    // Baseline: same crop, same farm, latest earlier season it was grown (area-weighted).
    std::map<std::tuple<QString, int, int>, std::pair<double, double>> byCropSeason; // kg, ha
    for (const auto &r : out.rows)
        if (r.actualKgHa) {
            auto &acc = byCropSeason[{r.farmId, r.sample.crop, r.seasonIndex}];
            acc.first += *r.actualKgHa * r.areaHa;
            acc.second += r.areaHa;
        }
    for (auto &r : out.rows)
        for (int s = r.seasonIndex - 1; s >= 0; --s) {
            const auto it = byCropSeason.find({r.farmId, r.sample.crop, s});
            if (it != byCropSeason.end() && it->second.second > 0) {
                r.baselineKgHa = it->second.first / it->second.second;
                break;
            }
        }
    return out;
}

} // namespace agro::store

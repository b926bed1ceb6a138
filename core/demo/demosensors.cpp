#include "analytics/calendar.h"
#include "demobuilder.h"
#include "store/bulkbatches.h"
#include "store/repository.h"

#include <QTimeZone>

#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

namespace agro::demo {

using namespace agro::domain;

namespace {
enum class Kind { SoilMoisture, AirTemperature, SoilTemperature, Humidity, ColdRoom };

constexpr double kNoLimit = std::numeric_limits<double>::quiet_NaN();

struct KindSpec {
    Kind kind;
    const char *key;
    const char *code;
    const char *unit;
    double low;
    double high;
    double scale; ///< typical size of a fault, in the unit
};
constexpr KindSpec kKinds[] = {
    {Kind::SoilMoisture, "soil_moisture", "SM", "%", 15, 42, 12},
    {Kind::AirTemperature, "air_temperature", "AT", "°C", -5, 35, 10},
    {Kind::SoilTemperature, "soil_temperature", "ST", "°C", 0, 30, 8},
    // Humidity near 100 % at night is dew, not a problem: no upper limit.
    {Kind::Humidity, "humidity", "RH", "%", 25, kNoLimit, 25},
    {Kind::ColdRoom, "cold_room_temperature", "CR", "°C", 0.5, 5.0, 5}};

enum class Fault { None, FlatLine, DropOut, Spike, Drift, Excursion };

struct FaultWindow {
    Fault type;
    std::int64_t from; ///< first reading index
    std::int64_t to;   ///< last reading index
    double magnitude;
};

const char *faultKey(Fault f) {
    switch (f) {
    case Fault::FlatLine:
        return "flatline";
    case Fault::DropOut:
        return "dropout";
    case Fault::Spike:
        return "spike";
    case Fault::Drift:
        return "drift";
    case Fault::Excursion:
        return "excursion";
    case Fault::None:
        break;
    }
    return "none";
}
} // namespace

Result<void> DemoBuilder::sensorsAndReadings() {
    constexpr int kStep = 900; // 15 minutes
    const std::int64_t firstTs = std::int64_t(m_endDay - m_o.preset.sensorDays + 1) * 86400;
    const std::int64_t steps = std::int64_t(m_o.preset.sensorDays) * 86400 / kStep;
    store::BulkBatches batches(m_m, QStringLiteral("sensor_readings"), QStringLiteral("demo"));
    auto ins = m_m.db().prepare(
        "INSERT INTO sensor_readings (sensor, ts, value, batch) VALUES (?, ?, ?, ?)");
    if (!ins.ok())
        return ins.error();
    auto lidOf = m_m.db().prepare("SELECT lid FROM sensors WHERE id = ?");
    if (!lidOf.ok())
        return lidOf.error();

    std::vector<int> perFarm(m_farms.size(), 0);
    m_firstSensorDay = std::int32_t(firstTs / 86400);
    const size_t days = size_t(m_o.preset.sensorDays);
    std::vector<std::vector<double>> moistureSum(m_fields.size()), moistureCount(m_fields.size());
    for (int i = 0; i < m_o.preset.sensors; ++i) {
        analytics::Rng rng = m_rng.fork(50000 + std::uint64_t(i));
        const size_t farm = size_t(i) % m_farms.size();
        const int n = perFarm[farm]++;
        // The first sensor of each farm watches its cold room; the rest are in the fields.
        const KindSpec &spec = n == 0 ? kKinds[4] : kKinds[size_t(n - 1) % 4];
        std::vector<size_t> farmFields;
        for (size_t f = 0; f < m_fields.size(); ++f)
            if (m_fields[f].farm == farm)
                farmFields.push_back(f);
        Sensor s;
        s.id = m_m.newId();
        s.farmId = m_farms[farm].id;
        std::optional<size_t> field;
        if (spec.kind != Kind::ColdRoom && !farmFields.empty()) {
            field = farmFields[size_t(n) % farmFields.size()];
            s.fieldId = m_fields[*field].id;
        }
        s.name = QStringLiteral("%1-%2-%3")
                     .arg(m_farms[farm].code, QString::fromLatin1(spec.code))
                     .arg(n + 1, 3, 10, QLatin1Char('0'));
        s.kind = QString::fromLatin1(spec.key);
        s.unit = QString::fromUtf8(spec.unit);
        s.lowThreshold = spec.low;
        if (!std::isnan(spec.high))
            s.highThreshold = spec.high;
        s.intervalS = kStep;
        AGRO_TRY(store::Repository<Sensor>::insert(m_m, s));
        lidOf->bind(1, s.id);
        auto row = lidOf->step();
        if (!row.ok())
            return row.error();
        const std::int64_t lid = lidOf->int64(0);
        lidOf->reset();

        // Faults, scaled to the length of the record, at least one per sensor.
        const double years = m_o.preset.sensorDays / 365.0;
        std::vector<FaultWindow> faults;
        auto place = [&](Fault type, std::int64_t minLen, std::int64_t maxLen, double magnitude) {
            const std::int64_t len = rng.uniformInt(minLen, maxLen);
            const std::int64_t from =
                rng.uniformInt(96, std::max<std::int64_t>(97, steps - len - 1));
            for (const auto &f : faults)
                if (from <= f.to + 96 && from + len >= f.from - 96)
                    return; // keep faults apart so each one is unambiguous
            faults.push_back({type, from, from + len - 1, magnitude});
        };
        const int flat = int(rng.poisson(2 * years)), drop = int(rng.poisson(2 * years)),
                  spikes = int(rng.poisson(6 * years)), drift = rng.bernoulli(0.3 * years) ? 1 : 0,
                  excursions = spec.kind == Kind::ColdRoom ? int(rng.poisson(4 * years)) + 1 : 0;
        for (int k = 0; k < flat; ++k)
            place(Fault::FlatLine, 24, 288, 0);
        for (int k = 0; k < drop; ++k)
            place(Fault::DropOut, 8, 192, 0);
        for (int k = 0; k < spikes; ++k)
            place(Fault::Spike, 1, 1,
                  spec.scale * rng.uniform(0.8, 1.5) * (rng.bernoulli(0.5) ? 1 : -1));
        for (int k = 0; k < drift; ++k)
            place(Fault::Drift, 96 * 5, 96 * 20, spec.scale * rng.uniform(0.3, 0.5));
        for (int k = 0; k < excursions; ++k)
            place(Fault::Excursion, 4, 24, rng.uniform(6.5, 9.0));
        if (faults.empty())
            place(Fault::Spike, 1, 1, spec.scale);
        std::sort(faults.begin(), faults.end(),
                  [](const FaultWindow &a, const FaultWindow &b) { return a.from < b.from; });
        for (const auto &f : faults) {
            AGRO_TRY(recordFault(QString::fromLatin1(faultKey(f.type)), s.id,
                                 firstTs + f.from * kStep, firstTs + f.to * kStep,
                                 QStringLiteral("{\"magnitude\":%1}").arg(f.magnitude)));
        }

        auto batch = batches.batchFor(m_farms[farm].lid, m_farms[farm].id, 0);
        if (!batch.ok())
            return batch.error();
        const std::int64_t before = summary.sensorReadings;
        double moisture = rng.uniform(22, 32);
        double soilTemp = 10;
        double ar = 0;
        size_t fi = 0;
        double held = 0;
        for (std::int64_t k = 0; k < steps; ++k) {
            const std::int64_t ts = firstTs + k * kStep;
            const std::int32_t day = std::int32_t(ts / 86400);
            const double hour = double(ts % 86400) / 3600.0;
            const auto &w = weatherOn(farm, day);
            const double diurnal = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * (hour - 4) / 24);
            ar = 0.9 * ar + rng.normal(0, 0.15);
            double v = 0;
            switch (spec.kind) {
            case Kind::AirTemperature:
                v = w.tminC + (w.tmaxC - w.tminC) * diurnal + ar + rng.normal(0, 0.2);
                break;
            case Kind::SoilTemperature:
                soilTemp += ((w.tminC + w.tmaxC) / 2 - soilTemp) * 0.004;
                v = soilTemp + 1.2 * (diurnal - 0.5) + 0.3 * ar + rng.normal(0, 0.08);
                break;
            case Kind::SoilMoisture:
                if (hour == 0.0)
                    moisture = std::clamp(
                        moisture + w.rainMm * 0.45 - 0.08 * std::max(w.tmaxC, 0.0), 9.0, 46.0);
                v = moisture - 0.6 * diurnal + 0.5 * ar + rng.normal(0, 0.15);
                break;
            case Kind::Humidity:
                v = std::clamp(94 - 38 * diurnal + 4 * ar + rng.normal(0, 1.5) +
                                   (w.rainMm > 1 ? 6 : 0),
                               20.0, 100.0);
                break;
            case Kind::ColdRoom:
                v = 2.8 + 0.6 * ar + rng.normal(0, 0.12) + (rng.bernoulli(0.01) ? 1.2 : 0.0);
                break;
            }
            while (fi < faults.size() && faults[fi].to < k)
                ++fi;
            if (fi < faults.size() && k >= faults[fi].from) {
                const FaultWindow &f = faults[fi];
                switch (f.type) {
                case Fault::DropOut:
                    continue; // no reading reached the gateway
                case Fault::FlatLine:
                    if (k == f.from)
                        held = std::round(v * 10) / 10;
                    v = held;
                    break;
                case Fault::Spike:
                    v += f.magnitude;
                    break;
                case Fault::Drift:
                    v += f.magnitude * double(k - f.from) / double(f.to - f.from + 1);
                    break;
                case Fault::Excursion:
                    v = f.magnitude + rng.normal(0, 0.3);
                    break;
                case Fault::None:
                    break;
                }
            }
            if (spec.kind == Kind::SoilMoisture && field) {
                if (moistureSum[*field].empty()) {
                    moistureSum[*field].assign(days, 0.0);
                    moistureCount[*field].assign(days, 0.0);
                }
                moistureSum[*field][size_t(day - m_firstSensorDay)] += v;
                moistureCount[*field][size_t(day - m_firstSensorDay)] += 1;
            }
            ins->bind(1, lid);
            ins->bind(2, ts);
            ins->bind(3, std::round(v * 100) / 100);
            ins->bind(4, batch.value());
            AGRO_TRY(ins->run());
            ++summary.sensorReadings;
        }
        AGRO_TRY(
            batches.batchFor(m_farms[farm].lid, m_farms[farm].id, summary.sensorReadings - before));
        advance(steps);
        if (cancelled())
            return Error::make(ErrorCode::Cancelled);
    }
    m_fieldMoisture.assign(m_fields.size(), {});
    for (size_t f = 0; f < m_fields.size(); ++f)
        for (size_t d = 0; d < moistureSum[f].size(); ++d)
            m_fieldMoisture[f].push_back(moistureCount[f][d] > 0
                                             ? moistureSum[f][d] / moistureCount[f][d]
                                             : std::numeric_limits<double>::quiet_NaN());
    return batches.finish();
}

} // namespace agro::demo

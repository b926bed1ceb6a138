#include "importsink.h"
#include "store/bulkbatches.h"

#include <QHash>

namespace agro::io {

namespace {
enum Col { SensorCol, Timestamp, Value };

class ReadingsSink final : public ImportSink {
public:
    Result<void> start(store::Mutator &m, const QString &source) override {
        auto st = m.db().prepare("SELECT s.lid, s.id, s.name, f.lid, f.id FROM sensors s "
                                 "JOIN farms f ON f.id = s.farm_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            m_sensors.push_back({st->int64(0), st->int64(3), st->text(4)});
            m_byId.insert(st->text(1), m_sensors.size() - 1);
            m_byName.insert(st->text(2), m_sensors.size() - 1);
        }));
        auto ins = m.db().prepare(
            "INSERT INTO sensor_readings (sensor, ts, value, batch) VALUES (?, ?, ?, ?)");
        if (!ins.ok())
            return ins.error();
        m_insert = std::move(ins).value();
        m_batches.emplace(m, QStringLiteral("sensor_readings"), source);
        return {};
    }

    Result<void> row(const RowContext &row) override {
        const QString key = row.text(SensorCol);
        const Sensor *sensor = nullptr;
        if (auto it = m_byId.constFind(key); it != m_byId.constEnd()) {
            sensor = &m_sensors[*it];
        } else {
            const auto matches = m_byName.values(key);
            if (matches.size() > 1)
                return row.error(ErrorCode::CsvUnknownReference, SensorCol,
                                 key + QStringLiteral(" (several sensors have this name; use "
                                                      "the id)"));
            if (matches.size() == 1)
                sensor = &m_sensors[matches.front()];
        }
        if (!sensor)
            return row.error(ErrorCode::CsvUnknownReference, SensorCol, key);
        auto ts = row.timestamp(Timestamp);
        if (!ts.ok())
            return ts.error();
        auto value = row.number(Value);
        if (!value.ok())
            return value.error();
        auto batch = m_batches->batchFor(sensor->farmLid, sensor->farmId);
        if (!batch.ok())
            return batch.error();
        m_insert.bind(1, sensor->lid);
        m_insert.bind(2, ts.value());
        m_insert.bind(3, value.value());
        m_insert.bind(4, batch.value());
        auto r = m_insert.run();
        if (!r.ok()) {
            if (r.error().code == ErrorCode::Constraint)
                return row.error(ErrorCode::CsvDuplicateKey, Timestamp,
                                 key + QStringLiteral(" ") + row.text(Timestamp));
            return r.error();
        }
        ++m_rows;
        return {};
    }

    Result<std::int64_t> finish() override {
        AGRO_TRY(m_batches->finish());
        return m_rows;
    }

private:
    struct Sensor {
        std::int64_t lid;
        std::int64_t farmLid;
        QString farmId;
    };
    std::vector<Sensor> m_sensors;
    QHash<QString, size_t> m_byId;
    QMultiHash<QString, size_t> m_byName;
    store::Statement m_insert;
    std::optional<store::BulkBatches> m_batches;
    std::int64_t m_rows = 0;
};
} // namespace

std::unique_ptr<ImportSink> makeReadingsSink() {
    return std::make_unique<ReadingsSink>();
}

} // namespace agro::io

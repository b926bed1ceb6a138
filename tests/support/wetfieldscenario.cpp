#include "wetfieldscenario.h"

#include "testsupport.h"

#include <QDate>

namespace agro::test {

QString addWetFieldScenario(const QString &path, analytics::detection::TwoByTwo *expected) {
    auto db = connect(path);
    const QString farm = textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
    analytics::detection::TwoByTwo table;
    constexpr int firstDay = 18262; // 2020-01-01: far from the demo's own data
    constexpr int days = 200;
    auto exec = [&](const QString &sql) {
        if (auto r = db.exec(sql.toStdString()); !r.ok())
            qFatal("scenario: %s", qPrintable(sql));
    };
    const QString product = textOf(
        db, qPrintable(QStringLiteral("SELECT p.id FROM products p JOIN product_categories c "
                                      "ON c.id = p.category_id WHERE c.kind = 'produce' AND "
                                      "p.farm_id = '%1' LIMIT 1")
                           .arg(farm)));
    if (product.isEmpty())
        qFatal("scenario: no produce product on the first farm");
    exec(QStringLiteral("BEGIN"));
    exec(QStringLiteral("INSERT INTO fields (id, farm_id, name, area_ha) VALUES "
                        "('t-field', '%1', 'Test Meadow', 2)")
             .arg(farm));
    exec(QStringLiteral("INSERT INTO plantings (id, farm_id, field_id, crop_id, season_id, "
                        "planted_area_ha) SELECT 't-planting', '%1', 't-field', (SELECT id "
                        "FROM crops LIMIT 1), (SELECT id FROM seasons WHERE farm_id = '%1' "
                        "LIMIT 1), 2")
             .arg(farm));
    exec(QStringLiteral("INSERT INTO sensors (id, farm_id, field_id, name, kind, unit, "
                        "low_threshold, high_threshold) VALUES ('t-sm', '%1', 't-field', "
                        "'TST-SM-001', 'soil_moisture', '%', 15, 40)")
             .arg(farm));
    const qint64 sensor = intOf(db, "SELECT lid FROM sensors WHERE id = 't-sm'");
    const qint64 batch = intOf(db, "SELECT min(lid) FROM bulk_batches");
    for (int i = 0; i < days; ++i)
        for (int h = 0; h < 4; ++h)
            exec(QStringLiteral("INSERT INTO sensor_readings (sensor, ts, value, batch) "
                                "VALUES (%1, %2, %3, %4)")
                     .arg(sensor)
                     .arg(qint64(firstDay + i) * 86400 + h * 21600)
                     .arg(wetScenarioDay(i) ? 46.0 + h * 0.1 : 25.0 - h * 0.1)
                     .arg(batch));
    // 45 lots, one every 4 days from day 12; exposed when a wet day is among the 7 before.
    int exposedSeen = 0, otherSeen = 0;
    for (int k = 0; k < 45; ++k) {
        const int day = 12 + 4 * k;
        bool exposed = false;
        for (int d = day - 7; d < day; ++d)
            exposed = exposed || wetScenarioDay(d);
        // Six in ten exposed lots go bad, one in ten of the others.
        const bool bad = exposed ? (exposedSeen++ % 10) < 6 : (otherSeen++ % 10) < 1;
        (exposed ? (bad ? table.exposedBad : table.exposedGood)
                 : (bad ? table.otherBad : table.otherGood)) += 1;
        const QString lot = QStringLiteral("t-lot-%1").arg(k);
        const QString date = QDate(1970, 1, 1).addDays(firstDay + day).toString(Qt::ISODate);
        exec(QStringLiteral("INSERT INTO lots (id, farm_id, product_id, batch_number, "
                            "produced_on, quantity, supplier, planting_id) VALUES ('%1', "
                            "'%2', '%3', 'T%4', '%5', 100, 'Own harvest', 't-planting')")
                 .arg(lot, farm, product)
                 .arg(k)
                 .arg(date));
        auto inspect = [&](const QString &id, const QString &at, bool held) {
            exec(
                QStringLiteral("INSERT INTO qc_inspections (id, farm_id, lot_id, category_id, "
                               "inspected_at, disposition, rule_id, decided_by) SELECT '%1', '%2', "
                               "'%3', p.category_id, '%4', '%5', '%6', '%6' FROM products p WHERE "
                               "p.id = '%7'")
                    .arg(id, farm, lot, at, held ? QStringLiteral("hold") : QStringLiteral("pass"),
                         held ? QStringLiteral("produce-overripe") : QString(), product));
        };
        inspect(lot + QStringLiteral("-i1"), date + QStringLiteral("T09:00:00Z"), bad);
        // A bad lot re-inspected the next day and passed: only the first inspection counts.
        if (bad)
            inspect(lot + QStringLiteral("-i2"), date + QStringLiteral("T23:00:00Z"), false);
    }
    exec(QStringLiteral("COMMIT"));
    if (expected)
        *expected = table;
    return farm;
}

} // namespace agro::test

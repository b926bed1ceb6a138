#include "domain/units.h"

#include <QTest>

using namespace agro::domain;

class TestUnits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void area_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("hectares");
        QTest::newRow("1 ha") << 1.0 << "ha" << 1.0;
        QTest::newRow("1 acre") << 1.0 << "ac" << 0.40468564224;
        QTest::newRow("247.105 acres ≈ 100 ha") << 247.105381467 << "ac" << 100.0;
        QTest::newRow("zero") << 0.0 << "ac" << 0.0;
    }
    void area() {
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(double, hectares);
        const auto u = areaUnitFromKey(unit.toStdString());
        QVERIFY(u);
        QVERIFY(qAbs(toHectares(value, *u) - hectares) < 1e-9);
        QVERIFY(qAbs(fromHectares(hectares, *u) - value) < 1e-9 * qMax(1.0, value));
    }
    void mass_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("kilograms");
        QTest::newRow("1 kg") << 1.0 << "kg" << 1.0;
        QTest::newRow("1 lb") << 1.0 << "lb" << 0.45359237;
        QTest::newRow("2.5 t") << 2.5 << "t" << 2500.0;
    }
    void mass() {
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(double, kilograms);
        const auto u = massUnitFromKey(unit.toStdString());
        QVERIFY(u);
        QCOMPARE(toKilograms(value, *u), kilograms);
        QVERIFY(qAbs(fromKilograms(kilograms, *u) - value) < 1e-12);
    }
    void yieldConversion() {
        // 1,000 kg/ha = 1,000 / 0.45359237 lb per 1/0.40468564224 ac ≈ 892.18 lb/ac.
        QVERIFY(qAbs(yieldFromKgPerHa(1000, MassUnit::Pound, AreaUnit::Acre) - 892.1791) < 1e-3);
        QCOMPARE(yieldFromKgPerHa(7500, MassUnit::Tonne, AreaUnit::Hectare), 7.5);
    }
    void unknownKeys() {
        QVERIFY(!areaUnitFromKey("sqm"));
        QVERIFY(!massUnitFromKey("oz"));
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"

#pragma once

#include "domain/units.h"

#include <QString>

namespace agro::ui {

/// The units a person reads figures in (a farm's own, or ha and kg for several farms), and
/// the conversions of canonical per-hectare and per-kilogram figures into them.
struct DisplayUnits {
    domain::AreaUnit area = domain::AreaUnit::Hectare;
    domain::MassUnit mass = domain::MassUnit::Kilogram;

    static DisplayUnits fromKeys(const QString &areaKey, const QString &massKey);

    double area_(double hectares) const { return domain::fromHectares(hectares, area); }
    /// A per-hectare amount (money/ha, kg/ha) expressed per display area unit.
    double perArea(double perHectare) const { return perHectare * domain::toHectares(1.0, area); }
    double mass_(double kilograms) const { return domain::fromKilograms(kilograms, mass); }
    /// A yield in kg/ha in display units (mass per area).
    double yield(double kgPerHa) const { return domain::yieldFromKgPerHa(kgPerHa, mass, area); }
    /// A per-kilogram amount (money/kg) per display mass unit.
    double perMass(double perKg) const { return perKg * domain::toKilograms(1.0, mass); }

    QString areaLabel() const;
    QString massLabel() const;
};

} // namespace agro::ui

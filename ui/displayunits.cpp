#include "displayunits.h"

#include <QCoreApplication>

namespace agro::ui {

DisplayUnits DisplayUnits::fromKeys(const QString &areaKey, const QString &massKey) {
    DisplayUnits u;
    u.area = domain::areaUnitFromKey(areaKey.toStdString()).value_or(domain::AreaUnit::Hectare);
    u.mass = domain::massUnitFromKey(massKey.toStdString()).value_or(domain::MassUnit::Kilogram);
    return u;
}

QString DisplayUnits::areaLabel() const {
    return area == domain::AreaUnit::Hectare ? QCoreApplication::translate("units", "ha")
                                             : QCoreApplication::translate("units", "ac");
}

QString DisplayUnits::massLabel() const {
    switch (mass) {
    case domain::MassUnit::Kilogram:
        return QCoreApplication::translate("units", "kg");
    case domain::MassUnit::Pound:
        return QCoreApplication::translate("units", "lb");
    case domain::MassUnit::Tonne:
        return QCoreApplication::translate("units", "t");
    }
    return {};
}

} // namespace agro::ui

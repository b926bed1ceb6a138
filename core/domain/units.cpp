#include "units.h"

namespace agro::domain {

std::optional<AreaUnit> areaUnitFromKey(std::string_view key) {
    if (key == "ha")
        return AreaUnit::Hectare;
    if (key == "ac")
        return AreaUnit::Acre;
    return std::nullopt;
}

std::optional<MassUnit> massUnitFromKey(std::string_view key) {
    if (key == "kg")
        return MassUnit::Kilogram;
    if (key == "lb")
        return MassUnit::Pound;
    if (key == "t")
        return MassUnit::Tonne;
    return std::nullopt;
}

std::string_view areaUnitKey(AreaUnit u) {
    return u == AreaUnit::Hectare ? "ha" : "ac";
}

std::string_view massUnitKey(MassUnit u) {
    switch (u) {
    case MassUnit::Kilogram:
        return "kg";
    case MassUnit::Pound:
        return "lb";
    case MassUnit::Tonne:
        return "t";
    }
    return "kg";
}

double toHectares(double value, AreaUnit from) {
    return from == AreaUnit::Hectare ? value : value * kHectaresPerAcre;
}

double fromHectares(double hectares, AreaUnit to) {
    return to == AreaUnit::Hectare ? hectares : hectares / kHectaresPerAcre;
}

double toKilograms(double value, MassUnit from) {
    switch (from) {
    case MassUnit::Kilogram:
        return value;
    case MassUnit::Pound:
        return value * kKilogramsPerPound;
    case MassUnit::Tonne:
        return value * 1000.0;
    }
    return value;
}

double fromKilograms(double kilograms, MassUnit to) {
    switch (to) {
    case MassUnit::Kilogram:
        return kilograms;
    case MassUnit::Pound:
        return kilograms / kKilogramsPerPound;
    case MassUnit::Tonne:
        return kilograms / 1000.0;
    }
    return kilograms;
}

double yieldFromKgPerHa(double kgPerHa, MassUnit mass, AreaUnit area) {
    // kg/ha → (mass unit)/(area unit): convert the numerator, then multiply by the area of
    // one display unit in hectares.
    return fromKilograms(kgPerHa, mass) * toHectares(1.0, area);
}

} // namespace agro::domain

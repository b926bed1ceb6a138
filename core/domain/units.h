#pragma once

#include <optional>
#include <string_view>

namespace agro::domain {

/// Units of area and mass. The store keeps hectares and kilograms; every conversion between
/// what a person types or sees and what is stored goes through these functions.
enum class AreaUnit { Hectare, Acre };
enum class MassUnit { Kilogram, Pound, Tonne };

/// 1 acre = 4,046.8564224 m² (international acre) = 0.40468564224 ha.
inline constexpr double kHectaresPerAcre = 0.40468564224;
/// 1 lb = 0.45359237 kg exactly (international avoirdupois pound, 1959).
inline constexpr double kKilogramsPerPound = 0.45359237;

std::optional<AreaUnit> areaUnitFromKey(std::string_view key); ///< "ha", "ac"
std::optional<MassUnit> massUnitFromKey(std::string_view key); ///< "kg", "lb", "t"
std::string_view areaUnitKey(AreaUnit u);
std::string_view massUnitKey(MassUnit u);

double toHectares(double value, AreaUnit from);
double fromHectares(double hectares, AreaUnit to);
double toKilograms(double value, MassUnit from);
double fromKilograms(double kilograms, MassUnit to);

/// A yield in kg/ha expressed in the display units (e.g. lb/ac).
double yieldFromKgPerHa(double kgPerHa, MassUnit mass, AreaUnit area);

} // namespace agro::domain

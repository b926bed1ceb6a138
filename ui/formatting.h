#pragma once

#include <QString>

namespace agro::ui {

/// Number formats for figures on screen, in the user's locale.
namespace format {

/// The symbol for an ISO 4217 code where one is unambiguous (€, $, £), else the code.
QString currencySymbol(const QString &code);
/// Money, no decimals below a million, "1.23 M" above: "€68,932", "€1.23 M".
QString money(double value, const QString &currencyCode);
/// Money with cents, for tooltips: "€68,932.37".
QString moneyExact(double value, const QString &currencyCode);
/// A count or quantity with grouping: "12,938".
QString quantity(double value);
/// A ratio as a percentage with one decimal: "59.6 %".
QString percent(double ratio);

} // namespace format
} // namespace agro::ui

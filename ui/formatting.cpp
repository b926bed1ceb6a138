#include "formatting.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace agro::ui::format {

QString currencySymbol(const QString &code) {
    if (code == QLatin1String("EUR"))
        return QStringLiteral("€");
    if (code == QLatin1String("USD"))
        return QStringLiteral("$");
    if (code == QLatin1String("GBP"))
        return QStringLiteral("£");
    return code.isEmpty() ? QString() : code + QLatin1Char(' ');
}

QString money(double value, const QString &currencyCode) {
    const QLocale locale;
    const QString sign = value < 0 ? QStringLiteral("−") : QString();
    const double a = std::abs(value);
    if (a >= 1e6)
        return sign + currencySymbol(currencyCode) +
               QCoreApplication::translate("format", "%1 M").arg(locale.toString(a / 1e6, 'f', 2));
    return sign + currencySymbol(currencyCode) + locale.toString(a, 'f', 0);
}

QString moneyExact(double value, const QString &currencyCode) {
    const QString sign = value < 0 ? QStringLiteral("−") : QString();
    return sign + currencySymbol(currencyCode) + QLocale().toString(std::abs(value), 'f', 2);
}

QString quantity(double value) {
    return QLocale().toString(value, 'f', value == std::round(value) ? 0 : 1);
}

QString percent(double ratio) {
    return QCoreApplication::translate("format", "%1 %")
        .arg(QLocale().toString(ratio * 100, 'f', 1));
}

} // namespace agro::ui::format

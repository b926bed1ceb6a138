#include "validation.h"

#include <QStringList>

#include <cmath>

namespace agro::domain {

std::vector<FieldError> validateCostEntry(const CostEntry &c) {
    std::vector<FieldError> e;
    if (c.farmId.isEmpty())
        e.push_back(
            {QStringLiteral("farmId"), ErrorCode::InvalidArgument, QStringLiteral("required")});
    if (!std::isfinite(c.amount) || c.amount == 0.0)
        e.push_back({QStringLiteral("amount"), ErrorCode::InvalidArgument,
                     QStringLiteral("a non-zero amount (negative for a refund)")});
    else if (std::abs(c.amount) > 1e10)
        e.push_back(
            {QStringLiteral("amount"), ErrorCode::InvalidArgument, QStringLiteral("too large")});
    if (!c.incurredOn.isValid())
        e.push_back(
            {QStringLiteral("incurredOn"), ErrorCode::InvalidArgument, QStringLiteral("required")});
    if (c.currency.size() != 3)
        e.push_back({QStringLiteral("currency"), ErrorCode::InvalidArgument,
                     QStringLiteral("a three-letter ISO 4217 code")});
    if (c.allocation != QLatin1String("area") && c.allocation != QLatin1String("shares"))
        e.push_back({QStringLiteral("allocation"), ErrorCode::InvalidArgument,
                     QStringLiteral("area or shares")});
    if (c.description.size() > 500)
        e.push_back({QStringLiteral("description"), ErrorCode::InvalidArgument,
                     QStringLiteral("at most 500 characters")});
    return e;
}

Error toError(const std::vector<FieldError> &errors) {
    Error e = Error::make(errors.empty() ? ErrorCode::InvalidArgument : errors.front().code);
    QStringList parts;
    for (const auto &f : errors)
        parts << f.field + QStringLiteral(": ") + f.detail;
    e.detail = parts.join(QStringLiteral("; "));
    if (!errors.empty())
        e.field = errors.front().field;
    return e;
}

} // namespace agro::domain

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

std::vector<FieldError> validatePlanting(const Planting &p, std::optional<double> fieldAreaHa) {
    std::vector<FieldError> e;
    for (const auto &[field, value] : {std::pair{QStringLiteral("fieldId"), p.fieldId},
                                       std::pair{QStringLiteral("cropId"), p.cropId},
                                       std::pair{QStringLiteral("seasonId"), p.seasonId}})
        if (value.isEmpty())
            e.push_back({field, ErrorCode::InvalidArgument, QStringLiteral("required")});
    if (!std::isfinite(p.plantedAreaHa) || p.plantedAreaHa <= 0)
        e.push_back({QStringLiteral("plantedAreaHa"), ErrorCode::InvalidArgument,
                     QStringLiteral("a planted area above 0")});
    else if (fieldAreaHa && p.plantedAreaHa > *fieldAreaHa * 1.0001)
        e.push_back({QStringLiteral("plantedAreaHa"), ErrorCode::InvalidArgument,
                     QStringLiteral("larger than the field (%1 ha)").arg(*fieldAreaHa)});
    if (!std::isfinite(p.expectedYieldKgHa) || p.expectedYieldKgHa < 0)
        e.push_back({QStringLiteral("expectedYieldKgHa"), ErrorCode::InvalidArgument,
                     QStringLiteral("0 or more")});
    if (!std::isfinite(p.expectedPricePerKg) || p.expectedPricePerKg < 0)
        e.push_back({QStringLiteral("expectedPricePerKg"), ErrorCode::InvalidArgument,
                     QStringLiteral("0 or more")});
    return e;
}

std::vector<FieldError> validateHarvest(const Harvest &h) {
    std::vector<FieldError> e;
    if (h.plantingId.isEmpty())
        e.push_back(
            {QStringLiteral("plantingId"), ErrorCode::InvalidArgument, QStringLiteral("required")});
    if (!h.harvestedOn.isValid())
        e.push_back({QStringLiteral("harvestedOn"), ErrorCode::InvalidArgument,
                     QStringLiteral("required")});
    if (!std::isfinite(h.quantityKg) || h.quantityKg <= 0)
        e.push_back({QStringLiteral("quantityKg"), ErrorCode::InvalidArgument,
                     QStringLiteral("a quantity above 0")});
    if (!std::isfinite(h.rejectedKg) || h.rejectedKg < 0 || h.rejectedKg > h.quantityKg)
        e.push_back({QStringLiteral("rejectedKg"), ErrorCode::InvalidArgument,
                     QStringLiteral("between 0 and the quantity")});
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

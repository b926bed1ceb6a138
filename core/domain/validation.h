#pragma once

#include "common/error.h"
#include "costs.h"
#include "farm.h"

#include <QString>

#include <optional>
#include <vector>

namespace agro::domain {

/// A problem with one field of a record, for a message next to that field.
struct FieldError {
    QString field; ///< the record's field name: "amount", "incurredOn", …
    ErrorCode code = ErrorCode::InvalidArgument;
    QString detail;
};

/// Checks a cost entry on its own (the service adds the checks that need the workspace:
/// the farm exists, its currency, the planting belongs to it).
std::vector<FieldError> validateCostEntry(const CostEntry &c);

/// Checks a planting on its own; `fieldAreaHa` (if known) bounds the planted area.
std::vector<FieldError> validatePlanting(const Planting &p, std::optional<double> fieldAreaHa);

/// Checks a harvest on its own.
std::vector<FieldError> validateHarvest(const Harvest &h);

/// The errors as one Error (code InvalidArgument, field = first field, detail lists all).
Error toError(const std::vector<FieldError> &errors);

} // namespace agro::domain

#pragma once

#include "common/error.h"
#include "costs.h"

#include <QString>

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

/// The errors as one Error (code InvalidArgument, field = first field, detail lists all).
Error toError(const std::vector<FieldError> &errors);

} // namespace agro::domain

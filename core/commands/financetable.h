#pragma once

#include "domain/finance.h"

#include <QByteArray>

#include <vector>

namespace agro::commands {

/// The finance figures of each group as CSV (RFC 4180, header first, empty cell for a
/// figure without a defined value) or as a JSON array of objects (null for those). Columns
/// and their formulas: docs/finance.md.
QByteArray financeCsv(const std::vector<domain::FinanceGroup> &groups);
QByteArray financeJson(const std::vector<domain::FinanceGroup> &groups);

} // namespace agro::commands

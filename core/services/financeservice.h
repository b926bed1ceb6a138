#pragma once

#include "common/result.h"
#include "domain/dashboard.h"
#include "domain/finance.h"

#include <QCoroTask>

#include <vector>

namespace agro::services {

/// What the Costs & Yield filters offer.
struct FinanceOptions {
    std::vector<domain::FarmSummary> farms;
    QStringList seasons;                     ///< season names, newest first
    QString areaUnit = QStringLiteral("ha"); ///< display units when one farm is shown
    QString massUnit = QStringLiteral("kg");
};

/// A cost entry behind a figure (drill-down).
struct CostLine {
    QString id;
    QDate incurredOn;
    domain::CostCategory category = domain::CostCategory::Other;
    double amount = 0;
    QString planting; ///< "Field · Crop · Season"
    QString description;
};

/// The Costs & Yield reads, on a worker with their own connection.
class FinanceService {
public:
    static QCoro::Task<Result<domain::FinanceData>> load(QString workspace, domain::FinanceQuery q);
    static QCoro::Task<Result<FinanceOptions>> options(QString workspace, QString farmId);
    /// Cost entries booked directly on these plantings, newest first.
    static QCoro::Task<Result<std::vector<CostLine>>> costLines(QString workspace,
                                                                QStringList plantingIds);
};

} // namespace agro::services

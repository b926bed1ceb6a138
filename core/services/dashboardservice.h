#pragma once

#include "common/result.h"
#include "domain/dashboard.h"

#include <QCoroTask>

#include <vector>

namespace agro::services {

/// The dashboard's reads, each on a worker with its own connection.
class DashboardService {
public:
    static QCoro::Task<Result<domain::DashboardData>> load(QString workspace,
                                                           domain::DashboardQuery query);
    static QCoro::Task<Result<std::vector<domain::FarmSummary>>> farms(QString workspace);
    static QCoro::Task<Result<domain::DataRange>> salesRange(QString workspace);
};

} // namespace agro::services

#include "dashboardservice.h"

#include "store/dashboardreader.h"
#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

namespace {
/// Opens a connection and runs `read` on it.
template<class F>
auto withConnection(const QString &path, F read)
    -> decltype(read(std::declval<store::Connection &>())) {
    auto db = store::Workspace::connect(path);
    if (!db.ok())
        return db.error();
    return read(db.value());
}
} // namespace

QCoro::Task<Result<domain::DashboardData>> DashboardService::load(QString workspace,
                                                                  domain::DashboardQuery query) {
    auto work = [workspace, query] {
        return withConnection(workspace, [&](store::Connection &db) {
            return store::DashboardReader::load(db, query);
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<domain::FarmSummary>>> DashboardService::farms(QString workspace) {
    auto work = [workspace] {
        return withConnection(
            workspace, [](store::Connection &db) { return store::DashboardReader::farms(db); });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<domain::DataRange>> DashboardService::salesRange(QString workspace) {
    auto work = [workspace] {
        return withConnection(workspace, [](store::Connection &db) {
            return store::DashboardReader::salesRange(db);
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

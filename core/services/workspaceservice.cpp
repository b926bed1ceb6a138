#include "workspaceservice.h"

#include "worker.h"

namespace agro::services {

QCoro::Task<Result<store::WorkspaceInfo>> WorkspaceService::open(QString path) {
    auto work = [path] { return store::Workspace::open(path); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::WorkspaceInfo>> WorkspaceService::create(QString path) {
    auto work = [path] { return store::Workspace::create(path); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::WorkspaceInfo>>
WorkspaceService::generateDemo(QString path, demo::DemoOptions options, ProgressPtr progress) {
    auto work = [path, options, progress]() -> Result<store::WorkspaceInfo> {
        auto made = demo::generateDemo(path, options, progress.get());
        if (!made.ok())
            return made.error();
        return store::Workspace::open(path);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#include "transferservice.h"

#include "io/exporter.h"
#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<io::CsvPreview>> TransferService::preview(QString file, int rows) {
    auto work = [file, rows] { return io::previewCsv(file, rows); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<io::ImportSummary>> TransferService::importCsv(QString workspace,
                                                                  io::CsvKind kind, QString file,
                                                                  io::ColumnMapping mapping,
                                                                  ProgressPtr progress) {
    auto work = [=]() -> Result<io::ImportSummary> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return io::importCsv(db.value(), kind, file, mapping, progress.get());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::int64_t>> TransferService::exportCsv(QString workspace, io::CsvKind kind,
                                                             QString file, ProgressPtr progress) {
    auto work = [=]() -> Result<std::int64_t> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return io::exportCsv(db.value(), kind, file, progress.get());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

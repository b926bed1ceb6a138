#pragma once

#include "store/workspace.h"

#include <utility>

namespace agro::services {

/// Runs `work(db)` with a fresh connection to the workspace (each worker task opens its own:
/// SQLite connections are not shared across threads here).
template<class F>
auto withDb(const QString &workspace, F work)
    -> decltype(work(std::declval<store::Connection &>())) {
    auto db = store::Workspace::connect(workspace);
    if (!db.ok())
        return db.error();
    return work(db.value());
}

} // namespace agro::services

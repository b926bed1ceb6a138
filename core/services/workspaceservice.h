#pragma once

#include "common/progress.h"
#include "demo/demogenerator.h"
#include "store/workspace.h"

#include <QCoroTask>

namespace agro::services {

/// Opening, creating and generating workspaces, off the caller's thread.
class WorkspaceService {
public:
    /// Opens (and if needed upgrades) a workspace file.
    static QCoro::Task<Result<store::WorkspaceInfo>> open(QString path);
    /// Creates a new empty workspace file.
    static QCoro::Task<Result<store::WorkspaceInfo>> create(QString path);
    /// Generates a demo workspace at `path`, then opens it.
    static QCoro::Task<Result<store::WorkspaceInfo>>
    generateDemo(QString path, demo::DemoOptions options, ProgressPtr progress);
};

} // namespace agro::services

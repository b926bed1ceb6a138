#pragma once

#include "common/progress.h"
#include "demo/demogenerator.h"
#include "store/workspace.h"

#include <QCoroTask>

namespace agro::services {

/// Who starts a standalone workspace, and its first farm.
struct FirstOwner {
    QString username, displayName, password;
    QString farmName;
    QString currency = QStringLiteral("EUR");
};

/// Creates a workspace with its first farm and its owner (a person with a password: the
/// workspace can be locked from the start). Nothing is left behind when a part is refused
/// (a weak password, an empty farm name): the new file is removed.
Result<store::WorkspaceInfo> createWorkspace(const QString &path, const FirstOwner &owner);

/// Opening, creating and generating workspaces, off the caller's thread.
class WorkspaceService {
public:
    /// Opens (and if needed upgrades) a workspace file.
    static QCoro::Task<Result<store::WorkspaceInfo>> open(QString path);
    /// Creates a new empty workspace file.
    static QCoro::Task<Result<store::WorkspaceInfo>> create(QString path);
    static QCoro::Task<Result<store::WorkspaceInfo>> create(QString path, FirstOwner owner);
    /// Generates a demo workspace at `path`, then opens it.
    static QCoro::Task<Result<store::WorkspaceInfo>>
    generateDemo(QString path, demo::DemoOptions options, ProgressPtr progress);
};

} // namespace agro::services

#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace agro::ui {

/// The desktop app's preferences and window state, each key with its default in one place.
/// Team-wide settings live in the workspace database, not here. Passed in, not global, so
/// tests can point it at a temporary file.
class AppSettings {
public:
    explicit AppSettings(QSettings *settings)
        : m_s(settings) {}

    static constexpr int kMaxRecent = 8;

    QStringList recentWorkspaces() const;
    /// Puts `path` first in the recent list (deduplicated, at most kMaxRecent).
    void addRecentWorkspace(const QString &path);
    void removeRecentWorkspace(const QString &path);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &g);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &s);

    /// Dashboard period choice (an index into DashboardPage's presets), default 30 days.
    int dashboardPeriod() const;
    void setDashboardPeriod(int index);

    QString lastImportDirectory() const;
    void setLastImportDirectory(const QString &dir);

    /// The farm or field last chosen in Sensors → Conditions and QC, per workspace id.
    QString conditionScope(const QString &workspaceId) const;
    void setConditionScope(const QString &workspaceId, const QString &scope);

    /// Minutes without keyboard or mouse input before the app locks (0: never; default 10).
    int lockAfterMinutes() const;
    void setLockAfterMinutes(int minutes);

    /// How many automatic backups to keep per workspace (default 10).
    int backupKeep() const;
    void setBackupKeep(int n);

private:
    QSettings *m_s;
};

} // namespace agro::ui

#pragma once

#include "store/workspace.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QUndoStack;

namespace agro::ui {

class AlertsPage;
class BackupController;
class QualityPage;
class ReportsPage;
class SensorsPage;
class AppSettings;
class CostsYieldPage;
class ForecastsPage;
class RestockPage;
class RecordsController;
class RecordsPage;
class DashboardPage;
class SessionController;
class SyncController;

/// The main window: File menu (new, open, recent, demo, import, export), the navigation
/// list of areas, the page stack, and the status bar with the workspace and its schema.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(AppSettings &settings, QWidget *parent = nullptr);

    /// Opens a workspace file in the background; the dashboard loads once it is open.
    void openWorkspace(const QString &path);
    /// With no file given: the most recent workspace, else the demo workspace.
    void openInitial(const QString &path);
    /// The demo workspace in the user's data folder, generated (small preset) if missing.
    void openDemoWorkspace();

    DashboardPage *dashboard() const { return m_dashboard; }
    CostsYieldPage *costsYield() const { return m_costsYield; }
    RecordsPage *records() const { return m_records; }
    ForecastsPage *forecasts() const { return m_forecasts; }
    RestockPage *restock() const { return m_restock; }
    AlertsPage *alerts() const { return m_alerts; }
    QualityPage *quality() const { return m_quality; }
    SensorsPage *sensors() const { return m_sensors; }
    ReportsPage *reports() const { return m_reports; }
    /// The navigation's text for an area (the Alerts entry carries the count of new alerts).
    QString areaText(int row) const;
    RecordsController *recordsController() const { return m_recordsController; }
    SyncController *syncController() const { return m_sync; }
    BackupController *backups() const { return m_backups; }
    SessionController *session() const { return m_session; }
    /// Shows an area by its row in the navigation (0 dashboard, 1 costs & yield, 2 records).
    void showArea(int row);
    const store::WorkspaceInfo &workspace() const { return m_workspace; }

    static QString demoWorkspacePath();

Q_SIGNALS:
    void workspaceOpened(const QString &path);
    void workspaceFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void newWorkspace();
    void chooseWorkspace();
    void importCsv();
    void exportCsv();
    void about();
    void setWorkspace(const store::WorkspaceInfo &w);
    /// Loads every page once the session is ready (signed in, or sign-in not required).
    void showWorkspace();
    /// Disables what the signed-in person's roles do not allow (the services refuse it anyway).
    void applyRoles(const QStringList &roles);
    void showError(const QString &title, const QString &message);
    void notifyCritical(const QStringList &titles);

    AppSettings &m_settings;
    store::WorkspaceInfo m_workspace;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    DashboardPage *m_dashboard;
    CostsYieldPage *m_costsYield;
    QUndoStack *m_undo;
    RecordsController *m_recordsController;
    RecordsPage *m_records;
    ForecastsPage *m_forecasts;
    RestockPage *m_restock;
    AlertsPage *m_alerts;
    QualityPage *m_quality;
    SensorsPage *m_sensors;
    ReportsPage *m_reports;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_workspaceActions;
    QLabel *m_statusWorkspace;
    QLabel *m_statusDemo;
    QLabel *m_statusSync;
    SyncController *m_sync;
    BackupController *m_backups;
    SessionController *m_session;
    QLabel *m_statusUser;
    QAction *m_importAction = nullptr, *m_detectAction = nullptr, *m_restoreAction = nullptr,
            *m_auditAction = nullptr;
};

} // namespace agro::ui

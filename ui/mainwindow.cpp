#include "mainwindow.h"

#include "conflictsdialog.h"
#include "synccontroller.h"
#include "syncsettingsdialog.h"

#include "alertspage.h"
#include "appsettings.h"
#include "auditdialog.h"
#include "backupcontroller.h"
#include "costsyieldpage.h"
#include "dashboardpage.h"
#include "forecastspage.h"
#include "importdialog.h"
#include "newworkspacedialog.h"
#include "progressrunner.h"
#include "qualitypage.h"
#include "recordscontroller.h"
#include "recordspage.h"
#include "reportspage.h"
#include "restockpage.h"
#include "security/permissions.h"
#include "sensorspage.h"
#include "services/signin.h"
#include "services/transferservice.h"
#include "services/workspaceservice.h"
#include "sessioncontroller.h"
#include "usersdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QUndoStack>

namespace agro::ui {

MainWindow::MainWindow(AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_nav(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new DashboardPage(settings, this))
    , m_costsYield(new CostsYieldPage(this))
    , m_undo(new QUndoStack(this))
    , m_recordsController(new RecordsController(m_undo, this))
    , m_records(new RecordsPage(*m_recordsController, this))
    , m_forecasts(new ForecastsPage(this))
    , m_restock(new RestockPage(this))
    , m_alerts(new AlertsPage(this))
    , m_quality(new QualityPage(this))
    , m_sensors(new SensorsPage(settings, this))
    , m_reports(new ReportsPage(this))
    , m_statusWorkspace(new QLabel(this))
    , m_statusDemo(new QLabel(this))
    , m_statusSync(new QLabel(this))
    , m_sync(new SyncController(this))
    , m_backups(new BackupController(settings, this))
    , m_session(new SessionController(settings, this))
    , m_statusUser(new QLabel(this)) {
    setWindowTitle(tr("AgroDesk"));
    setObjectName(QStringLiteral("MainWindow"));

    // One entry per area; an area appears when it is built (no empty pages).
    m_nav->addItem(tr("Dashboard"));
    m_nav->addItem(tr("Costs & Yield"));
    m_nav->addItem(tr("Records"));
    m_nav->addItem(tr("Forecasts"));
    m_nav->addItem(tr("Restock"));
    m_nav->addItem(tr("Alerts"));
    // Room for the count of new alerts, "Alerts (9,999)".
    m_nav->item(5)->setText(tr("Alerts (%1)").arg(QLocale().toString(9999)));
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + 48);
    m_nav->item(5)->setText(tr("Alerts"));
    m_nav->addItem(tr("Quality"));
    m_nav->addItem(tr("Sensors"));
    m_nav->addItem(tr("Reports"));
    m_nav->setCurrentRow(0);
    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_costsYield);
    m_pages->addWidget(m_records);
    m_pages->addWidget(m_forecasts);
    m_pages->addWidget(m_restock);
    m_pages->addWidget(m_alerts);
    m_pages->addWidget(m_quality);
    m_pages->addWidget(m_sensors);
    m_pages->addWidget(m_reports);
    // Any edit refreshes the figures that depend on it.
    connect(m_recordsController, &RecordsController::changed, this, [this] {
        m_dashboard->refresh();
        m_costsYield->refresh();
    });
    connect(m_recordsController, &RecordsController::failed, this,
            [this](const QString &msg) { showError(tr("The change could not be written"), msg); });
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_statusDemo->setText(tr("DEMO DATA"));
    m_statusDemo->setAutoFillBackground(true);
    m_statusDemo->setBackgroundRole(QPalette::ToolTipBase);
    m_statusDemo->setForegroundRole(QPalette::ToolTipText);
    m_statusDemo->setContentsMargins(6, 0, 6, 0);
    m_statusDemo->hide();
    statusBar()->addWidget(m_statusWorkspace, 1);
    statusBar()->addPermanentWidget(m_statusDemo);
    statusBar()->addPermanentWidget(m_statusSync);
    m_statusSync->setText(m_sync->statusText());
    connect(m_sync, &SyncController::statusChanged, this, [this] {
        m_statusSync->setText(m_sync->statusText());
        m_statusSync->setToolTip(tr("Sync with %1 as %2").arg(m_sync->server(), m_sync->account()));
    });
    statusBar()->addPermanentWidget(m_statusUser);
    connect(m_session, &SessionController::ready, this, &MainWindow::showWorkspace);
    connect(m_session, &SessionController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_backups, &BackupController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_backups, &BackupController::failed, this, &MainWindow::showError);
    connect(m_backups, &BackupController::restored, this, [this](const QString &path) {
        // Every page reloads from the restored content; the message waits for that.
        auto *once = new QObject(this);
        connect(this, &MainWindow::workspaceOpened, once, [this, once] {
            statusBar()->showMessage(tr("Restored. The content it replaced is in %1")
                                         .arg(QDir::toNativeSeparators(m_backups->folder())),
                                     12000);
            once->deleteLater();
        });
        openWorkspace(path);
    });
    connect(m_sync, &SyncController::roundFinished, this, [this](bool ok, const QString &msg) {
        statusBar()->showMessage(msg, 8000);
        if (ok) {
            m_dashboard->refresh();
            m_costsYield->refresh();
        }
    });
    connect(m_sync, &SyncController::massDeletion, this, [this](const QString &question) {
        const auto answer = QMessageBox::warning(
            this, tr("Large deletion"),
            tr("This sync would delete many records: %1.\n\nGo ahead only if this is "
               "expected (for example, a farm that was closed).")
                .arg(question),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes)
            m_sync->syncNow(true);
    });

    createMenus();
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(1280, 820);
    restoreState(m_settings.windowState());
    connect(m_dashboard, &DashboardPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_restock, &RestockPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_restock, &RestockPage::decided, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_forecasts, &ForecastsPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_forecasts, &ForecastsPage::runFinished, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_costsYield, &CostsYieldPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_alerts, &AlertsPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_alerts, &AlertsPage::acted, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_alerts, &AlertsPage::newCountChanged, this, [this](int n) {
        QFont f = m_nav->item(5)->font();
        f.setBold(n > 0);
        m_nav->item(5)->setFont(f);
        m_nav->item(5)->setText(n > 0 ? tr("Alerts (%1)").arg(QLocale().toString(n))
                                      : tr("Alerts"));
    });
    connect(m_alerts, &AlertsPage::criticalAlerts, this, &MainWindow::notifyCritical);
    connect(m_reports, &ReportsPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_reports, &ReportsPage::exported, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)),
                                 10000);
    });
    connect(m_sensors, &SensorsPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_sensors, &SensorsPage::saved, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_quality, &QualityPage::failed, this,
            [this](const QString &msg) { statusBar()->showMessage(msg, 10000); });
    connect(m_quality, &QualityPage::recorded, this, [this](const QString &msg) {
        statusBar()->showMessage(msg, 10000);
        m_restock->refresh(); // held and rejected lots are not available to sell
    });
}

QString MainWindow::areaText(int row) const {
    return row >= 0 && row < m_nav->count() ? m_nav->item(row)->text() : QString();
}

void MainWindow::notifyCritical(const QStringList &titles) {
    const QString text =
        titles.size() == 1
            ? titles.front()
            : tr("%1 new critical alerts, first: %2").arg(titles.size()).arg(titles.front());
    statusBar()->showMessage(tr("New critical alert: %1").arg(text), 15000);
    // A desktop notification where the desktop offers one (a tray); the status bar otherwise.
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showArea(5);
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(tr("AgroDesk: critical alert"), text, QSystemTrayIcon::Critical, 15000);
}

QString MainWindow::demoWorkspacePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.agrodesk"));
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Workspace…"), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Workspace"), this, &MainWindow::openDemoWorkspace);
    file->addSeparator();
    QAction *imp = file->addAction(tr("&Import CSV…"), QKeySequence(tr("Ctrl+I")), this,
                                   &MainWindow::importCsv);
    QAction *exp = file->addAction(tr("&Export CSV…"), QKeySequence(tr("Ctrl+E")), this,
                                   &MainWindow::exportCsv);
    file->addSeparator();
    QAction *backUp = file->addAction(tr("&Back Up Now"), QKeySequence(tr("Ctrl+Shift+B")),
                                      m_backups, &BackupController::backUpNow);
    backUp->setStatusTip(tr("Save a checked copy of the workspace to its backup folder"));
    QAction *restore = file->addAction(tr("Restore from &Backup…"), m_backups,
                                       &BackupController::restoreFromBackup);
    QAction *lock = file->addAction(tr("&Lock"), QKeySequence(tr("Ctrl+L")), m_session,
                                    &SessionController::lock);
    lock->setStatusTip(tr("Cover every window until your password is entered; unsaved work "
                          "is kept"));
    m_workspaceActions = {imp, exp, backUp, restore, lock};
    m_importAction = imp;
    m_restoreAction = restore;
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, [this] {
        m_dashboard->refresh();
        m_costsYield->refresh();
        m_forecasts->refresh();
        m_restock->refresh();
        m_alerts->refresh();
        m_quality->refresh();
        m_sensors->refresh();
    });
    QAction *dash = view->addAction(tr("&Dashboard"), QKeySequence(tr("Ctrl+1")), this,
                                    [this] { showArea(0); });
    QAction *costs = view->addAction(tr("&Costs && Yield"), QKeySequence(tr("Ctrl+2")), this,
                                     [this] { showArea(1); });
    QAction *recs =
        view->addAction(tr("R&ecords"), QKeySequence(tr("Ctrl+3")), this, [this] { showArea(2); });
    QAction *fcs = view->addAction(tr("&Forecasts"), QKeySequence(tr("Ctrl+4")), this,
                                   [this] { showArea(3); });
    QAction *rst =
        view->addAction(tr("Re&stock"), QKeySequence(tr("Ctrl+5")), this, [this] { showArea(4); });
    QAction *alr =
        view->addAction(tr("&Alerts"), QKeySequence(tr("Ctrl+6")), this, [this] { showArea(5); });
    QAction *qua =
        view->addAction(tr("&Quality"), QKeySequence(tr("Ctrl+7")), this, [this] { showArea(6); });
    QAction *sen =
        view->addAction(tr("Se&nsors"), QKeySequence(tr("Ctrl+8")), this, [this] { showArea(7); });
    QAction *rep =
        view->addAction(tr("Re&ports"), QKeySequence(tr("Ctrl+9")), this, [this] { showArea(8); });
    m_workspaceActions << refresh << dash << costs << recs << fcs << rst << alr << qua << sen
                       << rep;

    QMenu *forecast = menuBar()->addMenu(tr("F&orecasts"));
    QAction *runAll = forecast->addAction(tr("&Run All Forecasts"),
                                          QKeySequence(tr("Ctrl+Shift+R")), this, [this] {
                                              showArea(3);
                                              m_forecasts->runAll();
                                          });
    runAll->setStatusTip(tr("Forecast every product in the background and store the run"));
    m_workspaceActions << runAll;

    QMenu *alerts = menuBar()->addMenu(tr("&Alerts"));
    QAction *detect =
        alerts->addAction(tr("Run &Detectors"), QKeySequence(tr("Ctrl+Shift+D")), this, [this] {
            showArea(5);
            m_alerts->runDetectors();
        });
    detect->setStatusTip(tr("Check every sensor reading and inspection for problems"));
    m_workspaceActions << detect;
    m_detectAction = detect;

    QMenu *syncMenu = menuBar()->addMenu(tr("S&ync"));
    QAction *syncNow = syncMenu->addAction(tr("Sync &Now"), QKeySequence(tr("Ctrl+Shift+S")), this,
                                           [this] { m_sync->syncNow(); });
    QAction *syncSettings = syncMenu->addAction(tr("Sync &Settings…"), this, [this] {
        SyncSettingsDialog dialog(*m_sync, this);
        dialog.exec();
    });
    QAction *conflicts = syncMenu->addAction(
        tr("&Conflicts and Log…"), QKeySequence(tr("Ctrl+Shift+K")), this, [this] {
            ConflictsDialog dialog(m_workspace.path, this);
            connect(&dialog, &ConflictsDialog::changed, this, [this] { m_dashboard->refresh(); });
            dialog.exec();
        });
    m_workspaceActions << syncNow << syncSettings << conflicts;

    QMenu *settingsMenu = menuBar()->addMenu(tr("Se&ttings"));
    QAction *usersAction = settingsMenu->addAction(tr("&Users…"), this, [this] {
        UsersDialog dialog(m_workspace.path, this);
        dialog.exec();
    });
    usersAction->setStatusTip(tr("People of this workspace, their roles, and sign-in"));
    QAction *auditAction =
        settingsMenu->addAction(tr("Audit &Log…"), QKeySequence(tr("Ctrl+Shift+L")), this, [this] {
            AuditDialog dialog(m_workspace.path, this);
            dialog.exec();
        });
    auditAction->setStatusTip(tr("Who did what and when (owners)"));
    m_workspaceActions << usersAction << auditAction;
    m_auditAction = auditAction;

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About AgroDesk"), this, &MainWindow::about);

    for (QAction *a : m_workspaceActions)
        a->setEnabled(false);
    rebuildRecentMenu();
}

void MainWindow::showArea(int row) {
    m_nav->setCurrentRow(row);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentWorkspaces();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        m_recentMenu
            ->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                        [this, path] { openWorkspace(path); })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::openInitial(const QString &path) {
    if (!path.isEmpty()) {
        openWorkspace(path);
        return;
    }
    const QStringList recent = m_settings.recentWorkspaces();
    if (!recent.isEmpty() && QFileInfo::exists(recent.front())) {
        openWorkspace(recent.front());
        return;
    }
    openDemoWorkspace();
}

void MainWindow::openWorkspace(const QString &path) {
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    QCoro::connect(services::WorkspaceService::open(path), this,
                   [this, path](const Result<store::WorkspaceInfo> &r) {
                       if (!r.ok()) {
                           statusBar()->clearMessage();
                           m_settings.removeRecentWorkspace(path);
                           rebuildRecentMenu();
                           showError(tr("Cannot open the workspace"), errorText(r.error()));
                           Q_EMIT workspaceFailed(errorText(r.error()));
                           return;
                       }
                       setWorkspace(r.value());
                   });
}

void MainWindow::openDemoWorkspace() {
    const QString path = demoWorkspacePath();
    if (QFileInfo::exists(path)) {
        openWorkspace(path);
        return;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto *runner = new ProgressRunner(tr("Generating the demo workspace…"), this);
    runner->setAttribute(Qt::WA_DeleteOnClose);
    demo::DemoOptions options;
    options.preset = *demo::demoPreset(QStringLiteral("small"));
    QCoro::connect(services::WorkspaceService::generateDemo(path, options, runner->progress()),
                   runner, [this, runner](const Result<store::WorkspaceInfo> &r) {
                       runner->close();
                       if (!r.ok()) {
                           if (r.error().code != ErrorCode::Cancelled)
                               showError(tr("Cannot generate the demo workspace"),
                                         errorText(r.error()));
                           return;
                       }
                       setWorkspace(r.value());
                   });
}

void MainWindow::setWorkspace(const store::WorkspaceInfo &w) {
    m_workspace = w;
    m_settings.addRecentWorkspace(w.path);
    rebuildRecentMenu();
    for (QAction *a : m_workspaceActions)
        a->setEnabled(true);
    setWindowTitle(tr("%1 — AgroDesk").arg(QFileInfo(w.path).fileName()));
    m_statusWorkspace->setText(
        tr("%1 · schema %2").arg(QDir::toNativeSeparators(w.path)).arg(w.schemaVersion));
    m_statusDemo->setVisible(!w.demoPreset.isEmpty());
    m_statusDemo->setToolTip(
        tr("Synthetic data from the demo generator (preset “%1”)").arg(w.demoPreset));
    statusBar()->clearMessage();
    m_session->setWorkspace(w.path);
}

void MainWindow::showWorkspace() {
    const store::WorkspaceInfo &w = m_workspace;
    const auto who = m_session->who();
    m_statusUser->setText(who ? tr("Signed in as %1").arg(who->username) : QString());
    m_statusUser->setVisible(who.has_value());
    m_dashboard->setWorkspace(w);
    m_costsYield->setWorkspace(w);
    // Undo applies to the workspace it was made in: a new workspace starts a new history.
    m_undo->clear();
    m_recordsController->setWorkspace(w.path);
    m_records->setWorkspace(w);
    m_forecasts->setWorkspace(w);
    m_restock->setWorkspace(w);
    m_alerts->setWorkspace(w);
    m_quality->setWorkspace(w);
    m_sensors->setWorkspace(w);
    m_reports->setWorkspace(w);
    m_sync->setWorkspace(w.path, w.workspaceId);
    m_backups->setWorkspace(w.path, w.workspaceId);
    QCoro::connect(services::SignInService::roles(w.path), this,
                   [this](const Result<QStringList> &r) {
                       if (r.ok())
                           applyRoles(r.value());
                   });
    Q_EMIT workspaceOpened(w.path);
}

void MainWindow::applyRoles(const QStringList &roles) {
    const auto any = [&](security::Action action, const char *table) {
        return std::any_of(roles.begin(), roles.end(), [&](const QString &role) {
            return security::allowed(role, QLatin1String(table), action);
        });
    };
    const QString why = tr("Your role does not allow this");
    const auto gate = [&](QAction *a, bool allowed, const QString &tip) {
        a->setEnabled(allowed);
        a->setStatusTip(allowed ? tip : why);
    };
    gate(m_importAction,
         any(security::Action::Create, "cost_entries") ||
             any(security::Action::Create, "sensor_readings") ||
             any(security::Action::Create, "sales_daily"),
         tr("Import a CSV file, all or nothing"));
    gate(m_detectAction, any(security::Action::Create, "alerts"),
         tr("Check every sensor reading and inspection for problems"));
    gate(m_restoreAction, roles.contains(QStringLiteral("owner")),
         tr("Replace the workspace's content with a backup's"));
    gate(m_auditAction, roles.contains(QStringLiteral("owner")),
         tr("Who did what and when (owners)"));
    m_records->setRoles(roles);
}

void MainWindow::newWorkspace() {
    auto *dialog = new NewWorkspaceDialog(QDir::homePath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewWorkspaceDialog::created, this, &MainWindow::setWorkspace);
    dialog->open();
}

void MainWindow::chooseWorkspace() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QDir::homePath(),
                                                      tr("AgroDesk workspaces (*.agrodesk)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::importCsv() {
    auto *dialog = new ImportDialog(m_workspace.path, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](io::CsvKind, qint64 rows) {
        statusBar()->showMessage(tr("Imported %1 rows.").arg(QLocale().toString(rows)), 8000);
        m_dashboard->setWorkspace(m_workspace);
        m_costsYield->setWorkspace(m_workspace);
        m_records->refresh();
        m_forecasts->refresh();
    });
    dialog->open();
}

void MainWindow::exportCsv() {
    QStringList kinds;
    for (io::CsvKind k : io::allCsvKinds())
        kinds << io::csvKindName(k);
    bool ok = false;
    const QString kindName =
        QInputDialog::getItem(this, tr("Export CSV"), tr("What to export:"), kinds, 0, false, &ok);
    if (!ok)
        return;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QDir::home().filePath(kindName + QStringLiteral(".csv")),
        tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    auto *runner = new ProgressRunner(tr("Exporting %1…").arg(kindName), this);
    runner->setAttribute(Qt::WA_DeleteOnClose);
    QCoro::connect(services::TransferService::exportCsv(
                       m_workspace.path, *io::csvKindFromName(kindName), file, runner->progress()),
                   runner, [this, runner, file](const Result<std::int64_t> &r) {
                       runner->close();
                       if (!r.ok()) {
                           if (r.error().code != ErrorCode::Cancelled)
                               showError(tr("Export failed"), errorText(r.error()));
                           return;
                       }
                       statusBar()->showMessage(tr("Exported %1 rows to %2")
                                                    .arg(QLocale().toString(qint64(r.value())),
                                                         QDir::toNativeSeparators(file)),
                                                8000);
                   });
}

void MainWindow::about() {
    QMessageBox::about(this, tr("About AgroDesk"),
                       tr("<h3>AgroDesk %1</h3><p>Offline-first decision support for farms and "
                          "agri-food businesses: costs and yields, quality control, demand "
                          "forecasts and restocking.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::showError(const QString &title, const QString &message) {
    QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    event->accept();
}

} // namespace agro::ui

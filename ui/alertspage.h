#pragma once

#include "services/alertservice.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>
#include <set>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace agro::ui {

class AlertEvidenceChart;
class AlertListModel;

/// Alerts: every alert in one inbox — filters by farm, severity, status, type and words; the
/// selected alert's explanation, its evidence chart and its history of events; acknowledge,
/// annotate, assign, escalate, resolve, reopen (each an append-only event, checked against the
/// acting person's role in the service); and a detection pass with progress and cancel. The
/// count of new alerts goes to the navigation; new critical ones raise a notification.
class AlertsPage : public QWidget {
    Q_OBJECT
public:
    explicit AlertsPage(QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();
    /// Runs every detector in the background (progress, cancel) and reloads.
    void runDetectors();

    bool selectAlert(const QString &id);
    std::optional<services::AlertRow> selected() const;
    void act(services::AlertAction action, const QString &note = {}, const QString &assignee = {});
    void acknowledgeSelected() { act(services::AlertAction::Acknowledge); }

    QTableView *table() const { return m_table; }
    AlertListModel *model() const { return m_model; }
    AlertEvidenceChart *evidence() const { return m_chart; }
    QListWidget *history() const { return m_history; }
    QComboBox *statusFilter() const { return m_status; }
    int newCount() const { return m_newCount; }

Q_SIGNALS:
    void loaded();
    void newCountChanged(int count);
    /// New critical alerts since the last look, for a desktop notification.
    void criticalAlerts(const QStringList &titles);
    void acted(const QString &message);
    void failed(const QString &message);

private:
    void showSelected();
    void updateButtons();
    void refreshCount();
    void annotate();
    void assign();

    store::WorkspaceInfo m_workspace;
    std::optional<services::Actor> m_actor;
    QComboBox *m_farm;
    QComboBox *m_severity;
    QComboBox *m_status;
    QComboBox *m_source;
    QLineEdit *m_search;
    QPushButton *m_detect;
    QLabel *m_actorLabel;
    QLabel *m_title;
    QLabel *m_explanation;
    QPushButton *m_ack;
    QPushButton *m_note;
    QPushButton *m_assign;
    QPushButton *m_escalate;
    QPushButton *m_resolve;
    QPushButton *m_reopen;
    AlertListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    AlertEvidenceChart *m_chart;
    QListWidget *m_history;
    int m_newCount = -1;
    std::set<QString> m_knownCritical;
    bool m_busy = false;
    quint64 m_generation = 0; ///< drops answers to superseded requests
};

} // namespace agro::ui

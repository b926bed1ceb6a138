#pragma once

#include "services/alertservice.h"

#include <QAbstractTableModel>

namespace agro::ui {

/// The inbox's table: one row per alert, most urgent first as the service returns them.
class AlertListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Status, Title, Where, Detector, LastSeen, Assignee, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole };

    explicit AlertListModel(QObject *parent = nullptr);

    void setAlerts(std::vector<services::AlertRow> alerts);
    const std::vector<services::AlertRow> &alerts() const { return m_alerts; }
    /// Row of an alert, or -1.
    int rowOf(const QString &id) const;

    static QString severityText(const QString &severity);
    static QString statusText(const QString &status);
    static QString detectorText(const QString &detector);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<services::AlertRow> m_alerts;
};

} // namespace agro::ui

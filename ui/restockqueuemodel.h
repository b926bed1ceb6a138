#pragma once

#include "services/restockservice.h"

#include <QAbstractTableModel>

namespace agro::ui {

/// The approval queue: one row per proposal, highest priority first.
class RestockQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Sku,
        Product,
        Farm,
        Quantity,
        Value,
        Due,
        Priority,
        Confidence,
        Gate,
        Status,
        ColumnCount
    };
    enum Role { ProposalIdRole = Qt::UserRole + 1, SortRole };

    using QAbstractTableModel::QAbstractTableModel;
    void setProposals(std::vector<services::ProposalView> proposals);
    const std::vector<services::ProposalView> &proposals() const { return m_proposals; }
    const services::ProposalView *proposal(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

    static QString statusText(services::ProposalStatus s);
    static QString gateText(const QString &gate);

private:
    std::vector<services::ProposalView> m_proposals;
};

} // namespace agro::ui

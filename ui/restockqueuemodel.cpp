#include "restockqueuemodel.h"

#include <QDate>
#include <QLocale>

namespace agro::ui {

void RestockQueueModel::setProposals(std::vector<services::ProposalView> proposals) {
    beginResetModel();
    m_proposals = std::move(proposals);
    endResetModel();
}

const services::ProposalView *RestockQueueModel::proposal(const QString &id) const {
    for (const auto &p : m_proposals)
        if (p.id == id)
            return &p;
    return nullptr;
}

int RestockQueueModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_proposals.size());
}

int RestockQueueModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RestockQueueModel::statusText(services::ProposalStatus s) {
    switch (s) {
    case services::ProposalStatus::Pending:
        return tr("Pending");
    case services::ProposalStatus::Approved:
        return tr("Approved");
    case services::ProposalStatus::AutoApproved:
        return tr("Auto-approved");
    case services::ProposalStatus::Overridden:
        return tr("Overridden");
    case services::ProposalStatus::Rejected:
        break;
    }
    return tr("Rejected");
}

QString RestockQueueModel::gateText(const QString &gate) {
    if (gate == QLatin1String("auto"))
        return tr("Auto");
    if (gate == QLatin1String("review"))
        return tr("Review");
    if (gate == QLatin1String("manual"))
        return tr("Manual");
    return tr("Owner only");
}

QVariant RestockQueueModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= int(m_proposals.size()))
        return {};
    const auto &p = m_proposals[size_t(index.row())];
    const QLocale l;
    if (role == ProposalIdRole)
        return p.id;
    if (role == Qt::TextAlignmentRole && index.column() >= Quantity && index.column() <= Confidence)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case Quantity:
            return p.quantity;
        case Value:
            return p.value;
        case Due:
            return p.dueDay;
        case Priority:
            return p.priority;
        case Confidence:
            return p.confidence;
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Sku:
        return p.sku;
    case Product:
        return p.productName;
    case Farm:
        return p.farmName;
    case Quantity:
        return l.toString(p.lastDecision && p.status == services::ProposalStatus::Overridden
                              ? p.lastDecision->quantity
                              : p.quantity,
                          'f', 0);
    case Value:
        return l.toString(p.value, 'f', 2);
    case Due:
        return l.toString(QDate(1970, 1, 1).addDays(p.dueDay), QLocale::ShortFormat);
    case Priority:
        return l.toString(p.priority, 'f', 0);
    case Confidence:
        return l.toString(p.confidence, 'f', 2);
    case Gate:
        return gateText(p.gate);
    case Status:
        return statusText(p.status);
    default:
        return {};
    }
}

QVariant RestockQueueModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("SKU"),      QT_TR_NOOP("Product"),
                                  QT_TR_NOOP("Farm"),     QT_TR_NOOP("Quantity"),
                                  QT_TR_NOOP("Value"),    QT_TR_NOOP("Due"),
                                  QT_TR_NOOP("Priority"), QT_TR_NOOP("Confidence"),
                                  QT_TR_NOOP("Gate"),     QT_TR_NOOP("Status")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace agro::ui

#include "alertlistmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QTimeZone>

namespace agro::ui {

namespace {
QDateTime fromTs(std::int64_t ts) {
    return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).toLocalTime();
}
int severityRank(const QString &s) {
    return s == QLatin1String("critical") ? 2 : s == QLatin1String("warning") ? 1 : 0;
}
} // namespace

AlertListModel::AlertListModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void AlertListModel::setAlerts(std::vector<services::AlertRow> alerts) {
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
}

int AlertListModel::rowOf(const QString &id) const {
    for (size_t i = 0; i < m_alerts.size(); ++i)
        if (m_alerts[i].id == id)
            return int(i);
    return -1;
}

QString AlertListModel::severityText(const QString &s) {
    if (s == QLatin1String("critical"))
        return tr("Critical");
    if (s == QLatin1String("warning"))
        return tr("Warning");
    return tr("Info");
}

QString AlertListModel::statusText(const QString &s) {
    if (s == QLatin1String("acknowledged"))
        return tr("Acknowledged");
    if (s == QLatin1String("escalated"))
        return tr("Escalated");
    if (s == QLatin1String("resolved"))
        return tr("Resolved");
    return tr("New");
}

QString AlertListModel::detectorText(const QString &d) {
    static const std::pair<const char *, const char *> names[] = {
        {"sensor.threshold", QT_TR_NOOP("Sensor limit")},
        {"sensor.flatline", QT_TR_NOOP("Stuck sensor")},
        {"sensor.dropout", QT_TR_NOOP("Missing readings")},
        {"sensor.spike", QT_TR_NOOP("Sensor spike")},
        {"sensor.rate", QT_TR_NOOP("Too fast a change")},
        {"sensor.drift", QT_TR_NOOP("Sensor drift")},
        {"qc.outlier", QT_TR_NOOP("Unusual inspection")},
        {"qc.drift", QT_TR_NOOP("Supplier drift")}};
    for (const auto &[key, text] : names)
        if (d == QLatin1String(key))
            return tr(text);
    return d;
}

int AlertListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= int(m_alerts.size()))
        return {};
    const auto &a = m_alerts[size_t(index.row())];
    if (role == IdRole)
        return a.id;
    if (role == SortRole) {
        switch (index.column()) {
        case Severity:
            return severityRank(a.severity);
        case LastSeen:
            return qint64(a.lastTs);
        default:
            break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Severity:
            return severityText(a.severity);
        case Status:
            return statusText(a.status);
        case Title:
            return a.title;
        case Where:
            return a.fieldName.isEmpty() ? a.farmName
                                         : QStringLiteral("%1 · %2").arg(a.farmName, a.fieldName);
        case Detector:
            return detectorText(a.detector);
        case LastSeen:
            return fromTs(a.lastTs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Assignee:
            return a.assigneeName;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Severity) {
        if (a.severity == QLatin1String("critical"))
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (a.severity == QLatin1String("warning"))
            return QBrush(QColor(0xa0, 0x60, 0x00));
    }
    if (role == Qt::FontRole && a.status == QLatin1String("open")) {
        QFont f;
        f.setBold(true); // new: nobody has acted on it yet
        return f;
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1\n%2").arg(a.title, a.explanation);
    return {};
}

QVariant AlertListModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Status:
        return tr("Status");
    case Title:
        return tr("Alert");
    case Where:
        return tr("Where");
    case Detector:
        return tr("Type");
    case LastSeen:
        return tr("Last seen");
    case Assignee:
        return tr("Assigned to");
    default:
        return {};
    }
}

} // namespace agro::ui

#pragma once

#include "services/financeservice.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace agro::ui {

/// Drill-down: the cost entries booked on a group's plantings, and the part of farm-level
/// costs allocated to them.
class CostLinesDialog : public QDialog {
    Q_OBJECT
public:
    CostLinesDialog(const QString &workspace, const domain::FinanceGroup &group,
                    const QStringList &plantingIds, QWidget *parent = nullptr);
    int lineCount() const;

Q_SIGNALS:
    void loaded();

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace agro::ui

#pragma once

#include "services/croprankings.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace agro::ui {

/// Next season on one field: the crops the farm has grown, ranked by expected margin per
/// hectare, with the 1-in-10 low, the chance of a loss, and every input behind them.
class CropRankDialog : public QDialog {
    Q_OBJECT
public:
    CropRankDialog(const QString &workspace, const QString &fieldId, QWidget *parent = nullptr);
    int rowCount() const;
    QString summary() const;

Q_SIGNALS:
    void loaded();

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace agro::ui

#pragma once

#include "services/restockservice.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace agro::ui {

/// Override learning: every overridden proposal, the model's and the person's quantity, what
/// the demand that followed needed, and who was closer; a summary line on top.
class RestockOverridesDialog : public QDialog {
    Q_OBJECT
public:
    explicit RestockOverridesDialog(QWidget *parent = nullptr);
    void setOutcomes(const std::vector<services::OverrideOutcome> &outcomes);
    QString summary() const;
    int rows() const;

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace agro::ui

#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace agro::ui {

/// Override a proposal's quantity: the new quantity and a reason code (promotion, supplier
/// issue, storage limit, other + words). OK stays disabled until the reason is complete, and
/// the label under it says what is missing.
class RestockOverrideDialog : public QDialog {
    Q_OBJECT
public:
    RestockOverrideDialog(const QString &sku, double proposed, QWidget *parent = nullptr);

    double quantity() const;
    QString reasonCode() const; ///< empty until one is chosen
    QString reasonText() const;

    void setQuantity(double q);
    void setReason(const QString &code, const QString &text = {});
    bool canAccept() const;

private:
    void validate();

    QDoubleSpinBox *m_quantity;
    QComboBox *m_reason;
    QLineEdit *m_text;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace agro::ui

#include "restockoverridedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

RestockOverrideDialog::RestockOverrideDialog(const QString &sku, double proposed, QWidget *parent)
    : QDialog(parent)
    , m_quantity(new QDoubleSpinBox(this))
    , m_reason(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Override %1").arg(sku));
    m_quantity->setRange(0, 1e9);
    m_quantity->setDecimals(0);
    m_quantity->setValue(proposed);
    m_reason->addItem(tr("Choose a reason…"), QString());
    m_reason->addItem(tr("Promotion planned"), QStringLiteral("promotion"));
    m_reason->addItem(tr("Supplier issue"), QStringLiteral("supplier_issue"));
    m_reason->addItem(tr("Storage limit"), QStringLiteral("storage_limit"));
    m_reason->addItem(tr("Other (say why)"), QStringLiteral("other"));
    m_text->setPlaceholderText(tr("In words (required for Other)"));
    m_problem->setObjectName(QStringLiteral("problem"));
    QPalette pal = m_problem->palette();
    pal.setColor(QPalette::WindowText, QColor(0xb0, 0x30, 0x20));
    m_problem->setPalette(pal);
    auto *form = new QFormLayout;
    form->addRow(tr("Proposed"), new QLabel(QString::number(proposed, 'f', 0), this));
    form->addRow(tr("&Order instead"), m_quantity);
    form->addRow(tr("&Reason"), m_reason);
    form->addRow(tr("&Note"), m_text);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &RestockOverrideDialog::validate);
    connect(m_text, &QLineEdit::textChanged, this, &RestockOverrideDialog::validate);
    validate();
}

double RestockOverrideDialog::quantity() const {
    return m_quantity->value();
}
QString RestockOverrideDialog::reasonCode() const {
    return m_reason->currentData().toString();
}
QString RestockOverrideDialog::reasonText() const {
    return m_text->text().trimmed();
}
void RestockOverrideDialog::setQuantity(double q) {
    m_quantity->setValue(q);
}
void RestockOverrideDialog::setReason(const QString &code, const QString &text) {
    m_reason->setCurrentIndex(std::max(0, m_reason->findData(code)));
    m_text->setText(text);
}

bool RestockOverrideDialog::canAccept() const {
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void RestockOverrideDialog::validate() {
    QString problem;
    if (reasonCode().isEmpty())
        problem = tr("An override needs a reason.");
    else if (reasonCode() == QLatin1String("other") && reasonText().isEmpty())
        problem = tr("Say in a few words why.");
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace agro::ui

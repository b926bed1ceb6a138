#include "recorddialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

RecordDialog::RecordDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
    , m_general(new QLabel(this)) {
    m_general->setWordWrap(true);
}

void RecordDialog::addRow(const QString &label, QWidget *input, const QStringList &fields) {
    auto *box = new QVBoxLayout;
    box->setSpacing(2);
    box->addWidget(input);
    for (const QString &f : fields)
        box->addWidget(problemLabel(f));
    auto *caption = new QLabel(label, this);
    caption->setBuddy(input);
    m_form->addRow(caption, box);
}

void RecordDialog::finishLayout() {
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_general);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QLabel *RecordDialog::problemLabel(const QString &field) {
    auto it = m_problems.find(field);
    if (it != m_problems.end())
        return it->second;
    auto *label = new QLabel(this);
    // Vermilion from the Okabe–Ito palette: readable on light and dark backgrounds.
    label->setStyleSheet(QStringLiteral("color: #D55E00;"));
    label->setWordWrap(true);
    label->hide();
    return m_problems.emplace(field, label).first->second;
}

QString RecordDialog::problem(const QString &field) const {
    const auto it = m_problems.find(field);
    return it == m_problems.end() || it->second->isHidden() ? QString() : it->second->text();
}

void RecordDialog::clearProblems() {
    for (auto &[field, label] : m_problems)
        label->hide();
    m_general->clear();
}

void RecordDialog::showProblems(const std::vector<domain::FieldError> &problems,
                                const std::map<QString, QString> &words) {
    clearProblems();
    for (const auto &p : problems) {
        QLabel *label = problemLabel(p.field);
        const auto w = words.find(p.field);
        label->setText(w != words.end() ? w->second : p.detail);
        label->show();
    }
    growToFit();
}

void RecordDialog::growToFit() {
    // A message appearing under a field needs room the dialog did not have: grow, never
    // shrink, so nothing the person typed moves away.
    if (layout())
        layout()->activate();
    resize(size().expandedTo(sizeHint()));
}

void RecordDialog::showGeneral(const QString &text) {
    m_general->setText(text);
    growToFit();
}

} // namespace agro::ui

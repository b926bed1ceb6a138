#include "qcformeditordialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <QCoroTask>

namespace agro::ui {

QcFormEditorDialog::QcFormEditorDialog(QString workspace, services::Actor actor,
                                       services::CategoryForm form, QWidget *parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_actor(std::move(actor))
    , m_form(std::move(form))
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this)) {
    setWindowTitle(
        tr("Inspection form — %1 (version %2)").arg(m_form.categoryName).arg(m_form.version));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save as version %1").arg(m_form.version + 1),
                                QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Fields, limits and rules of the form. Inspections already "
                                    "recorded keep the version they were filled with."),
                                 this));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(200);
    connect(m_text, &QPlainTextEdit::textChanged, timer, qOverload<>(&QTimer::start));
    connect(timer, &QTimer::timeout, this, &QcFormEditorDialog::check);
    connect(m_save, &QPushButton::clicked, this, &QcFormEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 640);
    setText(QString::fromUtf8(qc::schemaToJson(m_form.schema)));
}

void QcFormEditorDialog::setText(const QString &json) {
    m_text->setPlainText(json);
    check();
}

QString QcFormEditorDialog::statusText() const {
    return m_status->text();
}

bool QcFormEditorDialog::canSave() const {
    return m_save->isEnabled();
}

void QcFormEditorDialog::check() {
    auto s = qc::parseSchema(m_text->toPlainText().toUtf8(), tr("line"));
    QList<QTextEdit::ExtraSelection> marks;
    if (s.ok()) {
        m_status->setText(tr("The form is valid: %n field(s)", nullptr, int(s->fields.size())) +
                          tr(", %n rule(s).", nullptr, int(s->rules.size())));
        m_save->setEnabled(true);
    } else {
        const Error &e = s.error();
        m_status->setText(
            tr("Line %1, column %2%3: %4")
                .arg(e.line)
                .arg(e.column)
                .arg(e.field.isEmpty() ? QString() : tr(" (at %1)").arg(e.field), e.detail));
        m_save->setEnabled(false);
        if (e.line > 0) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_text->document()->findBlockByNumber(int(e.line) - 1));
            mark.format.setBackground(QColor(0xf6, 0xd5, 0xd5));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            marks << mark;
        }
    }
    m_text->setExtraSelections(marks);
}

void QcFormEditorDialog::save() {
    check();
    if (!canSave())
        return;
    m_save->setEnabled(false);
    QCoro::connect(services::QcService::saveForm(m_workspace, m_actor, m_form.categoryId,
                                                 m_text->toPlainText().toUtf8()),
                   this, [this](const Result<int> &r) {
                       if (!r.ok()) {
                           m_status->setText(errorText(r.error()));
                           m_save->setEnabled(true);
                           return;
                       }
                       Q_EMIT saved(r.value());
                       accept();
                   });
}

} // namespace agro::ui

#include "inspectionform.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace agro::ui {

/// One field's change; consecutive typing in the same field merges into one step.
class FieldEditCommand : public QUndoCommand {
public:
    FieldEditCommand(InspectionForm *form, QString key, QJsonValue before, QJsonValue after)
        : m_form(form)
        , m_key(std::move(key))
        , m_before(std::move(before))
        , m_after(std::move(after)) {
        const auto *f = form->m_schema.field(m_key);
        setText(InspectionForm::tr("edit %1").arg(f ? f->label : m_key));
    }
    int id() const override { return 0x51c0; }
    bool mergeWith(const QUndoCommand *other) override {
        const auto *o = static_cast<const FieldEditCommand *>(other);
        if (o->m_key != m_key)
            return false;
        m_after = o->m_after;
        return true;
    }
    void undo() override { m_form->applyValue(m_key, m_before, true); }
    void redo() override {
        // The first redo happens as the person types: the editor already shows the value.
        m_form->applyValue(m_key, m_after, !m_first);
        m_first = false;
    }

private:
    InspectionForm *m_form;
    QString m_key;
    QJsonValue m_before, m_after;
    bool m_first = true;
};

namespace {
const char *kYes = QT_TRANSLATE_NOOP("agro::ui::InspectionForm", "Yes");
const char *kNo = QT_TRANSLATE_NOOP("agro::ui::InspectionForm", "No");
} // namespace

InspectionForm::InspectionForm(QWidget *parent)
    : QWidget(parent)
    , m_date(QDate::currentDate())
    , m_layout(new QFormLayout)
    , m_banner(new QLabel(this))
    , m_undo(new QUndoStack(this)) {
    setObjectName(QStringLiteral("InspectionForm"));
    m_banner->setObjectName(QStringLiteral("dispositionBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    QFont f = m_banner->font();
    f.setBold(true);
    m_banner->setFont(f);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addLayout(m_layout);
    layout->addStretch();
    auto *undo =
        new QShortcut(QKeySequence::Undo, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(undo, &QShortcut::activated, m_undo, &QUndoStack::undo);
    auto *redo =
        new QShortcut(QKeySequence::Redo, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(redo, &QShortcut::activated, m_undo, &QUndoStack::redo);
    reevaluate();
}

void InspectionForm::setInspectionDate(const QDate &date) {
    m_date = date;
    reevaluate();
}

void InspectionForm::setSchema(const qc::Schema &schema, const QJsonObject &values) {
    m_loading = true;
    m_undo->clear();
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_problems.clear();
    m_schema = schema;
    m_values = {};
    for (const auto &f : m_schema.fields)
        if (values.contains(f.key))
            m_values.insert(f.key, values.value(f.key));
    for (const qc::Field &f : m_schema.fields) {
        QWidget *editor = nullptr;
        const QString key = f.key;
        switch (f.type) {
        case qc::FieldType::Number: {
            auto *e = new QLineEdit(this);
            auto *v = new QDoubleValidator(e);
            v->setNotation(QDoubleValidator::StandardNotation);
            if (f.decimals >= 0)
                v->setDecimals(f.decimals);
            e->setValidator(v);
            e->setPlaceholderText(f.unit);
            connect(e, &QLineEdit::textEdited, this, [this, key] { editorEdited(key); });
            editor = e;
            break;
        }
        case qc::FieldType::Choice:
        case qc::FieldType::YesNo: {
            auto *c = new QComboBox(this);
            c->addItem(tr("—"), QString());
            if (f.type == qc::FieldType::YesNo) {
                c->addItem(tr(kYes), QStringLiteral("yes"));
                c->addItem(tr(kNo), QStringLiteral("no"));
            } else {
                for (const QString &o : f.options)
                    c->addItem(o, o);
            }
            connect(c, &QComboBox::activated, this, [this, key] { editorEdited(key); });
            editor = c;
            break;
        }
        case qc::FieldType::Date: {
            auto *e = new QLineEdit(this);
            e->setPlaceholderText(tr("YYYY-MM-DD"));
            e->setInputMask(QString());
            connect(e, &QLineEdit::textEdited, this, [this, key] { editorEdited(key); });
            editor = e;
            break;
        }
        case qc::FieldType::Text: {
            auto *e = new QLineEdit(this);
            connect(e, &QLineEdit::textEdited, this, [this, key] { editorEdited(key); });
            editor = e;
            break;
        }
        case qc::FieldType::Photo: {
            auto *box = new QWidget(this);
            auto *row = new QHBoxLayout(box);
            row->setContentsMargins(0, 0, 0, 0);
            auto *e = new QLineEdit(box);
            e->setObjectName(QStringLiteral("path"));
            e->setPlaceholderText(tr("Photo file"));
            auto *pick = new QPushButton(tr("Choose…"), box);
            row->addWidget(e, 1);
            row->addWidget(pick);
            connect(e, &QLineEdit::textEdited, this, [this, key] { editorEdited(key); });
            connect(pick, &QPushButton::clicked, this, [this, key, e] {
                const QString file = QFileDialog::getOpenFileName(
                    this, tr("Photo"), QString(), tr("Images (*.jpg *.jpeg *.png *.heic)"));
                if (file.isEmpty())
                    return;
                e->setText(file);
                editorEdited(key);
            });
            editor = box;
            break;
        }
        }
        editor->setObjectName(QStringLiteral("field_") + key);
        if (!f.help.isEmpty())
            editor->setToolTip(f.help);
        auto *problem = new QLabel(this);
        problem->setObjectName(QStringLiteral("problem_") + key);
        QPalette pal = problem->palette();
        pal.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
        problem->setPalette(pal);
        problem->setWordWrap(true);
        problem->hide();
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(editor);
        cellLayout->addWidget(problem);
        QString label = f.label;
        if (!f.unit.isEmpty())
            label += QStringLiteral(" (%1)").arg(f.unit);
        if (f.required)
            label += QStringLiteral(" *");
        m_layout->addRow(label, cell);
        m_editors[key] = editor;
        m_problems[key] = problem;
        showValue(key);
    }
    m_loading = false;
    reevaluate();
}

QWidget *InspectionForm::editor(const QString &key) const {
    const auto it = m_editors.find(key);
    return it == m_editors.end() ? nullptr : it->second;
}

QString InspectionForm::problemText(const QString &key) const {
    const auto it = m_problems.find(key);
    return it == m_problems.end() || it->second->isHidden() ? QString() : it->second->text();
}

QJsonValue InspectionForm::editorValue(const QString &key) const {
    const auto *f = m_schema.field(key);
    QWidget *w = editor(key);
    if (!f || !w)
        return {};
    switch (f->type) {
    case qc::FieldType::Number: {
        const QString t = static_cast<QLineEdit *>(w)->text().trimmed();
        if (t.isEmpty())
            return {};
        bool ok = false;
        double x = QLocale().toDouble(t, &ok);
        if (!ok)
            x = t.toDouble(&ok);
        return ok ? QJsonValue(x) : QJsonValue(t); // text: the form says it is not a number
    }
    case qc::FieldType::YesNo: {
        const QString d = static_cast<QComboBox *>(w)->currentData().toString();
        return d.isEmpty() ? QJsonValue() : QJsonValue(d == QLatin1String("yes"));
    }
    case qc::FieldType::Choice: {
        const QString d = static_cast<QComboBox *>(w)->currentData().toString();
        return d.isEmpty() ? QJsonValue() : QJsonValue(d);
    }
    case qc::FieldType::Photo: {
        const QString t = w->findChild<QLineEdit *>(QStringLiteral("path"))->text().trimmed();
        return t.isEmpty() ? QJsonValue() : QJsonValue(t);
    }
    case qc::FieldType::Date:
    case qc::FieldType::Text: {
        const QString t = static_cast<QLineEdit *>(w)->text().trimmed();
        return t.isEmpty() ? QJsonValue() : QJsonValue(t);
    }
    }
    return {};
}

void InspectionForm::editorEdited(const QString &key) {
    if (m_loading)
        return;
    const QJsonValue before = m_values.value(key);
    const QJsonValue after = editorValue(key);
    if (before == after)
        return;
    m_undo->push(new FieldEditCommand(this, key, before, after));
}

void InspectionForm::setValue(const QString &key, const QJsonValue &value) {
    if (!m_schema.field(key))
        return;
    const QJsonValue before = m_values.value(key);
    if (before == value)
        return;
    auto *cmd = new FieldEditCommand(this, key, before, value);
    applyValue(key, value, true); // show it first: the command's first redo assumes it shown
    m_undo->push(cmd);
}

void InspectionForm::applyValue(const QString &key, const QJsonValue &value, bool updateEditor) {
    if (value.isUndefined() || value.isNull())
        m_values.remove(key);
    else
        m_values.insert(key, value);
    if (updateEditor)
        showValue(key);
    reevaluate();
    Q_EMIT valuesChanged();
}

void InspectionForm::showValue(const QString &key) {
    const auto *f = m_schema.field(key);
    QWidget *w = editor(key);
    if (!f || !w)
        return;
    const bool was = m_loading;
    m_loading = true;
    const QJsonValue v = m_values.value(key);
    switch (f->type) {
    case qc::FieldType::Number:
        static_cast<QLineEdit *>(w)->setText(
            v.isDouble() ? QLocale().toString(v.toDouble(), 'g', 12) : v.toString());
        break;
    case qc::FieldType::YesNo: {
        auto *c = static_cast<QComboBox *>(w);
        c->setCurrentIndex(
            v.isBool() ? c->findData(v.toBool() ? QStringLiteral("yes") : QStringLiteral("no"))
                       : 0);
        break;
    }
    case qc::FieldType::Choice: {
        auto *c = static_cast<QComboBox *>(w);
        c->setCurrentIndex(std::max(0, c->findData(v.toString())));
        break;
    }
    case qc::FieldType::Photo:
        w->findChild<QLineEdit *>(QStringLiteral("path"))->setText(v.toString());
        break;
    case qc::FieldType::Date:
    case qc::FieldType::Text:
        static_cast<QLineEdit *>(w)->setText(v.toString());
        break;
    }
    m_loading = was;
}

void InspectionForm::reevaluate() {
    m_evaluation = qc::evaluate(m_schema, m_values, m_date);
    for (auto &[key, label] : m_problems) {
        label->hide();
        label->clear();
    }
    // A field's message shows once it has a value or the form has been touched, so an empty
    // form is not a wall of red.
    const bool touched = m_undo->count() > 0 || !m_values.isEmpty();
    for (const auto &p : m_evaluation.problems) {
        const auto it = m_problems.find(p.field);
        if (it == m_problems.end() || (!touched && !m_values.contains(p.field)))
            continue;
        it->second->setText(p.message);
        it->second->show();
    }
    QPalette pal = m_banner->palette();
    QColor bg(0xdf, 0xf0, 0xd8), fg(0x1e, 0x5b, 0x1e);
    if (m_evaluation.disposition == qc::Disposition::Fail) {
        bg = QColor(0xf6, 0xd5, 0xd5);
        fg = QColor(0x8a, 0x12, 0x12);
    } else if (m_evaluation.disposition == qc::Disposition::Hold) {
        bg = QColor(0xfc, 0xec, 0xc8);
        fg = QColor(0x7a, 0x4b, 0x00);
    }
    pal.setColor(QPalette::Window, bg);
    pal.setColor(QPalette::WindowText, fg);
    m_banner->setPalette(pal);
    m_banner->setText(m_schema.fields.empty() ? tr("Choose a lot to inspect.") : dispositionText());
}

QString InspectionForm::dispositionText() const {
    const qc::Evaluation &e = m_evaluation;
    QString head;
    switch (e.disposition) {
    case qc::Disposition::Pass:
        head = tr("PASS");
        break;
    case qc::Disposition::Hold:
        head = tr("HOLD");
        break;
    case qc::Disposition::Fail:
        head = tr("FAIL");
        break;
    }
    QString text = e.decidedBy
                       ? tr("%1 — %2 (rule %3)").arg(head, e.decidedBy->message, e.decidedBy->id)
                       : tr("%1 — all limits met so far").arg(head);
    if (!e.complete())
        text += QLatin1Char('\n') +
                tr("%n field(s) still to complete or correct", nullptr, int(e.problems.size()));
    return text;
}

} // namespace agro::ui

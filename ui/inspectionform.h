#pragma once

#include "qc/qcrules.h"
#include "qc/qcschema.h"

#include <QJsonObject>
#include <QWidget>

#include <map>

class QFormLayout;
class QLabel;
class QUndoStack;

namespace agro::ui {

/// An inspection form generated from a QC schema: one editor per field (number with unit,
/// choice, yes/no, text, date, photo), a message under each field as soon as its value is
/// wrong or missing, and the disposition the rules give right now with the rule that decided.
/// Every edit is an undoable command on the form's own stack (Ctrl+Z / Ctrl+Shift+Z).
class InspectionForm : public QWidget {
    Q_OBJECT
public:
    explicit InspectionForm(QWidget *parent = nullptr);

    /// Builds the editors for `schema` and fills them from `values` (no undo history).
    void setSchema(const qc::Schema &schema, const QJsonObject &values = {});
    void setInspectionDate(const QDate &date);
    const qc::Schema &schema() const { return m_schema; }

    QJsonObject values() const { return m_values; }
    /// Sets one field as if typed (an undoable edit); for tests and for restoring.
    void setValue(const QString &key, const QJsonValue &value);
    /// The editor of a field (QLineEdit, QComboBox…), for focus and tests.
    QWidget *editor(const QString &key) const;
    QString problemText(const QString &key) const;
    const qc::Evaluation &evaluation() const { return m_evaluation; }
    /// The banner's text: "FAIL — Temperature must be 1–4 °C (rule dairy-temperature)".
    QString dispositionText() const;
    QUndoStack *undoStack() const { return m_undo; }

Q_SIGNALS:
    /// After any change of a value (typed, undone or redone).
    void valuesChanged();

private:
    friend class FieldEditCommand;
    void applyValue(const QString &key, const QJsonValue &value, bool updateEditor);
    void showValue(const QString &key);
    void reevaluate();
    QJsonValue editorValue(const QString &key) const;
    void editorEdited(const QString &key);

    qc::Schema m_schema;
    QDate m_date;
    QJsonObject m_values;
    qc::Evaluation m_evaluation;
    QFormLayout *m_layout;
    QLabel *m_banner;
    QUndoStack *m_undo;
    std::map<QString, QWidget *> m_editors;
    std::map<QString, QLabel *> m_problems;
    bool m_loading = false;
};

} // namespace agro::ui

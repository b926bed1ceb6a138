#pragma once

#include "domain/validation.h"

#include <QDialog>

#include <map>
#include <vector>

class QFormLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace agro::ui {

/// What every record form shares: rows with a message under their input, a general message,
/// Save (Enter) and Cancel (Esc), and field-level problems shown in the form's own words.
class RecordDialog : public QDialog {
    Q_OBJECT
public:
    QPushButton *saveButton() const { return m_save; }
    /// The message shown for a field ("amount", "plantedAreaHa", …), empty when none.
    QString problem(const QString &field) const;

Q_SIGNALS:
    /// A save finished: written (true), or refused with its problems shown (false).
    void saveFinished(bool ok);

protected:
    explicit RecordDialog(QWidget *parent);

    /// Adds "label: input" with the messages of `fields` under the input; the label's
    /// &-mnemonic moves the focus to the input.
    void addRow(const QString &label, QWidget *input, const QStringList &fields);
    /// Puts the form, the general message and the buttons in place; Save calls save().
    void finishLayout();
    QLabel *problemLabel(const QString &field);
    void clearProblems();
    /// Shows each problem under its field: the words given for the field, else its detail.
    void showProblems(const std::vector<domain::FieldError> &problems,
                      const std::map<QString, QString> &words);
    void showGeneral(const QString &text);
    void growToFit();
    virtual void save() = 0;

private:
    QFormLayout *m_form;
    QLabel *m_general;
    QPushButton *m_save = nullptr;
    std::map<QString, QLabel *> m_problems;
};

} // namespace agro::ui

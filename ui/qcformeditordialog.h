#pragma once

#include "services/qcservice.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace agro::ui {

/// Edits a category's inspection form as its JSON definition (docs/qc-schemas.md), checked as
/// you type: a malformed form shows the line, column and path of the problem and cannot be
/// saved. Saving makes a new version; inspections keep the version they were filled with.
class QcFormEditorDialog : public QDialog {
    Q_OBJECT
public:
    QcFormEditorDialog(QString workspace, services::Actor actor, services::CategoryForm form,
                       QWidget *parent = nullptr);

    void setText(const QString &json);
    QString statusText() const;
    bool canSave() const;
    void save();

Q_SIGNALS:
    void saved(int version);

private:
    void check();

    QString m_workspace;
    services::Actor m_actor;
    services::CategoryForm m_form;
    QPlainTextEdit *m_text;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace agro::ui

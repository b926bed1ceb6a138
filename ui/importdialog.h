#pragma once

#include "common/progress.h"
#include "io/csvformat.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace agro::ui {

class AppSettings;

/// File → Import CSV: choose what the file holds and the file, see its first rows, map its
/// columns to the format's, and import — in the background, with progress and cancel. The
/// import is all or nothing; an error names the file, line, column and reason.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(const QString &workspace, AppSettings &settings, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Pre-selects a kind and file (and loads its preview).
    void setFile(io::CsvKind kind, const QString &file);
    bool isRunning() const { return m_progress != nullptr; }

Q_SIGNALS:
    /// Rows were committed to the workspace.
    void imported(io::CsvKind kind, qint64 rows);
    /// The preview and mapping are ready for the current file.
    void previewReady();
    /// An import finished, well or not (message shown in the dialog).
    void finished(bool ok, const QString &message);

protected:
    void reject() override;

private:
    void browse();
    void loadPreview();
    void rebuildMapping();
    void startImport();
    void setRunning(bool running);
    io::CsvKind kind() const;

    QString m_workspace;
    AppSettings &m_settings;
    QComboBox *m_kind;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QTableWidget *m_preview;
    QFormLayout *m_mapping;
    std::vector<QComboBox *> m_mappingBoxes;
    QStringList m_header;
    QLabel *m_message;
    QProgressBar *m_bar;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
    QTimer *m_poll;
    ProgressPtr m_progress;
    quint64 m_previewSerial = 0;
};

} // namespace agro::ui

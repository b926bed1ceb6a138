#pragma once

#include "common/progress.h"
#include "reports/report.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QPdfDocument;
class QPdfView;
class QPrinter;
class QProgressBar;
class QPushButton;
class QTemporaryDir;

namespace agro::reports {
struct ReportInfo;
}

namespace agro::ui {

/// Reports: pick a report, set its parameters (farm, season or period), see it as it will
/// print (the PDF in a viewer), export it as PDF, CSV or XLSX, or print it with a preview.
/// Building and writing run in the background with a busy bar; the page stays usable.
class ReportsPage : public QWidget {
    Q_OBJECT
public:
    explicit ReportsPage(QWidget *parent = nullptr);
    ~ReportsPage() override;

    void setWorkspace(const store::WorkspaceInfo &workspace);
    /// Builds the chosen report with the form's parameters and shows it.
    void preview();
    /// Writes the current report to `path`; the format follows the extension (.pdf, .csv,
    /// .xlsx). Without a path, asks for one.
    void exportTo(const QString &path = {});
    void print();

    QListWidget *reportList() const { return m_list; }
    QComboBox *farmBox() const { return m_farm; }
    QComboBox *seasonBox() const { return m_season; }
    QCheckBox *periodBox() const { return m_period; }
    QDateEdit *fromBox() const { return m_from; }
    QDateEdit *toBox() const { return m_to; }
    const std::optional<reports::Report> &report() const { return m_report; }
    int previewPages() const;
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_busy; }

Q_SIGNALS:
    void choicesLoaded();
    void previewed();
    void exported(const QString &path);
    /// A sales export ended: written, or cancelled / failed with nothing left behind.
    void exportFinished(bool written);
    void failed(const QString &message);

private:
    void reportChanged();
    void exportSales(const QString &path);
    const reports::ReportInfo *currentInfo() const;
    bool streamed() const;
    void setBusy(const QString &what);
    void setIdle(const QString &message);
    reports::Parameters parameters() const;

    store::WorkspaceInfo m_workspace;
    std::optional<reports::Report> m_report;
    std::unique_ptr<QTemporaryDir> m_previewDir;
    int m_previewSerial = 0;
    QListWidget *m_list;
    QLabel *m_description;
    QComboBox *m_farm;
    QComboBox *m_season;
    QCheckBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QPushButton *m_previewButton;
    QPushButton *m_export;
    QPushButton *m_print;
    QPushButton *m_cancel;
    ProgressPtr m_progress;
    QProgressBar *m_busy;
    QLabel *m_status;
    QPdfDocument *m_document;
    QPdfView *m_view;
};

} // namespace agro::ui

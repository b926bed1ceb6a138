#pragma once

#include "services/qcservice.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QTimer;

namespace agro::ui {

class InspectionForm;
class NewLotDialog;

/// Quality: pick a lot, fill its category's inspection form (generated from the form's
/// schema, checked as you type, the rules' verdict and deciding rule always in view), override
/// the verdict with a reason if you must, record it — the lot becomes available, held or
/// rejected and its product's sellable stock follows. The form is saved as a draft while you
/// type and restored after a crash. History: every inspection, filtered, exported to CSV.
class QualityPage : public QWidget {
    Q_OBJECT
public:
    explicit QualityPage(QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();

    /// Selects a lot for inspection (loads its category's form).
    void selectLot(const QString &lotId);
    void record();
    void discardDraft();
    void editForm();
    /// Opens the form that registers a lot (Ctrl+Shift+L); the new lot is selected once saved.
    NewLotDialog *newLot();

    InspectionForm *form() const { return m_form; }
    QListWidget *lots() const { return m_lots; }
    QString lotText() const;
    QString stockText() const;
    QString currentLotId() const { return m_lot ? m_lot->id : QString(); }
    QString draftId() const { return m_draftId; }
    void setOverride(const QString &disposition, const QString &reason);
    QTableWidget *historyTable() const { return m_history; }
    void showHistory();
    /// Opens the selected history row's stored photo in the system viewer (a copy written to a
    /// temporary folder; the workspace keeps the original).
    void openSelectedPhoto();

Q_SIGNALS:
    void lotsLoaded();
    void lotLoaded();
    void stockLoaded();
    void draftSaved();
    void recorded(const QString &message);
    void historyLoaded();
    /// The stored photo was written to `path` for viewing.
    void photoSaved(const QString &path);
    void failed(const QString &message);

private:
    void loadLot(const services::LotInfo &lot, const QJsonObject &values, const QString &notes);
    void loadStock();
    void scheduleDraft();
    void saveDraftNow();
    void loadHistory();

    store::WorkspaceInfo m_workspace;
    std::optional<services::Actor> m_actor;
    std::vector<services::CategoryForm> m_forms;
    std::optional<services::LotInfo> m_lot;
    /// The lot last asked for: answers for any other lot arrive late and are dropped, so a
    /// quick second click (or a reload after recording) never shows the wrong form.
    QString m_wantedLot;
    QString m_draftId;
    QTabWidget *m_tabs;
    QLineEdit *m_search;
    QPushButton *m_newLot;
    QListWidget *m_lots;
    QLabel *m_lotLabel;
    QLabel *m_stockLabel;
    InspectionForm *m_form;
    QComboBox *m_override;
    QLineEdit *m_reason;
    QLineEdit *m_notes;
    QPushButton *m_record;
    QPushButton *m_discard;
    QPushButton *m_editForm;
    QLabel *m_draftLabel;
    QTimer *m_draftTimer;
    QComboBox *m_historyDisposition;
    QLineEdit *m_historySupplier;
    QPushButton *m_export;
    QPushButton *m_openPhoto;
    QTableWidget *m_history;
    std::vector<services::InspectionRow> m_historyRows;
};

} // namespace agro::ui

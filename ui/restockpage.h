#pragma once

#include "services/restockservice.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace agro::ui {

class RestockQueueModel;
class StockProjectionChart;

/// Restock: the approval queue (highest priority first; filters by status and gate), the
/// selected proposal's explanation — inputs, formulas with their numbers, the rule that fired,
/// the gate, what would change the decision — and its stock projection; approve, reject,
/// override with a reason, approve a reviewed batch, export the decision log. The service layer
/// checks the acting person's role; the page shows who that is.
class RestockPage : public QWidget {
    Q_OBJECT
public:
    explicit RestockPage(QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();
    void generate();

    bool selectProposal(const QString &id);
    void approveSelected();
    void rejectSelected();
    /// Opens the override dialog for the selected proposal.
    void overrideSelected();
    /// Approves every selected pending proposal whose gate is "review".
    void approveReviewedBatch();
    /// Opens the override review (who was closer: the model or the person).
    void showOverrideReview();
    /// Opens the what-if replay with its target slider.
    void showWhatIf();
    /// Opens the farm's gate settings (saving is the owner's).
    void showGates();

    QTableView *queue() const { return m_table; }
    RestockQueueModel *model() const { return m_model; }
    StockProjectionChart *projection() const { return m_projection; }
    QString explanationText() const;
    QString actorText() const;
    std::optional<services::ProposalView> selected() const;

Q_SIGNALS:
    void loaded();
    void decided(const QString &message);
    void failed(const QString &message);

private:
    void showSelected();
    void decideSelected(services::DecisionAction action, double quantity, const QString &reason,
                        const QString &text);
    void applyFilters();

    store::WorkspaceInfo m_workspace;
    std::optional<services::Actor> m_actor;
    QComboBox *m_status;
    QComboBox *m_gate;
    QPushButton *m_generate;
    QPushButton *m_batch;
    QPushButton *m_export;
    QPushButton *m_overrides;
    QPushButton *m_whatIf;
    QPushButton *m_gates;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_override;
    QLabel *m_actorLabel;
    QLabel *m_title;
    QLabel *m_explanation;
    RestockQueueModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    StockProjectionChart *m_projection;
    bool m_busy = false;
};

} // namespace agro::ui

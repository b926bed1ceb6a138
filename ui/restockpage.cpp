#include "restockpage.h"

#include "rolegate.h"

#include "restockgatesdialog.h"
#include "restockoverridedialog.h"
#include "restockoverridesdialog.h"
#include "restockqueuemodel.h"
#include "restockwhatifdialog.h"
#include "stockprojectionchart.h"

#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <QCoroTask>

#include <algorithm>
#include <cmath>

namespace agro::ui {

namespace {

/// Filters the queue by status group and gate.
class QueueFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString status; ///< "", "pending", "decided"
    QString gate;   ///< "" or a gate key

protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override {
        const auto *m = static_cast<const RestockQueueModel *>(sourceModel());
        const auto &p = m->proposals()[size_t(row)];
        const bool pending = p.status == services::ProposalStatus::Pending;
        if (status == QLatin1String("pending") && !pending)
            return false;
        if (status == QLatin1String("decided") && pending)
            return false;
        return gate.isEmpty() || p.gate == gate;
    }
};

QString esc(const QString &s) {
    return s.toHtmlEscaped();
}

} // namespace

RestockPage::RestockPage(QWidget *parent)
    : QWidget(parent)
    , m_status(new QComboBox(this))
    , m_gate(new QComboBox(this))
    , m_generate(new QPushButton(tr("&Generate proposals"), this))
    , m_batch(new QPushButton(tr("Approve reviewed &batch"), this))
    , m_export(new QPushButton(tr("Export decision log…"), this))
    , m_overrides(new QPushButton(tr("Overrides: who was closer?"), this))
    , m_whatIf(new QPushButton(tr("&What-if…"), this))
    , m_gates(new QPushButton(tr("Gates…"), this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_reject(new QPushButton(tr("Re&ject"), this))
    , m_override(new QPushButton(tr("&Override…"), this))
    , m_actorLabel(new QLabel(this))
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_model(new RestockQueueModel(this))
    , m_proxy(new QueueFilter(this))
    , m_table(new QTableView(this))
    , m_projection(new StockProjectionChart(this)) {
    setObjectName(QStringLiteral("RestockPage"));
    m_status->addItem(tr("Pending"), QStringLiteral("pending"));
    m_status->addItem(tr("Decided"), QStringLiteral("decided"));
    m_status->addItem(tr("All proposals"), QString());
    m_gate->addItem(tr("Every gate"), QString());
    for (const char *g : {"review", "manual", "owner", "auto"})
        m_gate->addItem(RestockQueueModel::gateText(QString::fromLatin1(g)),
                        QString::fromLatin1(g));
    m_generate->setToolTip(tr("Propose restocks from the latest forecast run and today's stock"));
    m_batch->setToolTip(tr("Approve the selected pending proposals that are in the Review gate"));
    m_approve->setToolTip(tr("Approve the proposal as it stands (Ctrl+Return)"));
    m_override->setToolTip(tr("Order a different quantity, with a reason"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RestockQueueModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RestockQueueModel::Priority, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RestockQueueModel::Product,
                                                      QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);

    m_title->setObjectName(QStringLiteral("restockTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_explanation);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *top = new QHBoxLayout;
    top->addWidget(m_generate);
    top->addWidget(m_status);
    top->addWidget(m_gate);
    top->addWidget(m_batch);
    top->addStretch();
    top->addWidget(m_actorLabel);
    top->addWidget(m_whatIf);
    top->addWidget(m_gates);
    top->addWidget(m_overrides);
    top->addWidget(m_export);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_override);
    buttons->addStretch();
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addLayout(buttons);
    detailLayout->addWidget(scroll, 3);
    detailLayout->addWidget(m_projection, 2);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_generate, &QPushButton::clicked, this, &RestockPage::generate);
    connect(m_status, &QComboBox::currentIndexChanged, this, &RestockPage::applyFilters);
    connect(m_gate, &QComboBox::currentIndexChanged, this, &RestockPage::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RestockPage::showSelected);
    connect(m_approve, &QPushButton::clicked, this, &RestockPage::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &RestockPage::rejectSelected);
    connect(m_override, &QPushButton::clicked, this, &RestockPage::overrideSelected);
    connect(m_batch, &QPushButton::clicked, this, &RestockPage::approveReviewedBatch);
    connect(m_overrides, &QPushButton::clicked, this, &RestockPage::showOverrideReview);
    connect(m_whatIf, &QPushButton::clicked, this, &RestockPage::showWhatIf);
    connect(m_gates, &QPushButton::clicked, this, &RestockPage::showGates);
    m_whatIf->setToolTip(tr("Replay the last year with the policy at a target fill rate of your "
                            "choice, beside two baselines"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export decision log"),
                                                          QStringLiteral("restock-decisions.csv"),
                                                          tr("CSV files (*.csv)"));
        if (file.isEmpty())
            return;
        QCoro::connect(services::RestockService::exportLog(m_workspace.path, file), this,
                       [this, file](const Result<qint64> &r) {
                           if (!r.ok())
                               Q_EMIT failed(errorText(r.error()));
                           else
                               Q_EMIT decided(
                                   tr("%1 decisions written to %2").arg(r.value()).arg(file));
                       });
    });
    auto *approveKey = new QShortcut(QKeySequence(tr("Ctrl+Return")), this);
    connect(approveKey, &QShortcut::activated, this, &RestockPage::approveSelected);
    showSelected();
}

void RestockPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_actor.reset();
    QCoro::connect(
        services::ActorService::defaultActor(m_workspace.path), this,
        [this](const Result<services::Actor> &r) {
            if (!r.ok()) {
                m_actorLabel->setText(tr("No owner in this workspace: decisions are "
                                         "not possible"));
                return;
            }
            m_actor = r.value();
            m_actorLabel->setText(
                tr("Acting as %1 (%2)").arg(m_actor->displayName, rolesText(m_actor->roles)));
            showSelected();
        });
    refresh();
}

QString RestockPage::actorText() const {
    return m_actorLabel->text();
}

void RestockPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    const auto current = selected();
    QCoro::connect(services::RestockService::list(m_workspace.path), this,
                   [this, keep = current ? current->id : QString()](
                       const Result<std::vector<services::ProposalView>> &r) {
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_model->setProposals(r.value());
                       if (!keep.isEmpty())
                           selectProposal(keep);
                       showSelected();
                       Q_EMIT loaded();
                   });
}

void RestockPage::generate() {
    if (m_workspace.path.isEmpty() || m_busy)
        return;
    m_busy = true;
    m_generate->setEnabled(false);
    QCoro::connect(services::RestockService::generate(m_workspace.path), this,
                   [this](const Result<services::RestockRunOutcome> &r) {
                       m_busy = false;
                       m_generate->setEnabled(true);
                       if (!r.ok()) {
                           const QString msg =
                               r.error().code == ErrorCode::NeedsPrerequisite
                                   ? tr("Run all forecasts first (Forecasts → Run All Forecasts, "
                                        "Ctrl+Shift+R): proposals come from a stored forecast run.")
                                   : errorText(r.error());
                           Q_EMIT failed(msg);
                           return;
                       }
                       Q_EMIT decided(tr("%1 proposals for %2 products, %3 auto-approved")
                                          .arg(r->proposals)
                                          .arg(r->products)
                                          .arg(r->autoApproved));
                       refresh();
                   });
}

void RestockPage::applyFilters() {
    auto *f = static_cast<QueueFilter *>(m_proxy);
    f->status = m_status->currentData().toString();
    f->gate = m_gate->currentData().toString();
    f->invalidate();
}

std::optional<services::ProposalView> RestockPage::selected() const {
    const QModelIndex i = m_table->currentIndex();
    if (!i.isValid())
        return std::nullopt;
    const auto *p = m_model->proposal(i.data(RestockQueueModel::ProposalIdRole).toString());
    return p ? std::optional<services::ProposalView>(*p) : std::nullopt;
}

bool RestockPage::selectProposal(const QString &id) {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex i = m_proxy->index(row, 0);
        if (i.data(RestockQueueModel::ProposalIdRole).toString() == id) {
            m_table->setCurrentIndex(i);
            m_table->scrollTo(i);
            return true;
        }
    }
    return false;
}

QString RestockPage::explanationText() const {
    return m_explanation->text();
}

void RestockPage::showSelected() {
    const auto p = selected();
    const bool pending = p && p->status == services::ProposalStatus::Pending;
    const bool mayDecide =
        m_actor.has_value() && mayDo(m_actor->roles, "restock_decisions", security::Action::Create);
    for (QPushButton *b : {m_approve, m_reject, m_override})
        b->setEnabled(p.has_value() && mayDecide);
    m_batch->setEnabled(mayDecide);
    if (!p) {
        m_title->setText(m_model->rowCount() ? tr("Choose a proposal")
                                             : tr("No proposals yet: Generate proposals"));
        m_explanation->clear();
        m_projection->clear();
        return;
    }
    const QLocale l;
    m_title->setText(tr("%1 — %2: order %3 %4 (%5)")
                         .arg(p->sku, p->productName, l.toString(p->quantity, 'f', 0),
                              p->unit.isEmpty() ? tr("units") : p->unit,
                              RestockQueueModel::statusText(p->status)));
    const QJsonObject &e = p->explanation;
    QString html;
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Rule:"), esc(e.value(QStringLiteral("rule")).toString()));
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Gate:"), esc(e.value(QStringLiteral("gate")).toString()));
    if (e.contains(QStringLiteral("stockout")))
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Stock-out:"), esc(e.value(QStringLiteral("stockout")).toString()));
    if (e.contains(QStringLiteral("what_if")))
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("What would change it:"),
                         esc(e.value(QStringLiteral("what_if")).toString()));
    html += QStringLiteral("<p><b>%1</b></p><ol>").arg(tr("How the quantity was worked out"));
    for (const auto &v : e.value(QStringLiteral("formulas")).toArray())
        html += QStringLiteral("<li>%1</li>").arg(esc(v.toString()));
    html += QStringLiteral("</ol><p><b>%1</b></p><table cellspacing='0' cellpadding='2'>")
                .arg(tr("Inputs"));
    const QJsonObject in = e.value(QStringLiteral("inputs")).toObject();
    struct Row {
        const char *key;
        const char *label;
    };
    static const Row rows[] = {
        {"on_hand", QT_TR_NOOP("On hand")},
        {"unavailable_lots", QT_TR_NOOP("Held or rejected lots")},
        {"on_order", QT_TR_NOOP("On order")},
        {"lead_time_days", QT_TR_NOOP("Lead time (days)")},
        {"forecast_daily_mean", QT_TR_NOOP("Forecast per day")},
        {"forecast_lead_time_mean", QT_TR_NOOP("Forecast over lead time + 1 day")},
        {"forecast_lead_time_lo95", QT_TR_NOOP("… 95 % low")},
        {"forecast_lead_time_hi95", QT_TR_NOOP("… 95 % high")},
        {"backtest_wape", QT_TR_NOOP("Forecast error in backtests (WAPE)")},
        {"unit_cost", QT_TR_NOOP("Unit cost")},
        {"ordering_cost", QT_TR_NOOP("Ordering cost")},
        {"holding_rate", QT_TR_NOOP("Holding rate per year")},
        {"pack_size", QT_TR_NOOP("Pack size")},
        {"min_order_qty", QT_TR_NOOP("Minimum order")},
        {"target_fill_rate", QT_TR_NOOP("Target fill rate")}};
    for (const Row &r : rows) {
        const QJsonValue v = in.value(QLatin1String(r.key));
        const bool whole = v.isDouble() && v.toDouble() == std::round(v.toDouble());
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
                    .arg(tr(r.label), v.isDouble() ? l.toString(v.toDouble(), 'f', whole ? 0 : 2)
                                                   : esc(v.toString()));
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Forecast model: %1; confidence %2; ABC %3, XYZ %4.")
                         .arg(esc(in.value(QStringLiteral("forecast_model")).toString()),
                              l.toString(p->confidence, 'f', 2), p->abc, p->xyz));
    if (p->lastDecision) {
        const auto &d = *p->lastDecision;
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Decision:"),
                         esc(tr("%1 %2 units by %3 (%4), %5%6")
                                 .arg(d.action, l.toString(d.quantity, 'f', 0), d.actorName,
                                      d.actorRole,
                                      l.toString(d.decidedAt.toLocalTime(), QLocale::ShortFormat),
                                      d.reasonCode.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" — ") + d.reasonCode +
                                                (d.reasonText.isEmpty()
                                                     ? QString()
                                                     : QStringLiteral(": ") + d.reasonText))));
    }
    Q_UNUSED(pending);
    m_explanation->setText(html);
    const int lead = in.value(QStringLiteral("lead_time_days")).toInt();
    m_projection->setProposal(*p, p->dueDay - 1 - lead);
}

void RestockPage::decideSelected(services::DecisionAction action, double quantity,
                                 const QString &reason, const QString &text) {
    const auto p = selected();
    if (!p || !m_actor || m_busy)
        return;
    m_busy = true;
    services::DecisionRequest r{p->id, action, quantity, reason, text};
    QCoro::connect(services::RestockService::decide(m_workspace.path, *m_actor, r), this,
                   [this, sku = p->sku](const Result<services::Decision> &d) {
                       m_busy = false;
                       if (!d.ok()) {
                           const QString msg =
                               errorText(d.error()) + QStringLiteral(": ") + d.error().detail;
                           Q_EMIT failed(msg);
                           QMessageBox::warning(this, tr("Decision refused"), msg);
                           return;
                       }
                       Q_EMIT decided(tr("%1: %2 %3 units").arg(sku, d->action).arg(d->quantity));
                       refresh();
                   });
}

void RestockPage::approveSelected() {
    decideSelected(services::DecisionAction::Approve, 0, {}, {});
}

void RestockPage::rejectSelected() {
    decideSelected(services::DecisionAction::Reject, 0, {}, {});
}

void RestockPage::overrideSelected() {
    const auto p = selected();
    if (!p || !m_actor)
        return;
    auto *dialog = new RestockOverrideDialog(p->sku, p->quantity, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        decideSelected(services::DecisionAction::Override, dialog->quantity(), dialog->reasonCode(),
                       dialog->reasonText());
    });
    dialog->open();
}

void RestockPage::showOverrideReview() {
    if (m_workspace.path.isEmpty())
        return;
    auto *dialog = new RestockOverridesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QCoro::connect(services::RestockService::overrides(m_workspace.path), dialog,
                   [this, dialog](const Result<std::vector<services::OverrideOutcome>> &r) {
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           dialog->close();
                           return;
                       }
                       dialog->setOutcomes(r.value());
                   });
    dialog->open();
}

void RestockPage::showGates() {
    if (m_workspace.path.isEmpty() || !m_actor)
        return;
    // The farms of the proposals on screen, or none: then the dialog has nothing to edit.
    std::vector<std::pair<QString, QString>> farms;
    for (const auto &p : m_model->proposals())
        if (std::none_of(farms.begin(), farms.end(),
                         [&](const auto &f) { return f.first == p.farmId; }))
            farms.emplace_back(p.farmId, p.farmName);
    if (farms.empty()) {
        Q_EMIT failed(tr("Generate proposals first: the gates are set per farm of the queue."));
        return;
    }
    auto *dialog = new RestockGatesDialog(m_workspace.path, *m_actor, farms, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RestockPage::showWhatIf() {
    if (m_workspace.path.isEmpty())
        return;
    auto *dialog = new RestockWhatIfDialog(m_workspace.path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestockWhatIfDialog::failed, this, &RestockPage::failed);
    dialog->open();
}

void RestockPage::approveReviewedBatch() {
    if (!m_actor || m_busy)
        return;
    QStringList ids;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        const auto *p = m_model->proposal(i.data(RestockQueueModel::ProposalIdRole).toString());
        if (p && p->status == services::ProposalStatus::Pending &&
            p->gate == QLatin1String("review"))
            ids << p->id;
    }
    if (ids.isEmpty()) {
        Q_EMIT failed(tr("Select pending proposals in the Review gate to approve them together."));
        return;
    }
    m_busy = true;
    QCoro::connect(services::RestockService::approveAll(m_workspace.path, *m_actor, ids), this,
                   [this](const Result<int> &r) {
                       m_busy = false;
                       if (!r.ok())
                           Q_EMIT failed(errorText(r.error()) + QStringLiteral(": ") +
                                         r.error().detail);
                       else
                           Q_EMIT decided(tr("%1 proposals approved").arg(r.value()));
                       refresh();
                   });
}

} // namespace agro::ui

#include "alertspage.h"

#include "rolegate.h"

#include "alertevidencechart.h"
#include "alertlistmodel.h"
#include "progressrunner.h"
#include "services/dashboardservice.h"
#include "services/detectionservice.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <QCoroTask>

namespace agro::ui {

namespace {
QString actionText(const QString &a) {
    if (a == QLatin1String("open"))
        return AlertsPage::tr("raised");
    if (a == QLatin1String("update"))
        return AlertsPage::tr("updated (the problem went on)");
    if (a == QLatin1String("acknowledge"))
        return AlertsPage::tr("acknowledged");
    if (a == QLatin1String("annotate"))
        return AlertsPage::tr("added a note");
    if (a == QLatin1String("assign"))
        return AlertsPage::tr("assigned");
    if (a == QLatin1String("escalate"))
        return AlertsPage::tr("escalated");
    if (a == QLatin1String("resolve"))
        return AlertsPage::tr("resolved");
    if (a == QLatin1String("reopen"))
        return AlertsPage::tr("reopened");
    return a;
}
} // namespace

AlertsPage::AlertsPage(QWidget *parent)
    : QWidget(parent)
    , m_farm(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_detect(new QPushButton(tr("Run &detectors"), this))
    , m_actorLabel(new QLabel(this))
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_ack(new QPushButton(tr("&Acknowledge"), this))
    , m_note(new QPushButton(tr("&Note…"), this))
    , m_assign(new QPushButton(tr("Assi&gn…"), this))
    , m_escalate(new QPushButton(tr("&Escalate"), this))
    , m_resolve(new QPushButton(tr("Re&solve"), this))
    , m_reopen(new QPushButton(tr("Re&open"), this))
    , m_model(new AlertListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_chart(new AlertEvidenceChart(this))
    , m_history(new QListWidget(this)) {
    setObjectName(QStringLiteral("AlertsPage"));
    m_farm->addItem(tr("All farms"), QString());
    m_farm->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_severity->addItem(tr("Any severity"), QString());
    for (const char *s : {"critical", "warning", "info"})
        m_severity->addItem(AlertListModel::severityText(QString::fromLatin1(s)),
                            QString::fromLatin1(s));
    m_status->addItem(tr("Not resolved"), QStringLiteral("active"));
    for (const char *s : {"open", "acknowledged", "escalated", "resolved"})
        m_status->addItem(AlertListModel::statusText(QString::fromLatin1(s)),
                          QString::fromLatin1(s));
    m_status->addItem(tr("Any status"), QString());
    m_source->addItem(tr("Sensors and QC"), QString());
    m_source->addItem(tr("Sensors"), QStringLiteral("sensor"));
    m_source->addItem(tr("Quality control"), QStringLiteral("qc"));
    m_search->setPlaceholderText(tr("Search alerts…"));
    m_search->setClearButtonEnabled(true);
    m_detect->setToolTip(tr("Check every sensor reading and inspection for problems now"));
    m_ack->setToolTip(tr("I have seen it (Ctrl+K)"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AlertListModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicatorShown(false); // the service's order by default
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setObjectName(QStringLiteral("alertHistory"));
    m_history->setMaximumHeight(150);

    auto *top = new QHBoxLayout;
    top->addWidget(m_farm);
    top->addWidget(m_severity);
    top->addWidget(m_status);
    top->addWidget(m_source);
    top->addWidget(m_search, 1);
    top->addWidget(m_actorLabel);
    top->addWidget(m_detect);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_ack, m_note, m_assign, m_escalate, m_resolve, m_reopen})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *detail = new QWidget(this);
    auto *dl = new QVBoxLayout(detail);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_title);
    dl->addWidget(m_explanation);
    dl->addLayout(buttons);
    dl->addWidget(m_chart, 1);
    dl->addWidget(new QLabel(tr("History"), this));
    dl->addWidget(m_history);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({900, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    for (QComboBox *c : {m_farm, m_severity, m_status, m_source})
        connect(c, &QComboBox::currentIndexChanged, this, &AlertsPage::refresh);
    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, &AlertsPage::refresh);
    connect(m_detect, &QPushButton::clicked, this, &AlertsPage::runDetectors);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertsPage::showSelected);
    connect(m_ack, &QPushButton::clicked, this, &AlertsPage::acknowledgeSelected);
    connect(m_note, &QPushButton::clicked, this, &AlertsPage::annotate);
    connect(m_assign, &QPushButton::clicked, this, &AlertsPage::assign);
    connect(m_escalate, &QPushButton::clicked, this,
            [this] { act(services::AlertAction::Escalate); });
    connect(m_resolve, &QPushButton::clicked, this,
            [this] { act(services::AlertAction::Resolve); });
    connect(m_reopen, &QPushButton::clicked, this, [this] { act(services::AlertAction::Reopen); });
    auto *ackKey = new QShortcut(QKeySequence(tr("Ctrl+K")), this);
    connect(ackKey, &QShortcut::activated, this, &AlertsPage::acknowledgeSelected);
    showSelected();
}

void AlertsPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_actor.reset();
    m_newCount = -1;
    m_knownCritical.clear();
    m_model->setAlerts({});
    QCoro::connect(
        services::ActorService::defaultActor(workspace.path), this,
        [this, path = workspace.path](const Result<services::Actor> &r) {
            if (path != m_workspace.path)
                return;
            if (!r.ok()) {
                m_actorLabel->setText(tr("No owner in this workspace: read only"));
                return;
            }
            m_actor = r.value();
            m_actorLabel->setText(
                tr("Acting as %1 (%2)").arg(m_actor->displayName, rolesText(m_actor->roles)));
            m_detect->setEnabled(mayDo(m_actor->roles, "alerts", security::Action::Create));
            updateButtons();
        });
    QCoro::connect(services::DashboardService::farms(workspace.path), this,
                   [this, path = workspace.path](const auto &farms) {
                       if (path != m_workspace.path || !farms.ok())
                           return;
                       const QSignalBlocker block(m_farm);
                       m_farm->clear();
                       m_farm->addItem(tr("All farms"), QString());
                       for (const auto &f : farms.value())
                           m_farm->addItem(f.name, f.id);
                   });
    refresh();
}

void AlertsPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    services::AlertFilter f;
    f.farmId = m_farm->currentData().toString();
    f.severity = m_severity->currentData().toString();
    f.status = m_status->currentData().toString();
    f.source = m_source->currentData().toString();
    f.search = m_search->text();
    const auto current = selected();
    const quint64 generation = ++m_generation;
    QCoro::connect(services::AlertService::list(m_workspace.path, f), this,
                   [this, generation, keep = current ? current->id : QString()](
                       const Result<std::vector<services::AlertRow>> &r) {
                       if (generation != m_generation)
                           return; // a newer filter is on its way
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_model->setAlerts(r.value());
                       if (keep.isEmpty() || !selectAlert(keep))
                           if (m_proxy->rowCount() > 0)
                               m_table->selectRow(0);
                       showSelected();
                       Q_EMIT loaded();
                   });
    refreshCount();
}

void AlertsPage::refreshCount() {
    QCoro::connect(services::AlertService::newCount(m_workspace.path), this,
                   [this, path = m_workspace.path](const Result<int> &r) {
                       if (path != m_workspace.path || !r.ok())
                           return;
                       if (r.value() != m_newCount) {
                           m_newCount = r.value();
                           Q_EMIT newCountChanged(m_newCount);
                       }
                   });
    // New critical alerts since the last look (the first look only learns what there is).
    services::AlertFilter critical;
    critical.severity = QStringLiteral("critical");
    critical.status = QStringLiteral("open");
    QCoro::connect(services::AlertService::list(m_workspace.path, critical), this,
                   [this, path = m_workspace.path, first = m_knownCritical.empty()](
                       const Result<std::vector<services::AlertRow>> &r) {
                       if (path != m_workspace.path || !r.ok())
                           return;
                       QStringList fresh;
                       for (const auto &a : r.value())
                           if (m_knownCritical.insert(a.id).second && !first)
                               fresh << a.title;
                       if (!fresh.isEmpty())
                           Q_EMIT criticalAlerts(fresh);
                   });
}

void AlertsPage::runDetectors() {
    if (m_workspace.path.isEmpty() || m_busy)
        return;
    m_busy = true;
    m_detect->setEnabled(false);
    auto *runner = new ProgressRunner(tr("Checking sensor readings and inspections…"), this);
    runner->setAttribute(Qt::WA_DeleteOnClose);
    QCoro::connect(services::DetectionService::run(m_workspace.path, runner->progress()), runner,
                   [this, runner](const Result<services::DetectionOutcome> &r) {
                       runner->close();
                       m_busy = false;
                       m_detect->setEnabled(
                           !m_actor || mayDo(m_actor->roles, "alerts", security::Action::Create));
                       if (!r.ok()) {
                           if (r.error().code != ErrorCode::Cancelled)
                               Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       Q_EMIT acted(tr("Detectors checked %1 readings and %2 inspections in %3 s: "
                                       "%4 new alerts, %5 updated.")
                                        .arg(QLocale().toString(qint64(r->readings)))
                                        .arg(QLocale().toString(r->inspections))
                                        .arg(r->detectSeconds + r->storeSeconds, 0, 'f', 1)
                                        .arg(r->opened)
                                        .arg(r->updated));
                       refresh();
                   });
}

bool AlertsPage::selectAlert(const QString &id) {
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!at.isValid())
        return false;
    m_table->selectRow(at.row());
    m_table->scrollTo(at);
    return true;
}

std::optional<services::AlertRow> AlertsPage::selected() const {
    const QModelIndex at = m_table->currentIndex();
    if (!at.isValid())
        return std::nullopt;
    const int row = m_proxy->mapToSource(at).row();
    if (row < 0 || row >= int(m_model->alerts().size()))
        return std::nullopt;
    return m_model->alerts()[size_t(row)];
}

void AlertsPage::showSelected() {
    const auto a = selected();
    updateButtons();
    m_history->clear();
    m_chart->clear();
    if (!a) {
        m_title->setText(m_model->alerts().empty() ? tr("No alerts match these filters.")
                                                   : tr("Select an alert."));
        m_explanation->clear();
        return;
    }
    m_title->setText(a->title);
    QString where = a->farmName;
    if (!a->fieldName.isEmpty())
        where += QStringLiteral(" · ") + a->fieldName;
    m_explanation->setText(tr("%1 · %2 · %3\n%4")
                               .arg(AlertListModel::severityText(a->severity),
                                    AlertListModel::detectorText(a->detector), where,
                                    a->explanation));
    const QString id = a->id;
    QCoro::connect(services::AlertService::evidence(m_workspace.path, id), this,
                   [this, id](const Result<services::EvidenceSeries> &r) {
                       const auto now = selected();
                       if (!now || now->id != id)
                           return;
                       if (r.ok())
                           m_chart->setEvidence(r.value());
                   });
    QCoro::connect(services::AlertService::events(m_workspace.path, id), this,
                   [this, id](const Result<std::vector<services::AlertEvent>> &r) {
                       const auto now = selected();
                       if (!now || now->id != id || !r.ok())
                           return;
                       m_history->clear();
                       const QLocale loc;
                       for (const auto &e : r.value()) {
                           QString line =
                               tr("%1 — %2 %3")
                                   .arg(loc.toString(e.at.toLocalTime(), QLocale::ShortFormat),
                                        e.actor == QLatin1String("detector") ? tr("Detector")
                                                                             : e.actorName,
                                        actionText(e.action));
                           if (!e.assigneeName.isEmpty())
                               line += tr(" to %1").arg(e.assigneeName);
                           if (!e.note.isEmpty() && e.action != QLatin1String("open") &&
                               e.action != QLatin1String("update"))
                               line += QStringLiteral(": ") + e.note;
                           m_history->addItem(line);
                       }
                   });
}

void AlertsPage::updateButtons() {
    const auto a = selected();
    const bool can = a.has_value() && m_actor.has_value() && !m_busy &&
                     mayDo(m_actor->roles, "alert_events", security::Action::Create);
    const bool resolved = a && a->status == QLatin1String("resolved");
    m_ack->setEnabled(can && a->status == QLatin1String("open"));
    m_note->setEnabled(can);
    m_assign->setEnabled(can && !resolved);
    m_escalate->setEnabled(can && !resolved && a->status != QLatin1String("escalated"));
    m_resolve->setEnabled(can && !resolved);
    m_reopen->setEnabled(can && resolved);
}

void AlertsPage::act(services::AlertAction action, const QString &note, const QString &assignee) {
    const auto a = selected();
    if (!a || !m_actor || m_busy)
        return;
    m_busy = true;
    updateButtons();
    services::AlertActionRequest r{a->id, action, note, assignee};
    QCoro::connect(services::AlertService::act(m_workspace.path, *m_actor, r), this,
                   [this, title = a->title](const Result<services::AlertEvent> &ev) {
                       m_busy = false;
                       if (!ev.ok()) {
                           Q_EMIT failed(errorText(ev.error()));
                           updateButtons();
                           return;
                       }
                       Q_EMIT acted(tr("“%1”: %2").arg(title, actionText(ev->action)));
                       refresh();
                   });
}

void AlertsPage::annotate() {
    if (!selected())
        return;
    bool ok = false;
    const QString note =
        QInputDialog::getMultiLineText(this, tr("Note"), tr("What did you find or do?"), {}, &ok);
    if (ok && !note.trimmed().isEmpty())
        act(services::AlertAction::Annotate, note);
}

void AlertsPage::assign() {
    const auto a = selected();
    if (!a)
        return;
    QCoro::connect(services::AlertService::assignable(m_workspace.path, a->farmId, a->source), this,
                   [this](const Result<std::vector<services::Actor>> &r) {
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       QStringList names;
                       for (const auto &u : r.value())
                           names << u.displayName;
                       if (names.isEmpty())
                           return;
                       bool ok = false;
                       const QString who = QInputDialog::getItem(
                           this, tr("Assign"), tr("Who should look at it?"), names, 0, false, &ok);
                       if (!ok)
                           return;
                       const auto at = names.indexOf(who);
                       act(services::AlertAction::Assign, {}, r.value()[size_t(at)].userId);
                   });
}

} // namespace agro::ui

#include "conditionspanel.h"

#include "appsettings.h"
#include "bulktablefill.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <QCoroTask>

#include <cmath>
#include <optional>

namespace agro::ui {

namespace {
/// A table cell that sorts by a number rather than by its text.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString &text, double value)
        : QTableWidgetItem(text) {
        setData(Qt::UserRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

QString share(std::int64_t k, std::int64_t n) {
    const QLocale loc;
    return n == 0 ? QObject::tr("%1 of %2").arg(k).arg(n)
                  : QObject::tr("%1 of %2 (%3 %)")
                        .arg(k)
                        .arg(n)
                        .arg(loc.toString(100.0 * double(k) / double(n), 'f', 0));
}
} // namespace

ConditionsPanel::ConditionsPanel(AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_scope(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_kind(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_threshold(new QDoubleSpinBox(this))
    , m_window(new QSpinBox(this))
    , m_outcome(new QComboBox(this))
    , m_test(new QPushButton(tr("&Test condition"), this)) {
    setObjectName(QStringLiteral("ConditionsPanel"));
    m_scope->setMinimumContentsLength(28);
    m_kind->setMinimumContentsLength(16);
    m_outcome->setMinimumContentsLength(26);
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Condition before harvest"), tr("Outcome"),
                                        tr("Lots after it"), tr("Other lots"), tr("Risk ratio"),
                                        tr("p"), tr("q")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_direction->addItem(tr("above"), true);
    m_direction->addItem(tr("below"), false);
    m_threshold->setRange(-1000, 100000);
    m_threshold->setDecimals(1);
    m_threshold->setValue(40);
    m_window->setRange(1, 90);
    m_window->setValue(7);
    m_window->setSuffix(tr(" days"));
    m_test->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Lots from"), this));
    top->addWidget(m_scope);
    top->addStretch(1);
    auto *custom = new QHBoxLayout;
    custom->addWidget(new QLabel(tr("Your condition:"), this));
    custom->addWidget(m_kind);
    custom->addWidget(m_direction);
    custom->addWidget(m_threshold);
    custom->addWidget(new QLabel(tr("on some day of the"), this));
    custom->addWidget(m_window);
    custom->addWidget(new QLabel(tr("before harvest, for lots that"), this));
    custom->addWidget(m_outcome);
    custom->addWidget(m_test);
    custom->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(custom);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        m_settings.setConditionScope(m_workspace.workspaceId, m_scope->currentData().toString());
        load(std::nullopt);
    });
    connect(m_test, &QPushButton::clicked, this, &ConditionsPanel::testCustom);
}

void ConditionsPanel::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear(); // another workspace's scopes mean nothing here
    }
    m_report.reset();
    m_wanted.clear();
    refresh();
}

void ConditionsPanel::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    const QString current = m_scope->currentData().toString();
    const QString keep =
        current.isEmpty() ? m_settings.conditionScope(m_workspace.workspaceId) : current;
    QCoro::connect(
        services::FieldConditionService::scopes(m_workspace.path), this,
        [this, keep,
         path = m_workspace.path](const Result<std::vector<services::ConditionScope>> &r) {
            if (path != m_workspace.path)
                return;
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_scopes = r.value();
            {
                const QSignalBlocker block(m_scope);
                m_scope->clear();
                for (const auto &s : m_scopes) {
                    m_scope->addItem(s.wholeFarm
                                         ? tr("%1 — all fields (%2 lots)").arg(s.name).arg(s.lots)
                                         : tr("    %1 (%2 lots)").arg(s.name).arg(s.lots),
                                     s.id);
                    if (s.wholeFarm) {
                        QFont bold = m_scope->font();
                        bold.setBold(true);
                        m_scope->setItemData(m_scope->count() - 1, bold, Qt::FontRole);
                    }
                }
                const int at = m_scope->findData(keep);
                m_scope->setCurrentIndex(at >= 0 ? at : 0);
            }
            if (m_scopes.empty()) {
                m_report.reset();
                m_table->setRowCount(0);
                m_test->setEnabled(false);
                m_summary->setText(
                    tr("No inspected lots are linked to a planting yet. Lots from your "
                       "own fields name their planting when they are recorded; then "
                       "this page compares their inspections with the fields' "
                       "sensors."));
            } else {
                load(std::nullopt);
            }
            Q_EMIT scopesLoaded();
        });
}

bool ConditionsPanel::selectScope(const QString &id) {
    const int at = m_scope->findData(id);
    if (at < 0)
        return false;
    if (at == m_scope->currentIndex())
        load(std::nullopt);
    else
        m_scope->setCurrentIndex(at);
    return true;
}

void ConditionsPanel::setCustom(const services::ConditionSpec &spec) {
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(spec.sensorKind)));
    m_direction->setCurrentIndex(spec.above ? 0 : 1);
    m_threshold->setValue(spec.threshold);
    m_window->setValue(spec.windowDays);
    m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(spec.outcome)));
}

void ConditionsPanel::testCustom() {
    if (!m_report || m_kind->count() == 0)
        return;
    services::ConditionSpec spec;
    spec.sensorKind = m_kind->currentData().toString();
    spec.above = m_direction->currentData().toBool();
    spec.threshold = m_threshold->value();
    spec.windowDays = m_window->value();
    spec.outcome = m_outcome->currentData().toString();
    load(spec);
}

void ConditionsPanel::load(std::optional<services::ConditionSpec> custom) {
    const QString id = m_scope->currentData().toString();
    if (id.isEmpty())
        return;
    m_wanted = id;
    m_test->setEnabled(false);
    m_summary->setText(tr("Comparing the lots' inspections with the sensors…"));
    QCoro::connect(services::FieldConditionService::report(m_workspace.path, id, custom), this,
                   [this, id, custom](const Result<services::FieldConditionReport> &r) {
                       if (id != m_wanted)
                           return;
                       if (!r.ok()) {
                           m_summary->setText(errorText(r.error()).toHtmlEscaped());
                           m_test->setEnabled(m_report.has_value());
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       show(r.value(), custom);
                       Q_EMIT reportLoaded();
                   });
}

void ConditionsPanel::show(const services::FieldConditionReport &r,
                           const std::optional<services::ConditionSpec> &custom) {
    const bool sameScope = m_report && m_report->scope.id == r.scope.id;
    m_report = r;
    const QLocale loc;
    // The custom form offers this scope's kinds and outcomes, keeping the choice if it fits.
    {
        const QString kind = m_kind->currentData().toString();
        const QString outcome = m_outcome->currentData().toString();
        m_kind->clear();
        for (const QString &k : r.sensorKinds)
            m_kind->addItem(QString(k).replace(QLatin1Char('_'), QLatin1Char(' ')), k);
        m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
        m_outcome->clear();
        for (const QString &o : r.outcomes)
            m_outcome->addItem(services::outcomeText(o), o);
        m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
        if (!sameScope && !custom)
            m_window->setValue(7);
    }
    m_test->setEnabled(!r.sensorKinds.isEmpty());

    std::optional<BulkTableFill> fill(std::in_place, m_table);
    m_table->setRowCount(int(r.tests.size()));
    int customRow = -1;
    for (int i = 0; i < int(r.tests.size()); ++i) {
        const auto &t = r.tests[size_t(i)];
        const bool isCustom =
            custom && t.spec.sensorKind == custom->sensorKind && t.spec.above == custom->above &&
            t.spec.threshold == custom->threshold && t.spec.windowDays == custom->windowDays &&
            t.spec.outcome == custom->outcome;
        auto *condition = new QTableWidgetItem(
            t.spec.windowDays == 7
                ? services::conditionText(t)
                : tr("%1 (%2 days)").arg(services::conditionText(t)).arg(t.spec.windowDays));
        condition->setToolTip(services::conditionSentence(t, r.scope));
        if (t.notable || isCustom) {
            QFont f = condition->font();
            f.setBold(t.notable);
            f.setItalic(isCustom);
            condition->setFont(f);
        }
        m_table->setItem(i, 0, condition);
        m_table->setItem(i, 1, new QTableWidgetItem(services::outcomeText(t.spec.outcome)));
        const double exposedRate =
            t.table.exposed() ? double(t.table.exposedBad) / double(t.table.exposed()) : -1;
        const double otherRate =
            t.table.other() ? double(t.table.otherBad) / double(t.table.other()) : -1;
        m_table->setItem(i, 2,
                         new NumberItem(share(t.table.exposedBad, t.table.exposed()), exposedRate));
        m_table->setItem(i, 3, new NumberItem(share(t.table.otherBad, t.table.other()), otherRate));
        const QString ratio = std::isinf(t.ratio)   ? tr("∞")
                              : std::isnan(t.ratio) ? tr("–")
                                                    : loc.toString(t.ratio, 'f', 2);
        m_table->setItem(i, 4,
                         new NumberItem(ratio, std::isnan(t.ratio)   ? -1
                                               : std::isinf(t.ratio) ? 1e300
                                                                     : t.ratio));
        m_table->setItem(i, 5, new NumberItem(loc.toString(t.p, 'g', 2), t.p));
        m_table->setItem(i, 6, new NumberItem(loc.toString(t.q, 'g', 2), t.q));
        if (isCustom)
            customRow = i;
    }
    fill.reset();
    if (customRow >= 0) {
        m_table->selectRow(customRow);
        m_table->scrollToItem(m_table->item(customRow, 0));
    }

    // Plain words: the notable findings, or why there is none.
    QStringList lines;
    lines << tr("%1 inspected lots from %2; %3 of them with sensor readings in the week before "
                "harvest. %4 conditions tested.")
                 .arg(r.lots)
                 .arg(r.scope.wholeFarm ? tr("the fields of %1").arg(r.scope.name).toHtmlEscaped()
                                        : r.scope.name.toHtmlEscaped())
                 .arg(r.lotsWithSensorData)
                 .arg(r.tests.size());
    int notable = 0;
    for (const auto &t : r.tests)
        if (t.notable && notable++ < 3)
            lines << QStringLiteral("<b>%1</b>")
                         .arg(services::conditionSentence(t, r.scope).toHtmlEscaped());
    if (r.sensorKinds.isEmpty())
        lines << tr("No sensor on these fields has readings: add one under Sensors, or import "
                    "readings with File → Import CSV.");
    else if (notable == 0)
        lines << tr("No condition stands out: none is at least 1.5 times as likely (or half as "
                    "likely) to go with a failed or held lot at a false-discovery rate of 5 %, "
                    "with at least 5 lots after it. That is not proof of no effect: with few "
                    "lots, only a strong one shows.");
    else if (notable > 3)
        lines << tr("… and %1 more notable conditions in bold in the table.").arg(notable - 3);
    lines << tr("<i>An association, not a proof of cause: check it against what you know of the "
                "field.</i>");
    m_summary->setText(lines.join(QStringLiteral("<br>")));
}

QString ConditionsPanel::summaryText() const {
    return m_summary->text();
}

} // namespace agro::ui

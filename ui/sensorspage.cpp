#include "sensorspage.h"

#include "rolegate.h"

#include "bulktablefill.h"
#include "conditionspanel.h"
#include "sensorchart.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <QCoroTask>

#include <cmath>
#include <optional>

namespace agro::ui {

namespace {
QString limitText(double v) {
    return std::isfinite(v) ? QLocale().toString(v, 'g', 6) : QString();
}
double limitValue(const QLineEdit *e, bool *ok) {
    const QString t = e->text().trimmed();
    *ok = true;
    if (t.isEmpty())
        return std::nan("");
    return QLocale().toDouble(t, ok);
}
} // namespace

SensorsPage::SensorsPage(AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_period(new QComboBox(this))
    , m_table(new QTableWidget(this))
    , m_chart(new SensorChart(this))
    , m_summary(new QLabel(this))
    , m_low(new QLineEdit(this))
    , m_high(new QLineEdit(this))
    , m_rate(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save limits"), this))
    , m_tabs(new QTabWidget(this))
    , m_conditions(new ConditionsPanel(settings, this)) {
    setObjectName(QStringLiteral("SensorsPage"));
    m_period->addItem(tr("Last day"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 365 days"), 365);
    m_period->setCurrentIndex(1);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Sensor"), tr("Where"), tr("Kind"), tr("Limits"), tr("Readings until"), tr("Alerts")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (QLineEdit *e : {m_low, m_high, m_rate}) {
        e->setValidator(new QDoubleValidator(e));
        e->setPlaceholderText(tr("none"));
    }
    m_summary->setWordWrap(true);

    auto *limits = new QFormLayout;
    limits->addRow(tr("Lower limit"), m_low);
    limits->addRow(tr("Upper limit"), m_high);
    limits->addRow(tr("Fastest plausible change per hour"), m_rate);
    auto *limitsRow = new QHBoxLayout;
    limitsRow->addLayout(limits, 1);
    limitsRow->addWidget(m_save, 0, Qt::AlignBottom);
    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_period);
    rl->addLayout(top);
    rl->addWidget(m_chart, 1);
    rl->addLayout(limitsRow);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(right);
    split->setSizes({560, 760});
    m_tabs->addTab(split, tr("&Readings"));
    m_tabs->addTab(m_conditions, tr("&Conditions and QC"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_conditions, &ConditionsPanel::failed, this, &SensorsPage::failed);
    // Inspections recorded since: the comparison is recomputed when its tab is shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            m_conditions->refresh();
    });

    connect(m_table, &QTableWidget::currentCellChanged, this, [this] { showSelected(); });
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] { showSelected(); });
    connect(m_save, &QPushButton::clicked, this, &SensorsPage::saveLimits);
    for (QLineEdit *e : {m_low, m_high, m_rate})
        connect(e, &QLineEdit::returnPressed, this, &SensorsPage::saveLimits);
    m_save->setEnabled(false);
}

void SensorsPage::showTab(int index) {
    m_tabs->setCurrentIndex(index);
}

void SensorsPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_conditions->setWorkspace(workspace);
    m_actor.reset();
    QCoro::connect(services::ActorService::defaultActor(workspace.path), this,
                   [this, path = workspace.path](const Result<services::Actor> &r) {
                       if (path == m_workspace.path && r.ok()) {
                           m_actor = r.value();
                           m_save->setEnabled(
                               selected().has_value() &&
                               mayDo(m_actor->roles, "sensors", security::Action::Update));
                       }
                   });
    refresh();
}

void SensorsPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    const auto keep = selected();
    QCoro::connect(
        services::SensorService::list(m_workspace.path), this,
        [this,
         keep = keep ? keep->id : QString()](const Result<std::vector<services::SensorRow>> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_sensors = r.value();
            const QSignalBlocker block(m_table);
            std::optional<BulkTableFill> fill(std::in_place, m_table);
            m_table->setRowCount(int(m_sensors.size()));
            const QLocale loc;
            for (int i = 0; i < int(m_sensors.size()); ++i) {
                const auto &s = m_sensors[size_t(i)];
                const QString where =
                    s.fieldName.isEmpty() ? s.farmName : tr("%1 · %2").arg(s.farmName, s.fieldName);
                const QString limits =
                    tr("%1 – %2 %3")
                        .arg(std::isfinite(s.low) ? limitText(s.low) : tr("…"),
                             std::isfinite(s.high) ? limitText(s.high) : tr("…"), s.unit);
                const QString until = s.lastTs > 0
                                          ? QDateTime::fromSecsSinceEpoch(s.lastTs).toString(
                                                QStringLiteral("yyyy-MM-dd HH:mm"))
                                          : tr("no readings");
                const QStringList cells{s.name, where, s.kind,
                                        limits, until, QString::number(s.activeAlerts)};
                for (int c = 0; c < cells.size(); ++c)
                    m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
            }
            fill.reset();
            if (keep.isEmpty() || !selectSensor(keep))
                if (!m_sensors.empty())
                    m_table->selectRow(0);
            showSelected();
            Q_EMIT loaded();
        });
}

bool SensorsPage::selectSensor(const QString &id) {
    for (int i = 0; i < int(m_sensors.size()); ++i)
        if (m_sensors[size_t(i)].id == id) {
            m_table->selectRow(i);
            m_table->setCurrentCell(i, 0);
            return true;
        }
    return false;
}

void SensorsPage::setPeriodDays(int days) {
    m_period->setCurrentIndex(std::max(0, m_period->findData(days)));
}

std::optional<services::SensorRow> SensorsPage::selected() const {
    const int row = m_table->currentRow();
    if (row < 0 || row >= int(m_sensors.size()))
        return std::nullopt;
    return m_sensors[size_t(row)];
}

void SensorsPage::showSelected() {
    const auto s = selected();
    m_save->setEnabled(s.has_value() && m_actor.has_value() &&
                       mayDo(m_actor->roles, "sensors", security::Action::Update));
    if (!s)
        return;
    m_low->setText(limitText(s->low));
    m_high->setText(limitText(s->high));
    m_rate->setText(limitText(s->maxRatePerHour));
    const qint64 to = s->lastTs > 0 ? s->lastTs : QDateTime::currentSecsSinceEpoch();
    const qint64 from = to - qint64(m_period->currentData().toInt()) * 86400;
    QCoro::connect(services::SensorService::series(m_workspace.path, s->id, from, to), this,
                   [this, sensor = *s, from, to](const Result<services::SensorSeries> &r) {
                       const auto now = selected();
                       if (!now || now->id != sensor.id)
                           return;
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_chart->setSeries(sensor, r.value(), from, to);
                       m_summary->setText(
                           tr("%1 readings in the period; %2 flagged episodes. Import more with "
                              "File → Import CSV (readings).")
                               .arg(QLocale().toString(qint64(r->readings)))
                               .arg(m_chart->episodes()));
                       Q_EMIT seriesLoaded();
                   });
}

void SensorsPage::saveLimits() {
    const auto s = selected();
    if (!s || !m_actor)
        return;
    bool okLow = false, okHigh = false, okRate = false;
    const double low = limitValue(m_low, &okLow), high = limitValue(m_high, &okHigh),
                 rate = limitValue(m_rate, &okRate);
    if (!okLow || !okHigh || !okRate) {
        Q_EMIT failed(tr("Limits must be numbers (or empty for none)."));
        return;
    }
    QCoro::connect(
        services::SensorService::setLimits(m_workspace.path, *m_actor, s->id, low, high, rate),
        this, [this, name = s->name](const Result<void> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            Q_EMIT saved(tr("Limits of %1 saved; the next detection pass uses them.").arg(name));
            refresh();
        });
}

} // namespace agro::ui

#include "dashboardpage.h"

#include "appsettings.h"
#include "costbreakdownchart.h"
#include "formatting.h"
#include "kpicard.h"
#include "salestrendchart.h"
#include "services/dashboardservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace agro::ui {

DashboardPage::DashboardPage(AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_demoBanner(new QLabel(this))
    , m_farm(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_anchor(new QLabel(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_status(new QLabel(this))
    , m_trend(new SalesTrendChart(this))
    , m_costs(new CostBreakdownChart(this)) {
    m_demoBanner->setWordWrap(true);
    m_demoBanner->setAutoFillBackground(true);
    m_demoBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_demoBanner->setForegroundRole(QPalette::ToolTipText);
    m_demoBanner->setContentsMargins(10, 6, 10, 6);
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    m_demoBanner->hide();

    m_farm->setObjectName(QStringLiteral("farmFilter"));
    m_farm->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->addItems({tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"),
                        tr("Last 12 months"), tr("Year to date"), tr("All data"), tr("Custom")});
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(
            QLocale().dateFormat(QLocale::ShortFormat).contains(QLatin1String("yyyy"))
                ? QLocale().dateFormat(QLocale::ShortFormat)
                : QStringLiteral("yyyy-MM-dd"));
    }
    m_anchor->setForegroundRole(QPalette::PlaceholderText);
    m_refresh->setToolTip(tr("Reload the figures (F5)"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Farm:"), this));
    filters->addWidget(m_farm);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Period:"), this));
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(m_to);
    filters->addSpacing(12);
    filters->addWidget(m_anchor);
    filters->addStretch(1);
    filters->addWidget(m_status);
    filters->addWidget(m_refresh);

    auto *cards = new QGridLayout;
    cards->setSpacing(10);
    const std::pair<const char *, QString> defs[] = {
        {"revenue", tr("Revenue")},
        {"costs", tr("Costs")},
        {"margin", tr("Gross margin")},
        {"units", tr("Units sold")},
        {"stockouts", tr("Products out of stock (30 days)")},
        {"alerts", tr("Open alerts")}};
    int i = 0;
    for (const auto &[key, caption] : defs) {
        auto *card = new KpiCard(caption, this);
        card->setObjectName(QStringLiteral("kpi.") + QLatin1String(key));
        m_cards.emplace(QLatin1String(key), card);
        cards->addWidget(card, i / 3, i % 3);
        ++i;
    }

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_trend);
    charts->addWidget(m_costs);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    charts->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    layout->addWidget(m_demoBanner);
    layout->addLayout(filters);
    layout->addLayout(cards);
    layout->addWidget(charts, 1);

    connect(m_farm, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingFilter)
            refresh();
    });
    connect(m_period, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updatingFilter)
            return;
        m_settings.setDashboardPeriod(index);
        applyPeriod(index);
    });
    connect(m_from, &QDateEdit::dateChanged, this, &DashboardPage::onDatesEdited);
    connect(m_to, &QDateEdit::dateChanged, this, &DashboardPage::onDatesEdited);
    connect(m_refresh, &QPushButton::clicked, this, &DashboardPage::refresh);
    setEnabled(false);
}

KpiCard *DashboardPage::card(const QString &key) const {
    const auto it = m_cards.find(key);
    return it == m_cards.end() ? nullptr : it->second;
}

void DashboardPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_data.reset();
    ++m_serial;
    for (auto &[key, card] : m_cards)
        card->setPlaceholder(QStringLiteral("…"));
    if (workspace.demoPreset.isEmpty()) {
        m_demoBanner->hide();
    } else {
        m_demoBanner->setText(
            tr("<b>Demo data.</b> This workspace was made by AgroDesk's demo generator (preset "
               "“%1”): the farms, sales, costs and readings are synthetic, for trying the app. "
               "Use File → New Workspace for your own data.")
                .arg(workspace.demoPreset));
        m_demoBanner->show();
    }
    m_status->setText(tr("Loading…"));
    // Farms, then the range of sales (to anchor the period), then the figures.
    QCoro::connect(services::DashboardService::farms(workspace.path), this,
                   [this, path = workspace.path](const auto &farms) {
                       if (path != m_workspace.path)
                           return;
                       if (!farms.ok()) {
                           showError(errorText(farms.error()));
                           return;
                       }
                       m_updatingFilter = true;
                       m_farm->clear();
                       m_farm->addItem(tr("All farms"), QString());
                       for (const auto &f : farms.value())
                           m_farm->addItem(f.name, f.id);
                       m_updatingFilter = false;
                       QCoro::connect(services::DashboardService::salesRange(path), this,
                                      [this, path](const auto &range) {
                                          if (path != m_workspace.path)
                                              return;
                                          if (!range.ok()) {
                                              showError(errorText(range.error()));
                                              return;
                                          }
                                          m_range = range.value();
                                          setEnabled(true);
                                          m_anchor->setText(
                                              m_range.lastSale.isValid()
                                                  ? tr("sales data up to %1")
                                                        .arg(QLocale().toString(
                                                            m_range.lastSale, QLocale::ShortFormat))
                                                  : tr("no sales data yet"));
                                          m_updatingFilter = true;
                                          m_period->setCurrentIndex(std::clamp(
                                              m_settings.dashboardPeriod(), 0, int(AllData)));
                                          m_updatingFilter = false;
                                          applyPeriod(m_period->currentIndex());
                                      });
                   });
}

void DashboardPage::applyPeriod(int index) {
    if (index == Custom)
        return;
    // Periods end on the last day with sales (or today without any), so a workspace whose
    // data stops in the past still shows figures, and says up to when.
    const QDate anchor = m_range.lastSale.isValid() ? m_range.lastSale : QDate::currentDate();
    QDate from;
    switch (index) {
    case Last7:
        from = anchor.addDays(-6);
        break;
    case Last30:
        from = anchor.addDays(-29);
        break;
    case Last90:
        from = anchor.addDays(-89);
        break;
    case Last12Months:
        from = anchor.addYears(-1).addDays(1);
        break;
    case YearToDate:
        from = QDate(anchor.year(), 1, 1);
        break;
    default:
        from = m_range.firstSale.isValid() ? m_range.firstSale : anchor.addDays(-29);
        break;
    }
    m_updatingFilter = true;
    m_from->setDate(from);
    m_to->setDate(anchor);
    m_updatingFilter = false;
    refresh();
}

void DashboardPage::onDatesEdited() {
    if (m_updatingFilter)
        return;
    m_updatingFilter = true;
    m_period->setCurrentIndex(Custom);
    m_updatingFilter = false;
    refresh();
}

void DashboardPage::setFilter(const QString &farmId, const QDate &from, const QDate &to) {
    m_updatingFilter = true;
    m_farm->setCurrentIndex(std::max(0, m_farm->findData(farmId)));
    m_period->setCurrentIndex(Custom);
    m_from->setDate(from);
    m_to->setDate(to);
    m_updatingFilter = false;
    refresh();
}

void DashboardPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    if (m_from->date() > m_to->date()) {
        showError(tr("The period starts after it ends."));
        return;
    }
    domain::DashboardQuery q{m_farm->currentData().toString(), m_from->date(), m_to->date()};
    const quint64 serial = ++m_serial;
    m_status->setText(tr("Updating…"));
    QCoro::connect(services::DashboardService::load(m_workspace.path, q), this,
                   [this, serial](const Result<domain::DashboardData> &r) {
                       if (serial != m_serial)
                           return; // a newer request is under way
                       if (!r.ok()) {
                           showError(errorText(r.error()));
                           return;
                       }
                       display(r.value());
                   });
}

void DashboardPage::display(const domain::DashboardData &d) {
    m_data = d;
    const QString cur = d.currency;
    const qint64 dayCount = d.query.from.daysTo(d.query.to) + 1;
    const QString days = dayCount == 1 ? tr("1 day") : tr("%1 days").arg(dayCount);
    card(QStringLiteral("revenue"))
        ->setValue(d.revenue, format::money(d.revenue, cur), days,
                   format::moneyExact(d.revenue, cur));
    card(QStringLiteral("costs"))
        ->setValue(d.costs, format::money(d.costs, cur), tr("all cost entries in the period"),
                   format::moneyExact(d.costs, cur));
    card(QStringLiteral("margin"))
        ->setValue(d.grossMargin, format::money(d.grossMargin, cur),
                   d.grossMarginRatio
                       ? tr("%1 of revenue").arg(format::percent(*d.grossMarginRatio))
                       : tr("no revenue in the period"),
                   tr("Revenue − costs = %1").arg(format::moneyExact(d.grossMargin, cur)));
    card(QStringLiteral("units"))
        ->setValue(d.unitsSold, format::quantity(d.unitsSold),
                   d.unitsSold > 0 ? tr("%1 per day")
                                         .arg(format::quantity(std::round(
                                             d.unitsSold / (d.query.from.daysTo(d.query.to) + 1))))
                                   : QString());
    card(QStringLiteral("stockouts"))
        ->setValue(d.stockoutProducts, format::quantity(d.stockoutProducts),
                   tr("to %1").arg(QLocale().toString(d.query.to, QLocale::ShortFormat)),
                   tr("Products with at least one day of unmet demand in the 30 days up to the "
                      "end of the period"));
    card(QStringLiteral("alerts"))
        ->setValue(d.openAlerts, format::quantity(d.openAlerts), tr("not yet resolved"));
    if (cur.isEmpty()) {
        for (const char *k : {"revenue", "costs", "margin"})
            card(QLatin1String(k))->setPlaceholder(tr("mixed currencies"));
    }
    m_trend->setData(d);
    m_costs->setData(d);
    m_status->clear();
    Q_EMIT loaded();
}

void DashboardPage::showError(const QString &message) {
    m_status->setText(tr("Could not load the figures"));
    m_status->setToolTip(message);
    for (auto &[key, c] : m_cards)
        c->setPlaceholder(QStringLiteral("—"));
    Q_EMIT failed(message);
}

} // namespace agro::ui

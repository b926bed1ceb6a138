#include "costsyieldpage.h"

#include "commands/financetable.h"
#include "costlinesdialog.h"
#include "coststackchart.h"
#include "croprankdialog.h"
#include "financetablemodel.h"
#include "formatting.h"
#include "kpicard.h"
#include "services/financeservice.h"
#include "yieldseasonchart.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace agro::ui {

using domain::FinanceGrouping;

CostsYieldPage::CostsYieldPage(QWidget *parent)
    : QWidget(parent)
    , m_farm(new QComboBox(this))
    , m_season(new QComboBox(this))
    , m_crop(new QComboBox(this))
    , m_field(new QComboBox(this))
    , m_groupBy(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_costChart(new CostStackChart(this))
    , m_yieldChart(new YieldSeasonChart(this))
    , m_model(new FinanceTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this)) {
    m_farm->setObjectName(QStringLiteral("financeFarm"));
    m_season->setObjectName(QStringLiteral("financeSeason"));
    m_crop->setObjectName(QStringLiteral("financeCrop"));
    m_groupBy->setObjectName(QStringLiteral("financeGroupBy"));
    m_field->setObjectName(QStringLiteral("financeField"));
    for (QComboBox *c : {m_farm, m_season, m_crop, m_field, m_groupBy})
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_groupBy->addItem(tr("Crop"), int(FinanceGrouping::Crop));
    m_groupBy->addItem(tr("Field"), int(FinanceGrouping::Field));
    m_groupBy->addItem(tr("Season"), int(FinanceGrouping::Season));
    m_groupBy->addItem(tr("Farm"), int(FinanceGrouping::Farm));
    m_groupBy->addItem(tr("Planting"), int(FinanceGrouping::Planting));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *exportTable = new QPushButton(tr("Export &table…"), this);
    auto *exportChart = new QPushButton(tr("Export c&harts…"), this);
    auto *nextSeason = new QPushButton(tr("&Next season…"), this);
    nextSeason->setToolTip(tr("Group by field and select one: crops ranked by expected margin"));
    nextSeason->setEnabled(false);
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Farm:"), this));
    filters->addWidget(m_farm);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Season:"), this));
    filters->addWidget(m_season);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Crop:"), this));
    filters->addWidget(m_crop);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Field:"), this));
    filters->addWidget(m_field);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Group by:"), this));
    filters->addWidget(m_groupBy);
    filters->addStretch(1);
    filters->addWidget(m_status);
    filters->addWidget(nextSeason);
    filters->addWidget(exportTable);
    filters->addWidget(exportChart);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(10);
    const std::pair<const char *, QString> defs[] = {{"cost", tr("Total cost")},
                                                     {"revenue", tr("Revenue")},
                                                     {"margin", tr("Gross margin")},
                                                     {"roi", tr("Return on cost (ROI)")}};
    for (const auto &[key, caption] : defs) {
        auto *card = new KpiCard(caption, this);
        card->setObjectName(QStringLiteral("finance.") + QLatin1String(key));
        m_cards.emplace(QLatin1String(key), card);
        cards->addWidget(card);
    }

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FinanceTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Double-click a row for the cost entries behind it"));

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_costChart);
    charts->addWidget(m_yieldChart);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(charts);
    vertical->addWidget(m_table);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    layout->addLayout(filters);
    layout->addLayout(cards);
    layout->addWidget(vertical, 1);

    connect(m_farm, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            reloadOptions();
    });
    for (QComboBox *c : {m_season, m_crop, m_field, m_groupBy})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updating)
                showSelection();
        });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        showCostLines(m_model->group(m_proxy->mapToSource(index).row()).key);
    });
    connect(m_costChart, &CostStackChart::groupClicked, this, &CostsYieldPage::showCostLines);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, nextSeason](const QModelIndex &current) {
                nextSeason->setEnabled(current.isValid() && grouping() == FinanceGrouping::Field);
            });
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this, nextSeason] {
        nextSeason->setEnabled(m_table->currentIndex().isValid() &&
                               grouping() == FinanceGrouping::Field);
    });
    connect(nextSeason, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_table->currentIndex();
        if (index.isValid() && grouping() == FinanceGrouping::Field)
            showNextSeason(m_model->group(m_proxy->mapToSource(index).row()).key);
    });
    connect(exportTable, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export table"),
                                                          QStringLiteral("costs-and-yield.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!file.isEmpty() && !this->exportTable(file))
            Q_EMIT failed(tr("Could not write %1").arg(file));
    });
    connect(exportChart, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export charts"),
                                                          QStringLiteral("costs-and-yield.png"),
                                                          tr("PNG images (*.png)"));
        if (!file.isEmpty() && !exportCharts(file))
            Q_EMIT failed(tr("Could not write %1").arg(file));
    });
    setEnabled(false);
}

KpiCard *CostsYieldPage::card(const QString &key) const {
    const auto it = m_cards.find(key);
    return it == m_cards.end() ? nullptr : it->second;
}

FinanceGrouping CostsYieldPage::grouping() const {
    return FinanceGrouping(m_groupBy->currentData().toInt());
}

void CostsYieldPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_updating = true;
    m_farm->clear();
    m_updating = false;
    reloadOptions();
}

void CostsYieldPage::refresh() {
    reloadData();
}

void CostsYieldPage::reloadOptions() {
    const QString farmId = m_farm->currentData().toString();
    const quint64 serial = ++m_serial;
    m_status->setText(tr("Loading…"));
    QCoro::connect(services::FinanceService::options(m_workspace.path, farmId), this,
                   [this, serial, farmId](const Result<services::FinanceOptions> &r) {
                       if (serial != m_serial)
                           return;
                       if (!r.ok()) {
                           m_status->setText(errorText(r.error()));
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_updating = true;
                       if (m_farm->count() == 0) {
                           m_farm->addItem(tr("All farms"), QString());
                           for (const auto &f : r->farms)
                               m_farm->addItem(f.name, f.id);
                       }
                       const QString season = m_season->currentData().toString();
                       m_season->clear();
                       m_season->addItem(tr("All seasons"), QString());
                       for (const QString &s : r->seasons)
                           m_season->addItem(s, s);
                       m_season->setCurrentIndex(
                           std::max(0, m_season->findData(m_pending ? m_pending->season : season)));
                       m_updating = false;
                       m_units = farmId.isEmpty()
                                     ? DisplayUnits{}
                                     : DisplayUnits::fromKeys(r->areaUnit, r->massUnit);
                       setEnabled(true);
                       reloadData();
                   });
}

void CostsYieldPage::reloadData() {
    if (m_workspace.path.isEmpty())
        return;
    const quint64 serial = ++m_serial;
    m_status->setText(tr("Updating…"));
    domain::FinanceQuery q{m_farm->currentData().toString(), QString()};
    QCoro::connect(services::FinanceService::load(m_workspace.path, q), this,
                   [this, serial](const Result<domain::FinanceData> &r) {
                       if (serial != m_serial)
                           return;
                       if (!r.ok()) {
                           m_status->setText(errorText(r.error()));
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_data = r.value();
                       // Crops present in this farm's plantings.
                       const QString crop = m_crop->currentData().toString();
                       m_updating = true;
                       m_crop->clear();
                       m_crop->addItem(tr("All crops"), QString());
                       std::map<QString, QString> crops;
                       for (const auto &p : m_data.plantings)
                           crops.emplace(p.cropName, p.cropId);
                       for (const auto &[name, id] : crops)
                           m_crop->addItem(name, id);
                       m_crop->setCurrentIndex(
                           std::max(0, m_crop->findData(m_pending ? m_pending->crop : crop)));
                       // Fields of this farm's plantings ("Farm · Field" across farms).
                       const QString field = m_field->currentData().toString();
                       m_field->clear();
                       m_field->addItem(tr("All fields"), QString());
                       std::map<QString, QString> fields;
                       const bool oneFarm = !m_farm->currentData().toString().isEmpty();
                       for (const auto &p : m_data.plantings)
                           fields.emplace(oneFarm
                                              ? p.fieldName
                                              : p.farmName + QStringLiteral(" · ") + p.fieldName,
                                          p.fieldId);
                       for (const auto &[name, id] : fields)
                           m_field->addItem(name, id);
                       m_field->setCurrentIndex(
                           std::max(0, m_field->findData(m_pending ? m_pending->field : field)));
                       m_pending.reset();
                       m_updating = false;
                       showSelection();
                   });
}

void CostsYieldPage::setSelection(const QString &farmId, const QString &season,
                                  const QString &cropId, FinanceGrouping by,
                                  const QString &fieldId) {
    m_updating = true;
    const bool farmChanged = m_farm->currentData().toString() != farmId;
    m_farm->setCurrentIndex(std::max(0, m_farm->findData(farmId)));
    m_groupBy->setCurrentIndex(std::max(0, m_groupBy->findData(int(by))));
    m_updating = false;
    if (farmChanged) {
        // Season and crop lists depend on the farm: select them once they are loaded.
        m_pending = Pending{season, cropId, fieldId};
        reloadOptions();
        return;
    }
    m_updating = true;
    m_season->setCurrentIndex(std::max(0, m_season->findData(season)));
    m_crop->setCurrentIndex(std::max(0, m_crop->findData(cropId)));
    m_field->setCurrentIndex(std::max(0, m_field->findData(fieldId)));
    m_updating = false;
    showSelection();
}

void CostsYieldPage::showSelection() {
    const QString season = m_season->currentData().toString();
    const QString crop = m_crop->currentData().toString();
    const QString field = m_field->currentData().toString();
    const domain::FinanceData selected = domain::filterFinance(m_data, season, crop, field);
    m_groups = domain::groupFinance(selected, grouping());
    // Season over season: grouped by season, each season against the one before it.
    const bool bySeason = grouping() == FinanceGrouping::Season;
    m_model->setGroups(m_groups, m_units, bySeason);
    m_table->setColumnHidden(FinanceTableModel::MarginChange, !bySeason);
    m_table->setColumnHidden(FinanceTableModel::YieldChange, !bySeason);
    m_costChart->setGroups(m_groups, m_units);
    // Yield by season for the farm, crop and field chosen, whatever the season filter.
    m_yieldChart->setSeasons(
        domain::groupFinance(domain::filterFinance(m_data, QString(), crop, field),
                             FinanceGrouping::Season),
        m_units, crop.isEmpty() ? QString() : m_crop->currentText());

    analytics::CropAccount total;
    QString currency;
    bool oneCurrency = true;
    for (const auto &g : domain::groupFinance(selected, FinanceGrouping::Farm)) {
        total += g.account;
        oneCurrency = oneCurrency && (currency.isEmpty() || currency == g.currency);
        currency = g.currency;
    }
    const auto f = analytics::cropFigures(total);
    if (oneCurrency) {
        card(QStringLiteral("cost"))
            ->setValue(f.totalCost, format::money(f.totalCost, currency),
                       f.costPerHa
                           ? tr("%1 per %2")
                                 .arg(format::money(m_units.perArea(*f.costPerHa), currency),
                                      m_units.areaLabel())
                           : QString());
        card(QStringLiteral("revenue"))
            ->setValue(f.revenue, format::money(f.revenue, currency),
                       tr("%1 %2 sellable")
                           .arg(format::quantity(std::round(m_units.mass_(f.sellableKg))),
                                m_units.massLabel()));
        card(QStringLiteral("margin"))
            ->setValue(f.grossMargin, format::money(f.grossMargin, currency),
                       f.marginPerHa
                           ? tr("%1 per %2")
                                 .arg(format::money(m_units.perArea(*f.marginPerHa), currency),
                                      m_units.areaLabel())
                           : QString());
    } else {
        for (const char *k : {"cost", "revenue", "margin"})
            card(QLatin1String(k))->setPlaceholder(tr("mixed currencies"));
    }
    if (f.roi)
        card(QStringLiteral("roi"))
            ->setValue(*f.roi, format::percent(*f.roi), tr("gross margin ÷ total cost"));
    else
        card(QStringLiteral("roi"))->setPlaceholder(QStringLiteral("—"));
    m_status->setText(
        tr("%1 plantings, %2 %3")
            .arg(total.plantings)
            .arg(QLocale().toString(m_units.area_(total.areaHa), 'f', 1), m_units.areaLabel()));
    Q_EMIT loaded();
}

bool CostsYieldPage::exportTable(const QString &file) const {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(commands::financeCsv(m_groups));
    return out.commit();
}

bool CostsYieldPage::exportCharts(const QString &file) {
    const QPixmap a = m_costChart->grab(), b = m_yieldChart->grab();
    QPixmap both(a.width() + b.width(), std::max(a.height(), b.height()));
    both.fill(palette().color(QPalette::Window));
    QPainter p(&both);
    p.drawPixmap(0, 0, a);
    p.drawPixmap(a.width(), 0, b);
    p.end();
    return both.save(file, "PNG");
}

void CostsYieldPage::showNextSeason(const QString &fieldId) {
    auto *dialog = new CropRankDialog(m_workspace.path, fieldId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void CostsYieldPage::showCostLines(const QString &key) {
    for (const auto &g : m_groups) {
        if (g.key != key)
            continue;
        const auto selected = domain::filterFinance(m_data, m_season->currentData().toString(),
                                                    m_crop->currentData().toString(),
                                                    m_field->currentData().toString());
        auto *dialog = new CostLinesDialog(
            m_workspace.path, g, domain::plantingsOfGroup(selected, grouping(), key), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        return;
    }
}

} // namespace agro::ui

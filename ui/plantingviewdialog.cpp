#include "plantingviewdialog.h"

#include "costbreakdownchart.h"
#include "formatting.h"
#include "services/financeservice.h"
#include "services/recordservice.h"
#include "services/yieldpredictions.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

namespace {
constexpr int kParts = 3; // finance, prediction, harvests

QTableWidgetItem *number(const QString &text) {
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

PlantingViewDialog::PlantingViewDialog(const QString &workspace, const QString &farmId,
                                       const QString &seasonName, const QString &plantingId,
                                       QWidget *parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_costs(new QTableWidget(0, 3, this))
    , m_harvests(new QTableWidget(0, 4, this)) {
    setWindowTitle(tr("Planting"));
    resize(760, 620);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_title->setFont(f);

    auto *grid = new QGridLayout;
    const std::pair<const char *, QString> keys[] = {{"area", tr("Planted area")},
                                                     {"expected", tr("Planned yield")},
                                                     {"yield", tr("Harvested yield")},
                                                     {"gap", tr("Against plan")},
                                                     {"sellable", tr("Sellable")},
                                                     {"qcLosses", tr("Lost to QC")},
                                                     {"cost", tr("Total cost")},
                                                     {"revenue", tr("Revenue")},
                                                     {"margin", tr("Gross margin")},
                                                     {"roi", tr("ROI")},
                                                     {"breakEvenYield", tr("Break-even yield")},
                                                     {"breakEvenPrice", tr("Break-even price")}};
    int i = 0;
    for (const auto &[key, caption] : keys) {
        auto *value = new QLabel(QStringLiteral("…"), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true); // the prediction and its range can be long
        auto *name = new QLabel(caption, this);
        name->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(name, i / 2, (i % 2) * 2);
        grid->addWidget(value, i / 2, (i % 2) * 2 + 1);
        m_figures.emplace(QLatin1String(key), value);
        ++i;
    }
    // The prediction and its range read as one sentence: a full row of its own.
    {
        auto *value = new QLabel(QStringLiteral("…"), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *name = new QLabel(tr("Predicted yield"), this);
        name->setForegroundRole(QPalette::PlaceholderText);
        const int row = (i + 1) / 2;
        grid->addWidget(name, row, 0);
        grid->addWidget(value, row, 1, 1, 3);
        m_figures.emplace(QStringLiteral("predicted"), value);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    m_costs->setHorizontalHeaderLabels({tr("Category"), tr("Cost"), tr("Per area")});
    m_harvests->setHorizontalHeaderLabels(
        {tr("Date"), tr("Quantity"), tr("Rejected"), tr("Grade")});
    for (QTableWidget *t : {m_costs, m_harvests}) {
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->verticalHeader()->setVisible(false);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    auto *tables = new QHBoxLayout;
    auto *costsBox = new QVBoxLayout;
    costsBox->addWidget(
        new QLabel(tr("Costs (farm-level costs included by their allocation)"), this));
    costsBox->addWidget(m_costs);
    auto *harvestBox = new QVBoxLayout;
    harvestBox->addWidget(new QLabel(tr("Harvests"), this));
    harvestBox->addWidget(m_harvests);
    tables->addLayout(costsBox);
    tables->addLayout(harvestBox);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(grid);
    layout->addLayout(tables, 1);
    layout->addWidget(buttons);

    // The farm's units first; then finance, prediction and harvests, shown in them.
    QCoro::connect(
        services::FinanceService::options(workspace, farmId), this,
        [this, workspace, farmId, seasonName,
         plantingId](const Result<services::FinanceOptions> &o) {
            if (o.ok())
                m_units = DisplayUnits::fromKeys(o->areaUnit, o->massUnit);
            QCoro::connect(
                services::YieldService::report(workspace, farmId, seasonName), this,
                [this, plantingId](const Result<services::YieldReport> &r) {
                    QString text = tr("not enough earlier seasons");
                    if (r.ok())
                        for (const auto &p : r->predictions)
                            if (p.row.plantingId == plantingId) {
                                const QLocale locale;
                                text =
                                    tr("%1 %4; 8 in 10 seasons %2 – %3")
                                        .arg(locale.toString(m_units.yield(p.prediction.medianKgHa),
                                                             'f', 0),
                                             locale.toString(m_units.yield(p.prediction.lo80KgHa),
                                                             'f', 0),
                                             locale.toString(m_units.yield(p.prediction.hi80KgHa),
                                                             'f', 0),
                                             m_units.massLabel() + QStringLiteral("/") +
                                                 m_units.areaLabel());
                            }
                    setFigure(QStringLiteral("predicted"), text);
                    loadedPart();
                });
            QCoro::connect(
                services::RecordService::harvestRows(workspace, farmId, seasonName), this,
                [this, plantingId](const Result<std::vector<services::HarvestRow>> &r) {
                    m_harvests->setRowCount(0);
                    if (r.ok()) {
                        const QLocale locale;
                        for (const auto &h : r.value()) {
                            if (h.harvest.plantingId != plantingId)
                                continue;
                            const int row = m_harvests->rowCount();
                            m_harvests->insertRow(row);
                            m_harvests->setItem(row, 0,
                                                new QTableWidgetItem(locale.toString(
                                                    h.harvest.harvestedOn, QLocale::ShortFormat)));
                            m_harvests->setItem(
                                row, 1,
                                number(QStringLiteral("%1 %2").arg(
                                    locale.toString(m_units.mass_(h.harvest.quantityKg), 'f', 0),
                                    m_units.massLabel())));
                            m_harvests->setItem(
                                row, 2,
                                number(QStringLiteral("%1 %2").arg(
                                    locale.toString(m_units.mass_(h.harvest.rejectedKg), 'f', 0),
                                    m_units.massLabel())));
                            m_harvests->setItem(row, 3, new QTableWidgetItem(h.harvest.grade));
                        }
                        m_harvests->resizeColumnsToContents();
                    }
                    loadedPart();
                });
            QCoro::connect(
                services::FinanceService::load(workspace, {farmId, QString()}), this,
                [this, plantingId](const Result<domain::FinanceData> &r) {
                    if (!r.ok()) {
                        m_title->setText(errorText(r.error()));
                        return;
                    }
                    for (const auto &p : r->plantings) {
                        if (p.plantingId != plantingId)
                            continue;
                        const auto &a = p.account;
                        const auto fig = analytics::cropFigures(a);
                        const QString cur = p.currency;
                        const QString yieldUnit =
                            m_units.massLabel() + QStringLiteral("/") + m_units.areaLabel();
                        const QLocale locale;
                        auto yield = [&](const std::optional<double> &kgHa) {
                            return kgHa ? QStringLiteral("%1 %2").arg(
                                              locale.toString(m_units.yield(*kgHa), 'f', 0),
                                              yieldUnit)
                                        : QStringLiteral("—");
                        };
                        setWindowTitle(tr("Planting: %1 · %2 · %3")
                                           .arg(p.fieldName, p.cropName, p.seasonName));
                        m_title->setText(
                            QStringLiteral("%1 · %2 · %3 · %4")
                                .arg(p.farmName, p.fieldName, p.cropName, p.seasonName));
                        setFigure(QStringLiteral("area"),
                                  QStringLiteral("%1 %2").arg(
                                      locale.toString(m_units.area_(a.areaHa), 'f', 2),
                                      m_units.areaLabel()));
                        setFigure(QStringLiteral("expected"), yield(fig.expectedYieldKgHa));
                        setFigure(QStringLiteral("yield"), yield(fig.yieldKgHa));
                        setFigure(QStringLiteral("gap"), fig.yieldGapRatio
                                                             ? format::percent(*fig.yieldGapRatio)
                                                             : QStringLiteral("—"));
                        setFigure(QStringLiteral("sellable"), yield(fig.sellableYieldKgHa));
                        // Lots of this planting that QC failed or holds (docs/finance.md).
                        const auto mass = [&](double kg) {
                            return QStringLiteral("%1 %2").arg(
                                locale.toString(m_units.mass_(kg), 'f', 0), m_units.massLabel());
                        };
                        setFigure(QStringLiteral("qcLosses"),
                                  a.qcRejectedKg == 0 && a.qcHeldKg == 0
                                      ? tr("none")
                                      : tr("%1 rejected · %2 held")
                                            .arg(mass(a.qcRejectedKg), mass(a.qcHeldKg)));
                        setFigure(QStringLiteral("cost"), format::money(fig.totalCost, cur));
                        setFigure(QStringLiteral("revenue"), format::money(fig.revenue, cur));
                        setFigure(QStringLiteral("margin"), format::money(fig.grossMargin, cur));
                        setFigure(QStringLiteral("roi"),
                                  fig.roi ? format::percent(*fig.roi) : QStringLiteral("—"));
                        setFigure(QStringLiteral("breakEvenYield"), yield(fig.breakEvenYieldKgHa));
                        setFigure(QStringLiteral("breakEvenPrice"),
                                  fig.breakEvenPricePerKg
                                      ? QStringLiteral("%1%2/%3").arg(
                                            format::currencySymbol(cur),
                                            locale.toString(
                                                m_units.perMass(*fig.breakEvenPricePerKg), 'f', 3),
                                            m_units.massLabel())
                                      : QStringLiteral("—"));
                        m_costs->setRowCount(0);
                        for (domain::CostCategory c : domain::kCostCategories) {
                            const double v = a.costs[size_t(c)];
                            if (v == 0)
                                continue;
                            const int row = m_costs->rowCount();
                            m_costs->insertRow(row);
                            m_costs->setItem(
                                row, 0, new QTableWidgetItem(CostBreakdownChart::categoryName(c)));
                            m_costs->setItem(row, 1, number(format::money(v, cur)));
                            m_costs->setItem(
                                row, 2,
                                number(a.areaHa > 0
                                           ? format::money(m_units.perArea(v / a.areaHa), cur)
                                           : QStringLiteral("—")));
                        }
                        m_costs->resizeColumnsToContents();
                    }
                    loadedPart();
                });
        });
}

void PlantingViewDialog::setFigure(const QString &key, const QString &text) {
    const auto it = m_figures.find(key);
    if (it != m_figures.end())
        it->second->setText(text);
}

QString PlantingViewDialog::figure(const QString &key) const {
    const auto it = m_figures.find(key);
    return it == m_figures.end() ? QString() : it->second->text();
}

void PlantingViewDialog::loadedPart() {
    if (++m_parts == kParts)
        Q_EMIT loaded();
}

} // namespace agro::ui

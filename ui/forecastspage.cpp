#include "forecastspage.h"

#include "forecastbreakdowntable.h"
#include "forecastchart.h"
#include "forecastproductfilter.h"
#include "forecastproductmodel.h"
#include "progressrunner.h"

#include "io/csvreader.h"

#include <QComboBox>
#include <QDate>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <QCoroTask>

#include <cmath>
#include <set>

namespace agro::ui {

namespace {
QString pct(double ratio) {
    return QLocale().toString(100.0 * ratio, 'f', 0);
}
QString dateText(std::int64_t day) {
    return QLocale().toString(QDate(1970, 1, 1).addDays(day), QLocale::ShortFormat);
}
} // namespace

ForecastsPage::ForecastsPage(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_farm(new QComboBox(this))
    , m_velocity(new QComboBox(this))
    , m_horizon(new QComboBox(this))
    , m_run(new QComboBox(this))
    , m_runAll(new QPushButton(tr("&Run all forecasts"), this))
    , m_exportChart(new QPushButton(tr("Export chart…"), this))
    , m_exportData(new QPushButton(tr("Export data…"), this))
    , m_model(new ForecastProductModel(this))
    , m_filter(new ForecastProductFilter(this))
    , m_table(new QTableView(this))
    , m_accuracy(new QLabel(this))
    , m_chart(new ForecastChart(this))
    , m_breakdown(new ForecastBreakdownTable(this)) {
    setObjectName(QStringLiteral("ForecastsPage"));
    m_search->setPlaceholderText(tr("Search SKU or product (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_velocity->addItem(tr("Any velocity"), int(Velocity::Any));
    m_velocity->addItem(tr("Fast (10+ a day)"), int(Velocity::Fast));
    m_velocity->addItem(tr("Medium (1–10 a day)"), int(Velocity::Medium));
    m_velocity->addItem(tr("Slow (under 1 a day)"), int(Velocity::Slow));
    for (int days : {7, 14, 28, 56, 91})
        m_horizon->addItem(tr("%1 days ahead").arg(days), days);
    m_horizon->setCurrentIndex(2);
    m_horizon->setToolTip(tr("Forecast horizon"));
    m_run->setToolTip(tr("The forecast made now, or a stored run against what sold since"));
    m_runAll->setToolTip(tr("Forecast every product in the background and store the run "
                            "(Ctrl+Shift+R)"));
    m_exportChart->setEnabled(false);
    m_exportData->setEnabled(false);

    m_filter->setSourceModel(m_model);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ForecastProductModel::Sku, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ForecastProductModel::Name,
                                                      QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setAlternatingRowColors(true);
    m_table->setMinimumWidth(520);

    m_accuracy->setWordWrap(true);
    m_accuracy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accuracy->setObjectName(QStringLiteral("forecastAccuracy"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_category, 1);
    filters->addWidget(m_farm, 1);
    filters->addWidget(m_velocity, 1);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_table, 1);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_horizon);
    controls->addWidget(m_run, 1);
    controls->addStretch();
    controls->addWidget(m_runAll);
    controls->addWidget(m_exportChart);
    controls->addWidget(m_exportData);
    auto *rightSplit = new QSplitter(Qt::Vertical, this);
    rightSplit->addWidget(m_chart);
    rightSplit->addWidget(m_breakdown);
    rightSplit->setStretchFactor(0, 3);
    rightSplit->setStretchFactor(1, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(m_accuracy);
    rightLayout->addWidget(rightSplit, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({500, 960});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_search, &QLineEdit::textChanged, m_filter, &ForecastProductFilter::setSearch);
    connect(m_category, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCategory(m_category->currentData().toString()); });
    connect(m_farm, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setFarm(m_farm->currentData().toString()); });
    connect(m_velocity, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setVelocity(Velocity(m_velocity->currentData().toInt())); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showSelected(); });
    connect(m_horizon, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            showSelected();
    });
    connect(m_run, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            showSelected();
    });
    connect(m_runAll, &QPushButton::clicked, this, &ForecastsPage::runAll);
    connect(m_exportChart, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export chart"), QStringLiteral("forecast.png"), tr("PNG images (*.png)"));
        if (!file.isEmpty() && !exportChart(file))
            QMessageBox::warning(this, tr("Export chart"), tr("Could not write %1.").arg(file));
    });
    connect(m_exportData, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Export forecast data"),
                                         QStringLiteral("forecast.csv"), tr("CSV files (*.csv)"));
        if (!file.isEmpty() && !exportData(file))
            QMessageBox::warning(this, tr("Export forecast data"),
                                 tr("Could not write %1.").arg(file));
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

void ForecastsPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_view.reset();
    m_past.reset();
    m_chart->clear(tr("Choose a product to see its forecast"));
    m_accuracy->clear();
    refresh();
}

void ForecastsPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    const QString keep = selectedProductId();
    QCoro::connect(services::ForecastService::products(m_workspace.path), this,
                   [this, keep](const Result<std::vector<store::DemandProduct>> &r) {
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_updating = true;
                       std::set<QString> categories;
                       std::map<QString, QString> farms;
                       for (const auto &p : r.value()) {
                           if (!p.category.isEmpty())
                               categories.insert(p.category);
                           farms[p.farmId] = p.farmName;
                       }
                       const QString cat = m_category->currentData().toString();
                       const QString farm = m_farm->currentData().toString();
                       m_category->clear();
                       m_category->addItem(tr("All categories"), QString());
                       for (const auto &c : categories)
                           m_category->addItem(c, c);
                       m_category->setCurrentIndex(std::max(0, m_category->findData(cat)));
                       m_farm->clear();
                       m_farm->addItem(tr("All farms"), QString());
                       for (const auto &[id, name] : farms)
                           m_farm->addItem(name, id);
                       m_farm->setCurrentIndex(std::max(0, m_farm->findData(farm)));
                       m_model->setProducts(r.value());
                       m_updating = false;
                       if (!keep.isEmpty())
                           selectProduct(keep);
                       Q_EMIT productsLoaded();
                   });
    reloadRuns();
}

void ForecastsPage::reloadRuns(const QString &select) {
    QCoro::connect(
        services::ForecastService::runs(m_workspace.path), this,
        [this, select](const Result<std::vector<store::ForecastRunInfo>> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_updating = true;
            const QString keep = select.isEmpty() ? m_run->currentData().toString() : select;
            m_run->clear();
            m_run->addItem(tr("Forecast made now"), QString());
            for (const auto &run : r.value())
                m_run->addItem(
                    tr("Run of %1 (%2 days from %3)")
                        .arg(QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat))
                        .arg(run.horizon)
                        .arg(dateText(run.firstDay)),
                    run.id);
            m_run->setCurrentIndex(select.isEmpty() ? std::max(0, m_run->findData(keep)) : 0);
            m_updating = false;
        });
}

int ForecastsPage::runCount() const {
    return std::max(0, m_run->count() - 1);
}

QString ForecastsPage::selectedProductId() const {
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.data(ForecastProductModel::ProductIdRole).toString() : QString();
}

bool ForecastsPage::selectProduct(const QString &idOrSku) {
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex i = m_filter->index(row, 0);
        if (i.data(ForecastProductModel::ProductIdRole).toString() == idOrSku ||
            i.data(Qt::DisplayRole).toString() == idOrSku) {
            m_table->setCurrentIndex(i);
            m_table->scrollTo(i);
            return true;
        }
    }
    return false;
}

void ForecastsPage::setHorizon(int days) {
    const int i = m_horizon->findData(days);
    if (i >= 0)
        m_horizon->setCurrentIndex(i);
}

void ForecastsPage::setRun(const QString &runId) {
    const int i = m_run->findData(runId);
    if (i >= 0)
        m_run->setCurrentIndex(i);
}

void ForecastsPage::showSelected() {
    const QString id = selectedProductId();
    if (id.isEmpty() || m_workspace.path.isEmpty())
        return;
    const quint64 serial = ++m_serial;
    const int horizon = m_horizon->currentData().toInt();
    const QString runId = m_run->currentData().toString();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QCoro::connect(
        services::ForecastService::product(m_workspace.path, id, horizon), this,
        [this, serial, id, runId, timer](const Result<services::ProductForecastView> &r) {
            if (serial != m_serial)
                return; // a newer selection is on its way
            if (!r.ok()) {
                m_view.reset();
                m_chart->clear(errorText(r.error()));
                m_accuracy->setText(errorText(r.error()));
                m_exportChart->setEnabled(false);
                m_exportData->setEnabled(false);
                return;
            }
            m_view = r.value();
            m_exportChart->setEnabled(true);
            m_exportData->setEnabled(true);
            if (runId.isEmpty()) {
                m_past.reset();
                m_chart->showForecast(*m_view);
                m_breakdown->setForecast(m_view->forecastStart, m_view->outcome);
                showAccuracy();
                m_lastLatencyMs = timer->elapsed();
                Q_EMIT forecastShown();
                return;
            }
            QCoro::connect(services::ForecastService::past(m_workspace.path, runId, id), this,
                           [this, serial, timer](const Result<services::PastForecastView> &p) {
                               if (serial != m_serial)
                                   return;
                               if (!p.ok()) {
                                   m_past.reset();
                                   m_chart->clear(errorText(p.error()));
                                   m_accuracy->setText(errorText(p.error()));
                                   return;
                               }
                               m_past = p.value();
                               m_chart->showPast(*m_view, *m_past);
                               analytics::forecast::ForecastOutcome stored;
                               stored.forecast = m_past->stored.values;
                               m_breakdown->setForecast(m_past->run.firstDay, stored);
                               showAccuracy();
                               m_lastLatencyMs = timer->elapsed();
                               Q_EMIT forecastShown();
                           });
        });
}

QString ForecastsPage::accuracyText() const {
    return m_accuracy->text();
}

void ForecastsPage::showAccuracy() {
    if (!m_view)
        return;
    const QLocale l;
    if (m_past) {
        const auto &p = *m_past;
        QString text = tr("Stored run of %1, model %2.")
                           .arg(l.toString(p.run.createdAt.toLocalTime(), QLocale::ShortFormat),
                                p.stored.model);
        if (p.compared == 0)
            text += QLatin1Char(' ') +
                    tr("None of its days has sales yet: import the sales for %1 onwards to "
                       "see how it did.")
                        .arg(dateText(p.run.firstDay));
        else
            text += QLatin1Char(' ') +
                    tr("On the %1 days known so far it was off by %2 units a day on average; "
                       "%3 % of them fell inside the 95 % band.")
                        .arg(p.compared)
                        .arg(l.toString(p.mae, 'f', 1), pct(p.coverage95));
        m_accuracy->setText(text);
        return;
    }
    const auto &o = m_view->outcome;
    QString text = tr("Model: %1.").arg(QString::fromStdString(o.model));
    if (!o.pattern.empty() && o.pattern != "smooth")
        text += QLatin1Char(' ') + tr("Demand pattern: %1.").arg(QString::fromStdString(o.pattern));
    if (o.backtest.points > 0) {
        text += QLatin1Char(' ') +
                tr("Tested on the last %1 days it was not fitted on: off by %2 % on average; "
                   "%3 % of actual days fell inside the 95 % band and %4 % inside the 80 % band "
                   "(MASE %5 — below 1 beats repeating last week).")
                    .arg(o.backtest.points)
                    .arg(pct(o.backtest.wape), pct(o.backtest.coverage95),
                         pct(o.backtest.coverage80), l.toString(o.backtest.mase, 'f', 2));
    } else {
        text += QLatin1Char(' ') +
                tr("Too little history to test this model on days it was not fitted on: treat "
                   "the forecast with care.");
    }
    m_accuracy->setText(text);
}

void ForecastsPage::runAll() {
    if (m_workspace.path.isEmpty() || !m_runAll->isEnabled())
        return;
    m_runAll->setEnabled(false);
    auto *runner = new ProgressRunner(tr("Forecasting every product…"), this);
    runner->setAttribute(Qt::WA_DeleteOnClose);
    const int horizon = m_horizon->currentData().toInt();
    QCoro::connect(services::ForecastService::runAll(m_workspace.path, horizon, runner->progress()),
                   this, [this, runner](const Result<services::ForecastRunOutcome> &r) {
                       runner->close();
                       m_runAll->setEnabled(true);
                       if (!r.ok()) {
                           const QString msg = r.error().code == ErrorCode::Cancelled
                                                   ? tr("Forecast run cancelled; nothing stored.")
                                                   : errorText(r.error());
                           Q_EMIT failed(msg);
                           Q_EMIT runFinished(msg);
                           return;
                       }
                       const QString summary =
                           tr("Forecast %1 products in %2 s")
                               .arg(r->run.products)
                               .arg(QLocale().toString(r->run.seconds, 'f', 1)) +
                           (r->failed ? tr("; %1 without enough sales history").arg(r->failed)
                                      : QString());
                       reloadRuns();
                       Q_EMIT runFinished(summary);
                   });
}

bool ForecastsPage::exportChart(const QString &file) {
    return m_chart->grab().save(file, "PNG");
}

bool ForecastsPage::exportData(const QString &file) const {
    if (!m_view)
        return false;
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    const auto &v = *m_view;
    const auto &f = m_past ? m_past->stored.values : v.outcome.forecast;
    const std::int32_t first = m_past ? m_past->run.firstDay : v.forecastStart;
    const QString model = m_past ? m_past->stored.model : QString::fromStdString(v.outcome.model);
    QByteArray csv = "date,sold,fitted,mean,lo80,hi80,lo95,hi95,model\n";
    auto num = [](double x) {
        return std::isfinite(x) ? QByteArray::number(x, 'f', 3) : QByteArray();
    };
    auto date = [](std::int64_t day) {
        return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate).toUtf8();
    };
    const QByteArray quoted = io::csvField(model).toUtf8();
    for (std::size_t i = 0; i < v.history.size(); ++i) {
        const std::int64_t day = v.historyStart + std::int64_t(i);
        if (day >= first)
            break;
        csv +=
            date(day) + ',' + num(v.history[i]) + ',' + num(v.fitted[i]) + ",,,,,," + quoted + '\n';
    }
    for (std::size_t j = 0; j < f.horizon(); ++j) {
        const std::int64_t day = first + std::int64_t(j);
        double sold = std::nan("");
        if (m_past && j < m_past->actual.size())
            sold = m_past->actual[j];
        csv += date(day) + ',' + num(sold) + ",," + num(f.mean[j]) + ',' + num(f.lo80[j]) + ',' +
               num(f.hi80[j]) + ',' + num(f.lo95[j]) + ',' + num(f.hi95[j]) + ',' + quoted + '\n';
    }
    out.write(csv);
    return out.commit();
}

} // namespace agro::ui

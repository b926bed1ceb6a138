#pragma once

#include "services/forecastservice.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace agro::ui {

class ForecastBreakdownTable;
class ForecastChart;
class ForecastProductFilter;
class ForecastProductModel;

/// Forecasts: the product list with search and category, farm and velocity filters; for the
/// selected product, its demand chart with the forecast's 80 %/95 % bands, the model and its
/// measured backtest accuracy in plain words, the factor breakdown, and exports. "Run all
/// forecasts" forecasts every product in the background (progress, cancel) and stores the run;
/// choosing a stored run shows its forecast against what sold since.
class ForecastsPage : public QWidget {
    Q_OBJECT
public:
    explicit ForecastsPage(QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();

    /// Selects a product by id or SKU (for tests and links); false when it is not listed.
    bool selectProduct(const QString &idOrSku);
    void setHorizon(int days);
    /// Shows a stored run (empty id: the forecast made now).
    void setRun(const QString &runId);
    /// Starts "Run all forecasts" (progress dialog with cancel).
    void runAll();

    bool exportChart(const QString &file);
    bool exportData(const QString &file) const;

    ForecastChart *chart() const { return m_chart; }
    ForecastBreakdownTable *breakdown() const { return m_breakdown; }
    QTableView *productTable() const { return m_table; }
    ForecastProductFilter *productFilter() const { return m_filter; }
    QString accuracyText() const;
    const std::optional<services::ProductForecastView> &current() const { return m_view; }
    /// Milliseconds from selecting a product to its chart being drawn (last selection).
    qint64 lastChartLatencyMs() const { return m_lastLatencyMs; }
    int runCount() const;

Q_SIGNALS:
    void productsLoaded();
    void forecastShown();
    void runFinished(const QString &summary);
    void failed(const QString &message);

private:
    void reloadRuns(const QString &select = {});
    void showSelected();
    void showAccuracy();
    QString selectedProductId() const;

    store::WorkspaceInfo m_workspace;
    QLineEdit *m_search;
    QComboBox *m_category;
    QComboBox *m_farm;
    QComboBox *m_velocity;
    QComboBox *m_horizon;
    QComboBox *m_run;
    QPushButton *m_runAll;
    QPushButton *m_exportChart;
    QPushButton *m_exportData;
    ForecastProductModel *m_model;
    ForecastProductFilter *m_filter;
    QTableView *m_table;
    QLabel *m_accuracy;
    ForecastChart *m_chart;
    ForecastBreakdownTable *m_breakdown;
    std::optional<services::ProductForecastView> m_view;
    std::optional<services::PastForecastView> m_past;
    quint64 m_serial = 0;
    qint64 m_lastLatencyMs = -1;
    bool m_updating = false;
};

} // namespace agro::ui

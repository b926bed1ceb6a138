#pragma once

#include "domain/dashboard.h"
#include "store/workspace.h"

#include <QWidget>

#include <map>
#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;

namespace agro::ui {

class AppSettings;
class CostBreakdownChart;
class KpiCard;
class SalesTrendChart;

/// The first page: KPI cards, the sales trend and costs by category for a farm and period.
/// Every figure comes from DashboardService on a worker; the page only shows it.
class DashboardPage : public QWidget {
    Q_OBJECT
public:
    DashboardPage(AppSettings &settings, QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();

    /// Card by key: revenue, costs, margin, units, stockouts, alerts.
    KpiCard *card(const QString &key) const;
    SalesTrendChart *trendChart() const { return m_trend; }
    CostBreakdownChart *costChart() const { return m_costs; }
    const std::optional<domain::DashboardData> &data() const { return m_data; }
    /// Selects a farm (empty id: all farms) and a period, then refreshes.
    void setFilter(const QString &farmId, const QDate &from, const QDate &to);

    enum Period { Last7, Last30, Last90, Last12Months, YearToDate, AllData, Custom };

Q_SIGNALS:
    /// Figures for the current filter are on screen.
    void loaded();
    void failed(const QString &message);

private:
    void applyPeriod(int index);
    void onDatesEdited();
    void display(const domain::DashboardData &d);
    void showError(const QString &message);

    AppSettings &m_settings;
    store::WorkspaceInfo m_workspace;
    domain::DataRange m_range;
    QLabel *m_demoBanner;
    QComboBox *m_farm;
    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_anchor;
    QPushButton *m_refresh;
    QLabel *m_status;
    std::map<QString, KpiCard *> m_cards;
    SalesTrendChart *m_trend;
    CostBreakdownChart *m_costs;
    std::optional<domain::DashboardData> m_data;
    quint64 m_serial = 0;
    bool m_updatingFilter = false;
};

} // namespace agro::ui

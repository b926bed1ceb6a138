#include "costlinesdialog.h"

#include "costbreakdownchart.h"
#include "formatting.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

CostLinesDialog::CostLinesDialog(const QString &workspace, const domain::FinanceGroup &group,
                                 const QStringList &plantingIds, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, 5, this)) {
    setWindowTitle(tr("Costs of %1").arg(group.label));
    resize(760, 480);
    m_table->setHorizontalHeaderLabels(
        {tr("Date"), tr("Category"), tr("Amount"), tr("Planting"), tr("Description")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    m_summary->setText(tr("Loading…"));

    const QString currency = group.currency;
    const double total = group.account.totalCost();
    QCoro::connect(
        services::FinanceService::costLines(workspace, plantingIds), this,
        [this, currency, total](const Result<std::vector<services::CostLine>> &r) {
            if (!r.ok()) {
                m_summary->setText(errorText(r.error()));
                return;
            }
            double direct = 0;
            m_table->setRowCount(int(r->size()));
            const QLocale locale;
            for (size_t i = 0; i < r->size(); ++i) {
                const auto &l = r.value()[i];
                direct += l.amount;
                auto *amount = new QTableWidgetItem(format::moneyExact(l.amount, currency));
                amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                const int row = int(i);
                m_table->setItem(
                    row, 0,
                    new QTableWidgetItem(locale.toString(l.incurredOn, QLocale::ShortFormat)));
                m_table->setItem(
                    row, 1, new QTableWidgetItem(CostBreakdownChart::categoryName(l.category)));
                m_table->setItem(row, 2, amount);
                m_table->setItem(row, 3, new QTableWidgetItem(l.planting));
                m_table->setItem(row, 4, new QTableWidgetItem(l.description));
            }
            m_table->resizeColumnsToContents();
            m_summary->setText(
                tr("%1 entries booked on these plantings: %2. Farm-level costs allocated to them "
                   "(by area or shares): %3. Total: %4.")
                    .arg(r->size())
                    .arg(format::moneyExact(direct, currency),
                         format::moneyExact(total - direct, currency),
                         format::moneyExact(total, currency)));
            Q_EMIT loaded();
        });
}

int CostLinesDialog::lineCount() const {
    return m_table->rowCount();
}

} // namespace agro::ui

#include "croprankdialog.h"

#include "formatting.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace agro::ui {

CropRankDialog::CropRankDialog(const QString &workspace, const QString &fieldId, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(tr("Simulating seasons…"), this))
    , m_table(new QTableWidget(0, 9, this)) {
    setWindowTitle(tr("Next season"));
    resize(900, 460);
    m_table->setHorizontalHeaderLabels({tr("Crop"), tr("Expected margin / ha"),
                                        tr("1 season in 10 below"), tr("Chance of a loss"),
                                        tr("Predicted yield (kg/ha)"), tr("Sellable"),
                                        tr("Price (per kg)"), tr("Cost / ha"), tr("History")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 3 + 6); // the top three
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *note = new QLabel(tr("A decision aid, not an oracle: yields come from the yield model "
                               "on this field's soil, prices and costs from the farm's own "
                               "history; rotation, markets and labour are yours to weigh."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);

    QCoro::connect(
        services::CropRankService::rank(workspace, fieldId), this,
        [this](const Result<services::CropRanking> &r) {
            if (!r.ok()) {
                m_summary->setText(errorText(r.error()));
                return;
            }
            const QString cur = r->currency;
            setWindowTitle(tr("Next season on %1 · %2").arg(r->farmName, r->fieldName));
            const QLocale locale;
            m_table->setRowCount(int(r->rows.size()));
            auto number = [](const QString &text) {
                auto *item = new QTableWidgetItem(text);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                return item;
            };
            QStringList words;
            for (size_t i = 0; i < r->rows.size(); ++i) {
                const auto &row = r->rows[i];
                const int n = int(i);
                m_table->setItem(n, 0, new QTableWidgetItem(row.cropName));
                m_table->setItem(n, 1, number(format::money(row.rank.expectedMarginPerHa, cur)));
                m_table->setItem(n, 2, number(format::money(row.rank.p10MarginPerHa, cur)));
                m_table->setItem(n, 3, number(format::percent(row.rank.lossProbability)));
                m_table->setItem(n, 4, number(locale.toString(row.predictedYieldKgHa, 'f', 0)));
                m_table->setItem(n, 5, number(format::percent(row.inputs.sellableShare)));
                m_table->setItem(n, 6,
                                 number(format::currencySymbol(cur) +
                                        locale.toString(row.inputs.priceMean, 'f', 3)));
                m_table->setItem(n, 7, number(format::money(row.inputs.costPerHaMean, cur)));
                m_table->setItem(n, 8,
                                 number(row.inputs.seasonsOfHistory == 1
                                            ? tr("1 planting")
                                            : tr("%1 plantings").arg(row.inputs.seasonsOfHistory)));
                if (i < 3)
                    words << tr("%1: expected margin %2 per ha; 1 season in 10 below %3.")
                                 .arg(row.cropName,
                                      format::money(row.rank.expectedMarginPerHa, cur),
                                      format::money(row.rank.p10MarginPerHa, cur));
            }
            m_table->resizeColumnsToContents();
            m_summary->setText(r->rows.empty()
                                   ? tr("Not enough history on this farm to compare crops.")
                                   : words.join(QLatin1Char('\n')));
            Q_EMIT loaded();
        });
}

int CropRankDialog::rowCount() const {
    return m_table->rowCount();
}
QString CropRankDialog::summary() const {
    return m_summary->text();
}

} // namespace agro::ui

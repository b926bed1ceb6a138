#pragma once

#include <QHeaderView>
#include <QList>
#include <QTableWidget>

namespace agro::ui {

// Fills a QTableWidget with many rows at once without quadratic cost. A column in
// ResizeToContents mode is re-measured over every row on each setItem, so filling n rows
// costs O(n²) text layouts: 2,000 inspection rows took 50 s of CPU. While the guard lives,
// sorting, repaints and automatic sizing are off; when it goes, each column is measured once
// and the table's own modes come back.
class BulkTableFill {
public:
    explicit BulkTableFill(QTableWidget *table)
        : m_table(table)
        , m_sorting(table->isSortingEnabled()) {
        QHeaderView *h = m_table->horizontalHeader();
        m_table->setUpdatesEnabled(false);
        m_table->setSortingEnabled(false);
        for (int c = 0; c < h->count(); ++c) {
            m_modes.append(h->sectionResizeMode(c));
            if (m_modes.back() == QHeaderView::ResizeToContents)
                h->setSectionResizeMode(c, QHeaderView::Interactive);
        }
    }
    ~BulkTableFill() {
        QHeaderView *h = m_table->horizontalHeader();
        for (int c = 0; c < m_modes.size() && c < h->count(); ++c)
            if (m_modes[c] == QHeaderView::ResizeToContents)
                h->setSectionResizeMode(c, QHeaderView::ResizeToContents);
        m_table->setSortingEnabled(m_sorting);
        m_table->setUpdatesEnabled(true);
    }
    BulkTableFill(const BulkTableFill &) = delete;
    BulkTableFill &operator=(const BulkTableFill &) = delete;

private:
    QTableWidget *m_table;
    bool m_sorting;
    QList<QHeaderView::ResizeMode> m_modes;
};

} // namespace agro::ui

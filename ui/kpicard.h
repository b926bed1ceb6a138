#pragma once

#include <QFrame>

class QLabel;

namespace agro::ui {

/// One key figure on the dashboard: a caption, the value, and a line of context.
/// The raw value is kept (value()) so tests compare numbers, not formatted text.
class KpiCard : public QFrame {
    Q_OBJECT
public:
    KpiCard(const QString &caption, QWidget *parent = nullptr);

    void setValue(double value, const QString &text, const QString &detail = {},
                  const QString &tooltip = {});
    /// Shown while figures load or when none are available.
    void setPlaceholder(const QString &text);
    double value() const { return m_number; }
    QString valueText() const;
    QString detailText() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
    double m_number = 0;
};

} // namespace agro::ui

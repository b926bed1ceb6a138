#include "kpicard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace agro::ui {

KpiCard::KpiCard(const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(this))
    , m_detail(new QLabel(this)) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumWidth(170);

    QFont captionFont = m_caption->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.95);
    m_caption->setFont(captionFont);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_caption->setWordWrap(true);

    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    setPlaceholder(QStringLiteral("…"));
}

void KpiCard::setValue(double value, const QString &text, const QString &detail,
                       const QString &tooltip) {
    m_number = value;
    m_value->setText(text);
    m_detail->setText(detail.isEmpty() ? QStringLiteral(" ") : detail);
    setToolTip(tooltip);
}

void KpiCard::setPlaceholder(const QString &text) {
    m_number = 0;
    m_value->setText(text);
    m_detail->setText(QStringLiteral(" "));
    setToolTip({});
}

QString KpiCard::valueText() const {
    return m_value->text();
}
QString KpiCard::detailText() const {
    return m_detail->text();
}

} // namespace agro::ui

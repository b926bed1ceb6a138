#include "lockveil.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

LockVeil::LockVeil(QWidget *window, const QString &text)
    : QWidget(window)
    , m_button(new QPushButton(tr("Sign In…"), this)) {
    setAutoFillBackground(true);
    setAttribute(Qt::WA_NoMousePropagation);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    auto *label = new QLabel(text, this);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    label->setFont(f);
    label->setAlignment(Qt::AlignCenter);
    layout->addWidget(label);
    layout->addWidget(m_button, 0, Qt::AlignCenter);
    layout->addStretch();
    connect(m_button, &QPushButton::clicked, this, &LockVeil::signInRequested);
    setGeometry(window->rect());
    window->installEventFilter(this);
    raise();
    show();
}

bool LockVeil::eventFilter(QObject *watched, QEvent *event) {
    if (watched == parent() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    if (watched == parent() && event->type() == QEvent::ChildAdded)
        raise(); // stay above widgets added while locked
    return QWidget::eventFilter(watched, event);
}

} // namespace agro::ui

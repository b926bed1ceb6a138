#pragma once

#include <QWidget>

class QPushButton;

namespace agro::ui {

/// An opaque cover over one window while AgroDesk is locked or waiting for sign-in: it hides
/// the window's content and takes its input, and everything under it — an unsaved form, a
/// dialog's running exec() — stays exactly as it was. Follows the window's size.
class LockVeil : public QWidget {
    Q_OBJECT
public:
    LockVeil(QWidget *window, const QString &text);
    QPushButton *signInButton() const { return m_button; }

Q_SIGNALS:
    void signInRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPushButton *m_button;
};

} // namespace agro::ui

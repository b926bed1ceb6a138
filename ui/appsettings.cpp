#include "appsettings.h"

#include <QFileInfo>

namespace agro::ui {

namespace {
const QString kRecent = QStringLiteral("workspace/recent");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPeriod = QStringLiteral("dashboard/period");
const QString kImportDir = QStringLiteral("import/lastDirectory");
} // namespace

QStringList AppSettings::recentWorkspaces() const {
    return m_s->value(kRecent).toStringList();
}

void AppSettings::addRecentWorkspace(const QString &path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = recentWorkspaces();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent)
        list.removeLast();
    m_s->setValue(kRecent, list);
}

void AppSettings::removeRecentWorkspace(const QString &path) {
    QStringList list = recentWorkspaces();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    m_s->setValue(kRecent, list);
}

QByteArray AppSettings::windowGeometry() const {
    return m_s->value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray &g) {
    m_s->setValue(kGeometry, g);
}
QByteArray AppSettings::windowState() const {
    return m_s->value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray &s) {
    m_s->setValue(kState, s);
}
int AppSettings::lockAfterMinutes() const {
    return qMax(0, m_s->value(QStringLiteral("security/lockAfterMinutes"), 10).toInt());
}
void AppSettings::setLockAfterMinutes(int minutes) {
    m_s->setValue(QStringLiteral("security/lockAfterMinutes"), qMax(0, minutes));
}
int AppSettings::backupKeep() const {
    return qMax(1, m_s->value(QStringLiteral("backup/keep"), 10).toInt());
}
void AppSettings::setBackupKeep(int n) {
    m_s->setValue(QStringLiteral("backup/keep"), qMax(1, n));
}
int AppSettings::dashboardPeriod() const {
    return m_s->value(kPeriod, 1).toInt();
}
void AppSettings::setDashboardPeriod(int index) {
    m_s->setValue(kPeriod, index);
}
QString AppSettings::lastImportDirectory() const {
    return m_s->value(kImportDir).toString();
}
void AppSettings::setLastImportDirectory(const QString &dir) {
    m_s->setValue(kImportDir, dir);
}

QString AppSettings::conditionScope(const QString &workspaceId) const {
    return m_s->value(QStringLiteral("conditions/scope/") + workspaceId).toString();
}
void AppSettings::setConditionScope(const QString &workspaceId, const QString &scope) {
    m_s->setValue(QStringLiteral("conditions/scope/") + workspaceId, scope);
}

} // namespace agro::ui

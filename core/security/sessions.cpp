#include "sessions.h"

#include <QFileInfo>

#include <map>
#include <mutex>

namespace agro::security {

namespace {
std::mutex &lock() {
    static std::mutex m;
    return m;
}
std::map<QString, Principal> &table() {
    static std::map<QString, Principal> t;
    return t;
}
// One key per file however it was named (relative, with "..", through a symlink).
QString keyOf(const QString &path) {
    const QFileInfo fi(path);
    const QString canonical = fi.canonicalFilePath();
    return canonical.isEmpty() ? fi.absoluteFilePath() : canonical;
}
} // namespace

void Sessions::signIn(const QString &workspacePath, const Principal &who) {
    std::lock_guard g(lock());
    table()[keyOf(workspacePath)] = who;
}

void Sessions::signOut(const QString &workspacePath) {
    std::lock_guard g(lock());
    table().erase(keyOf(workspacePath));
}

std::optional<Principal> Sessions::current(const QString &workspacePath) {
    std::lock_guard g(lock());
    auto it = table().find(keyOf(workspacePath));
    if (it == table().end())
        return std::nullopt;
    return it->second;
}

} // namespace agro::security

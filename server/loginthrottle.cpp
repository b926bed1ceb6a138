#include "loginthrottle.h"

#include <algorithm>

namespace agro::server {

namespace {
constexpr int kFreeAccountFailures = 3;
constexpr int kFreeAddressFailures = 10;
constexpr qint64 kMaxDelayMs = 900'000;
constexpr size_t kMaxEntries = 100'000; // bound memory under a flood of names
} // namespace

qint64 LoginThrottle::delayMs(int failures, int free) {
    if (failures < free)
        return 0;
    const int doublings = std::min(failures - free, 20);
    return std::min<qint64>(qint64(1000) << doublings, kMaxDelayMs);
}

qint64 LoginThrottle::waitMs(const QString &account, const QString &address, qint64 nowMs) {
    QMutexLocker lock(&m_mutex);
    qint64 wait = 0;
    if (auto a = m_accounts.find(account); a != m_accounts.end())
        wait = std::max(wait, a->second.lastMs + delayMs(a->second.failures, kFreeAccountFailures) -
                                  nowMs);
    if (auto a = m_addresses.find(address); a != m_addresses.end())
        wait = std::max(wait, a->second.lastMs + delayMs(a->second.failures, kFreeAddressFailures) -
                                  nowMs);
    return std::max<qint64>(wait, 0);
}

void LoginThrottle::failed(const QString &account, bool accountExists, const QString &address,
                           qint64 nowMs) {
    QMutexLocker lock(&m_mutex);
    auto &table = accountExists ? m_accounts : m_addresses;
    if (table.size() > kMaxEntries) {
        // Forget entries whose wait is long over.
        for (auto it = table.begin(); it != table.end();)
            it = nowMs - it->second.lastMs > kMaxDelayMs ? table.erase(it) : std::next(it);
    }
    Entry &e = table[accountExists ? account : address];
    ++e.failures;
    e.lastMs = nowMs;
}

void LoginThrottle::succeeded(const QString &account) {
    QMutexLocker lock(&m_mutex);
    m_accounts.erase(account);
}

} // namespace agro::server

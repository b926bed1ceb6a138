#pragma once

#include <QMutex>
#include <QString>

#include <map>

namespace agro::server {

/// Exponential back-off for failed sign-ins (OWASP Authentication Cheat Sheet, "Login
/// throttling"), kept in memory:
///  * per account: the first 3 failures are free; after the n-th, the account accepts no
///    password for min(2^(n−3), 900) seconds — from any address. Attempts during the wait are
///    refused without checking the password and do not lengthen it;
///  * per address, for names that are not accounts (guessing user names): 10 free, then the
///    same doubling.
/// A success clears the account's count. Other accounts are never delayed by one account's
/// failures, so nobody can lock out everyone.
class LoginThrottle {
public:
    /// 0 if an attempt may be checked now, else the milliseconds to wait.
    qint64 waitMs(const QString &account, const QString &address, qint64 nowMs);
    void failed(const QString &account, bool accountExists, const QString &address, qint64 nowMs);
    void succeeded(const QString &account);

    static qint64 delayMs(int failures, int free);

private:
    struct Entry {
        int failures = 0;
        qint64 lastMs = 0;
    };
    QMutex m_mutex;
    std::map<QString, Entry> m_accounts;
    std::map<QString, Entry> m_addresses;
};

} // namespace agro::server

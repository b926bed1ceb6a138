#pragma once

#include "common/result.h"
#include "security/passwordhash.h"
#include "security/sessions.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QDateTime>
#include <QStringList>

namespace agro::services {

/// Failed sign-ins back off exponentially: the first kFreeFailures wrong passwords in a row
/// cost nothing, then each further attempt must wait 1 s, 2 s, 4 s … (at most 15 minutes)
/// after the previous failure. The count lives in the audit log ("signin.failed" entries since
/// the user's last "signin"), so quitting the app does not reset it; attempts refused during
/// a wait are audited as "signin.throttled" and do not lengthen it. Nobody is locked out:
/// the right password works once the wait is over.
struct SignInPolicy {
    int freeFailures = 3;
    qint64 firstDelayMs = 1000;
    qint64 maxDelayMs = 15 * 60 * 1000;
    security::ScryptParams hashParams = security::kMinimumScrypt; ///< upgrade weaker hashes to
};

struct SignInResult {
    security::Principal who;
    bool rehashed = false; ///< the stored hash was weaker than the policy and was replaced
};

/// How long `username` must still wait before a password is checked (0: now).
Result<qint64> signInWaitMs(store::Connection &db, const QString &username, const QDateTime &now,
                            const SignInPolicy &policy = {});

/// Checks the password (in constant time; an unknown name costs the same as a known one),
/// audits the outcome, and on success signs the person in to this workspace
/// (security::Sessions) and upgrades a weaker stored hash. SignInThrottled (detail: the
/// seconds to wait) or SignInFailed (the same for an unknown name and a wrong password).
Result<SignInResult> signIn(store::Connection &db, const QString &username, const QString &password,
                            const QDateTime &now, const SignInPolicy &policy = {});

/// Whether the workspace asks who is using it: the "require_signin" setting if set, else on
/// as soon as more than one enabled user has a password.
Result<bool> requiresSignIn(store::Connection &db);
Result<void> setRequiresSignIn(store::Connection &db, bool on);

/// What the app needs to know before showing a workspace.
struct SignInState {
    bool required = false;
    QStringList usernames;                  ///< people who can sign in (have a password)
    std::optional<security::Principal> who; ///< already acting: the first owner, when not required
};

/// Sign-in for the desktop app, off the UI thread.
class SignInService {
public:
    /// Whether sign-in is required; when it is not, acts as the first owner (as before
    /// people existed) and says who that is.
    static QCoro::Task<Result<SignInState>> prepare(QString workspace);
    /// services::signIn on the writer thread (it writes audit entries and may rehash).
    static QCoro::Task<Result<SignInResult>> signIn(QString workspace, QString username,
                                                    QString password);
    /// The roles of the person signed in to the workspace (every role when nobody is: AgroDesk
    /// itself), for the UI to disable what they may not do.
    static QCoro::Task<Result<QStringList>> roles(QString workspace);
    /// Records a lock or unlock of the app in the audit log.
    static QCoro::Task<Result<void>> audit(QString workspace, QString action);
};

} // namespace agro::services

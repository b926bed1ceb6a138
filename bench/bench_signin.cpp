// Sign-in cost on the "large" demo preset: the scrypt check (N = 2^17, r = 8, p = 1) of a
// workspace sign-in, a wrong password, and an unknown name (which must cost the same, so
// names do not leak), against one bare scrypt hash of the same parameters in the same run.
// Usage: bench_signin WORKSPACE [--runs N]

#include "security/passwordhash.h"
#include "security/sessions.h"
#include "services/signin.h"
#include "services/userservice.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace agro;

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
template<class F> double timeMs(F f) {
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        out << "usage: bench_signin WORKSPACE [--runs N]\n";
        return 2;
    }
    const QString source = args[1];
    const int runs = args.contains(QStringLiteral("--runs"))
                         ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt()
                         : 7;
    // A copy, so the benchmark's users and audit entries stay out of the workspace.
    const QString ws = source + QStringLiteral(".bench-signin");
    QFile::remove(ws);
    if (!QFile::copy(source, ws)) {
        out << "cannot copy " << source << "\n";
        return 1;
    }
    if (auto opened = store::Workspace::open(ws); !opened.ok()) { // migrates an older preset
        out << errorText(opened.error()) << "\n";
        return 1;
    }
    auto db = store::Workspace::connect(ws);
    if (!db.ok()) {
        out << errorText(db.error()) << "\n";
        return 1;
    }
    const QString farm = db->scalar("SELECT id FROM farms LIMIT 1").value().toString();
    const QString password = QStringLiteral("benchmark barley field");
    if (auto added = services::users::add(db.value(), QStringLiteral("timekeeper"), {}, password,
                                          farm, QStringLiteral("manager"));
        !added.ok()) {
        out << "cannot add the user: " << errorText(added.error()) << "\n";
        return 1;
    }
    services::SignInPolicy policy;
    policy.freeFailures = 1 << 20; // measure the check, not the back-off
    std::vector<double> hash, ok, wrong, unknown;
    QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < runs; ++i) {
        hash.push_back(timeMs([&] { (void)security::hashPassword(password); }));
        ok.push_back(timeMs([&] {
            (void)services::signIn(db.value(), QStringLiteral("timekeeper"), password, now, policy);
        }));
        wrong.push_back(timeMs([&] {
            (void)services::signIn(db.value(), QStringLiteral("timekeeper"), QStringLiteral("nope"),
                                   now, policy);
        }));
        unknown.push_back(timeMs([&] {
            (void)services::signIn(db.value(), QStringLiteral("nobody"), password, now, policy);
        }));
        now = now.addSecs(1);
    }
    out << QStringLiteral("runs %1 (median ms)\n").arg(runs);
    out << QStringLiteral("scrypt hash alone      %1\n").arg(median(hash), 0, 'f', 1);
    out << QStringLiteral("sign-in, right         %1  (%2x the hash)\n")
               .arg(median(ok), 0, 'f', 1)
               .arg(median(ok) / median(hash), 0, 'f', 2);
    out << QStringLiteral("sign-in, wrong         %1  (%2x)\n")
               .arg(median(wrong), 0, 'f', 1)
               .arg(median(wrong) / median(hash), 0, 'f', 2);
    out << QStringLiteral("sign-in, unknown name  %1  (%2x)\n")
               .arg(median(unknown), 0, 'f', 1)
               .arg(median(unknown) / median(hash), 0, 'f', 2);
    security::Sessions::signOut(ws);
    QFile::remove(ws);
    return 0;
}

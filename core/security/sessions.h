#pragma once

#include <QString>

#include <optional>

namespace agro::security {

/// A person acting on a workspace.
struct Principal {
    QString userId;
    QString username;
};

/// Who is signed in to each workspace file in this process: the desktop app after its
/// sign-in, the command line after `--as USER` (docs/security.md, "Who is acting"). Every
/// write through the Mutator to a workspace with a signed-in person is checked against the
/// permission table; a workspace with nobody signed in is being written by AgroDesk itself
/// (demo generation, migrations, sync merges, which the server authorized).
class Sessions {
public:
    static void signIn(const QString &workspacePath, const Principal &who);
    static void signOut(const QString &workspacePath);
    static std::optional<Principal> current(const QString &workspacePath);
};

} // namespace agro::security

#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QString>

#include <vector>

namespace agro::services {

/// A server account's role on one farm, as the sync server lists the people of the farms an
/// account belongs to (GET /v1/members).
struct ServerMember {
    QString username;
    QString farmId;
    QString role;
    bool disabled = false;
};

/// Makes the workspace's people and roles on the synced farms those of the server, which is
/// where a team's accounts and roles are managed (docs/security.md, "A synced workspace"):
///  * a server account missing here becomes a person of the workspace (no local password: an
///    owner gives one in Settings → Users to let them sign in on this computer);
///  * their role on each synced farm becomes the server's, and their disabled flag follows;
///  * a person mirrored in an earlier round who no longer has a role on a synced farm loses it
///    here too (revocations reach offline laptops at their next sync).
/// People who exist only in this workspace keep their roles. Written as state derived from the
/// server, which authorized it, so a signed-in person's own role does not gate it. Farms not
/// here yet are skipped until they arrive. Returns how many people or roles changed.
Result<int> mirrorServerMembers(store::Connection &db, const std::vector<ServerMember> &members);

} // namespace agro::services

#pragma once

#include "common/result.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// Who the command acts as on `--workspace` (docs/security.md, "The command line"):
///  * `--as USER`: that person, after their password (AGRODESK_PASSWORD, or the first line
///    of standard input with --password-stdin when the command reads no other password
///    there) when they have one — with the same back-off and audit as the app's sign-in;
///  * no `--as` on a workspace that requires sign-in: refused;
///  * otherwise the workspace's first owner, as the app does without sign-in; a workspace
///    with no users yet is written by AgroDesk itself (its first `user add`).
/// Every write then passes the permission table. `commandReadsStdin`: the command itself
/// takes a (new) password from standard input.
Result<void> actAsRequested(const QCommandLineParser &p, bool commandReadsStdin);

/// `agrodesk-cli user add|grant|revoke|passwd|disable|enable|list …`.
int userCommand(const QCommandLineParser &p, const QString &sub, QTextStream &out,
                QTextStream &err);

/// `agrodesk-cli sign-in-setting --workspace W --set on|off`: whether the app asks who is
/// using the workspace (owners only; audited).
int signInSettingCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

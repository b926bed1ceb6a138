#pragma once

#include "common/result.h"

#include <QString>

namespace agro::store {

/// Where SQLite's file locking can be trusted. On network file systems (NFS, SMB/CIFS, 9p,
/// FUSE mounts such as sshfs) POSIX locks are missing or advisory only, and on FAT/exFAT there
/// is no locking and no durable rename; the SQLite documentation ("How To Corrupt An SQLite
/// Database File", §2.1 and §4) lists both as ways to corrupt a database. A workspace there
/// is refused with a message saying why.
struct FileSystemVerdict {
    bool acceptable = true;
    QString typeName; ///< "nfs", "cifs", "vfat"… for the message
};

/// Classifies a Linux statfs f_type magic number (linux/magic.h).
FileSystemVerdict classifyFileSystem(unsigned long magic);

/// Checks the folder that holds (or will hold) `path`. UnsafeLocation names the type.
Result<void> checkWorkspaceLocation(const QString &path);

} // namespace agro::store

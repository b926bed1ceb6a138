#include "filesystemcheck.h"

#include <QDir>
#include <QFileInfo>

#if defined(Q_OS_LINUX)
#include <sys/vfs.h>
#endif

namespace agro::store {

FileSystemVerdict classifyFileSystem(unsigned long magic) {
    // Magic numbers from linux/magic.h (and fs/smb/client for SMB2).
    struct Known {
        unsigned long magic;
        const char *name;
    };
    static constexpr Known kRefused[] = {
        {0x6969, "nfs"},      {0x517B, "smb"},      {0xFF534D42, "cifs"},  {0xFE534D42, "smb2"},
        {0x01021997, "9p"},   {0x65735546, "fuse"}, {0x00C36400, "ceph"},  {0x5346414F, "afs"},
        {0x6B414653, "afs"},  {0x4d44, "vfat"},     {0x2011BAB0, "exfat"}, {0x564c, "ncp"},
        {0x73757245, "coda"},
    };
    for (const Known &k : kRefused)
        if (k.magic == magic)
            return {false, QString::fromLatin1(k.name)};
    return {true, QString()};
}

Result<void> checkWorkspaceLocation(const QString &path) {
#if defined(Q_OS_LINUX)
    // The nearest existing folder: a new workspace's own file does not exist yet.
    QFileInfo fi(path);
    QString dir = fi.absolutePath();
    while (!QFileInfo::exists(dir) && QDir(dir).cdUp())
        dir = QFileInfo(dir).absolutePath();
    struct statfs st {};
    if (statfs(QFile::encodeName(dir).constData(), &st) != 0)
        return {}; // unknown: the open itself will report a missing folder
    const FileSystemVerdict v = classifyFileSystem(static_cast<unsigned long>(st.f_type));
    if (!v.acceptable) {
        Error e = Error::make(ErrorCode::UnsafeLocation,
                              QStringLiteral("file system type %1").arg(v.typeName));
        e.file = path;
        return e;
    }
#else
    Q_UNUSED(path);
#endif
    return {};
}

} // namespace agro::store

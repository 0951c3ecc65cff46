#include "spec/sourcedigestcache.h"

#include "spec/specfiles.h"

#include <QCryptographicHash>
#include <QMutexLocker>

namespace slipway::spec {

namespace {

// What the digest depends on, short of the bytes: which files, and each one's size and mtime.
QByteArray treeFingerprint(const QList<SourceFile>& files) {
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const SourceFile& file : files) {
        hash.addData(file.path.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        const qint64 stamp[2] = {file.size, file.modifiedNs};
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(stamp), sizeof stamp));
    }
    return hash.result();
}

} // namespace

Result<QString> SourceDigestCache::sourceRootDigest(const QString& root, CopyMode mode,
                                                    const QString& workingDirectory,
                                                    const CancelFlag* cancel) {
    const QString key = QStringLiteral("%1\n%2\n%3").arg(root).arg(int(mode)).arg(workingDirectory);
    // One walk gives the files both for the fingerprint and, when it changed, for the digest.
    const auto files = listSourceFiles(root, mode, workingDirectory, cancel);
    if (!files)
        return std::unexpected(files.error());
    const QByteArray fingerprint = treeFingerprint(*files);
    {
        const QMutexLocker lock(&m_mutex);
        const auto cached = m_entries.constFind(key);
        if (cached != m_entries.constEnd() && cached->fingerprint == fingerprint)
            return cached->digest;
    }
    auto digest = spec::sourceRootDigest(*files, cancel);
    if (!digest)
        return digest;
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(key, {fingerprint, *digest});
    ++m_computed;
    return digest;
}

int SourceDigestCache::computedCount() const {
    const QMutexLocker lock(&m_mutex);
    return m_computed;
}

} // namespace slipway::spec

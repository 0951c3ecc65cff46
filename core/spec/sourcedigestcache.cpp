#include "spec/sourcedigestcache.h"

#include "spec/specfiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMutexLocker>

namespace slipway::spec {

namespace {

// What the digest depends on, short of the bytes: which files, and each one's size and mtime.
QByteArray treeFingerprint(const QList<SourceFile>& files) {
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const SourceFile& file : files) {
        hash.addData(file.path.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        const qint64 stamp[4] = {file.size, file.modifiedNs, file.changedNs, qint64(file.inode)};
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(stamp), sizeof stamp));
    }
    return hash.result();
}

bool changedSince(const QList<SourceFile>& files, qint64 thresholdNs) {
    for (const SourceFile& file : files)
        if (file.modifiedNs >= thresholdNs || file.changedNs >= thresholdNs)
            return true;
    return false;
}

} // namespace

SourceDigestCache::SourceDigestCache(PersistedDigests persisted, qint64 settledNs)
    : m_persisted(std::move(persisted)), m_settledNs(settledNs) {}

std::shared_ptr<SourceDigestCache> SourceDigestCache::persistent() {
    return std::make_shared<SourceDigestCache>(PersistedDigests(PersistedDigests::defaultDirectory()));
}

Result<QString> SourceDigestCache::sourceRootDigest(const QString& root, CopyMode mode,
                                                    const QString& workingDirectory,
                                                    const CancelFlag* cancel) {
    const QString key = keyOf(root, mode, workingDirectory);
    const qint64 listedNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    // One walk gives the files both for the fingerprint and, when it changed, for the digest.
    const auto files = listSourceFiles(root, mode, workingDirectory, cancel);
    if (!files)
        return std::unexpected(files.error());
    const QByteArray fingerprint = treeFingerprint(*files);
    {
        const QMutexLocker lock(&m_mutex);
        const auto cached = m_entries.find(key);
        if (cached != m_entries.end() && cached->fingerprint == fingerprint) {
            cached->files = *files;
            return cached->digest;
        }
    }
    if (m_persisted) {
        if (auto stored = m_persisted->find(key, fingerprint)) {
            const QMutexLocker lock(&m_mutex);
            m_entries.insert(key, {fingerprint, *stored, *files});
            return *stored;
        }
    }
    auto digest = spec::sourceRootDigest(*files, cancel);
    if (!digest)
        return digest;
    if (m_persisted && !changedSince(*files, listedNs - m_settledNs))
        m_persisted->store(key, fingerprint, *digest);
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(key, {fingerprint, *digest, *files});
    ++m_computed;
    return digest;
}

QString SourceDigestCache::keyOf(const QString& root, CopyMode mode, const QString& workingDirectory) {
    return QStringLiteral("%1\n%2\n%3").arg(root).arg(int(mode)).arg(workingDirectory);
}

std::optional<QList<SourceFile>> SourceDigestCache::lastListing(const QString& root, CopyMode mode,
                                                                const QString& workingDirectory) const {
    const QMutexLocker lock(&m_mutex);
    const auto cached = m_entries.constFind(keyOf(root, mode, workingDirectory));
    if (cached == m_entries.constEnd())
        return std::nullopt;
    return cached->files;
}

int SourceDigestCache::computedCount() const {
    const QMutexLocker lock(&m_mutex);
    return m_computed;
}

} // namespace slipway::spec

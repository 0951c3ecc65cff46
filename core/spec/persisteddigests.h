#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace slipway::spec {

// source_root digests kept on disk between runs, so a fresh `slipway-cli build` or a newly opened
// editor does not read a large unchanged tree again to compute flytekit's tag. One small file per
// tree (named by a hash of the tree's key) holding the key, the tree's fingerprint and its digest; a
// digest is only handed out for the same key and fingerprint. Digests of file contents are not
// secrets. The folder is bounded: the least recently used entries beyond kMaxEntries are removed.
class PersistedDigests {
public:
    static constexpr int kMaxEntries = 256;

    explicit PersistedDigests(QString directory);

    // The cache folder shared by the app and the CLI (both compute the same tags).
    static QString defaultDirectory();

    std::optional<QString> find(const QString& key, const QByteArray& fingerprint) const;
    // Best effort: a cache that cannot be written only costs time, so failures are silent.
    void store(const QString& key, const QByteArray& fingerprint, const QString& digest) const;

private:
    QString entryPath(const QString& key) const;
    void prune() const;

    QString m_directory;
};

} // namespace slipway::spec

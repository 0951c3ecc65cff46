#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "spec/persisteddigests.h"
#include "spec/pyvalue.h"
#include "spec/specfiles.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>

namespace slipway::spec {

// source_root digests, kept while the tree is unchanged. An editor re-tags its spec on every edit;
// reading a large tree again each time would leave the tag far behind the typing. A digest is reused
// when listing the tree gives the same files with the same sizes and modification times, which costs
// one directory walk instead of reading every byte. Thread-safe: tags are computed on the thread pool.
// With a PersistedDigests the digests also outlive the process (the CLI, the app's next start).
class SourceDigestCache {
public:
    // File systems stamp times at a granularity of up to a few seconds, so a file written in the same
    // tick as the listing can change again without its stamps changing (git's "racy" entries). A
    // digest is only kept on disk when every file was last changed this long before the listing.
    static constexpr qint64 kDefaultSettledNs = 3'000'000'000;

    SourceDigestCache() = default;
    explicit SourceDigestCache(PersistedDigests persisted, qint64 settledNs = kDefaultSettledNs);

    // A cache backed by PersistedDigests::defaultDirectory().
    static std::shared_ptr<SourceDigestCache> persistent();

    Result<QString> sourceRootDigest(const QString& root, CopyMode mode, const QString& workingDirectory,
                                     const CancelFlag* cancel = nullptr);

    // The files of this tree's last listing (by sourceRootDigest), so a build can take the same
    // files into its context that its tag was computed from, without walking the tree again.
    std::optional<QList<SourceFile>> lastListing(const QString& root, CopyMode mode,
                                                 const QString& workingDirectory) const;

    // How many digests were read from the files rather than reused (for tests and benchmarks).
    int computedCount() const;

private:
    struct Entry {
        QByteArray fingerprint;
        QString digest;
        QList<SourceFile> files;
    };

    static QString keyOf(const QString& root, CopyMode mode, const QString& workingDirectory);

    std::optional<PersistedDigests> m_persisted;
    qint64 m_settledNs = kDefaultSettledNs;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    int m_computed = 0;
};

} // namespace slipway::spec

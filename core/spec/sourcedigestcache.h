#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "spec/pyvalue.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

namespace slipway::spec {

// source_root digests, kept while the tree is unchanged. An editor re-tags its spec on every edit;
// reading a large tree again each time would leave the tag far behind the typing. A digest is reused
// when listing the tree gives the same files with the same sizes and modification times, which costs
// one directory walk instead of reading every byte. Thread-safe: tags are computed on the thread pool.
class SourceDigestCache {
public:
    Result<QString> sourceRootDigest(const QString& root, CopyMode mode, const QString& workingDirectory,
                                     const CancelFlag* cancel = nullptr);

    // How many digests were read from the files rather than reused (for tests and benchmarks).
    int computedCount() const;

private:
    struct Entry {
        QByteArray fingerprint;
        QString digest;
    };

    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    int m_computed = 0;
};

} // namespace slipway::spec

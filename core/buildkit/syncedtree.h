#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace slipway::buildkit {

// One entry of a directory a BuildKit session serves to the daemon.
struct SyncedEntry {
    QString path;        // '/'-separated, relative, no "." or ".." components
    QString sourcePath;  // a file on disk; empty when `contents` holds the bytes (or for a directory)
    QByteArray contents; // generated files (the Dockerfile, requirements)
    bool isDirectory = false;
};

// What the daemon asks for on one DiffCopy, from the call's metadata: fsutil's include patterns
// ("include-patterns" and "followpaths", which BuildKit fills with a Dockerfile's COPY sources) and
// exclude patterns (the context's .dockerignore, as the Dockerfile frontend read it).
struct SyncFilter {
    QStringList includePatterns;
    QStringList excludePatterns;
};

// What one DiffCopy did, for the log and for tests: how much of the context the daemon really pulled.
struct SyncReport {
    QString directory;     // the dir-name the daemon asked for: "context" or "dockerfile"
    bool finished = false; // false: the transfer starts, entriesListed is what will be listed
    int entriesListed = 0; // STAT packets sent
    QStringList requested; // files the daemon asked for (REQ packets), in the order asked
    qint64 bytesSent = 0;  // file bytes sent
    QString error;         // empty when the transfer completed
};

// A virtual directory in the order fsutil's walker produces and its receiver checks ("changes out of
// order" otherwise): depth first, every directory before what it holds, siblings sorted by their
// names' bytes. Parents missing from the entries are added. Immutable once built, so transfer threads may
// read it while the Qt thread holds it.
class SyncedTree {
public:
    SyncedTree() = default;
    explicit SyncedTree(QList<SyncedEntry> entries);

    const QList<SyncedEntry>& entries() const { return m_entries; }

    // The entries the daemon asked for, in walk order, as indexes into entries(). Matching follows
    // fsutil: an include pattern matches a path component by component (a directory on the way to a
    // pattern is included, and so is everything under a match); exclude patterns follow .dockerignore
    // rules ('*', '?', '**', "!" re-includes, the last matching pattern wins, a match on a directory
    // covers its contents). The parents of every selected entry are selected too.
    QList<qsizetype> select(const SyncFilter& filter) const;

private:
    QList<SyncedEntry> m_entries;
};

} // namespace slipway::buildkit

Q_DECLARE_METATYPE(slipway::buildkit::SyncReport)

#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "spec/pyvalue.h"

#include <QString>
#include <QStringList>

namespace slipway::spec {

// The files flytekit's `ls_files` selects under `source_root` in ALL mode, in the order it hashes
// them (sorted path strings). `root` is the spec's source_root exactly as written: flytekit matches
// ignore patterns against paths that still carry a relative root's prefix (reference §8.1), so the
// same tree gives different selections for "src" and "/abs/src". `workingDirectory` resolves a
// relative root. Each entry is the path as flytekit forms it (root joined with the relative path).
struct SourceFile {
    QString path;         // root-joined path as flytekit sees it, e.g. "src/pkg/mod.py"
    QString absolutePath; // for reading
    QString relativePath; // relative to the root, '/'-separated, e.g. "pkg/mod.py"
    // From the listing's stat, for change detection (SourceDigestCache). The status change time and
    // inode catch what size and mtime miss: a file rewritten or replaced with its old mtime restored
    // (`cp -p`, `touch -r`, an unpacked archive) still gets a new ctime, which no tool can set.
    qint64 size = 0;
    qint64 modifiedNs = 0;
    qint64 changedNs = 0;
    quint64 inode = 0;
};

Result<QList<SourceFile>> listSourceFiles(const QString& root, CopyMode mode, const QString& workingDirectory,
                                          const CancelFlag* cancel = nullptr);

// MD5 over the files of listSourceFiles: per file its bytes, then its relative path without
// separators. Streams each file; never holds a whole file in memory.
Result<QString> sourceRootDigest(const QString& root, CopyMode mode, const QString& workingDirectory,
                                 const CancelFlag* cancel = nullptr);
// The same over files listed already.
Result<QString> sourceRootDigest(const QList<SourceFile>& files, const CancelFlag* cancel = nullptr);

// flytekit's `compute_digest(copy)`: MD5 over the listed files and directories in list order.
Result<QString> copyDigest(const QStringList& entries, const QString& workingDirectory,
                           const CancelFlag* cancel = nullptr);

// SHA-1 of the requirements file with leading/trailing ASCII whitespace stripped (as `bytes.strip()`).
Result<QString> requirementsDigest(const QString& path, const QString& workingDirectory);

} // namespace slipway::spec

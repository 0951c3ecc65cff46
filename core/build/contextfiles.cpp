#include "build/contextfiles.h"

#include "build/pytext.h"
#include "spec/sourcedigestcache.h"
#include "spec/specfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>

namespace slipway::build {

namespace {

using spec::Field;

std::unexpected<Error> cancelled() {
    return fail(QStringLiteral("build.cancelled"),
                QStringLiteral("Preparing the build context was cancelled"));
}

// pathlib.PurePosixPath(text).parts without the root: "./a//b/" -> ["a", "b"].
QStringList pathParts(const QString& text) {
    QStringList parts = text.split(u'/', Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    return parts;
}

// PurePosixPath.as_posix() of relative parts: "." when there are none.
QString posixPath(const QStringList& parts) {
    return parts.isEmpty() ? QStringLiteral(".") : parts.join(u'/');
}

// Every file and folder below `directory` (shutil.copytree follows symlinks), sorted so the context
// is the same from run to run.
Result<QList<ContextEntry>> treeEntries(const QString& directory, const QString& archivePrefix,
                                        const CancelFlag* cancel) {
    // Copying "." puts the folder's files at the top of the context.
    const QString prefix = archivePrefix == QLatin1String(".") ? QString() : archivePrefix + u'/';
    QList<ContextEntry> entries;
    if (!prefix.isEmpty())
        entries.append({archivePrefix, directory, {}, true});
    QDirIterator it(directory, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    const QDir root(directory);
    while (it.hasNext()) {
        if (isCancelled(cancel))
            return cancelled();
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        entries.append({prefix + root.relativeFilePath(path), path, {}, info.isDir()});
    }
    std::sort(entries.begin() + (prefix.isEmpty() ? 0 : 1), entries.end(),
              [](const ContextEntry& a, const ContextEntry& b) { return a.archivePath < b.archivePath; });
    return entries;
}

} // namespace

Result<CopyStep> planSourceCopy(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                bool listFiles, const CancelFlag* cancel,
                                const spec::SourceDigestCache* digests) {
    const spec::PyValue modeValue = resolved.value(Field::SourceCopyMode);
    if (modeValue.isNone())
        return CopyStep{};
    if (modeValue.kind() != spec::PyValue::Kind::CopyMode)
        return fail(QStringLiteral("build.invalidField"),
                    QStringLiteral("source_copy_mode must be LOADED_MODULES, ALL or NO_COPY, not %1")
                        .arg(modeValue.repr()),
                    QStringLiteral("Write source_copy_mode: ALL to copy every file of source_root"));
    const spec::CopyMode mode = modeValue.copyMode();
    if (mode == spec::CopyMode::NoCopy)
        return CopyStep{};

    const spec::PyValue root = resolved.value(Field::SourceRoot);
    if (!root.truthy())
        return fail(QStringLiteral("build.sourceRootMissing"),
                    QStringLiteral("source_root must be set when source_copy_mode copies files"),
                    QStringLiteral("Set source_root to the project folder, or source_copy_mode to NO_COPY"));

    CopyStep step{QStringLiteral("COPY --chown=flytekit ./src /root"), {}};
    if (!listFiles)
        return step;
    // flytekit creates src/ even when no file is selected: the COPY line needs it.
    step.entries.append({QStringLiteral("src"), {}, {}, true});
    std::optional<QList<spec::SourceFile>> listed;
    if (digests)
        listed = digests->lastListing(pyStr(root), mode, host.workingDirectory);
    const auto files =
        listed ? std::move(*listed) : spec::listSourceFiles(pyStr(root), mode, host.workingDirectory, cancel);
    if (!files)
        return std::unexpected(files.error());
    for (const spec::SourceFile& file : *files)
        step.entries.append({QStringLiteral("src/") + file.relativePath, file.absolutePath, {}, false});
    return step;
}

Result<CopyStep> planExtraCopies(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                 bool listFiles, const CancelFlag* cancel) {
    const spec::PyValue copy = resolved.value(Field::Copy);
    if (!copy.truthy())
        return CopyStep{};
    if (!copy.isStringList())
        return fail(QStringLiteral("build.invalidField"),
                    QStringLiteral("copy must be a list of relative paths, not %1").arg(copy.repr()),
                    QStringLiteral("Write copy as a list, e.g. copy: [\"data/config.yaml\"]"));

    CopyStep step;
    QStringList commands;
    for (const QString& entry : copy.toStringList()) {
        const QStringList parts = pathParts(entry);
        if (entry.startsWith(u'/') || parts.contains(QStringLiteral("..")))
            return fail(
                QStringLiteral("build.copyPath"),
                QStringLiteral("Absolute paths or paths with '..' are not allowed in COPY command."),
                QStringLiteral("Make %1 relative to %2, inside it").arg(entry, host.workingDirectory));
        const QString path = posixPath(parts);
        const QFileInfo info(host.resolvePath(path));
        if (info.isDir()) {
            commands.append(QStringLiteral("COPY --chown=flytekit %1 /root/%1/").arg(path));
            if (!listFiles)
                continue;
            auto entries = treeEntries(info.absoluteFilePath(), path, cancel);
            if (!entries)
                return std::unexpected(entries.error());
            step.entries.append(*entries);
        } else if (info.isFile()) {
            commands.append(QStringLiteral("COPY --chown=flytekit %1 /root/%2/")
                                .arg(path, posixPath(parts.mid(0, parts.size() - 1))));
            if (listFiles)
                step.entries.append({path, info.absoluteFilePath(), {}, false});
        } else {
            return fail(QStringLiteral("build.missingFile"),
                        QStringLiteral("copy entry %1 does not exist").arg(entry),
                        QStringLiteral("Fix the path; copy paths start at %1").arg(host.workingDirectory));
        }
    }
    step.command = commands.join(u'\n');
    return step;
}

} // namespace slipway::build

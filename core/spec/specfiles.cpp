#include "spec/specfiles.h"

#include "spec/ignorerules.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace slipway::spec {

namespace {

constexpr qsizetype kReadChunk = 1 << 20;

QString pythonJoin(const QString& head, const QString& tail) {
    if (head.isEmpty() || head.endsWith(QLatin1Char('/')))
        return head + tail;
    return head + QLatin1Char('/') + tail;
}

// Sorts `items` by the string `key` gives, in Python's order for str: by code point, which is UTF-8
// byte order. Each key is converted once (a comparison converting both sides made sorting a 20,000
// file tree cost more than listing it).
template <typename T, typename Key> void sortAsPython(QList<T>& items, Key key) {
    std::vector<std::pair<QByteArray, qsizetype>> order;
    order.reserve(size_t(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i)
        order.emplace_back(key(items[i]).toUtf8(), i);
    std::sort(order.begin(), order.end());
    QList<T> sorted;
    sorted.reserve(items.size());
    for (const auto& entry : order)
        sorted.append(std::move(items[entry.second]));
    items = std::move(sorted);
}

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

Error cancelledError() {
    return Error{QStringLiteral("cancelled"), QStringLiteral("Hashing was cancelled"), {}, {}};
}

// One directory level as os.scandir reports it: names in the file system's own order, split into
// directories (symlinks to directories included, as DirEntry.is_dir() follows links) and the rest.
struct ListedFile {
    QString name;
    // stat(), taken relative to the open directory (no path walk per file); st_mode 0 where it
    // failed (a dangling link, or a file gone since readdir).
    struct stat info;
};
struct DirectoryListing {
    QStringList directories;
    QList<ListedFile> files;
};

Result<DirectoryListing> listDirectory(const QString& path) {
    const QByteArray native = QFile::encodeName(path);
    DIR* dir = ::opendir(native.constData());
    if (!dir) {
        const int error = errno;
        return fail(QStringLiteral("unreadable-directory"),
                    QStringLiteral("Cannot read folder %1: %2").arg(path, systemError(error)),
                    QStringLiteral("check its permissions, or exclude it in .dockerignore"));
    }
    DirectoryListing listing;
    const int directoryFd = ::dirfd(dir);
    while (dirent* entry = ::readdir(dir)) {
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        // The entry's type from the directory itself saves a stat per folder; links and file systems
        // that do not say need the stat (is_dir() follows links).
        const bool known = entry->d_type != DT_UNKNOWN && entry->d_type != DT_LNK;
        if (known && entry->d_type == DT_DIR) {
            listing.directories.append(QFile::decodeName(name));
            continue;
        }
        struct stat info {};
        if (::fstatat(directoryFd, name, &info, 0) != 0)
            info.st_mode = 0;
        if (S_ISDIR(info.st_mode)) {
            listing.directories.append(QFile::decodeName(name));
        } else {
            listing.files.append({QFile::decodeName(name), info});
        }
    }
    ::closedir(dir);
    return listing;
}

bool isSymlink(const QString& path) {
    struct stat info {};
    const QByteArray native = QFile::encodeName(path);
    return ::lstat(native.constData(), &info) == 0 && S_ISLNK(info.st_mode);
}

enum class FileKind { Missing, Socket, Regular, Special };

FileKind kindOf(const struct stat& info) {
    if (info.st_mode == 0)
        return FileKind::Missing; // os.path.exists() is false: dangling link, or vanished
    if (S_ISSOCK(info.st_mode))
        return FileKind::Socket;
    if (S_ISREG(info.st_mode))
        return FileKind::Regular;
    return FileKind::Special;
}

FileKind classify(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        info.st_mode = 0;
    return kindOf(info);
}

// Feeds a file's bytes to the hash in chunks.
Result<void> hashFileContents(const QString& path, QCryptographicHash& hash, const CancelFlag* cancel) {
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return fail(QStringLiteral("unreadable-file"),
                    QStringLiteral("Cannot read %1: %2").arg(path, systemError(error)),
                    QStringLiteral("fix its permissions, or exclude it (.dockerignore in source_root)"));
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    static thread_local QByteArray buffer(kReadChunk, Qt::Uninitialized);
    for (;;) {
        if (isCancelled(cancel)) {
            ::close(fd);
            return std::unexpected(cancelledError());
        }
        const ssize_t count = ::read(fd, buffer.data(), static_cast<size_t>(buffer.size()));
        if (count < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            ::close(fd);
            return fail(QStringLiteral("unreadable-file"),
                        QStringLiteral("Cannot read %1: %2").arg(path, systemError(error)),
                        QStringLiteral("fix the file or exclude it (.dockerignore in source_root)"));
        }
        if (count == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), count));
    }
    ::close(fd);
    return {};
}

// flytekit's _pathhash_update: the relative path with its separators removed.
void hashRelativePath(const QString& relativePath, QCryptographicHash& hash) {
    QString joined = relativePath;
    joined.remove(QLatin1Char('/'));
    hash.addData(joined.toUtf8());
}

// compute_digest_for_file: skip what does not exist and sockets, then bytes + path.
Result<void> digestOneFile(const QString& path, FileKind kind, const QString& relativePath,
                           QCryptographicHash& hash, const CancelFlag* cancel) {
    switch (kind) {
    case FileKind::Missing:
    case FileKind::Socket:
        return {};
    case FileKind::Special:
        return fail(
            QStringLiteral("special-file"),
            QStringLiteral("%1 is not a regular file (a device or pipe) and cannot be hashed").arg(path),
            QStringLiteral("remove it from the copied files"));
    case FileKind::Regular:
        break;
    }
    if (auto hashed = hashFileContents(path, hash, cancel); !hashed)
        return hashed;
    hashRelativePath(relativePath, hash);
    return {};
}

// os.walk(top, topdown=True, followlinks=False): files sorted per folder, subfolders in the
// file system's order (flytekit's compute_digest does not sort them), symlinked folders skipped.
Result<void> digestDirectory(const QString& top, const QString& directory, QCryptographicHash& hash,
                             const CancelFlag* cancel) {
    auto listing = listDirectory(directory);
    if (!listing)
        return std::unexpected(listing.error());
    sortAsPython(listing->files, [](const ListedFile& file) -> const QString& { return file.name; });
    for (const ListedFile& file : std::as_const(listing->files)) {
        const QString path = pythonJoin(directory, file.name);
        const QString relativePath = QDir(top).relativeFilePath(path);
        if (auto done = digestOneFile(path, kindOf(file.info), relativePath, hash, cancel); !done)
            return done;
    }
    for (const QString& name : listing->directories) {
        const QString path = pythonJoin(directory, name);
        if (isSymlink(path))
            continue;
        if (auto done = digestDirectory(top, path, hash, cancel); !done)
            return done;
    }
    return {};
}

qint64 nanoseconds(const struct timespec& time) {
    return qint64(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

// flytekit's list_all_files: the walk, minus .git, missing files, sockets and ignored files.
// `walkPath` is the folder as flytekit names it (starting with source_root as written).
Result<void> collectSourceFiles(const QString& walkPath, const QString& absoluteDirectory,
                                const QString& absoluteRoot, const SourceIgnoreRules& rules,
                                QList<SourceFile>& out, const CancelFlag* cancel) {
    if (isCancelled(cancel))
        return std::unexpected(cancelledError());
    auto listing = listDirectory(absoluteDirectory);
    if (!listing)
        return std::unexpected(listing.error());
    for (const auto& [name, info] : std::as_const(listing->files)) {
        const QString path = pythonJoin(walkPath, name);
        const QString absolutePath = pythonJoin(absoluteDirectory, name);
        const FileKind kind = kindOf(info);
        if (kind == FileKind::Missing || kind == FileKind::Socket)
            continue;
        if (rules.isIgnored(path))
            continue;
        if (kind == FileKind::Special)
            return fail(
                QStringLiteral("special-file"),
                QStringLiteral("%1 in source_root is not a regular file (a device or pipe)").arg(path),
                QStringLiteral("remove it or list it in source_root's .dockerignore"));
        // absolutePath is absoluteRoot joined with the relative path, by construction.
        const qsizetype prefix = absoluteRoot.size() + (absoluteRoot.endsWith(QLatin1Char('/')) ? 0 : 1);
        out.append(SourceFile{path, absolutePath, absolutePath.mid(prefix), qint64(info.st_size),
                              nanoseconds(info.st_mtim), nanoseconds(info.st_ctim), quint64(info.st_ino)});
    }
    for (const QString& name : listing->directories) {
        if (name == QLatin1String(".git"))
            continue;
        if (isSymlink(pythonJoin(absoluteDirectory, name)))
            continue;
        if (auto done = collectSourceFiles(pythonJoin(walkPath, name), pythonJoin(absoluteDirectory, name),
                                           absoluteRoot, rules, out, cancel);
            !done)
            return done;
    }
    return {};
}

} // namespace

Result<QList<SourceFile>> listSourceFiles(const QString& root, CopyMode mode, const QString& workingDirectory,
                                          const CancelFlag* cancel) {
    if (mode == CopyMode::NoCopy)
        return QList<SourceFile>{};
    if (root.isEmpty())
        return fail(QStringLiteral("empty-source-root"),
                    QStringLiteral("source_root is empty but source_copy_mode asks to copy files"),
                    QStringLiteral("set source_root to a folder, or set source_copy_mode: NO_COPY"));
    if (mode == CopyMode::LoadedModules) {
        // flytekit lists the modules imported by its own Python process. A relative root never matches
        // them (commonpath of absolute and relative paths fails), so the selection is empty and
        // deterministic; an absolute root depends on the running program and cannot be known here.
        if (!QDir::isAbsolutePath(root))
            return QList<SourceFile>{};
        return fail(
            QStringLiteral("loaded-modules"),
            QStringLiteral("source_root %1 with source_copy_mode LOADED_MODULES: the files depend on the "
                           "modules a running Python program imported, so the tag cannot be computed")
                .arg(root),
            QStringLiteral("set source_copy_mode: ALL (copies every file not ignored)"));
    }

    const QString absoluteRoot = QDir::isAbsolutePath(root) ? root : QDir(workingDirectory).filePath(root);
    const QFileInfo rootInfo(absoluteRoot);
    if (!rootInfo.exists())
        return fail(QStringLiteral("missing-source-root"),
                    QStringLiteral("source_root %1 does not exist").arg(root),
                    QStringLiteral("create the folder or fix the path (relative paths start at %1)")
                        .arg(workingDirectory));
    if (!rootInfo.isDir())
        return fail(QStringLiteral("source-root-not-folder"),
                    QStringLiteral("source_root %1 is not a folder").arg(root),
                    QStringLiteral("point source_root at the folder that holds your code"));

    const SourceIgnoreRules rules(root, absoluteRoot);
    QList<SourceFile> files;
    if (auto done = collectSourceFiles(root, absoluteRoot, absoluteRoot, rules, files, cancel); !done)
        return std::unexpected(done.error());
    // flytekit sorts the path strings.
    sortAsPython(files, [](const SourceFile& file) -> const QString& { return file.path; });
    return files;
}

Result<QString> sourceRootDigest(const QString& root, CopyMode mode, const QString& workingDirectory,
                                 const CancelFlag* cancel) {
    auto files = listSourceFiles(root, mode, workingDirectory, cancel);
    if (!files)
        return std::unexpected(files.error());
    return sourceRootDigest(*files, cancel);
}

Result<QString> sourceRootDigest(const QList<SourceFile>& files, const CancelFlag* cancel) {
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const SourceFile& file : files) {
        if (auto hashed = hashFileContents(file.absolutePath, hash, cancel); !hashed)
            return std::unexpected(hashed.error());
        hashRelativePath(file.relativePath, hash);
    }
    return QString::fromLatin1(hash.result().toHex());
}

Result<QString> copyDigest(const QStringList& entries, const QString& workingDirectory,
                           const CancelFlag* cancel) {
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const QString& entry : entries) {
        const QString path = QDir::isAbsolutePath(entry) ? entry : pythonJoin(workingDirectory, entry);
        if (QFileInfo(path).isDir()) {
            if (auto done = digestDirectory(path, path, hash, cancel); !done)
                return std::unexpected(done.error());
        } else {
            // A file contributes its basename only (os.path.basename: text after the last '/').
            const QString baseName = entry.mid(entry.lastIndexOf(QLatin1Char('/')) + 1);
            if (auto done = digestOneFile(path, classify(path), baseName, hash, cancel); !done)
                return std::unexpected(done.error());
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

Result<QString> requirementsDigest(const QString& path, const QString& workingDirectory) {
    const QString absolute = QDir::isAbsolutePath(path) ? path : QDir(workingDirectory).filePath(path);
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return fail(QStringLiteral("missing-requirements"),
                        QStringLiteral("requirements file %1 does not exist").arg(path),
                        QStringLiteral("create it or fix the path (relative paths start at %1)")
                            .arg(workingDirectory));
        return fail(QStringLiteral("unreadable-requirements"),
                    QStringLiteral("Cannot read requirements file %1: %2").arg(path, file.errorString()),
                    QStringLiteral("check the file's permissions"));
    }
    // bytes.strip() without reading the file at once: drop leading whitespace, and hold back runs of
    // whitespace until a non-whitespace byte proves they are not trailing.
    const auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    QCryptographicHash hash(QCryptographicHash::Sha1);
    QByteArray pending;
    bool started = false;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(kReadChunk);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError)
            return fail(QStringLiteral("unreadable-requirements"),
                        QStringLiteral("Cannot read requirements file %1: %2").arg(path, file.errorString()));
        const qsizetype size = chunk.size();
        qsizetype i = 0;
        while (i < size) {
            qsizetype j = i;
            while (j < size && isSpace(chunk[j]))
                ++j;
            if (started)
                pending.append(chunk.constData() + i, j - i);
            if (j == size)
                break;
            qsizetype k = j;
            while (k < size && !isSpace(chunk[k]))
                ++k;
            hash.addData(pending);
            pending.clear();
            hash.addData(QByteArrayView(chunk.constData() + j, k - j));
            started = true;
            i = k;
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace slipway::spec

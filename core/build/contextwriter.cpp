#include "build/contextwriter.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace slipway::build {

namespace {

constexpr qint64 kChunkSize = 64 * 1024;
constexpr int kFileMode = 0644;
constexpr int kExecutableMode = 0755;
constexpr int kDirectoryMode = 0755;

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;
using EntryPtr = std::unique_ptr<archive_entry, EntryDeleter>;

// What libarchive's write callback needs: the device, a running byte count, and whether the stream
// was given up. Failures are never reported to libarchive: a failed libarchive handle cannot be freed
// without leaking (3.6), so an abandoned stream swallows what libarchive still writes while closing.
struct Sink {
    QIODevice* device = nullptr;
    qint64 written = 0;
    bool abandoned = false;
    QString deviceError;
};

la_ssize_t writeToDevice(archive*, void* clientData, const void* buffer, size_t length) {
    auto* sink = static_cast<Sink*>(clientData);
    if (sink->abandoned)
        return static_cast<la_ssize_t>(length);
    const qint64 count = sink->device->write(static_cast<const char*>(buffer), static_cast<qint64>(length));
    if (count < 0) {
        sink->deviceError = sink->device->errorString();
        sink->abandoned = true;
        return static_cast<la_ssize_t>(length);
    }
    sink->written += count;
    return count;
}

class TarWriter {
public:
    TarWriter(QIODevice& out, const CancelFlag* cancel) : m_archive(archive_write_new()), m_cancel(cancel) {
        m_sink.device = &out;
    }
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;
    ~TarWriter() {
        // Closing pads the current entry to its announced size: after a cancel or an error that would
        // send up to a whole file of zeros, so nothing more reaches the device.
        if (!m_finished)
            m_sink.abandoned = true;
    }

    Result<void> open() {
        // pax_restricted writes plain ustar headers and adds pax records only for what ustar cannot hold
        // (long or non-ASCII names, files over 8 GiB).
        if (archive_write_set_format_pax_restricted(m_archive.get()) != ARCHIVE_OK ||
            archive_write_add_filter_none(m_archive.get()) != ARCHIVE_OK ||
            archive_write_open(m_archive.get(), &m_sink, nullptr, writeToDevice, nullptr) != ARCHIVE_OK)
            return archiveError(QStringLiteral("Cannot start the build context"));
        return {};
    }

    Result<void> add(const ContextEntry& entry) {
        if (auto parents = addParents(entry.archivePath); !parents)
            return parents;
        if (entry.isDirectory)
            return addDirectory(entry.archivePath);
        if (entry.sourcePath.isEmpty())
            return addBytes(entry.archivePath, entry.contents);
        return addFile(entry.archivePath, entry.sourcePath);
    }

    Result<qint64> finish() {
        m_finished = true;
        if (archive_write_close(m_archive.get()) != ARCHIVE_OK || !m_sink.deviceError.isEmpty())
            return archiveError(QStringLiteral("Cannot finish the build context"));
        return m_sink.written;
    }

private:
    std::unexpected<Error> archiveError(const QString& message) {
        const QString detail = m_sink.deviceError.isEmpty()
                                   ? QString::fromLocal8Bit(archive_error_string(m_archive.get()))
                                   : m_sink.deviceError;
        return fail(
            QStringLiteral("build.contextWrite"), message,
            QStringLiteral("Check that the Docker engine is still reachable and the disk is not full"),
            detail);
    }

    static std::unexpected<Error> cancelled() {
        return fail(QStringLiteral("build.cancelled"),
                    QStringLiteral("Sending the build context was cancelled"));
    }

    // Fixed owner and time: the same plan gives the same bytes, and so the same build cache keys.
    Result<void> writeHeader(const QString& path, unsigned int type, int mode, qint64 size) {
        EntryPtr entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), path.toUtf8().constData());
        archive_entry_set_filetype(entry.get(), type);
        archive_entry_set_perm(entry.get(), static_cast<mode_t>(mode));
        archive_entry_set_size(entry.get(), size);
        archive_entry_set_mtime(entry.get(), 0, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK || !m_sink.deviceError.isEmpty())
            return archiveError(QStringLiteral("Cannot add %1 to the build context").arg(path));
        return {};
    }

    Result<void> writeData(const QString& path, const char* data, qint64 size) {
        if (archive_write_data(m_archive.get(), data, static_cast<size_t>(size)) != size ||
            !m_sink.deviceError.isEmpty())
            return archiveError(QStringLiteral("Cannot write %1 into the build context").arg(path));
        return {};
    }

    Result<void> addParents(const QString& path) {
        qsizetype slash = path.indexOf(u'/');
        while (slash > 0) {
            if (auto directory = addDirectory(path.left(slash)); !directory)
                return directory;
            slash = path.indexOf(u'/', slash + 1);
        }
        return {};
    }

    Result<void> addDirectory(const QString& path) {
        if (m_directories.contains(path))
            return {};
        m_directories.insert(path);
        return writeHeader(path, AE_IFDIR, kDirectoryMode, 0);
    }

    Result<void> addBytes(const QString& path, const QByteArray& contents) {
        if (auto header = writeHeader(path, AE_IFREG, kFileMode, contents.size()); !header)
            return header;
        return writeData(path, contents.constData(), contents.size());
    }

    Result<void> addFile(const QString& path, const QString& sourcePath) {
        QFile file(sourcePath);
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("build.unreadableFile"),
                QStringLiteral("Cannot read %1: %2").arg(sourcePath, file.errorString()),
                QStringLiteral("Check the file's permissions, or add it to .dockerignore to leave it out"));
        const qint64 size = file.size();
        const bool executable =
            file.permissions() & (QFile::ExeOwner | QFile::ExeUser | QFile::ExeGroup | QFile::ExeOther);
        if (auto header = writeHeader(path, AE_IFREG, executable ? kExecutableMode : kFileMode, size);
            !header)
            return header;

        // The header promised `size` bytes: a file that grows or shrinks meanwhile would corrupt the tar.
        const auto changed = [&] {
            return fail(QStringLiteral("build.fileChanged"),
                        QStringLiteral("%1 changed while it was being sent to the build").arg(sourcePath),
                        QStringLiteral("Wait until whatever writes it has finished, then build again"));
        };
        QByteArray buffer(static_cast<qsizetype>(kChunkSize), Qt::Uninitialized);
        qint64 remaining = size;
        while (remaining > 0) {
            if (isCancelled(m_cancel))
                return cancelled();
            const qint64 count = file.read(buffer.data(), std::min(kChunkSize, remaining));
            if (count < 0)
                return fail(QStringLiteral("build.unreadableFile"),
                            QStringLiteral("Cannot read %1: %2").arg(sourcePath, file.errorString()),
                            QStringLiteral("Check the file and the disk it is on"));
            if (count == 0)
                return changed();
            if (auto data = writeData(path, buffer.constData(), count); !data)
                return data;
            remaining -= count;
        }
        char extra = 0;
        if (file.read(&extra, 1) != 0)
            return changed();
        return {};
    }

    ArchivePtr m_archive;
    Sink m_sink;
    const CancelFlag* m_cancel;
    QSet<QString> m_directories;
    bool m_finished = false;
};

} // namespace

Result<qint64> writeBuildContext(const BuildPlan& plan, QIODevice& out, const CancelFlag* cancel) {
    TarWriter writer(out, cancel);
    if (auto opened = writer.open(); !opened)
        return std::unexpected(opened.error());
    for (const ContextEntry& entry : plan.entries) {
        if (isCancelled(cancel))
            return fail(QStringLiteral("build.cancelled"),
                        QStringLiteral("Sending the build context was cancelled"));
        if (auto added = writer.add(entry); !added)
            return std::unexpected(added.error());
    }
    return writer.finish();
}

} // namespace slipway::build

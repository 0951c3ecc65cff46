#include "buildkit/filesyncservice.h"

#include <QCryptographicHash>
#include <QFile>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace slipway::buildkit {

namespace {

namespace fs = fsutil::types;

// Go's os.FileMode bits, which fsutil puts on the wire as they are.
constexpr std::uint32_t goModeDir = 1u << 31;
constexpr std::uint32_t fileMode = 0644;
constexpr std::uint32_t executableMode = 0755;
constexpr std::uint32_t directoryMode = 0755;

// 2000-01-01T00:00:00Z in nanoseconds: directories' time, and the base of generated files' times.
constexpr std::int64_t epoch2000 = 946684800LL * 1000000000LL;

// Data packets carry this much of a file; fsutil itself sends 32 KiB, any size the daemon's gRPC
// limit (4 MiB) allows works. Bigger means fewer messages per byte.
constexpr qint64 chunkSize = 128 * 1024;
// Files sent at the same time, as fsutil's sender does (4): the daemon writes each requested file on
// its own goroutine, so one file at a time would leave its disk writes waiting on each other.
constexpr int senderThreads = 4;
// Small packets (stats, small files) may wait in the channel so they share frames and syscalls; at
// most this much is held back before a write goes out at once.
constexpr qint64 maxCorked = 1024 * 1024;

// A generated file has no mtime, and a fixed one would hide a changed Dockerfile of the same size
// from the daemon's cache check. A time derived from the bytes changes exactly when they do.
std::int64_t generatedModTime(const QByteArray& contents) {
    const QByteArray digest = QCryptographicHash::hash(contents, QCryptographicHash::Sha256);
    std::uint64_t value = 0;
    std::memcpy(&value, digest.constData(), sizeof value);
    // Within about 31 years after 2000: a time every file system the daemon may use can store.
    return epoch2000 + static_cast<std::int64_t>(value % (1000000000ULL * 1000000000ULL));
}

QString errorText(const QString& path, const char* what) {
    return QStringLiteral("cannot read %1 (%2): %3")
        .arg(path, QString::fromLocal8Bit(what), QString::fromLocal8Bit(std::strerror(errno)));
}

// gRPC status codes (grpc/doc/statuscodes.md).
constexpr int kCancelled = 1;
constexpr int kNotFound = 5;
constexpr int kFailedPrecondition = 9;
constexpr int kAborted = 10;

// One DiffCopy call.
class Transfer {
public:
    // `sent`: the entries to list, from SyncedTree::select.
    Transfer(PacketChannel& channel, const SyncedTree& tree, QList<qsizetype> sent,
             const std::atomic_bool* stop)
        : m_channel(channel), m_tree(tree), m_stop(stop), m_sent(std::move(sent)) {}

    DiffCopyStatus run(SyncReport& report) {
        m_requested.assign(static_cast<size_t>(m_sent.size()), false);
        m_reader = std::thread([this] { readRequests(); });
        DiffCopyStatus status = sendStats(report);
        if (status.ok())
            status = serveRequests(report);
        report.bytesSent = m_bytesSent;
        if (!status.ok()) {
            report.error = QString::fromStdString(status.message);
            m_channel.cancel(); // wakes the reader
        }
        m_reader.join();
        return status;
    }

private:
    bool stopped() const { return m_stop->load() || m_channel.cancelled(); }

    static DiffCopyStatus cancelled() { return {kCancelled, "the build context transfer was stopped"}; }

    // Writes, holding small packets back (buffer hint) unless `flush` or enough waits already.
    bool write(const fs::Packet& packet, bool flush) {
        std::lock_guard lock(m_writeMutex); // one write at a time on the channel
        return writeLocked(packet, flush);
    }

    // A file's closing (empty) DATA packet. It may wait in the buffer only while more files are on
    // their way (queued, or being sent by another thread): whichever sender finishes last sees none
    // and flushes. Deciding under the write lock keeps a held-back packet from being the last write.
    bool writeFileEnd(const fs::Packet& packet) {
        std::lock_guard lock(m_writeMutex);
        const bool more = --m_inFlight > 0 || m_queued > 0;
        return writeLocked(packet, !more);
    }

    bool writeLocked(const fs::Packet& packet, bool flush) {
        m_corked += static_cast<qint64>(packet.ByteSizeLong());
        const bool holdBack = !flush && m_corked < maxCorked;
        if (!holdBack)
            m_corked = 0;
        return m_channel.write(packet, !holdBack);
    }

    DiffCopyStatus fail(const QString& message) {
        fs::Packet packet;
        packet.set_type(fs::Packet::PACKET_ERR);
        packet.set_data(message.toStdString());
        write(packet, true);
        return {kFailedPrecondition, message.toStdString()};
    }

    // fsutil's Stat for an entry: the real size and nanosecond mtime of a file on disk (what the
    // daemon's cache compares), stable values for directories and generated files. Permissions are
    // 0644/0755 and owners root, as the tar context had them, so images do not depend on the umask.
    std::optional<QString> fillStat(const SyncedEntry& entry, fs::Stat& stat) {
        stat.set_path(entry.path.toStdString());
        if (entry.isDirectory) {
            stat.set_mode(goModeDir | directoryMode);
            stat.set_modtime(epoch2000);
            return std::nullopt;
        }
        if (entry.sourcePath.isEmpty()) {
            stat.set_mode(fileMode);
            stat.set_size(entry.contents.size());
            stat.set_modtime(generatedModTime(entry.contents));
            return std::nullopt;
        }
        struct stat info {};
        if (::stat(QFile::encodeName(entry.sourcePath).constData(), &info) != 0)
            return errorText(entry.sourcePath, "stat");
        stat.set_mode((info.st_mode & 0111) ? executableMode : fileMode);
        stat.set_size(info.st_size);
        stat.set_modtime(static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000LL +
                         info.st_mtim.tv_nsec);
        return std::nullopt;
    }

    DiffCopyStatus sendStats(SyncReport& report) {
        fs::Packet packet;
        packet.set_type(fs::Packet::PACKET_STAT);
        for (qsizetype id = 0; id < m_sent.size(); ++id) {
            if (id % 256 == 0 && stopped())
                return cancelled();
            fs::Stat* stat = packet.mutable_stat();
            stat->Clear();
            if (const auto error = fillStat(m_tree.entries()[m_sent[id]], *stat))
                return fail(*error + QStringLiteral("; check the file, then build again"));
            if (!write(packet, false))
                return cancelled();
            ++report.entriesListed;
        }
        packet.clear_stat(); // the end of the listing
        if (!write(packet, true))
            return cancelled();
        return {};
    }

    // Sends what the daemon asks for on senderThreads threads until its FIN, then answers FIN.
    DiffCopyStatus serveRequests(SyncReport& report) {
        std::vector<std::thread> senders;
        for (int i = 0; i < senderThreads; ++i)
            senders.emplace_back([this, &report] { sendRequestedFiles(report); });
        for (std::thread& sender : senders)
            sender.join();
        {
            std::lock_guard lock(m_mutex);
            if (!m_failure.ok())
                return m_failure;
            if (!m_finished)
                return {kAborted,
                        m_receiverError.isEmpty()
                            ? std::string("the engine ended the build context transfer early")
                            : ("the engine stopped the transfer: " + m_receiverError.toStdString())};
        }
        fs::Packet fin;
        fin.set_type(fs::Packet::PACKET_FIN);
        if (!write(fin, true))
            return cancelled();
        return {};
    }

    // One sender thread: the next requested file, until the daemon is done, gone, or a send failed.
    void sendRequestedFiles(SyncReport& report) {
        for (;;) {
            std::optional<std::uint32_t> id;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, std::chrono::milliseconds(50), [this] {
                    return !m_requests.empty() || m_finished || m_readerDone || !m_failure.ok();
                });
                if (!m_failure.ok() || (m_requests.empty() && (m_finished || m_readerDone)))
                    return;
                if (!m_requests.empty()) {
                    id = m_requests.front();
                    m_requests.pop_front();
                    ++m_inFlight; // before the queue shrinks: see writeFileEnd
                    --m_queued;
                }
            }
            DiffCopyStatus status = stopped() ? cancelled() : id ? sendFile(*id, report) : DiffCopyStatus{};
            if (!status.ok()) {
                std::lock_guard lock(m_mutex);
                if (m_failure.ok())
                    m_failure = std::move(status);
                m_wake.notify_all();
                return;
            }
        }
    }

    // DATA packets with the file's bytes, then an empty one. An empty chunk is never sent before the
    // end: it would end the file early.
    DiffCopyStatus sendFile(std::uint32_t id, SyncReport& report) {
        {
            std::lock_guard lock(m_mutex);
            if (id >= m_sent.size() || m_requested[id] || m_tree.entries()[m_sent[id]].isDirectory)
                return fail(QStringLiteral("the engine asked for an unknown file (id %1)").arg(id));
            m_requested[id] = true;
            report.requested.append(m_tree.entries()[m_sent[id]].path);
        }
        const SyncedEntry& entry = m_tree.entries()[m_sent[id]];
        fs::Packet packet;
        packet.set_type(fs::Packet::PACKET_DATA);
        packet.set_id(id);
        if (entry.sourcePath.isEmpty()) {
            for (qsizetype offset = 0; offset < entry.contents.size(); offset += chunkSize) {
                const qsizetype length = std::min<qsizetype>(chunkSize, entry.contents.size() - offset);
                packet.set_data(entry.contents.constData() + offset, static_cast<size_t>(length));
                if (!write(packet, length == chunkSize))
                    return cancelled();
                m_bytesSent += length;
            }
        } else {
            QFile file(entry.sourcePath);
            if (!file.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("cannot read %1: %2; check the file, then build again")
                                .arg(entry.sourcePath, file.errorString()));
            for (;;) {
                if (stopped())
                    return cancelled();
                qint64 count = 0;
                // Read straight into the packet, without zero-filling the chunk first.
                packet.mutable_data()->resize_and_overwrite(
                    static_cast<size_t>(chunkSize), [&](char* data, size_t size) {
                        count = file.read(data, static_cast<qint64>(size));
                        return count > 0 ? static_cast<size_t>(count) : 0;
                    });
                if (count < 0)
                    return fail(
                        QStringLiteral("cannot read %1: %2; check the file and its disk, then build again")
                            .arg(entry.sourcePath, file.errorString()));
                if (count == 0)
                    break;
                // A full chunk goes out at once; the tail of a small file may share a frame with its end.
                if (!write(packet, count == chunkSize))
                    return cancelled();
                m_bytesSent += count;
            }
        }
        packet.clear_data();
        if (!writeFileEnd(packet))
            return cancelled();
        return {};
    }

    // The daemon's side of the stream, on a thread of its own: REQs queue up while files are sent.
    void readRequests() {
        fs::Packet packet;
        while (m_channel.read(&packet)) {
            std::lock_guard lock(m_mutex);
            if (packet.type() == fs::Packet::PACKET_REQ) {
                m_requests.push_back(packet.id());
                ++m_queued;
            } else if (packet.type() == fs::Packet::PACKET_FIN) {
                m_finished = true; // nothing follows but the end of the stream
                m_wake.notify_all();
                return;
            } else if (packet.type() == fs::Packet::PACKET_ERR) {
                m_receiverError = QString::fromStdString(packet.data());
                break;
            }
            m_wake.notify_all();
        }
        std::lock_guard lock(m_mutex);
        m_readerDone = true;
        m_wake.notify_all();
    }

    PacketChannel& m_channel;
    const SyncedTree& m_tree;
    const std::atomic_bool* m_stop;
    const QList<qsizetype> m_sent; // STAT index (the packets' ID) -> entry
    std::thread m_reader;

    // Lock order: m_mutex may be held while taking m_writeMutex (an error reply), never the reverse.
    std::mutex m_writeMutex;
    qint64 m_corked = 0;            // guarded by m_writeMutex
    std::atomic<int> m_queued{0};   // requests not yet taken by a sender
    std::atomic<int> m_inFlight{0}; // files taken and not yet ended
    std::atomic<qint64> m_bytesSent{0};

    // Guarded by m_mutex: the daemon's requests and how the transfer stands.
    std::mutex m_mutex;
    std::vector<bool> m_requested; // by ID: a file is sent once
    std::condition_variable m_wake;
    std::deque<std::uint32_t> m_requests;
    bool m_finished = false;
    bool m_readerDone = false;
    QString m_receiverError;
    DiffCopyStatus m_failure; // the first sender's failure
};

} // namespace

DiffCopyStatus serveDiffCopy(PacketChannel& channel, const DirectoryMap& directories,
                             const MetadataLookup& metadata, const std::atomic_bool* stop,
                             const std::function<void(const SyncReport&)>& reportTo) {
    // BuildKit's metadata keys (session/filesync/filesync.go). There are no client-side excludes here
    // (the plan already left ignored files out), so "override-excludes" changes nothing.
    const QString name = metadata("dir-name").value(0);
    const std::shared_ptr<const SyncedTree> tree = directories.value(name);
    SyncReport report;
    report.directory = name;
    if (!tree) {
        report.finished = true;
        report.error = QStringLiteral("no directory named \"%1\" in this session").arg(name);
        reportTo(report);
        return {kNotFound, "no access allowed to dir \"" + name.toStdString() + "\""};
    }
    const SyncFilter filter{metadata("include-patterns") + metadata("followpaths"),
                            metadata("exclude-patterns")};
    QList<qsizetype> selected = tree->select(filter);
    report.entriesListed = static_cast<int>(selected.size());
    reportTo(report);
    report.entriesListed = 0;
    Transfer transfer(channel, *tree, std::move(selected), stop);
    const DiffCopyStatus status = transfer.run(report);
    report.finished = true;
    reportTo(report);
    return status;
}

} // namespace slipway::buildkit

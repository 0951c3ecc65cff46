#pragma once

#include "buildkit/syncedtree.h"
#include "filesync.grpc.pb.h"

#include <QHash>
#include <atomic>
#include <functional>
#include <memory>

namespace slipway::buildkit {

// moby.filesync.v1.FileSync/DiffCopy, the sending side of fsutil's protocol (tonistiigi/fsutil
// send.go): the daemon opens the stream with the directory's name in the "dir-name" metadata; we send
// one STAT per entry in walk order and an empty STAT; the daemon compares the stats with its cached
// copy (keyed by the session's shared key) and REQuests only the files whose size, mtime or mode
// changed, by their index in the STAT sequence; each gets DATA chunks and an empty DATA; the daemon's
// FIN is answered with FIN and the stream ends. Runs on gRPC threads: the trees are immutable, files
// are read in chunks by four sender threads per call (as fsutil sends four files at once), and `stop`
// (set when the session closes) ends a transfer between two chunks.
class FileSyncService final : public moby::filesync::v1::FileSync::Service {
public:
    using Packet = fsutil::types::Packet;
    using Stream = grpc::ServerReaderWriter<Packet, Packet>;
    // Called on the gRPC thread when a transfer starts and when it ends, however it ends.
    using ReportCallback = std::function<void(const SyncReport&)>;

    FileSyncService(QHash<QString, std::shared_ptr<const SyncedTree>> directories,
                    const std::atomic_bool* stop, ReportCallback report);

    grpc::Status DiffCopy(grpc::ServerContext* context, Stream* stream) override;

private:
    QHash<QString, std::shared_ptr<const SyncedTree>> m_directories;
    const std::atomic_bool* m_stop;
    ReportCallback m_report;
};

} // namespace slipway::buildkit

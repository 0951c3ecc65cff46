#pragma once

#include "buildkit/syncedtree.h"
#include "fsutil.pb.h"

#include <QHash>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace slipway::buildkit {

// The stream of one DiffCopy call (on the session's HTTP/2 server: H2PacketChannel; tests use others).
// Used from several threads: writes are serialised by the caller, one reader thread reads.
class PacketChannel {
public:
    virtual ~PacketChannel() = default;
    // `flush`: send now; otherwise the packet may wait for the next ones. False: the call is gone.
    virtual bool write(const fsutil::types::Packet& packet, bool flush) = 0;
    // Blocks for the daemon's next packet. False: the daemon ended its side or the call is gone.
    virtual bool read(fsutil::types::Packet* packet) = 0;
    virtual bool cancelled() const = 0;
    // Ends the call from our side: a read in progress returns false.
    virtual void cancel() = 0;
};

// A gRPC status: code 0 is OK (grpc/doc/statuscodes.md).
struct DiffCopyStatus {
    int code = 0;
    std::string message;
    bool ok() const { return code == 0; }
};

using DirectoryMap = QHash<QString, std::shared_ptr<const SyncedTree>>;
// The call's request metadata (headers) by key: "dir-name", "include-patterns", ...
using MetadataLookup = std::function<QStringList(const char* key)>;

// moby.filesync.v1.FileSync/DiffCopy, the sending side of fsutil's protocol (tonistiigi/fsutil
// send.go): the daemon opens the stream with the directory's name in the "dir-name" metadata; we send
// one STAT per entry in walk order and an empty STAT; the daemon compares the stats with its cached
// copy (keyed by the session's shared key) and REQuests only the files whose size, mtime or mode
// changed, by their index in the STAT sequence; each gets DATA chunks and an empty DATA; the daemon's
// FIN is answered with FIN and the stream ends. Runs on the call's own thread: the trees are immutable, files
// are read in chunks by four sender threads per call (as fsutil sends four files at once), and `stop`
// (set when the session closes) ends a transfer between two chunks.
// `reportTo` hears when the transfer starts and when it ends.
DiffCopyStatus serveDiffCopy(PacketChannel& channel, const DirectoryMap& directories,
                             const MetadataLookup& metadata, const std::atomic_bool* stop,
                             const std::function<void(const SyncReport&)>& reportTo);

} // namespace slipway::buildkit

#include "buildkit/sessionserver.h"

#include "auth.pb.h"
#include "buildkit/filesyncservice.h"
#include "buildkit/grpcframing.h"
#include "buildkit/h2grpcserver.h"

#include <QLocalSocket>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <thread>
#include <vector>

namespace slipway::buildkit {

namespace {

namespace auth = moby::filesync::v1;

// The methods the engine may call back; it only calls what the session announces. FetchToken and the
// token-authority pair stay UNIMPLEMENTED (the generated base class answers that), which makes
// BuildKit fetch registry tokens itself with what Credentials returned (§7, verified).
constexpr const char* exposedMethods[] = {
    "/moby.filesync.v1.Auth/Credentials",
    "/moby.filesync.v1.Auth/FetchToken",
    "/moby.filesync.v1.Auth/GetTokenAuthority",
    "/moby.filesync.v1.Auth/VerifyTokenAuthority",
    "/grpc.health.v1.Health/Check",
};
// Announced only when the session serves a directory; the daemon then pulls the context through it.
constexpr const char* fileSyncMethod = "/moby.filesync.v1.FileSync/DiffCopy";

// BuildKit's own session ids are 25 base-36 characters (identity.NewID); any unique token works.
QByteArray newSessionId() {
    static constexpr char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QByteArray id(25, '0');
    for (char& c : id)
        c = alphabet[QRandomGenerator::system()->bounded(36)];
    return id;
}

// DiffCopy's packets on one call of the session's HTTP/2 server. Packets held back (no flush) share
// one buffer; the transfer serialises writes, so `m_pending` needs no lock of its own.
class H2PacketChannel final : public PacketChannel {
public:
    explicit H2PacketChannel(std::shared_ptr<GrpcCall> call) : m_call(std::move(call)) {}

    bool write(const fsutil::types::Packet& packet, bool flush) override {
        if (m_pending.empty()) // room for a whole batch: growing it would copy what it holds
            m_pending.reserve(kBatchBytes + kGrpcPrefixBytes + packet.ByteSizeLong());
        appendGrpcFrame(m_pending, packet);
        if (!flush && m_pending.size() < kBatchBytes)
            return !m_call->gone();
        return m_call->send(std::exchange(m_pending, {}));
    }
    bool read(fsutil::types::Packet* packet) override {
        const auto message = m_call->receive();
        return message && packet->ParseFromString(*message);
    }
    bool cancelled() const override { return m_call->gone(); }
    void cancel() override { m_call->cancel(); }

private:
    static constexpr std::size_t kBatchBytes = 64 * 1024;
    std::shared_ptr<GrpcCall> m_call;
    std::string m_pending;
};

// grpc.health.v1.HealthCheckResponse{status: SERVING}, framed: the engine health-checks the session.
std::string servingResponse() {
    return std::string("\0\0\0\0\x02\x08\x01", 7);
}

} // namespace

struct SessionServer::Private {
    QByteArray id = newSessionId();
    QByteArray sharedKey;
    CredentialLookup lookup;
    DirectoryMap directories;
    std::atomic_bool stopping{false}; // read by file transfers on their threads
    H2GrpcServer* server = nullptr;
    std::vector<std::thread> transfers; // one per DiffCopy call
    QPointer<QIODevice> connection;
    QList<QMetaObject::Connection> connectionLinks;
    bool attached = false;
    bool closed = false;

    // Stops everything without signals (also used by the destructor). `closeConnection` is false when
    // the connection itself is closing: closing it again from inside its aboutToClose would nest.
    void shutdown(bool closeConnection) {
        stopping = true;
        for (const QMetaObject::Connection& link : std::as_const(connectionLinks))
            QObject::disconnect(link);
        connectionLinks.clear();
        if (server)
            server->shutdown(); // every call ends: the transfers' reads and writes return
        for (std::thread& transfer : transfers)
            transfer.join();
        transfers.clear();
        delete std::exchange(server, nullptr);
        if (closeConnection && connection && connection->isOpen())
            connection->close();
    }
};

SessionServer::SessionServer(CredentialLookup lookup, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>()) {
    d->lookup = std::move(lookup);
}

SessionServer::~SessionServer() {
    d->shutdown(true);
}

QByteArray SessionServer::sessionId() const {
    return d->id;
}

void SessionServer::setSharedKey(const QByteArray& key) {
    d->sharedKey = key;
}

void SessionServer::serveDirectory(const QString& name, std::shared_ptr<const SyncedTree> tree) {
    if (!d->attached && tree)
        d->directories.insert(name, std::move(tree));
}

// Connection: Upgrade is the only Connection header of the request (EngineRequest adds its own
// "Connection: close" only to requests that do not upgrade).
QList<std::pair<QByteArray, QByteArray>> SessionServer::upgradeHeaders() const {
    QList<std::pair<QByteArray, QByteArray>> headers{
        {"Upgrade", "h2c"},
        {"Connection", "Upgrade"},
        {"X-Docker-Expose-Session-Uuid", d->id},
        {"X-Docker-Expose-Session-Name", "slipway"},
        // BuildKit keys its copy of a local context by this.
        {"X-Docker-Expose-Session-Sharedkey", d->sharedKey.isEmpty() ? d->id : d->sharedKey},
    };
    for (const char* method : exposedMethods)
        headers.emplaceBack("X-Docker-Expose-Session-Grpc-Method", method);
    if (!d->directories.isEmpty())
        headers.emplaceBack("X-Docker-Expose-Session-Grpc-Method", fileSyncMethod);
    return headers;
}

void SessionServer::attach(QIODevice* connection, const QByteArray& bytesAfterHeaders) {
    if (d->attached || d->closed)
        return;
    d->attached = true;
    d->connection = connection;
    if (!connection || !connection->isOpen()) {
        Q_EMIT failed(tr("the engine's session connection closed before the BuildKit session started; "
                         "start the build again"));
        finish(false);
        return;
    }

    QHash<QString, H2GrpcServer::Method> methods;
    methods.insert(QStringLiteral("/grpc.health.v1.Health/Check"),
                   {false, [](const std::shared_ptr<GrpcCall>& call) {
                        call->send(servingResponse());
                        call->finish(0);
                    }});
    // Credentials only: FetchToken and the token-authority pair answer UNIMPLEMENTED (not served),
    // which makes BuildKit fetch registry tokens itself with what Credentials returned (§7, verified).
    methods.insert(QStringLiteral("/moby.filesync.v1.Auth/Credentials"),
                   {false, [this](const std::shared_ptr<GrpcCall>& call) { answerCredentials(call); }});
    if (!d->directories.isEmpty())
        methods.insert(QString::fromLatin1(fileSyncMethod),
                       {true, [this](const std::shared_ptr<GrpcCall>& call) { startDiffCopy(call); }});
    d->server = new H2GrpcServer(connection, std::move(methods));
    connect(d->server, &H2GrpcServer::failed, this, [this](const QString& message) {
        if (d->closed)
            return;
        Q_EMIT failed(message);
        close();
    });

    // The engine ending the session (or the device going away) ends it here.
    const auto engineGone = [this] { finish(false); };
    d->connectionLinks += {
        connect(connection, &QIODevice::readChannelFinished, this, engineGone),
        connect(connection, &QIODevice::aboutToClose, this, engineGone),
        connect(connection, &QObject::destroyed, this, engineGone),
    };
    if (auto* local = qobject_cast<QLocalSocket*>(connection))
        d->connectionLinks.append(connect(local, &QLocalSocket::disconnected, this, engineGone));
    else if (auto* socket = qobject_cast<QAbstractSocket*>(connection))
        d->connectionLinks.append(connect(socket, &QAbstractSocket::disconnected, this, engineGone));
    d->server->start(bytesAfterHeaders);
}

// The lookup's answer to the engine, and to the owner which host was asked for (never the secret).
// The lookup may wait on a keychain: it runs on a thread of its own, never the GUI's.
void SessionServer::answerCredentials(const std::shared_ptr<GrpcCall>& call) {
    d->transfers.emplace_back([this, call, lookup = d->lookup] {
        moby::filesync::v1::CredentialsRequest request;
        const auto message = call->receive();
        if (!message || !request.ParseFromString(*message)) {
            call->finish(3, QStringLiteral("malformed CredentialsRequest")); // INVALID_ARGUMENT
            return;
        }
        const QString host = QString::fromStdString(request.host());
        const std::optional<SessionCredentials> found = lookup ? lookup(host) : std::nullopt;
        moby::filesync::v1::CredentialsResponse response;
        if (found) {
            response.set_username(found->username.toStdString());
            response.set_secret(found->secret.toStdString());
        }
        // An empty answer means "anonymous" to BuildKit, which is what the docker CLI sends too.
        std::string frame;
        appendGrpcFrame(frame, response);
        call->send(std::move(frame));
        call->finish(0);
        const bool answered = found.has_value();
        QMetaObject::invokeMethod(
            this, [this, host, answered] { Q_EMIT credentialsRequested(host, answered); },
            Qt::QueuedConnection);
    });
}

// DiffCopy runs on a thread of its own: it reads files and waits on the engine's requests.
void SessionServer::startDiffCopy(const std::shared_ptr<GrpcCall>& call) {
    const auto report = [this](const SyncReport& syncReport) {
        QMetaObject::invokeMethod(
            this,
            [this, syncReport] {
                if (syncReport.finished)
                    Q_EMIT directoryTransferred(syncReport);
                else
                    Q_EMIT directoryTransferStarted(syncReport);
            },
            Qt::QueuedConnection);
    };
    d->transfers.emplace_back([call, report, directories = d->directories, stopping = &d->stopping] {
        H2PacketChannel channel(call);
        const DiffCopyStatus status = serveDiffCopy(
            channel, directories, [&call](const char* key) { return call->metadata(QByteArray(key)); },
            stopping, report);
        call->finish(status.code, QString::fromStdString(status.message));
    });
}

void SessionServer::close() {
    finish(true);
}

void SessionServer::finish(bool closeConnection) {
    if (d->closed)
        return;
    d->closed = true;
    d->shutdown(closeConnection);
    Q_EMIT closed();
}

} // namespace slipway::buildkit

#include "buildkit/sessionserver.h"

#include "auth.grpc.pb.h"
#include "buildkit/filesyncservice.h"

#include <QHostAddress>
#include <QLocalSocket>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <chrono>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

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

// The most bytes the bridge keeps in memory on the way to the engine.
constexpr qint64 bridgeHighWater = 4 * 1024 * 1024;

// Shutdown waits this long for calls in flight before cancelling them, so closing never hangs.
constexpr auto shutdownGrace = std::chrono::milliseconds(500);

// BuildKit's own session ids are 25 base-36 characters (identity.NewID); any unique token works.
QByteArray newSessionId() {
    static constexpr char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QByteArray id(25, '0');
    for (char& c : id)
        c = alphabet[QRandomGenerator::system()->bounded(36)];
    return id;
}

// Runs on a gRPC thread. Hands the lookup's answer to the engine and tells the owner which host was
// asked for, through its event loop (never the secret).
class AuthService final : public auth::Auth::Service {
public:
    AuthService(CredentialLookup lookup, SessionServer* owner)
        : m_lookup(std::move(lookup)), m_owner(owner) {}

    grpc::Status Credentials(grpc::ServerContext*, const auth::CredentialsRequest* request,
                             auth::CredentialsResponse* response) override {
        const QString host = QString::fromStdString(request->host());
        const std::optional<SessionCredentials> found = m_lookup ? m_lookup(host) : std::nullopt;
        if (found) {
            response->set_username(found->username.toStdString());
            response->set_secret(found->secret.toStdString());
        }
        // An empty answer means "anonymous" to BuildKit, which is what the docker CLI sends too.
        SessionServer* owner = m_owner;
        const bool answered = found.has_value();
        QMetaObject::invokeMethod(
            owner, [owner, host, answered] { Q_EMIT owner->credentialsRequested(host, answered); },
            Qt::QueuedConnection);
        return grpc::Status::OK;
    }

private:
    CredentialLookup m_lookup;
    SessionServer* m_owner;
};

} // namespace

struct SessionServer::Private {
    QByteArray id = newSessionId();
    QByteArray sharedKey;
    std::unique_ptr<AuthService> auth;
    QHash<QString, std::shared_ptr<const SyncedTree>> directories;
    std::unique_ptr<FileSyncService> fileSync;
    std::atomic_bool stopping{false}; // read by file transfers on gRPC threads
    std::unique_ptr<grpc::Server> server;
    QPointer<QIODevice> connection;
    QTcpSocket* bridge = nullptr;
    QByteArray pendingToBridge; // engine bytes that arrived before the bridge connected
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
        if (bridge) {
            bridge->disconnect();
            bridge->abort();
        }
        if (closeConnection && connection && connection->isOpen())
            connection->close();
        if (server) {
            server->Shutdown(std::chrono::system_clock::now() + shutdownGrace);
            server->Wait();
            server.reset();
        }
    }
};

SessionServer::SessionServer(CredentialLookup lookup, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>()) {
    d->auth = std::make_unique<AuthService>(std::move(lookup), this);
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

    grpc::EnableDefaultHealthCheckService(true); // the engine health-checks the session
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(d->auth.get());
    if (!d->directories.isEmpty()) {
        d->fileSync =
            std::make_unique<FileSyncService>(d->directories, &d->stopping, [this](const SyncReport& report) {
                QMetaObject::invokeMethod(
                    this,
                    [this, report] {
                        if (report.finished)
                            Q_EMIT directoryTransferred(report);
                        else
                            Q_EMIT directoryTransferStarted(report);
                    },
                    Qt::QueuedConnection);
            });
        builder.RegisterService(d->fileSync.get());
    }
    d->server = builder.BuildAndStart();
    if (!d->server || port == 0) {
        Q_EMIT failed(tr("could not start the BuildKit session's gRPC server on 127.0.0.1 (registry "
                         "logins for base images will not work); check that loopback networking is up"));
        close();
        return;
    }

    d->bridge = new QTcpSocket(this);
    connect(d->bridge, &QTcpSocket::connected, this, [this] {
        d->bridge->setSocketOption(QAbstractSocket::LowDelayOption, 1); // gRPC frames are small
        d->bridge->write(std::exchange(d->pendingToBridge, {}));
    });
    // gRPC -> engine carries the build context: at most bridgeHighWater bytes wait in either socket's
    // buffer, so a context larger than memory flows at the engine's pace (TCP back-pressure stops the
    // file transfer's writes when the engine reads slowly).
    d->bridge->setReadBufferSize(bridgeHighWater);
    const auto toEngine = [this] {
        if (!d->connection || !d->connection->isOpen() || !d->bridge)
            return;
        while (d->bridge->bytesAvailable() > 0 && d->connection->bytesToWrite() < bridgeHighWater)
            d->connection->write(d->bridge->read(bridgeHighWater));
    };
    connect(d->bridge, &QTcpSocket::readyRead, this, toEngine);
    d->connectionLinks.append(connect(connection, &QIODevice::bytesWritten, this, toEngine));
    connect(d->bridge, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (d->closed)
            return;
        Q_EMIT failed(tr("the BuildKit session's local gRPC connection failed (%1): registry logins for "
                         "base images stop working; start the build again")
                          .arg(d->bridge->errorString()));
        close();
    });

    const auto fromEngine = [this] {
        if (!d->connection)
            return;
        const QByteArray data = d->connection->readAll();
        if (d->bridge->state() == QAbstractSocket::ConnectedState)
            d->bridge->write(data);
        else
            d->pendingToBridge += data;
    };
    // The engine ending the session (or the device going away) ends the bridge.
    const auto engineGone = [this] { finish(false); };
    d->connectionLinks += {
        connect(connection, &QIODevice::readyRead, this, fromEngine),
        connect(connection, &QIODevice::readChannelFinished, this, engineGone),
        connect(connection, &QIODevice::aboutToClose, this, engineGone),
        connect(connection, &QObject::destroyed, this, engineGone),
    };
    if (auto* local = qobject_cast<QLocalSocket*>(connection))
        d->connectionLinks.append(connect(local, &QLocalSocket::disconnected, this, engineGone));
    else if (auto* socket = qobject_cast<QAbstractSocket*>(connection))
        d->connectionLinks.append(connect(socket, &QAbstractSocket::disconnected, this, engineGone));

    d->pendingToBridge = bytesAfterHeaders + connection->readAll();
    d->bridge->connectToHost(QHostAddress::LocalHost, quint16(port));
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

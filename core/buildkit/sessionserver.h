#pragma once

#include "buildkit/syncedtree.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace slipway::buildkit {

class GrpcCall;

struct SessionCredentials {
    QString username;
    QString secret;
};

// Called on a thread of its own: must be thread-safe, and return promptly (closing the session waits for a
// lookup in progress). nullopt = anonymous. `host` is as BuildKit names the registry: host[:port], and
// "registry-1.docker.io" for Docker Hub (which docker's config keys as "https://index.docker.io/v1/").
// An identity token goes in `secret` with an empty `username`, as the docker CLI answers.
using CredentialLookup = std::function<std::optional<SessionCredentials>(const QString& host)>;

// The client side of a BuildKit session (docker-registry.md §1.4, §7). The engine needs one to fetch
// registry credentials for base images: Slipway opens `POST /session` with upgradeHeaders(), the
// engine answers 101, and from then on the engine is the gRPC *client* on that connection and we are
// the server: H2GrpcServer serves the calls on the connection itself (HTTP/2 by nghttp2, gRPC's
// framing by hand), with no second server and no byte bridge.
//
// With serveDirectory(), the session also serves a build context through BuildKit's filesync service
// (`remote=client-session` builds): the daemon pulls the files itself and, with a stable shared key,
// only the files that changed since its last pull for that key.
class SessionServer : public QObject {
    Q_OBJECT

public:
    explicit SessionServer(CredentialLookup lookup, QObject* parent = nullptr);
    ~SessionServer() override;

    // Goes into POST /build?...&session=<id>.
    QByteArray sessionId() const;
    // BuildKit keys its copy of a served directory by this (X-Docker-Expose-Session-Sharedkey): the
    // same key on the next build means only changed files travel. Default: the session id (nothing
    // reused). Set before upgradeHeaders().
    void setSharedKey(const QByteArray& key);
    // Serves `tree` as the directory `name` ("context", "dockerfile") to the daemon's DiffCopy
    // calls. Call before upgradeHeaders() and attach().
    void serveDirectory(const QString& name, std::shared_ptr<const SyncedTree> tree);
    // Headers for `POST /<version>/session` (Upgrade: h2c, Connection: Upgrade,
    // X-Docker-Expose-Session-*).
    QList<std::pair<QByteArray, QByteArray>> upgradeHeaders() const;
    // After the engine answered 101 Switching Protocols on that request: serve gRPC over the
    // connection. `bytesAfterHeaders` are bytes already read past the blank line (HTTP/2 preface).
    // Takes no ownership of `connection`; it must outlive the session or emit aboutToClose first.
    // Call once.
    void attach(QIODevice* connection, const QByteArray& bytesAfterHeaders);
    // Stop serving and close the bridge, including `connection` (that is how the engine learns the
    // session ended). Emits closed() once. Safe to call more than once.
    void close();

Q_SIGNALS:
    // For the log: "Sent credentials for X" (never the secret). `answered` is false when the lookup had
    // none and the engine was told to go on anonymously.
    void credentialsRequested(const QString& host, bool answered);
    void failed(const QString& message);
    // The daemon started pulling a served directory (report.entriesListed: how many entries it gets
    // listed), and a pull ended, successfully or not (report.finished).
    void directoryTransferStarted(const slipway::buildkit::SyncReport& report);
    void directoryTransferred(const slipway::buildkit::SyncReport& report);
    void closed();

private:
    void answerCredentials(const std::shared_ptr<GrpcCall>& call);
    void startDiffCopy(const std::shared_ptr<GrpcCall>& call);
    void finish(bool closeConnection);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace slipway::buildkit

#pragma once

#include "common/error.h"
#include "docker/engineendpoint.h"

#include <QIODevice>
#include <QObject>
#include <memory>

class QLocalSocket;
class QSslSocket;

namespace slipway::docker {

// The byte stream to one engine endpoint: a unix socket, plain TCP, or TCP with mutual TLS from
// DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem; the server is always verified). Hides which socket
// class carries the bytes so the HTTP layer above is written once.
class EngineSocket : public QObject {
    Q_OBJECT

public:
    explicit EngineSocket(EngineEndpoint endpoint, QObject* parent = nullptr);
    ~EngineSocket() override;

    // Connects asynchronously: connected() or failed() follows.
    void connectToEngine();
    // The open stream, valid after connected() until disconnected().
    QIODevice* device() const;
    // Closes at once, dropping unsent bytes; emits nothing.
    void abort();

    const EngineEndpoint& endpoint() const { return m_endpoint; }

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    void disconnected();
    // Could not connect (or TLS failed): the cause, where, and what to do.
    void failed(const slipway::Error& error);

private:
    Result<void> configureTls();
    void reportFailure(const QString& cause, const QString& fix);

    EngineEndpoint m_endpoint;
    std::unique_ptr<QLocalSocket> m_local;
    std::unique_ptr<QSslSocket> m_tcp;
    bool m_connected = false;
    bool m_failed = false;
};

} // namespace slipway::docker

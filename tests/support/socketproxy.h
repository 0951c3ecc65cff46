#pragma once

// A TCP (optionally mutual-TLS) front for a unix socket or another TCP service, for tests: it lets
// the real dockerd be reached over tcp:// and TLS, lets a test drop every connection mid-stream (the
// engine "going away"), and lets a test answer some requests itself (a registry failing uploads).
#include <QLocalSocket>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <functional>
#include <memory>
#include <optional>

namespace slipway::testing {

class SocketProxy : public QObject {
public:
    // Answers a client's bytes instead of forwarding them, or nullopt to forward.
    using Intercept = std::function<std::optional<QByteArray>(const QByteArray& clientBytes)>;

    // Upstream is a unix socket path, or "host:port".
    explicit SocketProxy(QString upstream, QObject* parent = nullptr)
        : QObject(parent), m_upstream(std::move(upstream)) {}

    // Plain TCP on 127.0.0.1 (port 0 = any free one).
    bool listen() {
        m_server = std::make_unique<QTcpServer>();
        return setUp();
    }
    // TLS that requires a client certificate signed by the configuration's CA.
    bool listenTls(const QSslConfiguration& configuration) {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(configuration);
        m_server = std::move(server);
        return setUp();
    }
    quint16 port() const { return m_server->serverPort(); }
    void setIntercept(Intercept intercept) { m_intercept = std::move(intercept); }
    int connectionCount() const { return m_connections; }
    int interceptedCount() const { return m_intercepted; }

    // Closes every connection at once, in both directions.
    void dropAll() {
        for (const QPointer<QIODevice>& device : std::as_const(m_open)) {
            if (auto* local = qobject_cast<QLocalSocket*>(device.get()))
                local->abort();
            else if (auto* tcp = qobject_cast<QAbstractSocket*>(device.get()))
                tcp->abort();
        }
        m_open.clear();
    }

private:
    bool setUp() {
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* client = m_server->nextPendingConnection())
                bridge(client);
        });
        return m_server->listen(QHostAddress::LocalHost, 0);
    }

    QIODevice* openUpstream() {
        if (m_upstream.startsWith(u'/')) {
            auto* local = new QLocalSocket(this);
            local->connectToServer(m_upstream);
            return local;
        }
        auto* tcp = new QTcpSocket(this);
        tcp->connectToHost(m_upstream.section(u':', 0, 0), m_upstream.section(u':', 1).toUShort());
        return tcp;
    }

    static void whenClosed(QIODevice* device, std::function<void()> then) {
        if (auto* local = qobject_cast<QLocalSocket*>(device))
            QObject::connect(local, &QLocalSocket::disconnected, local, then);
        else if (auto* tcp = qobject_cast<QAbstractSocket*>(device))
            QObject::connect(tcp, &QAbstractSocket::disconnected, tcp, then);
    }

    void bridge(QTcpSocket* client) {
        ++m_connections;
        client->setParent(this);
        QIODevice* upstream = openUpstream();
        m_open.append(client);
        m_open.append(upstream);
        auto pending = std::make_shared<QByteArray>(); // client bytes before upstream connects
        auto upstreamReady = [upstream] {
            if (auto* local = qobject_cast<QLocalSocket*>(upstream))
                return local->state() == QLocalSocket::ConnectedState;
            return qobject_cast<QAbstractSocket*>(upstream)->state() == QAbstractSocket::ConnectedState;
        };
        connect(client, &QIODevice::readyRead, this, [this, client, upstream, pending, upstreamReady] {
            const QByteArray data = client->readAll();
            if (m_intercept) {
                if (auto answer = m_intercept(data)) {
                    ++m_intercepted;
                    client->write(*answer);
                    client->disconnectFromHost();
                    return;
                }
            }
            if (upstreamReady())
                upstream->write(data);
            else
                pending->append(data);
        });
        auto onUpstreamConnected = [upstream, pending] {
            upstream->write(*pending);
            pending->clear();
        };
        if (auto* local = qobject_cast<QLocalSocket*>(upstream))
            connect(local, &QLocalSocket::connected, this, onUpstreamConnected);
        else
            connect(qobject_cast<QAbstractSocket*>(upstream), &QAbstractSocket::connected, this,
                    onUpstreamConnected);
        connect(upstream, &QIODevice::readyRead, this,
                [client, upstream] { client->write(upstream->readAll()); });
        QPointer<QTcpSocket> clientGuard(client);
        QPointer<QIODevice> upstreamGuard(upstream);
        whenClosed(upstream, [clientGuard] {
            if (clientGuard)
                clientGuard->disconnectFromHost();
        });
        whenClosed(client, [upstreamGuard] {
            if (auto* local = qobject_cast<QLocalSocket*>(upstreamGuard.get()))
                local->disconnectFromServer();
            else if (auto* tcp = qobject_cast<QAbstractSocket*>(upstreamGuard.get()))
                tcp->disconnectFromHost();
        });
    }

    QString m_upstream;
    std::unique_ptr<QTcpServer> m_server;
    Intercept m_intercept;
    QList<QPointer<QIODevice>> m_open;
    int m_connections = 0;
    int m_intercepted = 0;
};

} // namespace slipway::testing

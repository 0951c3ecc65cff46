// Redirects as registries send them to blob storage (Docker Hub -> Cloudflare, GHCR ->
// githubusercontent, ECR -> pre-signed S3): followed by hand, and the registry's Authorization never
// reaches another origin. Object storage cannot run here, so two tiny HTTP endpoints on loopback
// stand in for "registry" and "storage"; what is tested is what Slipway sends to each.
#include "registry/httpexchange.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace slipway;
using namespace slipway::registry;

namespace {

// Answers every request with a fixed response, or with `movedResponse` for requests of `movedPath`,
// and records the request heads it received.
class FixedAnswerServer : public QObject {
public:
    explicit FixedAnswerServer(QByteArray response, QByteArray movedPath = {}, QByteArray movedResponse = {})
        : m_response(std::move(response)), m_movedPath(std::move(movedPath)),
          m_movedResponse(std::move(movedResponse)) {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_pending[socket] += socket->readAll();
                    if (!m_pending[socket].contains("\r\n\r\n"))
                        return;
                    const QByteArray head = m_pending.take(socket);
                    heads.append(head);
                    const bool moved = !m_movedPath.isEmpty() && head.startsWith("GET " + m_movedPath + " ");
                    socket->write(moved ? m_movedResponse : m_response);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    QList<QByteArray> heads;

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_movedPath;
    QByteArray m_movedResponse;
    QHash<QTcpSocket*, QByteArray> m_pending;
};

QByteArray redirectTo(const QString& location) {
    return "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location.toUtf8() +
           "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

QByteArray ok(const QByteArray& body) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

Result<HttpAnswer> exchange(RegistryTransport& transport, const QUrl& url) {
    HttpRequest request;
    request.url = url;
    request.authorization = "Bearer registry-token-123";
    HttpExchange job(transport, request);
    QSignalSpy finished(&job, &HttpExchange::finished);
    job.start();
    if (!finished.wait(10000))
        return fail(QStringLiteral("test.timeout"), QStringLiteral("no answer"));
    return finished.first().first().value<Result<HttpAnswer>>();
}

} // namespace

class RegistryRedirectTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void authorizationStaysWithTheRegistry() {
        FixedAnswerServer storage(ok("blob bytes"));
        // "localhost" and another port: another origin, though on the same machine.
        FixedAnswerServer registry(
            redirectTo(QStringLiteral("http://localhost:%1/blob?X-Amz-Signature=abc").arg(storage.port())));
        RegistryTransport transport;
        const auto answer = exchange(
            transport, QUrl(QStringLiteral("http://127.0.0.1:%1/v2/x/blobs/sha256:1").arg(registry.port())));
        QVERIFY2(answer, qPrintable(answer ? QString() : answer.error().describe()));
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, QByteArray("blob bytes"));
        QCOMPARE(answer->url.port(), int(storage.port()));
        QCOMPARE(registry.heads.size(), 1);
        QVERIFY(registry.heads.first().contains("Authorization: Bearer registry-token-123"));
        QCOMPARE(storage.heads.size(), 1);
        QVERIFY2(!storage.heads.first().contains("registry-token-123"), storage.heads.first().constData());
        QVERIFY(!storage.heads.first().toLower().contains("authorization:"));
        QCOMPARE(transport.requestCount(), 2);
    }

    void sameOriginRedirectKeepsIt() {
        FixedAnswerServer registry(redirectTo(QStringLiteral("/v2/x/blobs/moved")), "/v2/x/blobs/moved",
                                   ok("moved blob"));
        RegistryTransport transport;
        const auto answer = exchange(
            transport, QUrl(QStringLiteral("http://127.0.0.1:%1/v2/x/blobs/sha256:1").arg(registry.port())));
        QVERIFY(answer && answer->body == "moved blob");
        QCOMPARE(registry.heads.size(), 2);
        QVERIFY(registry.heads.at(1).startsWith("GET /v2/x/blobs/moved "));
        QVERIFY(registry.heads.at(1).contains("Authorization: Bearer registry-token-123"));
    }

    void redirectLoopsEnd() {
        FixedAnswerServer registry(redirectTo(QStringLiteral("/again")));
        RegistryTransport transport;
        const auto answer =
            exchange(transport, QUrl(QStringLiteral("http://127.0.0.1:%1/v2/").arg(registry.port())));
        QVERIFY(!answer);
        QVERIFY(answer.error().message.contains(QLatin1String("redirected more than 5 times")));
        QCOMPARE(registry.heads.size(), 6);
    }

    void noDowngradeToPlainHttpOffLoopback() {
        FixedAnswerServer registry(redirectTo(QStringLiteral("http://storage.example.com/blob")));
        RegistryTransport transport;
        const auto answer = exchange(
            transport, QUrl(QStringLiteral("http://127.0.0.1:%1/v2/x/blobs/sha256:1").arg(registry.port())));
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, QStringLiteral("registry.insecure-refused"));
        QCOMPARE(transport.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(RegistryRedirectTest)
#include "tst_registryredirect.moc"

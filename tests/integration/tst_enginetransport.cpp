// The engine reached over every transport Slipway supports, against the real test dockerd: plain
// tcp:// and mutual TLS (through a loopback proxy in front of its socket, since the shared daemon
// listens only on a unix socket), a request body streamed in chunks, and the HTTP upgrade that
// BuildKit's /session needs.
#include "build/buildplan.h"
#include "docker/contextstream.h"
#include "docker/enginerequest.h"
#include "socketproxy.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace slipway;
using namespace slipway::docker;
using slipway::testing::SocketProxy;

namespace {

struct Answer {
    Result<void> result;
    HttpResponseParser::Head head;
    QByteArray body;
};

Answer run(const EngineEndpoint& endpoint, EngineRequest::Request request, int timeoutMs = 120000) {
    EngineRequest engine(endpoint, std::move(request));
    std::optional<Answer> answer;
    QByteArray body;
    QObject::connect(&engine, &EngineRequest::bodyReceived,
                     [&body](const QByteArray& data) { body += data; });
    QEventLoop loop;
    QObject::connect(&engine, &EngineRequest::finished, &loop, [&](const Result<void>& result) {
        answer = Answer{result, engine.head(), body};
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine.start();
    loop.exec();
    if (!answer)
        return Answer{fail(QStringLiteral("timeout"), QStringLiteral("no answer in time")), {}, {}};
    return *answer;
}

QString describe(const Result<void>& result) {
    return result ? QString() : result.error().describe();
}

// A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, as
// `docker` documents for a TLS daemon.
bool makeCertificates(const QString& dir) {
    const QString script = QStringLiteral(R"(set -e
cd "$1"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=slipway-test-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server.pem -days 1 -extfile server.ext 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=slipway 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 1 -extfile client.ext 2>/dev/null
)");
    QProcess process;
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral("sh"), dir});
    return process.waitForFinished(60000) && process.exitCode() == 0;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSslConfiguration serverTls(const QString& dir) {
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(readAll(dir + QStringLiteral("/server.pem"))));
    configuration.setPrivateKey(QSslKey(readAll(dir + QStringLiteral("/server-key.pem")), QSsl::Rsa));
    configuration.setCaCertificates(QSslCertificate::fromData(readAll(dir + QStringLiteral("/ca.pem"))));
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer); // mutual TLS, like dockerd --tlsverify
    return configuration;
}

EngineEndpoint tcpEndpoint(quint16 port, bool tls, const QString& certPath = {}) {
    EngineEndpoint endpoint;
    endpoint.kind = EngineEndpoint::Kind::Tcp;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.tls = tls;
    endpoint.certPath = certPath;
    endpoint.origin = QStringLiteral("DOCKER_HOST");
    return endpoint;
}

} // namespace

class EngineTransportTest : public QObject {
    Q_OBJECT

    QString m_socket;
    EngineEndpoint m_unix;

private Q_SLOTS:
    void initTestCase() {
        m_socket = qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET");
        if (m_socket.isEmpty() || qEnvironmentVariableIsEmpty("SLIPWAY_TEST_BUSYBOX_IMAGE"))
            QFAIL("SLIPWAY_TEST_DOCKER_SOCKET is not set: run eval \"$(tests/services/up)\" first");
        m_unix.socketPath = m_socket;
        m_unix.origin = QStringLiteral("test services");
    }

    void plainTcp() {
        SocketProxy proxy(m_socket);
        QVERIFY(proxy.listen());
        const Answer answer = run(tcpEndpoint(proxy.port(), false), {"GET", "/_ping", {}, {}, nullptr});
        QVERIFY2(answer.result, qPrintable(describe(answer.result)));
        QCOMPARE(answer.head.status, 200);
        QCOMPARE(answer.body, QByteArray("OK"));
    }

    void mutualTls() {
        QTemporaryDir certs;
        QVERIFY(makeCertificates(certs.path()));
        SocketProxy proxy(m_socket);
        QVERIFY(proxy.listenTls(serverTls(certs.path())));
        const Answer answer =
            run(tcpEndpoint(proxy.port(), true, certs.path()), {"GET", "/version", {}, {}, nullptr});
        QVERIFY2(answer.result, qPrintable(describe(answer.result)));
        QCOMPARE(answer.head.status, 200);
        QVERIFY(QJsonDocument::fromJson(answer.body).object().contains(QStringLiteral("ApiVersion")));
    }

    void tlsWithAnotherCaIsRefusedWithAFix() {
        QTemporaryDir certs;
        QTemporaryDir otherCerts;
        QVERIFY(makeCertificates(certs.path()));
        QVERIFY(makeCertificates(otherCerts.path()));
        SocketProxy proxy(m_socket);
        QVERIFY(proxy.listenTls(serverTls(certs.path())));
        const Answer answer =
            run(tcpEndpoint(proxy.port(), true, otherCerts.path()), {"GET", "/_ping", {}, {}, nullptr});
        QVERIFY(!answer.result);
        QVERIFY2(answer.result.error().message.contains(QStringLiteral("not trusted")),
                 qPrintable(answer.result.error().message));
        QVERIFY(answer.result.error().fix.contains(QStringLiteral("ca.pem")));
    }

    void missingCertificatesNameTheFile() {
        QTemporaryDir empty;
        const Answer answer = run(tcpEndpoint(1, true, empty.path()), {"GET", "/_ping", {}, {}, nullptr});
        QVERIFY(!answer.result);
        QVERIFY(answer.result.error().message.contains(QStringLiteral("ca.pem")));
        QVERIFY(answer.result.error().fix.contains(QStringLiteral("DOCKER_CERT_PATH")));
    }

    // A context with a 48 MiB file goes to POST /build in chunks while the tar is written; the image
    // proves every byte arrived.
    void streamedBodyReachesTheEngine() {
        QTemporaryDir dir;
        const qint64 size = 48 * 1024 * 1024;
        {
            QFile big(dir.filePath(QStringLiteral("big.bin")));
            QVERIFY(big.open(QIODevice::WriteOnly));
            QVERIFY(big.resize(size));
        }
        build::BuildPlan plan;
        plan.dockerfile =
            QStringLiteral("FROM %1\nCOPY big.bin /big.bin\nRUN test $(wc -c < /big.bin) -eq %2\n")
                .arg(qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_IMAGE"))
                .arg(size)
                .toUtf8();
        plan.entries.append({QStringLiteral("Dockerfile"), {}, plan.dockerfile, false});
        plan.entries.append({QStringLiteral("big.bin"), dir.filePath(QStringLiteral("big.bin")), {}, false});
        ContextStream context(plan, 1024 * 1024);
        QSignalSpy written(&context, &ContextStream::finished);
        context.start();
        const QByteArray tag =
            "slipway-test/transport-stream:" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const Answer answer = run(m_unix, {"POST",
                                           "/build?version=1&rm=1&t=" + tag,
                                           {{"Content-Type", "application/x-tar"}},
                                           {},
                                           &context});
        QVERIFY2(answer.result, qPrintable(describe(answer.result)));
        QCOMPARE(answer.head.status, 200);
        QVERIFY2(answer.body.contains("Successfully built"), answer.body.right(2000).constData());
        QVERIFY(written.count() == 1 || written.wait(10000));
        const auto bytes = written.first().first().value<Result<qint64>>();
        QVERIFY(bytes && *bytes > size);
        run(m_unix, {"DELETE", "/images/" + tag + "?force=1", {}, {}, nullptr});
    }

    // POST /session with Upgrade: h2c: the engine answers 101 and then speaks HTTP/2 first (its
    // connection preface), which must reach whoever took the connection over.
    void upgradeHandsTheConnectionOver() {
        EngineRequest session(m_unix, {"POST",
                                       "/session",
                                       {{"Upgrade", "h2c"},
                                        {"Connection", "Upgrade"},
                                        {"X-Docker-Expose-Session-Uuid", "slipway-transport-test"},
                                        {"X-Docker-Expose-Session-Name", "slipway"},
                                        {"X-Docker-Expose-Session-Sharedkey", "slipway"}},
                                       {},
                                       nullptr});
        QByteArray received;
        QIODevice* connection = nullptr;
        connect(&session, &EngineRequest::upgraded, this, [&](QIODevice* device, const QByteArray& rest) {
            connection = device;
            received = rest;
            connect(device, &QIODevice::readyRead, this,
                    [&received, device] { received += device->readAll(); });
        });
        QSignalSpy finished(&session, &EngineRequest::finished);
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(received.size() >= 24, 20000);
        QVERIFY(received.startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        QCOMPARE(session.head().status, 101);
        QCOMPARE(finished.count(), 0);
        connection->close();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    }

    void describeRedactsCredentials() {
        const QByteArray text =
            EngineRequest::describe({"POST",
                                     "/images/x/push",
                                     {{"X-Registry-Auth", "c2VjcmV0"}, {"Content-Type", "a"}},
                                     {},
                                     nullptr});
        QVERIFY(!text.contains("c2VjcmV0"));
        QVERIFY(text.contains("X-Registry-Auth: <redacted>"));
    }
};

QTEST_GUILESS_MAIN(EngineTransportTest)
#include "tst_enginetransport.moc"

// Finding the engine and agreeing on an API version with the real test dockerd: the first place that
// answers wins, nothing answering lists every place tried with what to do, DOCKER_API_VERSION pins the
// version, and a "client version is too new" answer renegotiates once and retries.
#include "docker/engineclient.h"
#include "engineapi.h"
#include "socketproxy.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::docker;
using namespace slipway::testing;

namespace {

EngineEndpoint missingSocket(const QString& path, const QString& origin) {
    EngineEndpoint endpoint;
    endpoint.socketPath = path;
    endpoint.origin = origin;
    return endpoint;
}

Result<EngineInfo> connectTo(EngineClient& client) {
    QSignalSpy ready(&client, &EngineClient::ready);
    client.connectToEngine();
    if (ready.isEmpty() && !ready.wait(30000))
        return fail(QStringLiteral("timeout"), QStringLiteral("no answer"));
    return ready.first().first().value<Result<EngineInfo>>();
}

} // namespace

class EngineClientTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (qEnvironmentVariableIsEmpty("SLIPWAY_TEST_DOCKER_SOCKET"))
            QFAIL("SLIPWAY_TEST_DOCKER_SOCKET is not set: run eval \"$(tests/services/up)\" first");
    }

    void firstAnsweringPlaceIsUsed() {
        QTemporaryDir dir;
        EngineClient client(
            {missingSocket(dir.filePath(QStringLiteral("docker.sock")), QStringLiteral("default socket")),
             testEngine()});
        const auto info = connectTo(client);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().describe()));
        QCOMPARE(info->endpoint, testEngine());
        const QJsonObject version = engineJson("/version");
        const QString engineApi = version.value(QStringLiteral("ApiVersion")).toString();
        QCOMPARE(info->engineApiVersion, engineApi);
        // min(Slipway's newest, the engine's newest)
        QCOMPARE(info->apiVersion, EngineClient::compareVersions(
                                       engineApi, QString::fromLatin1(EngineClient::kNewestApiVersion)) < 0
                                       ? engineApi
                                       : QString::fromLatin1(EngineClient::kNewestApiVersion));
        QCOMPARE(info->engineVersion, version.value(QStringLiteral("Version")).toString());
        QVERIFY(info->buildKit); // Docker on Linux
        QVERIFY(!info->podman);
        QVERIFY(client.isReady());
    }

    void nothingAnsweringSaysWhereItLookedAndWhatToDo() {
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("docker.sock"));
        const QString second = dir.filePath(QStringLiteral("podman/podman.sock"));
        EngineClient client({missingSocket(first, QStringLiteral("default socket")),
                             missingSocket(second, QStringLiteral("Podman socket"))});
        const auto info = connectTo(client);
        QVERIFY(!info);
        const Error& error = info.error();
        QCOMPARE(error.code, QStringLiteral("engine-unreachable"));
        QVERIFY2(error.message.contains(first) && error.message.contains(second), qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("Podman socket")));
        QVERIFY(error.fix.contains(QStringLiteral("systemctl start docker")));
        QVERIFY(error.fix.contains(QStringLiteral("DOCKER_HOST")));
        QVERIFY(!client.isReady());
    }

    void pinnedVersionIsUsed() {
        qputenv("DOCKER_API_VERSION", "1.40");
        EngineClient client({testEngine()});
        qunsetenv("DOCKER_API_VERSION");
        const auto info = connectTo(client);
        QVERIFY(info);
        QCOMPARE(info->apiVersion, QStringLiteral("1.40"));
        std::optional<Result<EngineReply>> reply;
        client.call({"GET", "/info", {}, {}, nullptr}, this,
                    [&](const Result<EngineReply>& r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 30000);
        QVERIFY(*reply);
        QCOMPARE((*reply)->status(), 200);
    }

    // The engine refuses the version once (as an engine upgraded underneath would): the client asks
    // again which version to speak and repeats the call.
    void refusedVersionRenegotiatesOnce() {
        SocketProxy proxy(qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET"));
        QVERIFY(proxy.listen());
        EngineClient client({loopbackTcpEngine(proxy.port())});
        QVERIFY(connectTo(client));
        const int connectionsBefore = proxy.connectionCount();
        bool refused = false;
        proxy.setIntercept([&refused](const QByteArray& bytes) -> std::optional<QByteArray> {
            if (refused || !bytes.contains("/info "))
                return std::nullopt;
            refused = true;
            const QByteArray body =
                R"({"message":"client version 1.41 is too new. Maximum supported API version is 1.40"})";
            return "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        });
        std::optional<Result<EngineReply>> reply;
        client.call({"GET", "/info", {}, {}, nullptr}, this,
                    [&](const Result<EngineReply>& r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 30000);
        QVERIFY(refused);
        QVERIFY2(*reply, qPrintable((*reply) ? QString() : reply->error().describe()));
        QCOMPARE((*reply)->status(), 200);
        // refused call, _ping, /version, the repeated call
        QCOMPARE(proxy.connectionCount() - connectionsBefore, 4);
    }
};

QTEST_GUILESS_MAIN(EngineClientTest)
#include "tst_engineclient.moc"

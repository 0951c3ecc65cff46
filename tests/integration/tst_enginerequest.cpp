// Requests to the real test engine (tests/services/up): answers parsed from the socket, a clear
// message when nothing listens, and cancel that really closes a stream the engine never ends.
#include "docker/enginerequest.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace slipway;
using namespace slipway::docker;

namespace {

struct Outcome {
    Result<void> result;
    HttpResponseParser::Head head;
    QByteArray body;
};

// Runs one request on the event loop until it finishes (or the time runs out).
std::optional<Outcome> run(const EngineEndpoint& endpoint, EngineRequest::Request request,
                           int timeoutMs = 20000) {
    EngineRequest engine(endpoint, std::move(request));
    std::optional<Outcome> outcome;
    QByteArray body;
    QObject::connect(&engine, &EngineRequest::bodyReceived,
                     [&body](const QByteArray& data) { body += data; });
    QObject::connect(&engine, &EngineRequest::finished, [&](const Result<void>& result) {
        outcome = Outcome{result, engine.head(), body};
    });
    QEventLoop loop;
    QObject::connect(&engine, &EngineRequest::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine.start();
    if (!outcome)
        loop.exec();
    return outcome;
}

} // namespace

class EngineRequestTest : public QObject {
    Q_OBJECT

    EngineEndpoint m_engine;

private Q_SLOTS:
    void initTestCase() {
        const QString socket = qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET");
        if (socket.isEmpty())
            QFAIL("SLIPWAY_TEST_DOCKER_SOCKET is not set: run eval \"$(tests/services/up)\" first");
        m_engine.socketPath = socket;
        m_engine.origin = QStringLiteral("test services");
    }

    void pingAnswersOk() {
        const auto outcome = run(m_engine, {"GET", "/_ping", {}, {}});
        QVERIFY(outcome);
        QVERIFY2(outcome->result,
                 qPrintable(outcome->result ? QString() : outcome->result.error().describe()));
        QCOMPARE(outcome->head.status, 200);
        QCOMPARE(outcome->body, QByteArray("OK"));
        QVERIFY(!outcome->head.header("Api-Version").isEmpty());
    }

    void versionIsJson() {
        const auto outcome = run(m_engine, {"GET", "/version", {}, {}});
        QVERIFY(outcome && outcome->result);
        const QJsonObject version = QJsonDocument::fromJson(outcome->body).object();
        QVERIFY(version.value(QStringLiteral("ApiVersion")).toString().startsWith(QStringLiteral("1.")));
        QCOMPARE(version.value(QStringLiteral("ApiVersion")).toString().toLatin1(),
                 outcome->head.header("Api-Version"));
    }

    void errorStatusIsAnAnswerNotAFailure() {
        const auto outcome = run(m_engine, {"GET", "/images/slipway-no-such-image:nope/json", {}, {}});
        QVERIFY(outcome && outcome->result);
        QCOMPARE(outcome->head.status, 404);
        QVERIFY(QJsonDocument::fromJson(outcome->body)
                    .object()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("No such image")));
    }

    void nothingListeningSaysWhereItLooked() {
        QTemporaryDir dir;
        EngineEndpoint missing;
        missing.socketPath = dir.filePath(QStringLiteral("docker.sock"));
        missing.origin = QStringLiteral("default socket");
        const auto outcome = run(missing, {"GET", "/_ping", {}, {}});
        QVERIFY(outcome);
        QVERIFY(!outcome->result);
        QVERIFY(outcome->result.error().message.contains(missing.socketPath));
        QVERIFY(outcome->result.error().message.contains(QStringLiteral("default socket")));
        QVERIFY(outcome->result.error().fix.contains(QStringLiteral("DOCKER_HOST")));
    }

    void cancelClosesAnEndlessStream() {
        // /events streams until the client goes away.
        EngineRequest events(m_engine, {"GET", "/events", {}, {}});
        QSignalSpy headers(&events, &EngineRequest::headersReceived);
        std::optional<Result<void>> result;
        int finishedCount = 0;
        connect(&events, &EngineRequest::finished, this, [&](const Result<void>& value) {
            result = value;
            ++finishedCount;
        });
        events.start();
        QVERIFY(headers.wait(20000));
        QCOMPARE(events.head().status, 200);
        QCOMPARE(finishedCount, 0);
        events.cancel();
        QCOMPARE(finishedCount, 1);
        QVERIFY(result && !*result);
        QCOMPARE(result->error().code, QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(EngineRequestTest)
#include "tst_enginerequest.moc"

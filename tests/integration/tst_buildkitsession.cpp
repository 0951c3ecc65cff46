// BuildKit sessions against the real test engine (tests/services/up): the engine asks Slipway's session
// for registry credentials, so a base image behind htpasswd auth builds with the right answer, fails
// with an auth error with none, and the engine refuses outright without a session. The build's
// progress arrives as BuildKit trace messages that decodeTrace must understand.
#include "build/contextwriter.h"
#include "buildkit/sessionserver.h"
#include "buildkit/trace.h"
#include "docker/enginerequest.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QUuid>

using namespace slipway;
using namespace slipway::buildkit;
using slipway::docker::EngineEndpoint;
using slipway::docker::EngineRequest;

namespace {

constexpr int kBuildTimeoutMs = 180000;

struct BuildOutcome {
    bool finished = false;
    QString error;                   // errorDetail.message, or the transport error
    QByteArray imageId;              // moby.image.id
    QList<TraceVertex> vertexes;     // every vertex update, in order
    QByteArray logs;                 // all step output
    QList<QByteArray> tracePayloads; // the decoded base64 payloads, as sent
    QString decodeError;             // the first trace that did not decode
};

// The session request, written by hand: the engine answers 101 and starts HTTP/2 right after the
// blank line, so the head is read byte by byte and nothing past it is consumed. With `readAhead`, the
// engine's first HTTP/2 bytes are read too, as a client reading in blocks would, for attach() to take.
bool openSession(QLocalSocket& socket, const QString& path, const SessionServer& session, QString* why,
                 QByteArray* readAhead = nullptr) {
    socket.connectToServer(path);
    if (!socket.waitForConnected(10000)) {
        *why = socket.errorString();
        return false;
    }
    QByteArray request = "POST /v1.41/session HTTP/1.1\r\nHost: docker\r\n";
    for (const auto& [name, value] : session.upgradeHeaders())
        request += name + ": " + value + "\r\n";
    socket.write(request + "\r\n");
    QByteArray head;
    while (!head.endsWith("\r\n\r\n")) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(10000)) {
            *why = QStringLiteral("no answer to POST /session: ") + QString::fromLatin1(head);
            return false;
        }
        head += socket.read(1);
    }
    if (!head.startsWith("HTTP/1.1 101")) {
        *why = QString::fromLatin1(head);
        return false;
    }
    if (readAhead) {
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(10000);
        *readAhead = socket.readAll();
    }
    return true;
}

QByteArray contextTar(const QByteArray& dockerfile) {
    build::BuildPlan plan;
    plan.dockerfile = dockerfile;
    plan.entries.append({QStringLiteral("Dockerfile"), {}, dockerfile, false});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto written = build::writeBuildContext(plan, buffer);
    return written ? buffer.data() : QByteArray();
}

} // namespace

class BuildkitSessionTest : public QObject {
    Q_OBJECT

    EngineEndpoint m_engine;
    QString m_privateBase;
    QString m_registryHost;
    SessionCredentials m_registryLogin;
    QString m_tag;

    // Answers for the basic-auth registry only; records every host asked (on the session's threads).
    struct Lookup {
        QMutex mutex;
        QStringList hosts;
        bool mainThreadUsed = false;
    };

    EngineRequest::Request buildRequest(const QByteArray& sessionId, const QByteArray& dockerfile) const {
        QByteArray path = "/v1.41/build?version=2&pull=1&nocache=1&t=" + QUrl::toPercentEncoding(m_tag);
        if (!sessionId.isEmpty())
            path += "&session=" + sessionId;
        return {"POST", path, {{"Content-Type", "application/x-tar"}}, contextTar(dockerfile)};
    }

    BuildOutcome runBuild(const EngineRequest::Request& request) const {
        BuildOutcome outcome;
        EngineRequest engine(m_engine, request);
        QByteArray pending;
        QObject::connect(&engine, &EngineRequest::bodyReceived, [&](const QByteArray& data) {
            pending += data;
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QJsonObject message = QJsonDocument::fromJson(pending.left(newline)).object();
                pending.remove(0, newline + 1);
                collect(message, outcome);
            }
        });
        QObject::connect(&engine, &EngineRequest::finished, [&](const Result<void>& result) {
            outcome.finished = true;
            if (!result && outcome.error.isEmpty())
                outcome.error = result.error().message;
        });
        QSignalSpy finished(&engine, &EngineRequest::finished);
        engine.start();
        if (!outcome.finished)
            finished.wait(kBuildTimeoutMs);
        if (engine.head().status != 200 && outcome.error.isEmpty())
            outcome.error = QStringLiteral("HTTP %1").arg(engine.head().status);
        return outcome;
    }

    static void collect(const QJsonObject& message, BuildOutcome& outcome) {
        const QString id = message.value(QStringLiteral("id")).toString();
        if (message.contains(QStringLiteral("errorDetail")))
            outcome.error = message.value(QStringLiteral("errorDetail"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
        else if (id == QStringLiteral("moby.image.id"))
            outcome.imageId = message.value(QStringLiteral("aux"))
                                  .toObject()
                                  .value(QStringLiteral("ID"))
                                  .toString()
                                  .toLatin1();
        if (id != QStringLiteral("moby.buildkit.trace"))
            return;
        const QByteArray payload =
            QByteArray::fromBase64(message.value(QStringLiteral("aux")).toString().toLatin1());
        QString error;
        const std::optional<TraceUpdate> update = decodeTrace(payload, &error);
        if (!update) {
            if (outcome.decodeError.isEmpty())
                outcome.decodeError = error;
            return;
        }
        outcome.tracePayloads.append(payload);
        outcome.vertexes.append(update->vertexes);
        for (const TraceLog& log : update->logs)
            outcome.logs += log.data;
    }

    void removeImage(const QString& reference) const {
        EngineRequest::Request request{
            "DELETE", "/v1.41/images/" + QUrl::toPercentEncoding(reference) + "?force=1", {}, {}};
        const BuildOutcome outcome = runBuild(request); // any answer will do: 404 when not there
        QVERIFY2(outcome.finished, "DELETE /images did not answer");
    }

private Q_SLOTS:
    void initTestCase() {
        const QString socket = qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET");
        m_privateBase = qEnvironmentVariable("SLIPWAY_TEST_PRIVATE_BASE_IMAGE");
        m_registryHost = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
        m_registryLogin = {qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                           qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD")};
        if (socket.isEmpty() || m_privateBase.isEmpty() || m_registryHost.isEmpty() ||
            m_registryLogin.secret.isEmpty())
            QFAIL("SLIPWAY_TEST_DOCKER_SOCKET, SLIPWAY_TEST_PRIVATE_BASE_IMAGE, SLIPWAY_TEST_BASIC_* are not "
                  "set: run eval \"$(tests/services/up)\" first");
        m_engine.socketPath = socket;
        m_engine.origin = QStringLiteral("test services");
        m_tag = QStringLiteral("slipway-test/buildkit-session:%1")
                    .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    }

    void init() {
        // Resolve the base from the registry every time, not from a copy an earlier build left behind.
        removeImage(m_privateBase);
    }

    void cleanupTestCase() { removeImage(m_tag); }

    void withoutSessionEngineRefuses() {
        const BuildOutcome outcome =
            runBuild(buildRequest({}, "FROM " + m_privateBase.toUtf8() + "\nRUN true\n"));
        QVERIFY(outcome.finished);
        QVERIFY2(outcome.error.contains(QStringLiteral("no active sessions")), qPrintable(outcome.error));
    }

    void anonymousSessionGetsAuthError() {
        Lookup lookup;
        SessionServer session([&lookup](const QString& host) -> std::optional<SessionCredentials> {
            QMutexLocker locker(&lookup.mutex);
            lookup.hosts.append(host);
            return std::nullopt;
        });
        QSignalSpy asked(&session, &SessionServer::credentialsRequested);
        QSignalSpy failed(&session, &SessionServer::failed);
        QLocalSocket socket;
        QString why;
        QVERIFY2(openSession(socket, m_engine.socketPath, session, &why), qPrintable(why));
        session.attach(&socket, {});

        const BuildOutcome outcome =
            runBuild(buildRequest(session.sessionId(), "FROM " + m_privateBase.toUtf8() + "\nRUN true\n"));
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isEmpty(), "the private base image built without credentials");
        QVERIFY2(!outcome.error.contains(QStringLiteral("no active sessions")), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(QStringLiteral("401")) ||
                     outcome.error.contains(QStringLiteral("nauthorized"), Qt::CaseInsensitive),
                 qPrintable(outcome.error));
        QTRY_VERIFY(!asked.isEmpty());
        QCOMPARE(asked.first().at(0).toString(), m_registryHost);
        QCOMPARE(asked.first().at(1).toBool(), false);
        QVERIFY(failed.isEmpty());
        // The session goes away with its object, while the engine still holds the connection.
    }

    // What happens when the engine drops the connection or the build is cancelled: the session ends,
    // and builds naming it fail instead of pulling anonymously.
    void closingTheConnectionEndsTheSession() {
        SessionServer session(
            [](const QString&) -> std::optional<SessionCredentials> { return std::nullopt; });
        QSignalSpy closed(&session, &SessionServer::closed);
        QLocalSocket socket;
        QString why;
        QVERIFY2(openSession(socket, m_engine.socketPath, session, &why), qPrintable(why));
        session.attach(&socket, {});
        socket.abort();
        QTRY_COMPARE(closed.count(), 1);

        const BuildOutcome outcome =
            runBuild(buildRequest(session.sessionId(), "FROM " + m_privateBase.toUtf8() + "\nRUN true\n"));
        // Depending on how far the engine got in noticing: "no active sessions", or its call into the
        // dead session fails ("rpc error: code = Unavailable desc = connection closed").
        QVERIFY2(outcome.error.contains(QStringLiteral("no active sessions")) ||
                     outcome.error.contains(QStringLiteral("connection")),
                 qPrintable(outcome.error));
    }

    void credentialsLetPrivateBaseBuild() {
        Lookup lookup;
        const QThread* testThread = QThread::currentThread();
        SessionServer session([&, testThread](const QString& host) -> std::optional<SessionCredentials> {
            QMutexLocker locker(&lookup.mutex);
            lookup.hosts.append(host);
            lookup.mainThreadUsed |= QThread::currentThread() == testThread;
            if (host == m_registryHost)
                return m_registryLogin;
            return std::nullopt;
        });
        QSignalSpy asked(&session, &SessionServer::credentialsRequested);
        QSignalSpy failed(&session, &SessionServer::failed);
        QSignalSpy closed(&session, &SessionServer::closed);
        QLocalSocket socket;
        QString why;
        QByteArray preface;
        QVERIFY2(openSession(socket, m_engine.socketPath, session, &why, &preface), qPrintable(why));
        // The engine is the HTTP/2 client: its preface has already been read here and must reach the
        // session server through attach().
        QVERIFY(preface.startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        session.attach(&socket, preface);

        const BuildOutcome outcome = runBuild(buildRequest(
            session.sessionId(), "FROM " + m_privateBase.toUtf8() + "\nRUN echo slipway-session-ok\n"));
        QVERIFY(outcome.finished);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QVERIFY2(outcome.decodeError.isEmpty(), qPrintable(outcome.decodeError));
        QVERIFY(outcome.imageId.startsWith("sha256:"));

        // The engine asked the session for the registry's login, and got it.
        QTRY_VERIFY(!asked.isEmpty());
        QCOMPARE(asked.first().at(0).toString(), m_registryHost);
        QCOMPARE(asked.first().at(1).toBool(), true);
        {
            QMutexLocker locker(&lookup.mutex);
            QVERIFY(lookup.hosts.contains(m_registryHost));
            QVERIFY2(!lookup.mainThreadUsed, "the lookup must run on a thread of its own, not block the GUI");
        }

        // The trace names the step, its timing, and its output.
        const auto run =
            std::find_if(outcome.vertexes.crbegin(), outcome.vertexes.crend(), [](const TraceVertex& v) {
                return v.name.contains(QStringLiteral("RUN echo slipway-session-ok")) &&
                       v.completed.isValid();
            });
        QVERIFY2(run != outcome.vertexes.crend(), "no completed RUN step in the trace");
        QVERIFY(run->error.isEmpty());
        QVERIFY(!run->cached); // nocache=1
        QVERIFY(run->started.isValid() && run->started <= run->completed);
        QVERIFY(!run->inputs.isEmpty()); // it runs on top of the base image's vertex
        QVERIFY2(outcome.logs.contains("slipway-session-ok"), outcome.logs.constData());
        QVERIFY(failed.isEmpty());

        session.close();
        QCOMPARE(closed.count(), 1);
        QCOMPARE(socket.state(), QLocalSocket::UnconnectedState);
        session.close();
        QCOMPARE(closed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(BuildkitSessionTest)
#include "tst_buildkitsession.moc"

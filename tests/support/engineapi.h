#pragma once

// Blocking helpers over the real test engine's API for integration tests: inspect images, run a
// container and read its output, clean up. The code under test is asynchronous; these only check
// its results.
#include "docker/engineclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <algorithm>
#include <optional>

namespace slipway::testing {

inline docker::EngineEndpoint testEngine() {
    docker::EngineEndpoint endpoint;
    endpoint.socketPath = qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET");
    endpoint.origin = QStringLiteral("test services");
    return endpoint;
}

// The test engine reached over tcp:// on loopback, through a proxy listening on `port`.
inline docker::EngineEndpoint loopbackTcpEngine(quint16 port) {
    docker::EngineEndpoint endpoint;
    endpoint.kind = docker::EngineEndpoint::Kind::Tcp;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.origin = QStringLiteral("DOCKER_HOST");
    return endpoint;
}

// One request to the test engine, waited for. Paths are unversioned (the test engine's newest API).
inline Result<docker::EngineReply> engineCall(const QByteArray& method, const QByteArray& path,
                                              const QJsonObject& body = {}, int timeoutMs = 300000) {
    docker::EngineRequest::Request request{method, path, {}, {}, nullptr};
    if (!body.isEmpty()) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.headers.emplaceBack("Content-Type", "application/json");
    }
    std::optional<Result<docker::EngineReply>> answer;
    QEventLoop loop;
    QObject context;
    docker::EngineClient::fetch(testEngine(), request, &context,
                                [&](const Result<docker::EngineReply>& reply) {
                                    answer = reply;
                                    loop.quit();
                                });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!answer)
        loop.exec();
    if (!answer)
        return fail(QStringLiteral("timeout"),
                    QStringLiteral("%1 %2: no answer in time")
                        .arg(QString::fromLatin1(method), QString::fromLatin1(path)));
    return *answer;
}

inline QJsonObject engineJson(const QByteArray& path) {
    const auto reply = engineCall("GET", path);
    return reply && reply->status() == 200 ? QJsonDocument::fromJson(reply->body).object() : QJsonObject();
}

struct ContainerRun {
    int exitCode = -1;
    QByteArray output; // stdout and stderr, demultiplexed, in order
    QString error;
};

// Creates, starts, waits for and removes a container of `image` running `command` (after the
// image's entrypoint, if any); returns its exit code and output.
inline ContainerRun runContainer(const QString& image, const QStringList& command,
                                 const QStringList& entrypoint = {}) {
    ContainerRun run;
    QJsonObject config{{QStringLiteral("Image"), image},
                       {QStringLiteral("Cmd"), QJsonArray::fromStringList(command)}};
    if (!entrypoint.isEmpty())
        config.insert(QStringLiteral("Entrypoint"), QJsonArray::fromStringList(entrypoint));
    const auto created = engineCall("POST", "/containers/create", config);
    if (!created || created->status() != 201) {
        run.error = created ? created->message() : created.error().describe();
        return run;
    }
    const QByteArray id =
        QJsonDocument::fromJson(created->body).object().value(QStringLiteral("Id")).toString().toLatin1();
    engineCall("POST", "/containers/" + id + "/start");
    const auto waited = engineCall("POST", "/containers/" + id + "/wait");
    if (waited)
        run.exitCode =
            QJsonDocument::fromJson(waited->body).object().value(QStringLiteral("StatusCode")).toInt(-1);
    const auto logs = engineCall("GET", "/containers/" + id + "/logs?stdout=1&stderr=1");
    if (logs) {
        // Without a TTY: frames of [stream, 0, 0, 0, size (big-endian)] + payload.
        const QByteArray& body = logs->body;
        qsizetype at = 0;
        while (at + 8 <= body.size()) {
            const auto size = (static_cast<quint32>(static_cast<quint8>(body[at + 4])) << 24) |
                              (static_cast<quint32>(static_cast<quint8>(body[at + 5])) << 16) |
                              (static_cast<quint32>(static_cast<quint8>(body[at + 6])) << 8) |
                              static_cast<quint32>(static_cast<quint8>(body[at + 7]));
            run.output += body.mid(at + 8, size);
            at += 8 + size;
        }
    }
    engineCall("DELETE", "/containers/" + id + "?force=1");
    return run;
}

inline void removeImage(const QString& reference) {
    engineCall("DELETE", "/images/" + reference.toLatin1() + "?force=1");
}

inline QStringList imageEnv(const QString& reference) {
    QStringList env;
    const QJsonArray items = engineJson("/images/" + reference.toLatin1() + "/json")
                                 .value(QStringLiteral("Config"))
                                 .toObject()
                                 .value(QStringLiteral("Env"))
                                 .toArray();
    for (const auto& item : items)
        env.append(item.toString());
    return env;
}

// Whether any build cache record is still in use: after a cancel, nothing of the build may be left
// running in the engine.
inline bool buildCacheInUse() {
    const QJsonArray cache = engineJson("/system/df").value(QStringLiteral("BuildCache")).toArray();
    return std::ranges::any_of(cache, [](const QJsonValue& record) {
        return record.toObject().value(QStringLiteral("InUse")).toBool();
    });
}

// Images a test creates in the shared engine, removed when the test object goes.
class CreatedImages {
public:
    CreatedImages() = default;
    CreatedImages(const CreatedImages&) = delete;
    CreatedImages& operator=(const CreatedImages&) = delete;
    ~CreatedImages() {
        for (const QString& image : std::as_const(m_images))
            removeImage(image);
    }
    void append(const QString& reference) { m_images.append(reference); }

private:
    QStringList m_images;
};

// A name no other test run uses, for tags in the shared engine and registries.
inline QString uniqueName(const QString& prefix) {
    return QStringLiteral("%1-%2").arg(prefix).arg(QDateTime::currentMSecsSinceEpoch(), 0, 36);
}

} // namespace slipway::testing

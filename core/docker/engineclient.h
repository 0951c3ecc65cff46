#pragma once

#include "common/error.h"
#include "docker/engineendpoint.h"
#include "docker/enginerequest.h"

#include <QObject>
#include <QProcessEnvironment>
#include <functional>

namespace slipway::docker {

// What the engine said about itself, and the API version both sides speak.
struct EngineInfo {
    EngineEndpoint endpoint;
    QString apiVersion;       // negotiated: min(Slipway's newest, the engine's newest), e.g. "1.41"
    QString engineApiVersion; // the engine's newest
    QString engineVersion;    // "20.10.24", "5.2.0" (Podman)
    QString os;
    QString arch;
    bool buildKit = false; // BuildKit builds work: _ping Builder-Version 2, or none on Linux; not Podman
    bool podman = false;   // Libpod-API-Version header

    // "/v1.41" + path
    QByteArray versioned(const QByteArray& path) const;

    friend bool operator==(const EngineInfo&, const EngineInfo&) = default;
};

// A whole (small) answer: status, headers and body collected.
struct EngineReply {
    HttpResponseParser::Head head;
    QByteArray body;

    int status() const { return head.status; }
    // The engine's {"message": "..."} of an error answer, or the body as text.
    QString message() const;
};

// The engine Slipway talks to: found among the candidate endpoints (DOCKER_HOST, docker context,
// standard sockets), with the API version negotiated as the docker CLI does (/_ping, /version;
// DOCKER_API_VERSION pins it). Requests go out on that version; a "client version is too new/old"
// answer renegotiates once and retries (the engine may have been upgraded underneath).
class EngineClient : public QObject {
    Q_OBJECT

public:
    static constexpr const char* kNewestApiVersion = "1.51";
    static constexpr const char* kOldestApiVersion = "1.40";

    explicit EngineClient(QList<EngineEndpoint> candidates, QObject* parent = nullptr);
    // Candidates from the process environment and home directory, as the docker CLI finds them.
    static Result<QList<EngineEndpoint>>
    defaultCandidates(const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

    // Tries the candidates in order; ready() follows. When none answers, the error lists each place
    // and why it failed, with what to do.
    void connectToEngine();
    bool isReady() const { return m_ready; }
    const EngineInfo& info() const { return m_info; }

    // A request on the negotiated version; `request.path` is unversioned ("/build?..."). The caller
    // starts and owns it.
    EngineRequest* request(EngineRequest::Request request, QObject* parent = nullptr) const;
    // A small request whose whole answer is collected; retried once after renegotiating when the
    // engine refuses the API version. `done` runs on `context`'s thread unless `context` is gone.
    void call(EngineRequest::Request request, QObject* context,
              std::function<void(const Result<EngineReply>&)> done);

    // True for the engine's 400 "client version X is too new/old" answer.
    static bool isVersionRefusal(int status, const QString& message);
    // Numeric comparison of "1.9" and "1.10" style versions: <0, 0, >0.
    static int compareVersions(const QString& a, const QString& b);
    // Runs one request on `endpoint` and collects its answer.
    static void fetch(const EngineEndpoint& endpoint, EngineRequest::Request request, QObject* context,
                      std::function<void(const Result<EngineReply>&)> done);

Q_SIGNALS:
    void ready(const slipway::Result<slipway::docker::EngineInfo>& info);

private:
    void tryCandidate(int index);
    void negotiate(const EngineEndpoint& endpoint, std::function<void(const Result<EngineInfo>&)> done);
    void finishConnect(const Result<EngineInfo>& info);

    QList<EngineEndpoint> m_candidates;
    QStringList m_attempts; // "url (origin): why", for the nothing-answered message
    bool m_accessDenied = false;
    QString m_pinnedVersion;
    EngineInfo m_info;
    bool m_ready = false;
};

} // namespace slipway::docker

#include "docker/engineclient.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>

namespace slipway::docker {

namespace {

QString minVersion(const QString& a, const QString& b) {
    return EngineClient::compareVersions(a, b) <= 0 ? a : b;
}

} // namespace

QByteArray EngineInfo::versioned(const QByteArray& path) const {
    return "/v" + apiVersion.toLatin1() + path;
}

QString EngineReply::message() const {
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject() && document.object().contains(QStringLiteral("message")))
        return document.object().value(QStringLiteral("message")).toString();
    return QString::fromUtf8(body).trimmed();
}

EngineClient::EngineClient(QList<EngineEndpoint> candidates, QObject* parent)
    : QObject(parent), m_candidates(std::move(candidates)) {
    m_pinnedVersion = qEnvironmentVariable("DOCKER_API_VERSION");
}

Result<QList<EngineEndpoint>> EngineClient::defaultCandidates(const QProcessEnvironment& environment) {
    return candidateEndpoints(environment, QDir::homePath());
}

int EngineClient::compareVersions(const QString& a, const QString& b) {
    const QStringList left = a.split(u'.');
    const QStringList right = b.split(u'.');
    for (qsizetype i = 0; i < std::max(left.size(), right.size()); ++i) {
        const int l = i < left.size() ? left[i].toInt() : 0;
        const int r = i < right.size() ? right[i].toInt() : 0;
        if (l != r)
            return l < r ? -1 : 1;
    }
    return 0;
}

bool EngineClient::isVersionRefusal(int status, const QString& message) {
    static const QRegularExpression pattern(QStringLiteral("client version \\S+ is too (new|old)"));
    return status == 400 && pattern.match(message).hasMatch();
}

void EngineClient::fetch(const EngineEndpoint& endpoint, EngineRequest::Request request, QObject* context,
                         std::function<void(const Result<EngineReply>&)> done) {
    auto* engineRequest = new EngineRequest(endpoint, std::move(request));
    auto body = std::make_shared<QByteArray>();
    QObject::connect(engineRequest, &EngineRequest::bodyReceived,
                     [body](const QByteArray& data) { body->append(data); });
    QPointer<QObject> guard(context);
    QObject::connect(engineRequest, &EngineRequest::finished,
                     [engineRequest, body, guard, done = std::move(done)](const Result<void>& result) {
                         engineRequest->deleteLater();
                         if (!guard)
                             return;
                         if (!result)
                             done(std::unexpected(result.error()));
                         else
                             done(EngineReply{engineRequest->head(), *body});
                     });
    engineRequest->start();
}

EngineRequest* EngineClient::request(EngineRequest::Request request, QObject* parent) const {
    request.path = m_info.versioned(request.path);
    return new EngineRequest(m_info.endpoint, std::move(request), parent);
}

void EngineClient::call(EngineRequest::Request request, QObject* context,
                        std::function<void(const Result<EngineReply>&)> done) {
    EngineRequest::Request versioned = request;
    versioned.path = m_info.versioned(request.path);
    QPointer<EngineClient> self(this);
    fetch(m_info.endpoint, versioned, context,
          [self, request, context, done](const Result<EngineReply>& reply) {
              if (!self || !reply || !isVersionRefusal(reply->status(), reply->message()) ||
                  !self->m_pinnedVersion.isEmpty()) {
                  done(reply);
                  return;
              }
              self->negotiate(self->m_info.endpoint,
                              [self, request, context, done](const Result<EngineInfo>& info) {
                                  if (!self)
                                      return;
                                  if (!info) {
                                      done(std::unexpected(info.error()));
                                      return;
                                  }
                                  self->m_info = *info;
                                  EngineRequest::Request retry = request;
                                  retry.path = self->m_info.versioned(request.path);
                                  fetch(self->m_info.endpoint, retry, context, done);
                              });
          });
}

void EngineClient::connectToEngine() {
    m_attempts.clear();
    m_accessDenied = false;
    if (m_candidates.isEmpty()) {
        finishConnect(fail(QStringLiteral("engine-unreachable"),
                           QStringLiteral("no Docker engine address to try"),
                           QStringLiteral("set DOCKER_HOST to where your engine listens")));
        return;
    }
    tryCandidate(0);
}

void EngineClient::tryCandidate(int index) {
    if (index >= m_candidates.size()) {
        QString fix =
            m_accessDenied
                ? QStringLiteral("add your user to the docker group (`sudo usermod -aG docker $USER`, "
                                 "then log out and in again)")
                : QStringLiteral("start Docker (Docker Desktop, or `sudo systemctl start docker`; "
                                 "Podman: `systemctl --user start podman.socket`), or set DOCKER_HOST "
                                 "to where your engine listens");
        finishConnect(fail(m_accessDenied ? QStringLiteral("engine-access-denied")
                                          : QStringLiteral("engine-unreachable"),
                           QStringLiteral("no Docker engine answered. Slipway looked at: %1")
                               .arg(m_attempts.join(QStringLiteral("; "))),
                           fix));
        return;
    }
    const EngineEndpoint endpoint = m_candidates[index];
    QPointer<EngineClient> self(this);
    negotiate(endpoint, [self, index, endpoint](const Result<EngineInfo>& info) {
        if (!self)
            return;
        if (info) {
            self->finishConnect(info);
            return;
        }
        // A reachable engine that refuses us is the answer; only silence moves on to the next place.
        if (info.error().code != QLatin1String("engine-unreachable") &&
            info.error().code != QLatin1String("engine-access-denied")) {
            self->finishConnect(info);
            return;
        }
        self->m_accessDenied =
            self->m_accessDenied || info.error().code == QLatin1String("engine-access-denied");
        self->m_attempts.append(
            QStringLiteral("%1 (%2): %3").arg(endpoint.url(), endpoint.origin, info.error().detail));
        self->tryCandidate(index + 1);
    });
}

void EngineClient::negotiate(const EngineEndpoint& endpoint,
                             std::function<void(const Result<EngineInfo>&)> done) {
    QPointer<EngineClient> self(this);
    fetch(endpoint, {"GET", "/_ping", {}, {}, nullptr}, this,
          [self, endpoint, done](const Result<EngineReply>& ping) {
              if (!ping) {
                  Error error = ping.error();
                  // The socket's own words ("No such file or directory"), for the list of places tried.
                  const qsizetype colon = error.message.lastIndexOf(QStringLiteral("): "));
                  error.detail = colon >= 0 ? error.message.mid(colon + 3) : error.message;
                  done(std::unexpected(error));
                  return;
              }
              EngineInfo info;
              info.endpoint = endpoint;
              info.engineApiVersion = QString::fromLatin1(ping->head.header("Api-Version"));
              info.podman = !ping->head.header("Libpod-Api-Version").isEmpty();
              // Docker 20.10 sends no Builder-Version unless configured; BuildKit (API 1.39+) is there on
              // Linux.
              const QByteArray builder = ping->head.header("Builder-Version");
              info.buildKit =
                  !info.podman &&
                  (builder == "2" || (builder.isEmpty() && ping->head.header("Ostype") != "windows"));
              if (ping->status() != 200 && ping->status() != 500) // a 500 is an unhealthy but present engine
                  return done(fail(QStringLiteral("engine-protocol"),
                                   QStringLiteral("%1 answered /_ping with HTTP %2: is it a Docker engine?")
                                       .arg(endpoint.url())
                                       .arg(ping->status()),
                                   QStringLiteral("point DOCKER_HOST at a Docker or Podman socket")));
              if (info.engineApiVersion.isEmpty())
                  info.engineApiVersion = QString::fromLatin1(kOldestApiVersion);
              const QString pinned = self ? self->m_pinnedVersion : QString();
              info.apiVersion =
                  pinned.isEmpty() ? minVersion(QString::fromLatin1(kNewestApiVersion), info.engineApiVersion)
                                   : pinned;
              if (pinned.isEmpty() &&
                  compareVersions(info.apiVersion, QString::fromLatin1(kOldestApiVersion)) < 0)
                  return done(fail(
                      QStringLiteral("engine-too-old"),
                      QStringLiteral("the Docker engine at %1 speaks API %2; Slipway needs %3 or newer")
                          .arg(endpoint.url(), info.engineApiVersion, QString::fromLatin1(kOldestApiVersion)),
                      QStringLiteral("upgrade Docker to 19.03 or newer")));
              fetch(endpoint, {"GET", info.versioned("/version"), {}, {}, nullptr}, self,
                    [info, done](const Result<EngineReply>& version) mutable {
                        if (!version)
                            return done(std::unexpected(version.error()));
                        if (version->status() != 200)
                            return done(fail(QStringLiteral("engine-version"),
                                             QStringLiteral("the Docker engine refused API %1: %2")
                                                 .arg(info.apiVersion, version->message()),
                                             QStringLiteral("unset DOCKER_API_VERSION, or upgrade Docker")));
                        const QJsonObject object = QJsonDocument::fromJson(version->body).object();
                        info.engineVersion = object.value(QStringLiteral("Version")).toString();
                        info.os = object.value(QStringLiteral("Os")).toString();
                        info.arch = object.value(QStringLiteral("Arch")).toString();
                        done(info);
                    });
          });
}

void EngineClient::finishConnect(const Result<EngineInfo>& info) {
    m_ready = info.has_value();
    if (info)
        m_info = *info;
    Q_EMIT ready(info);
}

} // namespace slipway::docker

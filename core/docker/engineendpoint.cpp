#include "docker/engineendpoint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <optional>

namespace slipway::docker {

namespace {

Result<QJsonObject> readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("docker-config"),
                    QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(QStringLiteral("docker-config"),
                    QStringLiteral("%1 is not valid JSON: %2").arg(path, error.errorString()),
                    QStringLiteral("fix or remove the file"));
    return document.object();
}

// The docker CLI's current context: config.json "currentContext", whose endpoint lives in
// contexts/meta/<sha256 of the name>/meta.json. No context or "default" means no override.
Result<std::optional<EngineEndpoint>> contextEndpoint(const QProcessEnvironment& environment,
                                                      const QString& home) {
    const QString configDir = environment.contains(QStringLiteral("DOCKER_CONFIG"))
                                  ? environment.value(QStringLiteral("DOCKER_CONFIG"))
                                  : QDir(home).filePath(QStringLiteral(".docker"));
    QString context = environment.value(QStringLiteral("DOCKER_CONTEXT"));
    const QString configPath = QDir(configDir).filePath(QStringLiteral("config.json"));
    if (context.isEmpty() && QFile::exists(configPath)) {
        auto config = readJsonObject(configPath);
        if (!config)
            return std::unexpected(config.error());
        context = config->value(QStringLiteral("currentContext")).toString();
    }
    if (context.isEmpty() || context == QLatin1String("default"))
        return std::optional<EngineEndpoint>{};
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(context.toUtf8(), QCryptographicHash::Sha256).toHex());
    const QString metaPath = QDir(configDir).filePath(QStringLiteral("contexts/meta/%1/meta.json").arg(hash));
    if (!QFile::exists(metaPath))
        return fail(
            QStringLiteral("docker-context"),
            QStringLiteral("the current docker context \"%1\" does not exist (no %2)").arg(context, metaPath),
            QStringLiteral("run `docker context use default`, or create the context"));
    auto meta = readJsonObject(metaPath);
    if (!meta)
        return std::unexpected(meta.error());
    const QJsonObject docker =
        meta->value(QStringLiteral("Endpoints")).toObject().value(QStringLiteral("docker")).toObject();
    auto endpoint = parseDockerHost(docker.value(QStringLiteral("Host")).toString());
    if (!endpoint)
        return fail(endpoint.error().code,
                    QStringLiteral("docker context \"%1\": %2").arg(context, endpoint.error().message),
                    endpoint.error().fix);
    endpoint->tls =
        endpoint->kind == EngineEndpoint::Kind::Tcp &&
        !docker.value(QStringLiteral("SkipTLSVerify")).toBool(false) &&
        QDir(QDir(configDir).filePath(QStringLiteral("contexts/tls/%1/docker").arg(hash))).exists();
    if (endpoint->tls)
        endpoint->certPath = QDir(configDir).filePath(QStringLiteral("contexts/tls/%1/docker").arg(hash));
    endpoint->origin = QStringLiteral("docker context \"%1\"").arg(context);
    return std::optional<EngineEndpoint>(*endpoint);
}

EngineEndpoint unixEndpoint(const QString& path, const QString& origin) {
    EngineEndpoint endpoint;
    endpoint.socketPath = path;
    endpoint.origin = origin;
    return endpoint;
}

} // namespace

QString EngineEndpoint::url() const {
    if (kind == Kind::Unix)
        return QStringLiteral("unix://") + socketPath;
    return QStringLiteral("tcp://%1:%2").arg(host).arg(port);
}

Result<EngineEndpoint> parseDockerHost(const QString& value, bool tls) {
    const QString text = value.trimmed();
    const QString fix = QStringLiteral("use unix:///path/to/docker.sock or tcp://host:2376");
    if (text.isEmpty())
        return fail(QStringLiteral("docker-host"), QStringLiteral("the engine address is empty"), fix);
    EngineEndpoint endpoint;
    endpoint.origin = QStringLiteral("DOCKER_HOST");
    if (text.startsWith(QLatin1String("unix://"))) {
        endpoint.socketPath = text.mid(7);
        if (endpoint.socketPath.isEmpty() || !endpoint.socketPath.startsWith(QLatin1Char('/')))
            return fail(QStringLiteral("docker-host"),
                        QStringLiteral("\"%1\" has no absolute socket path").arg(text), fix);
        return endpoint;
    }
    if (text.startsWith(QLatin1String("tcp://"))) {
        const QUrl url(text);
        if (!url.isValid() || url.host().isEmpty())
            return fail(QStringLiteral("docker-host"),
                        QStringLiteral("\"%1\" is not a valid tcp:// address").arg(text), fix);
        endpoint.kind = EngineEndpoint::Kind::Tcp;
        endpoint.host = url.host();
        endpoint.tls = tls;
        endpoint.port = static_cast<quint16>(url.port(tls ? 2376 : 2375));
        return endpoint;
    }
    if (text.startsWith(QLatin1String("ssh://")))
        return fail(QStringLiteral("docker-host"),
                    QStringLiteral("\"%1\": engines over ssh:// are not supported").arg(text),
                    QStringLiteral(
                        "forward the remote socket (ssh -L /tmp/docker.sock:/var/run/docker.sock host) and "
                        "set DOCKER_HOST=unix:///tmp/docker.sock"));
    return fail(QStringLiteral("docker-host"),
                QStringLiteral("\"%1\" is not an engine address Slipway can use").arg(text), fix);
}

Result<QList<EngineEndpoint>> candidateEndpoints(const QProcessEnvironment& environment,
                                                 const QString& homeDirectory) {
    const QString dockerHost = environment.value(QStringLiteral("DOCKER_HOST"));
    if (!dockerHost.isEmpty()) {
        const QString verify = environment.value(QStringLiteral("DOCKER_TLS_VERIFY"));
        auto endpoint = parseDockerHost(dockerHost, !verify.isEmpty() && verify != QLatin1String("0"));
        if (!endpoint)
            return fail(endpoint.error().code, QStringLiteral("DOCKER_HOST: ") + endpoint.error().message,
                        endpoint.error().fix);
        if (endpoint->tls)
            endpoint->certPath = environment.value(QStringLiteral("DOCKER_CERT_PATH"),
                                                   QDir(homeDirectory).filePath(QStringLiteral(".docker")));
        return QList<EngineEndpoint>{*endpoint};
    }
    auto context = contextEndpoint(environment, homeDirectory);
    if (!context)
        return std::unexpected(context.error());
    if (*context)
        return QList<EngineEndpoint>{**context};

    QList<EngineEndpoint> candidates{
        unixEndpoint(QStringLiteral("/var/run/docker.sock"), QStringLiteral("default socket"))};
    const QString runtime = environment.value(QStringLiteral("XDG_RUNTIME_DIR"));
    if (!runtime.isEmpty()) {
        candidates.append(unixEndpoint(QDir(runtime).filePath(QStringLiteral("docker.sock")),
                                       QStringLiteral("rootless Docker socket")));
        candidates.append(unixEndpoint(QDir(runtime).filePath(QStringLiteral("podman/podman.sock")),
                                       QStringLiteral("Podman socket")));
    }
    candidates.append(
        unixEndpoint(QStringLiteral("/run/podman/podman.sock"), QStringLiteral("Podman socket")));
    return candidates;
}

} // namespace slipway::docker

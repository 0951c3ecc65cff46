// Proves that the registry-like services tests/services/up starts for issues 4 and 5 behave as the
// registry client, the pull check and the build tests rely on: the htpasswd registry and its
// private base image, the GHCR-like token server and registry, the seeded platform variants, the
// TLS registry and its CA, the 429 fixture, and the pip index as build containers see it.

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>
#include <optional>

namespace {

constexpr int kTimeoutMs = 20000;

const QByteArray kManifestAccept = "application/vnd.oci.image.index.v1+json, "
                                   "application/vnd.docker.distribution.manifest.list.v2+json, "
                                   "application/vnd.oci.image.manifest.v1+json, "
                                   "application/vnd.docker.distribution.manifest.v2+json";

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Answer {
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString firstErrorCode() const {
        return json()
            .value(QLatin1String("errors"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("code"))
            .toString();
    }
    QString describe() const {
        return QStringLiteral("HTTP %1 (%2) %3")
            .arg(status)
            .arg(errorString, QString::fromUtf8(body.left(300)));
    }
};

QByteArray basicAuthorization(const QString& user, const QString& password) {
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QByteArray sha256Digest(const QByteArray& data) {
    return "sha256:" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Platforms of an index's entries as os/architecture[/variant], attestation entries included.
QStringList platformsOf(const QJsonObject& index) {
    QStringList platforms;
    for (const QJsonValue& entry : index.value(QLatin1String("manifests")).toArray()) {
        const QJsonObject platform = entry.toObject().value(QLatin1String("platform")).toObject();
        QString name = platform.value(QLatin1String("os")).toString() + QLatin1Char('/') +
                       platform.value(QLatin1String("architecture")).toString();
        if (platform.contains(QLatin1String("variant")))
            name += QLatin1Char('/') + platform.value(QLatin1String("variant")).toString();
        platforms << name;
    }
    return platforms;
}

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ProcessResult runProcess(const QString& program, const QStringList& arguments, int timeoutMs,
                         const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessResult result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished)
        process.kill();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

class TestRegistryServices : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void basicRegistryRefusesAnonymousClients();
    void basicRegistryAcceptsTheTestUserOnly();
    void basicRegistryHoldsThePrivateBaseImage();
    void basicRegistryHoldsHello();

    void tokenRegistrySendsClientsToTheTokenServer();
    void anonymousTokenPullsPublicImage();
    void anonymousTokenDoesNotAllowPush();
    void anonymousTokenForPrivateRepositoryIsRefused();
    void credentialsPullPrivateImage();
    void wrongPasswordIsRefusedAtTheTokenEndpoint();
    void outsiderIsDeniedPrivateButPullsPublic();
    void oauthPasswordAndRefreshTokenGrants();
    void missingTagAndMissingRepositoryAreDistinct();

    void multiPlatformIndexHasNoAmd64();
    void armOnlyImageSaysArm64InItsConfig();
    void bothIndexHasAmd64AndArm64();

    void tlsRegistryFailsWithoutTheCa();
    void tlsRegistryWorksWithTheCa_data();
    void tlsRegistryWorksWithTheCa();

    void rateLimitedRegistryAnswers429WithHubHeaders_data();
    void rateLimitedRegistryAnswers429WithHubHeaders();

    void pipIndexServesAWheelToContainers();
    void pipInstallsTheWheelFromTheIndexInAContainer();

private:
    Answer send(QNetworkAccessManager& network, const QByteArray& verb, const QUrl& url,
                const Headers& headers = {}, const QByteArray& body = {});
    Answer send(const QByteArray& verb, const QUrl& url, const Headers& headers = {},
                const QByteArray& body = {}) {
        return send(m_network, verb, url, headers, body);
    }
    Answer tokenFor(const QString& scope, const QByteArray& authorization = {});
    QByteArray bearer(const QString& scope, const QByteArray& authorization = {});
    Answer manifest(const QString& registry, const QString& repository, const QString& reference,
                    const QByteArray& authorization);
    Answer tokenManifest(const QString& repository, const QString& reference = QStringLiteral("latest"));
    QString makeProbeWheel();
    ProcessResult docker(const QStringList& arguments, int timeoutMs);

    QNetworkAccessManager m_network;
    QString m_basic, m_token, m_tls, m_rateLimited, m_open;
    QByteArray m_basicAuth, m_tokenAuth;
    QString m_realm, m_service;
};

void TestRegistryServices::initTestCase() {
    // Failing, not skipping: a suite whose service tests skip silently looks green with no services.
    const char* required[] = {"SLIPWAY_TEST_BASIC_REGISTRY",
                              "SLIPWAY_TEST_BASIC_USER",
                              "SLIPWAY_TEST_BASIC_PASSWORD",
                              "SLIPWAY_TEST_TOKEN_REGISTRY",
                              "SLIPWAY_TEST_TOKEN_SERVER",
                              "SLIPWAY_TEST_TOKEN_USER",
                              "SLIPWAY_TEST_TOKEN_PASSWORD",
                              "SLIPWAY_TEST_TOKEN_OUTSIDER_USER",
                              "SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD",
                              "SLIPWAY_TEST_TLS_REGISTRY",
                              "SLIPWAY_TEST_TLS_CA",
                              "SLIPWAY_TEST_RATELIMIT_REGISTRY",
                              "SLIPWAY_TEST_PRIVATE_BASE_IMAGE",
                              "SLIPWAY_TEST_PIP_INDEX_DIR",
                              "SLIPWAY_TEST_PIP_INDEX_URL",
                              "SLIPWAY_TEST_PIP_TRUSTED_HOST",
                              "SLIPWAY_TEST_REGISTRY",
                              "SLIPWAY_TEST_PYTHON_IMAGE",
                              "SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE",
                              "SLIPWAY_TEST_PYTHON_LOCAL_IMAGE",
                              "SLIPWAY_SERVICES_STATE",
                              "DOCKER_HOST"};
    for (const char* name : required) {
        if (qEnvironmentVariable(name).isEmpty()) {
            QFAIL(qPrintable(QStringLiteral("%1 is not set: start the test services with "
                                            "eval \"$(tests/services/up)\" and run the tests from that shell")
                                 .arg(QLatin1String(name))));
        }
    }
    m_basic = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
    m_token = qEnvironmentVariable("SLIPWAY_TEST_TOKEN_REGISTRY");
    m_tls = qEnvironmentVariable("SLIPWAY_TEST_TLS_REGISTRY");
    m_rateLimited = qEnvironmentVariable("SLIPWAY_TEST_RATELIMIT_REGISTRY");
    m_open = qEnvironmentVariable("SLIPWAY_TEST_REGISTRY");
    m_basicAuth = basicAuthorization(qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                                     qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD"));
    m_tokenAuth = basicAuthorization(qEnvironmentVariable("SLIPWAY_TEST_TOKEN_USER"),
                                     qEnvironmentVariable("SLIPWAY_TEST_TOKEN_PASSWORD"));

    // As a client would: realm and service from the token registry's challenge.
    const Answer ping = send("GET", QUrl(QStringLiteral("http://%1/v2/").arg(m_token)));
    QVERIFY2(ping.finished, "the token registry did not answer GET /v2/: run tests/services/up");
    const QString challenge = QString::fromLatin1(ping.header("WWW-Authenticate"));
    const auto realm = QRegularExpression(QStringLiteral("realm=\"([^\"]+)\"")).match(challenge);
    const auto service = QRegularExpression(QStringLiteral("service=\"([^\"]+)\"")).match(challenge);
    QVERIFY2(realm.hasMatch() && service.hasMatch(), qPrintable(QStringLiteral("challenge: ") + challenge));
    m_realm = realm.captured(1);
    m_service = service.captured(1);
}

Answer TestRegistryServices::send(QNetworkAccessManager& network, const QByteArray& verb, const QUrl& url,
                                  const Headers& headers, const QByteArray& body) {
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(verb == "HEAD" ? network.head(request)
                                                        : network.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(kTimeoutMs + 1000);
    Answer answer;
    answer.finished = reply->isFinished();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.errorString = reply->errorString();
    answer.headers = reply->rawHeaderPairs();
    answer.body = reply->readAll();
    return answer;
}

Answer TestRegistryServices::tokenFor(const QString& scope, const QByteArray& authorization) {
    QUrl url(m_realm);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), m_service);
    query.addQueryItem(QStringLiteral("scope"), scope);
    url.setQuery(query);
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    return send("GET", url, headers);
}

QByteArray TestRegistryServices::bearer(const QString& scope, const QByteArray& authorization) {
    const Answer answer = tokenFor(scope, authorization);
    if (answer.status != 200)
        return {};
    return "Bearer " + answer.json().value(QLatin1String("token")).toString().toLatin1();
}

Answer TestRegistryServices::manifest(const QString& registry, const QString& repository,
                                      const QString& reference, const QByteArray& authorization) {
    Headers headers{{"Accept", kManifestAccept}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    return send("GET",
                QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(registry, repository, reference)),
                headers);
}

Answer TestRegistryServices::tokenManifest(const QString& repository, const QString& reference) {
    return manifest(m_token, repository, reference,
                    bearer(QStringLiteral("repository:%1:pull").arg(repository)));
}

// --- htpasswd registry ------------------------------------------------------------------------

void TestRegistryServices::basicRegistryRefusesAnonymousClients() {
    const Answer answer = send("GET", QUrl(QStringLiteral("http://%1/v2/").arg(m_basic)));
    QVERIFY2(answer.finished, "the basic-auth registry did not answer");
    QCOMPARE(answer.status, 401);
    QVERIFY2(answer.header("WWW-Authenticate").startsWith("Basic realm="), answer.header("WWW-Authenticate"));
    QCOMPARE(answer.firstErrorCode(), QStringLiteral("UNAUTHORIZED"));
}

void TestRegistryServices::basicRegistryAcceptsTheTestUserOnly() {
    const QUrl url(QStringLiteral("http://%1/v2/").arg(m_basic));
    const Answer good = send("GET", url, {{"Authorization", m_basicAuth}});
    QCOMPARE(good.status, 200);
    QCOMPARE(good.header("Docker-Distribution-Api-Version"), QByteArray("registry/2.0"));
    const Answer wrong =
        send("GET", url,
             {{"Authorization",
               basicAuthorization(qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"), "not-the-password")}});
    QCOMPARE(wrong.status, 401);
}

void TestRegistryServices::basicRegistryHoldsThePrivateBaseImage() {
    const QString reference = qEnvironmentVariable("SLIPWAY_TEST_PRIVATE_BASE_IMAGE");
    QVERIFY2(reference.startsWith(m_basic + QLatin1Char('/')), qPrintable(reference));
    const QString path = reference.section(QLatin1Char('/'), 1);
    const QString repository = path.section(QLatin1Char(':'), 0, 0);
    const QString tag = path.section(QLatin1Char(':'), 1);

    QCOMPARE(manifest(m_basic, repository, tag, {}).status, 401);
    const Answer copy = manifest(m_basic, repository, tag, m_basicAuth);
    QVERIFY2(copy.status == 200, qPrintable(copy.describe()));

    // The same image as the open registry's Python base: same manifest digest, layers present.
    const QString source = qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE").section(QLatin1Char('/'), 1);
    const Answer original =
        manifest(m_open, source.section(QLatin1Char(':'), 0, 0), source.section(QLatin1Char(':'), 1), {});
    QVERIFY2(original.status == 200, qPrintable(original.describe()));
    QCOMPARE(copy.header("Docker-Content-Digest"), original.header("Docker-Content-Digest"));
    QCOMPARE(sha256Digest(copy.body), copy.header("Docker-Content-Digest"));
    const QJsonArray layers = copy.json().value(QLatin1String("layers")).toArray();
    QVERIFY(!layers.isEmpty());
    for (const QJsonValue& layer : layers) {
        const QString digest = layer.toObject().value(QLatin1String("digest")).toString();
        const Answer blob =
            send("HEAD", QUrl(QStringLiteral("http://%1/v2/%2/blobs/%3").arg(m_basic, repository, digest)),
                 {{"Authorization", m_basicAuth}});
        QVERIFY2(blob.status == 200, qPrintable(digest + QStringLiteral(": ") + blob.describe()));
        QCOMPARE(blob.header("Content-Length").toLongLong(),
                 layer.toObject().value(QLatin1String("size")).toInteger());
    }
}

void TestRegistryServices::basicRegistryHoldsHello() {
    const Answer answer =
        manifest(m_basic, QStringLiteral("slipway/hello"), QStringLiteral("latest"), m_basicAuth);
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    QCOMPARE(answer.json().value(QLatin1String("mediaType")).toString(),
             QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
}

// --- token server and token registry ----------------------------------------------------------

void TestRegistryServices::tokenRegistrySendsClientsToTheTokenServer() {
    QCOMPARE(m_realm, qEnvironmentVariable("SLIPWAY_TEST_TOKEN_SERVER") + QStringLiteral("/token"));
    const Answer ping = send("GET", QUrl(QStringLiteral("http://%1/v2/").arg(m_token)));
    QCOMPARE(ping.status, 401);
    QVERIFY2(ping.header("WWW-Authenticate").startsWith("Bearer "), ping.header("WWW-Authenticate"));
    // The service is not the registry's host: clients must pass on what the challenge says.
    QVERIFY(m_service != m_token);
}

void TestRegistryServices::anonymousTokenPullsPublicImage() {
    const Answer token = tokenFor(QStringLiteral("repository:public/hello:pull"));
    QVERIFY2(token.status == 200, qPrintable(token.describe()));
    const QString jwt = token.json().value(QLatin1String("token")).toString();
    QCOMPARE(token.json().value(QLatin1String("access_token")).toString(), jwt);
    QVERIFY(token.json().value(QLatin1String("expires_in")).toInt() >= 60);
    // The JWT header carries the signing certificate (x5c), as docker-registry needs.
    const QJsonObject header =
        QJsonDocument::fromJson(QByteArray::fromBase64(jwt.section(QLatin1Char('.'), 0, 0).toLatin1(),
                                                       QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(header.value(QLatin1String("x5c")).toArray().size(), 1);

    const Answer answer = manifest(m_token, QStringLiteral("public/hello"), QStringLiteral("latest"),
                                   "Bearer " + jwt.toLatin1());
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    QCOMPARE(sha256Digest(answer.body), answer.header("Docker-Content-Digest"));
    QCOMPARE(manifest(m_token, QStringLiteral("public/hello"), QStringLiteral("latest"), {}).status, 401);
}

void TestRegistryServices::anonymousTokenDoesNotAllowPush() {
    const QByteArray token = bearer(QStringLiteral("repository:public/hello:pull,push"));
    QVERIFY(!token.isEmpty());
    const Answer upload =
        send("POST", QUrl(QStringLiteral("http://%1/v2/public/hello/blobs/uploads/").arg(m_token)),
             {{"Authorization", token}});
    QCOMPARE(upload.status, 401);
    QVERIFY2(upload.header("WWW-Authenticate").contains("insufficient_scope"),
             upload.header("WWW-Authenticate"));
}

void TestRegistryServices::anonymousTokenForPrivateRepositoryIsRefused() {
    // GHCR refuses at the token endpoint (docker-registry.md §3.8), and so does the fixture, for
    // private and for missing non-public repositories alike.
    for (const QString& repository :
         {QStringLiteral("private/hello"), QStringLiteral("private/does-not-exist")}) {
        const Answer token = tokenFor(QStringLiteral("repository:%1:pull").arg(repository));
        QCOMPARE(token.status, 401);
        QCOMPARE(token.firstErrorCode(), QStringLiteral("UNAUTHORIZED"));
        QVERIFY(!token.json().contains(QLatin1String("token")));
    }
    QCOMPARE(manifest(m_token, QStringLiteral("private/hello"), QStringLiteral("latest"), {}).status, 401);
}

void TestRegistryServices::credentialsPullPrivateImage() {
    const QString scope = QStringLiteral("repository:private/hello:pull");
    const Answer token = tokenFor(scope, m_tokenAuth);
    QVERIFY2(token.status == 200, qPrintable(token.describe()));
    const Answer answer =
        manifest(m_token, QStringLiteral("private/hello"), QStringLiteral("latest"),
                 "Bearer " + token.json().value(QLatin1String("token")).toString().toLatin1());
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    // Same content as the public one: only the visibility differs.
    QCOMPARE(answer.header("Docker-Content-Digest"),
             tokenManifest(QStringLiteral("public/hello")).header("Docker-Content-Digest"));
}

void TestRegistryServices::wrongPasswordIsRefusedAtTheTokenEndpoint() {
    const Answer token =
        tokenFor(QStringLiteral("repository:public/hello:pull"),
                 basicAuthorization(qEnvironmentVariable("SLIPWAY_TEST_TOKEN_USER"), "wrong"));
    QCOMPARE(token.status, 401);
    QCOMPARE(token.firstErrorCode(), QStringLiteral("UNAUTHORIZED"));
}

void TestRegistryServices::outsiderIsDeniedPrivateButPullsPublic() {
    // Valid credentials without access to the package: GHCR answers 403 DENIED.
    const QByteArray outsider =
        basicAuthorization(qEnvironmentVariable("SLIPWAY_TEST_TOKEN_OUTSIDER_USER"),
                           qEnvironmentVariable("SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"));
    const Answer denied = tokenFor(QStringLiteral("repository:private/hello:pull"), outsider);
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.firstErrorCode(), QStringLiteral("DENIED"));
    const QByteArray token = bearer(QStringLiteral("repository:public/hello:pull"), outsider);
    QVERIFY(!token.isEmpty());
    const Answer answer = manifest(m_token, QStringLiteral("public/hello"), QStringLiteral("latest"), token);
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
}

void TestRegistryServices::oauthPasswordAndRefreshTokenGrants() {
    const auto post = [this](const QList<std::pair<QString, QString>>& fields) {
        QUrlQuery form;
        for (const auto& [key, value] : fields)
            form.addQueryItem(key, value);
        return send("POST", QUrl(m_realm), {{"Content-Type", "application/x-www-form-urlencoded"}},
                    form.toString(QUrl::FullyEncoded).toLatin1());
    };
    const QString scope = QStringLiteral("repository:private/hello:pull");
    const Answer password =
        post({{QStringLiteral("grant_type"), QStringLiteral("password")},
              {QStringLiteral("username"), qEnvironmentVariable("SLIPWAY_TEST_TOKEN_USER")},
              {QStringLiteral("password"), qEnvironmentVariable("SLIPWAY_TEST_TOKEN_PASSWORD")},
              {QStringLiteral("service"), m_service},
              {QStringLiteral("client_id"), QStringLiteral("slipway-tests")},
              {QStringLiteral("access_type"), QStringLiteral("offline")},
              {QStringLiteral("scope"), scope}});
    QVERIFY2(password.status == 200, qPrintable(password.describe()));
    const QString refreshToken = password.json().value(QLatin1String("refresh_token")).toString();
    QVERIFY2(!refreshToken.isEmpty(), "access_type=offline gave no refresh_token");

    const Answer refreshed = post({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                   {QStringLiteral("refresh_token"), refreshToken},
                                   {QStringLiteral("service"), m_service},
                                   {QStringLiteral("client_id"), QStringLiteral("slipway-tests")},
                                   {QStringLiteral("scope"), scope}});
    QVERIFY2(refreshed.status == 200, qPrintable(refreshed.describe()));
    const QByteArray access = refreshed.json().value(QLatin1String("access_token")).toString().toLatin1();
    const Answer answer =
        manifest(m_token, QStringLiteral("private/hello"), QStringLiteral("latest"), "Bearer " + access);
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));

    const Answer bad =
        post({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
              {QStringLiteral("refresh_token"), refreshToken.chopped(4) + QStringLiteral("AAAA")},
              {QStringLiteral("service"), m_service},
              {QStringLiteral("scope"), scope}});
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestRegistryServices::missingTagAndMissingRepositoryAreDistinct() {
    // docker-registry 2.8 answers MANIFEST_UNKNOWN for a manifest of a repository it does not
    // know at all; only the tags list tells a missing repository (NAME_UNKNOWN) from a missing tag.
    const auto tagsList = [this](const QString& repository) {
        return send("GET", QUrl(QStringLiteral("http://%1/v2/%2/tags/list").arg(m_token, repository)),
                    {{"Authorization", bearer(QStringLiteral("repository:%1:pull").arg(repository))}});
    };
    const Answer tag = tokenManifest(QStringLiteral("public/hello"), QStringLiteral("no-such-tag"));
    QCOMPARE(tag.status, 404);
    QCOMPARE(tag.firstErrorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    const Answer tags = tagsList(QStringLiteral("public/hello"));
    QCOMPARE(tags.status, 200);
    QCOMPARE(tags.json().value(QLatin1String("tags")).toArray(), QJsonArray{QStringLiteral("latest")});

    const Answer repository = tokenManifest(QStringLiteral("public/no-such-image"));
    QCOMPARE(repository.status, 404);
    QCOMPARE(repository.firstErrorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    const Answer noTags = tagsList(QStringLiteral("public/no-such-image"));
    QCOMPARE(noTags.status, 404);
    QCOMPARE(noTags.firstErrorCode(), QStringLiteral("NAME_UNKNOWN"));
}

// --- seeded platform variants -----------------------------------------------------------------

void TestRegistryServices::multiPlatformIndexHasNoAmd64() {
    const Answer answer = tokenManifest(QStringLiteral("public/multi"));
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/vnd.oci.image.index.v1+json"));
    const QJsonObject index = answer.json();
    QCOMPARE(platformsOf(index), (QStringList{QStringLiteral("linux/arm64/v8"), QStringLiteral("linux/s390x"),
                                              QStringLiteral("unknown/unknown")}));
    const QJsonObject attestation = index.value(QLatin1String("manifests")).toArray().at(2).toObject();
    const QJsonObject annotations = attestation.value(QLatin1String("annotations")).toObject();
    QCOMPARE(annotations.value(QLatin1String("vnd.docker.reference.type")).toString(),
             QStringLiteral("attestation-manifest"));
    QCOMPARE(annotations.value(QLatin1String("vnd.docker.reference.digest")).toString(),
             index.value(QLatin1String("manifests"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("digest"))
                 .toString());
    // Every entry is pullable by digest.
    for (const QJsonValue& entry : index.value(QLatin1String("manifests")).toArray()) {
        const QString digest = entry.toObject().value(QLatin1String("digest")).toString();
        const Answer child = tokenManifest(QStringLiteral("public/multi"), digest);
        QVERIFY2(child.status == 200, qPrintable(digest + QStringLiteral(": ") + child.describe()));
        QCOMPARE(QString::fromLatin1(sha256Digest(child.body)), digest);
    }
}

void TestRegistryServices::armOnlyImageSaysArm64InItsConfig() {
    const QString repository = QStringLiteral("public/armonly");
    const Answer answer = tokenManifest(repository);
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/vnd.oci.image.manifest.v1+json"));
    const QString configDigest =
        answer.json().value(QLatin1String("config")).toObject().value(QLatin1String("digest")).toString();
    const Answer config =
        send("GET", QUrl(QStringLiteral("http://%1/v2/%2/blobs/%3").arg(m_token, repository, configDigest)),
             {{"Authorization", bearer(QStringLiteral("repository:%1:pull").arg(repository))}});
    QVERIFY2(config.status == 200, qPrintable(config.describe()));
    QCOMPARE(QString::fromLatin1(sha256Digest(config.body)), configDigest);
    QCOMPARE(config.json().value(QLatin1String("architecture")).toString(), QStringLiteral("arm64"));
    QCOMPARE(config.json().value(QLatin1String("os")).toString(), QStringLiteral("linux"));
}

void TestRegistryServices::bothIndexHasAmd64AndArm64() {
    const Answer answer = tokenManifest(QStringLiteral("public/both"));
    QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
    QCOMPARE(answer.header("Content-Type"),
             QByteArray("application/vnd.docker.distribution.manifest.list.v2+json"));
    QCOMPARE(platformsOf(answer.json()),
             (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
}

// --- TLS registry -----------------------------------------------------------------------------

void TestRegistryServices::tlsRegistryFailsWithoutTheCa() {
    QNetworkAccessManager network; // no TLS session shared with the verified requests
    const Answer answer = send(network, "GET", QUrl(QStringLiteral("https://%1/v2/").arg(m_tls)));
    QVERIFY2(answer.finished, "the TLS registry did not answer");
    QCOMPARE(answer.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(answer.status, 0);
}

void TestRegistryServices::tlsRegistryWorksWithTheCa_data() {
    QTest::addColumn<QString>("host");
    QTest::newRow("IP address") << m_tls;
    QTest::newRow("localhost") << QStringLiteral("localhost:%1").arg(m_tls.section(QLatin1Char(':'), 1));
}

void TestRegistryServices::tlsRegistryWorksWithTheCa() {
    QFETCH(QString, host);
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(qEnvironmentVariable("SLIPWAY_TEST_TLS_CA"));
    QCOMPARE(ca.size(), 1);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(ca);

    QNetworkAccessManager network;
    const auto get = [&](const QString& path, const Headers& headers = {}) {
        QNetworkRequest request(QUrl(QStringLiteral("https://%1%2").arg(host, path)));
        request.setSslConfiguration(tls);
        request.setTransferTimeout(kTimeoutMs);
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(kTimeoutMs + 1000);
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              reply->errorString());
    };
    const auto ping = get(QStringLiteral("/v2/"));
    QVERIFY2(ping.first == 200, qPrintable(ping.second));
    const auto hello =
        get(QStringLiteral("/v2/slipway/hello/manifests/latest"), {{"Accept", kManifestAccept}});
    QVERIFY2(hello.first == 200, qPrintable(hello.second));
}

// --- rate-limited registry --------------------------------------------------------------------

void TestRegistryServices::rateLimitedRegistryAnswers429WithHubHeaders_data() {
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::newRow("ping") << QByteArray("GET") << QStringLiteral("/v2/");
    QTest::newRow("manifest GET") << QByteArray("GET") << QStringLiteral("/v2/library/python/manifests/3.11");
    QTest::newRow("manifest HEAD") << QByteArray("HEAD")
                                   << QStringLiteral("/v2/library/python/manifests/3.11");
}

void TestRegistryServices::rateLimitedRegistryAnswers429WithHubHeaders() {
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    const Answer answer = send(verb, QUrl(QStringLiteral("http://%1%2").arg(m_rateLimited, path)),
                               {{"Accept", kManifestAccept}});
    QVERIFY2(answer.finished, "the rate-limit fixture did not answer");
    QCOMPARE(answer.status, 429);
    QCOMPARE(answer.header("ratelimit-limit"), QByteArray("100;w=21600"));
    QCOMPARE(answer.header("ratelimit-remaining"), QByteArray("0;w=21600"));
    QVERIFY(answer.header("Retry-After").toInt() > 0);
    if (verb == "GET")
        QCOMPARE(answer.firstErrorCode(), QStringLiteral("TOOMANYREQUESTS"));
}

// --- pip index --------------------------------------------------------------------------------

QString TestRegistryServices::makeProbeWheel() {
    const ProcessResult made =
        runProcess(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(SLIPWAY_SOURCE_DIR "/tests/services/fixtures/make-wheel.py"),
                    QStringLiteral("slipway-services-probe"), QStringLiteral("1.0"),
                    qEnvironmentVariable("SLIPWAY_TEST_PIP_INDEX_DIR")},
                   kTimeoutMs);
    if (made.exitCode != 0)
        return {};
    return QString::fromUtf8(made.out).trimmed();
}

ProcessResult TestRegistryServices::docker(const QStringList& arguments, int timeoutMs) {
    // The test daemon (DOCKER_HOST from the services) with a client config of the services' own,
    // so the user's ~/.docker plays no part.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DOCKER_CONFIG"),
                       qEnvironmentVariable("SLIPWAY_SERVICES_STATE") + QStringLiteral("/docker-client"));
    environment.remove(QStringLiteral("DOCKER_CONTEXT"));
    QStringList run{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--init")};
    if (qEnvironmentVariable("SLIPWAY_TEST_DOCKER_NETWORK") == QLatin1String("host"))
        run << QStringLiteral("--network") << QStringLiteral("host");
    return runProcess(QStandardPaths::findExecutable(QStringLiteral("docker")), run + arguments, timeoutMs,
                      environment);
}

void TestRegistryServices::pipIndexServesAWheelToContainers() {
    const QString wheel = makeProbeWheel();
    QVERIFY2(!wheel.isEmpty(), "make-wheel.py failed");
    QFile file(wheel);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(wheel));
    const QByteArray sha256 = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
    const QString fileName = wheel.section(QLatin1Char('/'), -1);
    const QString project =
        qEnvironmentVariable("SLIPWAY_TEST_PIP_INDEX_URL") + QStringLiteral("slipway-services-probe/");

    // busybox 1.35's `wget -T` crashes, hence `timeout`.
    const ProcessResult result = docker(
        {qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE"), QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("timeout 20 wget -q -O - %1 && timeout 20 wget -q -O - %1%2 | sha256sum")
             .arg(project, fileName)},
        60000);
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(QString::fromUtf8(result.err)));
    QVERIFY2(result.out.contains(
                 QStringLiteral("href=\"%1#sha256=%2\"").arg(fileName, QString::fromLatin1(sha256)).toUtf8()),
             result.out.constData());
    QVERIFY2(result.out.contains(sha256 + "  -"), result.out.constData());
}

void TestRegistryServices::pipInstallsTheWheelFromTheIndexInAContainer() {
    QVERIFY2(!makeProbeWheel().isEmpty(), "make-wheel.py failed");
    // pip checks the index page, the hash in the link, the wheel's RECORD; the module imports.
    const QString script =
        QStringLiteral(
            "python3 -m pip install -q --no-cache-dir --disable-pip-version-check --no-compile "
            "--target /tmp/site --index-url %1 --trusted-host %2 slipway-services-probe==1.0 && "
            "PYTHONPATH=/tmp/site python3 -c 'import slipway_services_probe as m; print(m.hello())'")
            .arg(qEnvironmentVariable("SLIPWAY_TEST_PIP_INDEX_URL"),
                 qEnvironmentVariable("SLIPWAY_TEST_PIP_TRUSTED_HOST"));
    const ProcessResult result = docker({qEnvironmentVariable("SLIPWAY_TEST_PYTHON_LOCAL_IMAGE"),
                                         QStringLiteral("sh"), QStringLiteral("-c"), script},
                                        180000);
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(QString::fromUtf8(result.err)));
    QCOMPARE(result.out.trimmed(), QByteArray("hello from slipway-services-probe 1.0"));
}

QTEST_GUILESS_MAIN(TestRegistryServices)
#include "tst_registryservices.moc"

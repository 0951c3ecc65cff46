// The registry client against the real test registries (tests/services/up): plain HTTP on loopback,
// htpasswd Basic auth, the GHCR-like token server (GET with Basic, the OAuth2 refresh-token POST for
// identity tokens, the token cache), a TLS registry with its own CA, and the login test the
// credential wizard runs.
#include "registry/blobfetch.h"
#include "registry/loginverification.h"
#include "registry/manifestfetch.h"
#include "registry/registryclient.h"
#include "registryservices.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>
#include <QUrlQuery>

using namespace slipway;
using namespace slipway::registry;

namespace {

// Starts a job and waits for its single finished(Result<T>).
template <typename T, typename Job> Result<T> await(Job* job) {
    QSignalSpy finished(job, &Job::finished);
    job->start();
    if (finished.isEmpty() && !finished.wait(30000))
        return fail(QStringLiteral("test.timeout"), QStringLiteral("the job did not finish"));
    return finished.first().first().template value<Result<T>>();
}

Result<ManifestResponse> manifest(RegistryClient& client, const QString& image, bool head,
                                  std::optional<RegistryCredentials> credentials = {}) {
    return await<ManifestResponse>(
        client.fetchManifest(ImageReference::parse(image).value(), head, credentials, &client));
}

Result<LoginCheck> login(RegistryClient& client, const QString& registry, const QString& repository,
                         const RegistryCredentials& credentials) {
    return await<LoginCheck>(client.verifyLogin(registry, repository, credentials, &client));
}

template <typename T> QString describe(const Result<T>& result) {
    return result ? QStringLiteral("ok")
                  : result.error().describe() + QStringLiteral(" | ") + result.error().detail;
}

} // namespace

class RegistryClientTest : public QObject {
    Q_OBJECT

    slipway::testing::RegistryServices m_services;

private Q_SLOTS:
    void initTestCase() {
        QString problem;
        m_services = slipway::testing::RegistryServices::fromEnvironment(problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
    }

    void headAndGetAgreeOnTheOpenRegistry() {
        RegistryClient client;
        const QString image = m_services.open + "/slipway/busybox:latest";
        const auto head = manifest(client, image, true);
        QVERIFY2(head, qPrintable(describe(head)));
        QVERIFY(head->digest.startsWith(QLatin1String("sha256:")));
        QVERIFY(head->bytes.isEmpty());
        const auto get = manifest(client, image, false);
        QVERIFY2(get, qPrintable(describe(get)));
        QCOMPARE(get->digest, head->digest);
        QCOMPARE(get->digest, sha256Digest(get->bytes));
        QCOMPARE(get->size, head->size);
        QVERIFY(get->manifest.has_value());

        // By digest, and the config blob of the single-platform manifest.
        const auto byDigest = manifest(client, m_services.open + "/slipway/busybox@" + get->digest, false);
        QVERIFY2(byDigest, qPrintable(describe(byDigest)));
        QCOMPARE(byDigest->bytes, get->bytes);
        QVERIFY(!get->manifest->isIndex);
        const auto config = await<QByteArray>(client.fetchBlob(
            ImageReference::parse(image).value(), get->manifest->config.digest, {}, 4 << 20, &client));
        QVERIFY2(config, qPrintable(describe(config)));
        QCOMPARE(QJsonDocument::fromJson(*config)[QStringLiteral("architecture")].toString(),
                 QStringLiteral("amd64"));
    }

    void pingsOncePerHost() {
        RegistryClient client;
        QVERIFY(manifest(client, m_services.open + "/slipway/busybox:latest", true));
        const int afterFirst = client.requestCount();
        QVERIFY(manifest(client, m_services.open + "/slipway/busybox:latest", true));
        QCOMPARE(client.requestCount() - afterFirst, 1); // just the HEAD
    }

    void aDigestThatDoesNotMatchIsRefused() {
        RegistryClient client;
        const QString other = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
        const auto result = manifest(client, m_services.open + "/slipway/busybox@" + other, false);
        QVERIFY(!result);
        QCOMPARE(result.error().code, errorcode::kManifestUnknown);
    }

    void basicAuthRegistry() {
        RegistryClient client;
        const QString image = m_services.basic + "/slipway/hello:latest";
        const auto anonymous = manifest(client, image, true);
        QVERIFY(!anonymous);
        QCOMPARE(anonymous.error().code, errorcode::kUnauthorized);
        const auto wrong = manifest(client, image, true,
                                    RegistryCredentials{m_services.basicUser, "Not-The-Password-7", false});
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, errorcode::kUnauthorized);
        QVERIFY(!wrong.error().describe().contains(QLatin1String("Not-The-Password-7")));
        const auto right = manifest(
            client, image, false, RegistryCredentials{m_services.basicUser, m_services.basicPassword, false});
        QVERIFY2(right, qPrintable(describe(right)));
    }

    void tokensAreCachedPerScopeAndCaller() {
        RegistryClient client;
        const QString image = m_services.token + "/private/hello:latest";
        const RegistryCredentials user{m_services.tokenUser, m_services.tokenPassword, false};
        QVERIFY(manifest(client, image, true, user));
        const int before = client.requestCount();
        QVERIFY(manifest(client, image, false, user));
        QCOMPARE(client.requestCount() - before, 1); // the cached token, no token request
        // The anonymous caller does not get the user's token.
        const auto anonymous = manifest(client, image, true);
        QVERIFY(!anonymous);
        QCOMPARE(anonymous.error().code, errorcode::kTokenRefused);
        QVERIFY2(anonymous.error().message.contains(QLatin1String("refused anonymous access")),
                 qPrintable(anonymous.error().message));
    }

    void identityTokenUsesTheRefreshTokenFlow() {
        // Docker's identitytoken is an OAuth2 refresh token: get one from the token server.
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_services.tokenServer + "/token"));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QStringLiteral("application/x-www-form-urlencoded"));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
        form.addQueryItem(QStringLiteral("username"), m_services.tokenUser);
        form.addQueryItem(QStringLiteral("password"), m_services.tokenPassword);
        form.addQueryItem(QStringLiteral("service"), QStringLiteral("slipway-token-registry"));
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("slipway-test"));
        form.addQueryItem(QStringLiteral("access_type"), QStringLiteral("offline"));
        form.addQueryItem(QStringLiteral("scope"), QStringLiteral("repository:private/hello:pull"));
        QNetworkReply* reply = network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        const QString refreshToken =
            QJsonDocument::fromJson(reply->readAll())[QStringLiteral("refresh_token")].toString();
        reply->deleteLater();
        QVERIFY(!refreshToken.isEmpty());

        RegistryClient client;
        const auto result = manifest(client, m_services.token + "/private/hello:latest", true,
                                     RegistryCredentials{QStringLiteral("<token>"), refreshToken, true});
        QVERIFY2(result, qPrintable(describe(result)));
        const auto bogus =
            manifest(client, m_services.token + "/private/hello:latest", true,
                     RegistryCredentials{QStringLiteral("<token>"), QStringLiteral("bogus"), true});
        QVERIFY(!bogus);
        QCOMPARE(bogus.error().code, errorcode::kTokenRefused);
    }

    void tlsIsVerifiedWithTheExtraCa() {
        const QString image = m_services.tls + "/slipway/hello:latest";
        RegistryClient client;
        const auto untrusted = manifest(client, image, true);
        QVERIFY(!untrusted);
        QCOMPARE(untrusted.error().code, errorcode::kTls);
        // Plain HTTP first (loopback), refused by the TLS port; then TLS, whose certificate fails:
        // no further attempt over plain HTTP after a certificate problem.
        QCOMPARE(client.requestCount(), 2);
        RegistryHostOptions options;
        options.extraCaCertificates = QSslCertificate::fromPath(m_services.tlsCa);
        client.setHostOptions(m_services.tls, options);
        const auto trusted = manifest(client, image, true);
        QVERIFY2(trusted, qPrintable(describe(trusted)));
    }

    void verifyLoginWithPushScope() {
        RegistryClient client;
        auto check = login(client, m_services.basic, QStringLiteral("slipway/hello"),
                           {m_services.basicUser, m_services.basicPassword, false});
        QVERIFY2(check, qPrintable(describe(check)));
        QVERIFY(check->credentialsChecked);
        QVERIFY(check->pushAllowed);

        check = login(client, m_services.basic, QStringLiteral("slipway/hello"),
                      {m_services.basicUser, "Not-The-Password-7", false});
        QVERIFY(!check);
        QVERIFY2(check.error().message.contains(QLatin1String("UNAUTHORIZED")),
                 qPrintable(check.error().message));
        QVERIFY(!check.error().describe().contains(QLatin1String("Not-The-Password-7")));

        check = login(client, m_services.token, QStringLiteral("private/hello"),
                      {m_services.tokenUser, m_services.tokenPassword, false});
        QVERIFY2(check && check->pushAllowed, qPrintable(describe(check)));

        // Valid credentials without push permission: the token server's own reason comes back.
        check = login(client, m_services.token, QStringLiteral("private/hello"),
                      {m_services.outsider, m_services.outsiderPassword, false});
        QVERIFY(!check);
        QVERIFY2(check.error().message.contains(m_services.outsider), qPrintable(check.error().message));
        QVERIFY2(check.error().message.contains(QLatin1String("denied"), Qt::CaseInsensitive),
                 qPrintable(check.error().message));

        // Without a repository: are the credentials accepted at all?
        check = login(client, m_services.token, {}, {m_services.tokenUser, m_services.tokenPassword, false});
        QVERIFY2(check && !check->pushAllowed, qPrintable(describe(check)));
        check = login(client, m_services.token, {}, {m_services.tokenUser, "Not-The-Password-7", false});
        QVERIFY(!check);

        // The open registry asks for nothing: say the credentials were not tested.
        check = login(client, m_services.open, QStringLiteral("slipway/login-probe"),
                      {QStringLiteral("anyone"), QStringLiteral("x"), false});
        QVERIFY2(check && !check->credentialsChecked && check->pushAllowed, qPrintable(describe(check)));
    }
};

QTEST_GUILESS_MAIN(RegistryClientTest)
#include "tst_registryclient.moc"

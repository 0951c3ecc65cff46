// The pull check against the real test registries (tests/services/up): every verdict, reached the
// way a user would meet it — a GHCR-like token registry with public and private repositories, the
// htpasswd and open registries, a TLS registry with its own CA, a registry answering 429, and a port
// where nothing listens.
#include "registry/pullcheckjob.h"
#include "registry/pullsecret.h"
#include "registry/registryclient.h"
#include "registryservices.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

using namespace slipway;
using namespace slipway::registry;

namespace {

struct Check {
    QString image;
    QList<Platform> platforms;
    std::optional<RegistryCredentials> credentials;
    RegistryHostOptions options;
};

Result<PullCheckResult> runCheck(const Check& check) {
    RegistryClient client;
    const auto reference = ImageReference::parse(check.image);
    if (!reference)
        return std::unexpected(reference.error());
    client.setHostOptions(reference->registry, check.options);
    PullCheckJob job(client, PullCheckRequest{*reference, check.platforms, check.credentials});
    QSignalSpy finished(&job, &PullCheckJob::finished);
    job.start();
    if (finished.isEmpty() && !finished.wait(30000))
        return fail(QStringLiteral("test.timeout"), QStringLiteral("the pull check did not finish"));
    return finished.first().first().value<Result<PullCheckResult>>();
}

QString describe(const Result<PullCheckResult>& result) {
    if (!result)
        return result.error().describe();
    return verdictName(result->verdict) + QStringLiteral(": ") + result->message +
           QStringLiteral(" | fix: ") + result->fix + QStringLiteral(" | detail: ") + result->detail;
}

} // namespace

class PullCheckTest : public QObject {
    Q_OBJECT

    slipway::testing::RegistryServices m_services;

    RegistryCredentials tokenUser() const { return {m_services.tokenUser, m_services.tokenPassword, false}; }

private Q_SLOTS:
    void initTestCase() {
        QString problem;
        m_services = slipway::testing::RegistryServices::fromEnvironment(problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
    }

    void publicImage() {
        const auto result = runCheck({m_services.token + "/public/hello:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
        QVERIFY(result->anonymousPull);
        QVERIFY(!result->credentialsPull.has_value());
        QVERIFY(result->fix.isEmpty());
        QVERIFY(result->digest.startsWith(QLatin1String("sha256:")));
        QCOMPARE(result->pinnedReference(), m_services.token + "/public/hello@" + result->digest);
        QCOMPARE(result->imagePlatforms,
                 QList<Platform>{Platform::parse(QStringLiteral("linux/amd64")).value()});
        // /v2/ ping, anonymous token, GET of the manifest (the anonymous verdict; the platform check
        // reads the same manifest), config blob.
        QCOMPARE(result->requests, 4);
    }

    void privateWithoutCredentials() {
        const auto result = runCheck({m_services.token + "/private/hello:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateNoAccess, qPrintable(describe(result)));
        QVERIFY(!result->anonymousPull);
        QVERIFY(result->message.contains(QLatin1String("does not exist")));
        QVERIFY(result->fix.contains(QLatin1String("imagePullSecrets")));
        QVERIFY(result->digest.isEmpty());
        QCOMPARE(result->requests, 2); // the ping, and the token request the token server refuses
    }

    void privateWithTheClustersSecret() {
        // The credentials come the way the CLI reads them: from a dockerconfigjson pull secret.
        const QByteArray secret = slipway::testing::dockerConfigJson(m_services.token, m_services.tokenUser,
                                                                     m_services.tokenPassword);
        const auto credentials =
            credentialsFromPullSecret(secret, m_services.token, QStringLiteral("private/hello"));
        QVERIFY(credentials && credentials->has_value());
        const auto result = runCheck({m_services.token + "/private/hello:latest", {}, **credentials, {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateCredentialsWork,
                 qPrintable(describe(result)));
        QVERIFY(!result->anonymousPull);
        QCOMPARE(result->credentialsPull, std::optional(true));
        QVERIFY(result->digest.startsWith(QLatin1String("sha256:")));
        QVERIFY(result->message.contains(m_services.tokenUser));
        // Ping, the refused anonymous token, the token for the cluster's login, GET of the manifest
        // (the platform check reads the same one), config blob.
        QCOMPARE(result->requests, 5);
    }

    void privateWithCredentialsThatMayNotRead() {
        const auto result =
            runCheck({m_services.token + "/private/hello:latest",
                      {},
                      RegistryCredentials{m_services.outsider, m_services.outsiderPassword, false},
                      {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateNoAccess, qPrintable(describe(result)));
        QCOMPARE(result->credentialsPull, std::optional(false));
        QVERIFY(result->fix.contains(m_services.outsider));
    }

    void privateWithAWrongPassword() {
        const auto result = runCheck({m_services.token + "/private/hello:latest",
                                      {},
                                      RegistryCredentials{m_services.tokenUser, "Not-The-Password-42", false},
                                      {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateNoAccess, qPrintable(describe(result)));
        QVERIFY(result->message.contains(QLatin1String("refuses the cluster's credentials")));
        // The secret never shows up in what the user sees.
        QVERIFY(!describe(result).contains(QLatin1String("Not-The-Password-42")));
    }

    void publicImageWithStaleClusterCredentials() {
        // Kubernetes uses the secret when it has one and does not fall back to anonymous pulls.
        const auto result = runCheck({m_services.token + "/public/hello:latest",
                                      {},
                                      RegistryCredentials{m_services.tokenUser, "expired", false},
                                      {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateNoAccess, qPrintable(describe(result)));
        QVERIFY(result->anonymousPull);
        QCOMPARE(result->credentialsPull, std::optional(false));
        QVERIFY(result->fix.contains(QLatin1String("does not fall back")));
    }

    void publicImageWithWorkingCredentialsStaysPublic() {
        const auto result = runCheck({m_services.token + "/public/hello:latest", {}, tokenUser(), {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
        QCOMPARE(result->credentialsPull, std::optional(true));
    }

    void missingTag() {
        const auto result = runCheck({m_services.token + "/public/hello:no-such-tag", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::MissingTag, qPrintable(describe(result)));
        QVERIFY(result->message.contains(QLatin1String("latest"))); // the tags that do exist
        QVERIFY(result->fix.contains(QLatin1String("tag")));
    }

    void missingRepository() {
        const auto result = runCheck({m_services.token + "/public/no-such-repository:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::MissingRepository, qPrintable(describe(result)));
        QVERIFY(result->fix.contains(QLatin1String("public/no-such-repository")));
    }

    void missingPrivateRepositoryLooksPrivateAnonymouslyButMissingWithCredentials() {
        const QString image = m_services.token + "/private/no-such-repository:latest";
        const auto anonymous = runCheck({image, {}, {}, {}});
        QVERIFY2(anonymous && anonymous->verdict == PullVerdict::PrivateNoAccess,
                 qPrintable(describe(anonymous)));
        const auto withCredentials = runCheck({image, {}, tokenUser(), {}});
        QVERIFY2(withCredentials && withCredentials->verdict == PullVerdict::MissingRepository,
                 qPrintable(describe(withCredentials)));
    }

    void missingTagAndRepositoryOnTheOpenRegistry() {
        auto result = runCheck({m_services.open + "/slipway/busybox:no-such-tag", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::MissingTag, qPrintable(describe(result)));
        result = runCheck({m_services.open + "/slipway/no-such-repository:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::MissingRepository, qPrintable(describe(result)));
    }

    void platformMismatch() {
        // An index of linux/arm64 and linux/s390x (and an attestation entry): nothing for amd64 nodes.
        const auto result = runCheck({m_services.token + "/public/multi:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::PlatformMismatch, qPrintable(describe(result)));
        QStringList offered;
        for (const Platform& platform : result->imagePlatforms)
            offered.append(platform.toString());
        QCOMPARE(offered, (QStringList{"linux/arm64", "linux/s390x"}));
        QVERIFY(result->fix.contains(QLatin1String("linux/amd64")));
        QVERIFY(!result->digest.isEmpty());
    }

    void indexMatchesTheClustersPlatforms() {
        const QList<Platform> arm{Platform::parse(QStringLiteral("linux/aarch64")).value()};
        auto result = runCheck({m_services.token + "/public/multi:latest", arm, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
        const QList<Platform> both{Platform::parse(QStringLiteral("linux/amd64")).value(),
                                   Platform::parse(QStringLiteral("linux/arm64")).value()};
        result = runCheck({m_services.token + "/public/both:latest", both, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
        result = runCheck({m_services.token + "/public/multi:latest", both, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::PlatformMismatch, qPrintable(describe(result)));
        QVERIFY(result->message.contains(QLatin1String("none for linux/amd64")));
    }

    void wrongArchitecture() {
        // A single manifest whose config says linux/arm64: containerd pulls it, the pod dies later.
        auto result = runCheck({m_services.token + "/public/armonly:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::WrongArchitecture, qPrintable(describe(result)));
        QCOMPARE(result->imagePlatforms,
                 QList<Platform>{Platform::parse(QStringLiteral("linux/arm64")).value()});
        QVERIFY(result->fix.contains(QLatin1String("exec format error")));
        result = runCheck({m_services.token + "/public/armonly:latest",
                           {Platform::parse(QStringLiteral("linux/arm64/v8")).value()},
                           {},
                           {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
    }

    void openRegistryOverPlainHttpOnLoopback() {
        const auto result = runCheck({m_services.open + "/slipway/busybox:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
        QVERIFY(!result->digest.isEmpty());
    }

    void basicRegistry() {
        auto result = runCheck({m_services.basic + "/slipway/hello:latest", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateNoAccess, qPrintable(describe(result)));
        result = runCheck({m_services.basic + "/slipway/hello:latest",
                           {},
                           RegistryCredentials{m_services.basicUser, m_services.basicPassword, false},
                           {}});
        QVERIFY2(result && result->verdict == PullVerdict::PrivateCredentialsWork,
                 qPrintable(describe(result)));
    }

    void tlsRegistryNeedsItsCa() {
        const QString image = m_services.tls + "/slipway/hello:latest";
        auto result = runCheck({image, {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Unreachable, qPrintable(describe(result)));
        QVERIFY2(result->message.contains(QLatin1String("certificate")), qPrintable(result->message));
        QVERIFY(result->fix.contains(QLatin1String("--ca-file")));

        RegistryHostOptions options;
        options.extraCaCertificates = QSslCertificate::fromPath(m_services.tlsCa);
        QVERIFY(!options.extraCaCertificates.isEmpty());
        result = runCheck({image, {}, {}, options});
        QVERIFY2(result && result->verdict == PullVerdict::Public, qPrintable(describe(result)));
    }

    void rateLimited() {
        const auto result = runCheck({m_services.rateLimited + "/library/python:3.11", {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::RateLimited, qPrintable(describe(result)));
        QVERIFY2(result->message.contains(QLatin1String("0 of 100 pulls left")), qPrintable(result->message));
        QVERIFY(result->message.contains(QLatin1String("retry after 3600 s")));
        QCOMPARE(result->rateLimit.remaining, 0);
        QCOMPARE(result->rateLimit.limit, 100);
    }

    void unreachable() {
        // A port that was just free: nothing listens there.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        const auto result =
            runCheck({QStringLiteral("127.0.0.1:%1/some/image:latest").arg(port), {}, {}, {}});
        QVERIFY2(result && result->verdict == PullVerdict::Unreachable, qPrintable(describe(result)));
        QVERIFY(result->message.contains(QLatin1String("connection refused")));
        QVERIFY(result->requests <= 2);
    }

    void cancelStopsTheCheck() {
        RegistryClient client;
        PullCheckJob job(
            client, PullCheckRequest{
                        ImageReference::parse(m_services.token + "/public/hello:latest").value(), {}, {}});
        QSignalSpy finished(&job, &PullCheckJob::finished);
        job.start();
        job.cancel();
        QCOMPARE(finished.size(), 1);
        const auto result = finished.first().first().value<Result<PullCheckResult>>();
        QVERIFY(!result);
        QCOMPARE(result.error().code, errorcode::kCancelled);
        QCoreApplication::processEvents(); // the aborted request reports; the job must not finish twice
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(PullCheckTest)
#include "tst_pullcheck.moc"

// What the pull check tells a user to do: each verdict's fix names the registry's own setting (GHCR's
// package settings page and its one-way door, Docker Hub's visibility, ECR's policy, Quay, GAR, ACR)
// and an imagePullSecret; the cluster's pull secret is read the way kubelet reads it.
#include "registry/pullsecret.h"
#include "registry/pullverdict.h"
#include "registry/tokencache.h"

#include <QTest>

using namespace slipway::registry;

namespace {

FixContext contextFor(const QString& image) {
    FixContext context;
    context.reference = ImageReference::parse(image).value();
    context.clusterPlatforms = {Platform::parse(QStringLiteral("linux/amd64")).value()};
    context.imagePlatforms = {Platform::parse(QStringLiteral("linux/arm64")).value()};
    return context;
}

} // namespace

class RegistryVerdictTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesAndExitMeaning() {
        const QList<std::pair<PullVerdict, QString>> names{
            {PullVerdict::Public, "public"},
            {PullVerdict::PrivateCredentialsWork, "private-credentials-work"},
            {PullVerdict::PrivateNoAccess, "private-no-access"},
            {PullVerdict::MissingTag, "missing-tag"},
            {PullVerdict::MissingRepository, "missing-repository"},
            {PullVerdict::PlatformMismatch, "platform-mismatch"},
            {PullVerdict::WrongArchitecture, "wrong-architecture"},
            {PullVerdict::RateLimited, "rate-limited"},
            {PullVerdict::Unreachable, "unreachable"}};
        for (const auto& [verdict, name] : names) {
            QCOMPARE(verdictName(verdict), name);
            const bool pullable =
                verdict == PullVerdict::Public || verdict == PullVerdict::PrivateCredentialsWork;
            QCOMPARE(clusterCanPull(verdict), pullable);
            QCOMPARE(pullFix(verdict, contextFor(QStringLiteral("ghcr.io/me/app"))).isEmpty(), pullable);
        }
    }

    void privateFixNamesTheRegistrysSetting_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("ghcr user or org package")
            << "ghcr.io/octo/tools/trainer:v1"
            << QStringList{"https://github.com/users/octo/packages/container/tools%2Ftrainer/settings",
                           "https://github.com/orgs/octo/packages/container/tools%2Ftrainer/settings",
                           "can never be made private again", "imagePullSecrets"};
        QTest::newRow("docker hub") << "me/app"
                                    << QStringList{"https://hub.docker.com/repository/docker/me/app/settings",
                                                   "Make public",
                                                   "--docker-server=https://index.docker.io/v1/"};
        QTest::newRow("ecr") << "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app"
                             << QStringList{"repository policy", "ecr:BatchGetImage", "imagePullSecrets"};
        QTest::newRow("quay") << "quay.io/org/app"
                              << QStringList{"https://quay.io/repository/org/app?tab=settings", "robot"};
        QTest::newRow("gar") << "europe-west1-docker.pkg.dev/proj/repo/app"
                             << QStringList{"allUsers", "roles/artifactregistry.reader"};
        QTest::newRow("acr") << "myreg.azurecr.io/app"
                             << QStringList{"--anonymous-pull-enabled", "az acr update --name myreg"};
        QTest::newRow("other") << "registry.example.com:5000/app"
                               << QStringList{"registry's settings",
                                              "--docker-server=registry.example.com:5000"};
    }
    void privateFixNamesTheRegistrysSetting() {
        QFETCH(QString, image);
        QFETCH(QStringList, mentions);
        const QString fix = pullFix(PullVerdict::PrivateNoAccess, contextFor(image));
        for (const QString& mention : mentions)
            QVERIFY2(fix.contains(mention), qPrintable(mention + QStringLiteral(" not in: ") + fix));
    }

    void credentialFixesSayWhatFailed() {
        FixContext context =
            contextFor(QStringLiteral("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app"));
        context.credentialsTried = true;
        context.username = QStringLiteral("AWS");
        QString fix = pullFix(PullVerdict::PrivateNoAccess, context);
        QVERIFY(fix.contains(QLatin1String("'AWS'")));
        QVERIFY(fix.contains(QLatin1String("12 hours")));
        context.anonymousWorks = true;
        fix = pullFix(PullVerdict::PrivateNoAccess, context);
        QVERIFY(fix.contains(QLatin1String("does not fall back")));
    }

    void platformFixesNameBothSides() {
        const FixContext context = contextFor(QStringLiteral("ghcr.io/me/app"));
        QString fix = pullFix(PullVerdict::PlatformMismatch, context);
        QVERIFY(fix.contains(QLatin1String("--platform linux/amd64")));
        QVERIFY(fix.contains(QLatin1String("The image has linux/arm64")));
        fix = pullFix(PullVerdict::WrongArchitecture, context);
        QVERIFY(fix.contains(QLatin1String("exec format error")));
        QVERIFY(fix.contains(QLatin1String("built for linux/arm64")));
        QVERIFY(pullFix(PullVerdict::RateLimited, contextFor(QStringLiteral("python")))
                    .contains(QLatin1String("mirror")));
        QVERIFY(pullFix(PullVerdict::MissingTag, context).contains(QLatin1String("tag")));
        QVERIFY(pullFix(PullVerdict::MissingRepository, context).contains(QLatin1String("'me/app'")));
    }

    void registryKinds() {
        QCOMPARE(registryKind(QStringLiteral("docker.io")), RegistryKind::DockerHub);
        QCOMPARE(registryKind(QStringLiteral("index.docker.io")), RegistryKind::DockerHub);
        QCOMPARE(registryKind(QStringLiteral("ghcr.io")), RegistryKind::Ghcr);
        QCOMPARE(registryKind(QStringLiteral("public.ecr.aws")), RegistryKind::EcrPublic);
        QCOMPARE(registryKind(QStringLiteral("1.dkr.ecr.us-east-1.amazonaws.com")), RegistryKind::Ecr);
        QCOMPARE(registryKind(QStringLiteral("gcr.io")), RegistryKind::Gar);
        QCOMPARE(registryKind(QStringLiteral("x.azurecr.io")), RegistryKind::Acr);
        QCOMPARE(registryKind(QStringLiteral("quay.io")), RegistryKind::Quay);
        QCOMPARE(registryKind(QStringLiteral("localhost:5000")), RegistryKind::Other);
    }

    void pullSecretMatchesLikeKubelet_data() {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("user"); // empty: no credentials for this image
        const QByteArray auth = QByteArray("alice:s3cret").toBase64();
        QTest::newRow("host key") << "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth + "\"}}}"
                                  << "ghcr.io"
                                  << "me/app"
                                  << "alice";
        QTest::newRow("url key") << "{\"auths\":{\"https://ghcr.io\":{\"auth\":\"" + auth + "\"}}}"
                                 << "ghcr.io"
                                 << "me/app"
                                 << "alice";
        QTest::newRow("hub v1 key") << "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth +
                                           "\"}}}"
                                    << "docker.io"
                                    << "library/python"
                                    << "alice";
        QTest::newRow("username and password")
            << QByteArray("{\"auths\":{\"quay.io\":{\"username\":\"bob\",\"password\":\"pw\"}}}") << "quay.io"
            << "org/app"
            << "bob";
        QTest::newRow("wildcard") << "{\"auths\":{\"*.dkr.ecr.eu-west-1.amazonaws.com\":{\"auth\":\"" + auth +
                                         "\"}}}"
                                  << "1234.dkr.ecr.eu-west-1.amazonaws.com"
                                  << "app"
                                  << "alice";
        QTest::newRow("path prefix matches")
            << "{\"auths\":{\"registry.example.com/team\":{\"auth\":\"" + auth + "\"}}}"
            << "registry.example.com"
            << "team/app"
            << "alice";
        QTest::newRow("path prefix does not match")
            << "{\"auths\":{\"registry.example.com/team\":{\"auth\":\"" + auth + "\"}}}"
            << "registry.example.com"
            << "teammate/app"
            << "";
        QTest::newRow("other host") << "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth + "\"}}}"
                                    << "quay.io"
                                    << "me/app"
                                    << "";
        QTest::newRow("port must match") << "{\"auths\":{\"localhost:5000\":{\"auth\":\"" + auth + "\"}}}"
                                         << "localhost:5001"
                                         << "app"
                                         << "";
        QTest::newRow("most specific key wins")
            << QByteArray("{\"auths\":{\"*.example.com\":{\"username\":\"wild\",\"password\":\"p\"},"
                          "\"registry.example.com/team\":{\"username\":\"team\",\"password\":\"p\"},"
                          "\"registry.example.com\":{\"username\":\"host\",\"password\":\"p\"}}}")
            << "registry.example.com"
            << "team/app"
            << "team";
        const QByteArray inner = "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth + "\"}}}";
        QTest::newRow("whole secret object")
            << "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"kubernetes.io/"
               "dockerconfigjson\",\"data\":{\".dockerconfigjson\":\"" +
                   inner.toBase64() + "\"}}"
            << "ghcr.io"
            << "me/app"
            << "alice";
    }
    void pullSecretMatchesLikeKubelet() {
        QFETCH(QByteArray, secret);
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(QString, user);
        const auto credentials = credentialsFromPullSecret(secret, registry, repository);
        QVERIFY2(credentials, qPrintable(credentials ? QString() : credentials.error().describe()));
        QCOMPARE(credentials->has_value(), !user.isEmpty());
        if (!user.isEmpty())
            QCOMPARE((*credentials)->username, user);
    }

    void pullSecretErrorsHaveAFix() {
        for (const QByteArray& bad : {QByteArray("not json"), QByteArray("{\"credsStore\":\"desktop\"}"),
                                      QByteArray("{\"auths\":{\"ghcr.io\":{\"auth\":\"bm9jb2xvbg==\"}}}")}) {
            const auto credentials =
                credentialsFromPullSecret(bad, QStringLiteral("ghcr.io"), QStringLiteral("me/app"));
            QVERIFY(!credentials);
            QVERIFY(credentials.error().fix.contains(QLatin1String("dockerconfigjson")));
            QVERIFY(!credentials.error().describe().contains(QLatin1String("nocolon")));
        }
    }

    void tokenCacheSeparatesCallersAndExpires() {
        TokenCache cache;
        const QStringList scopes{QStringLiteral("repository:a:pull")};
        const auto anonymous = TokenCache::key("https://t/token", "svc", scopes, std::nullopt);
        const auto alice =
            TokenCache::key("https://t/token", "svc", scopes, RegistryCredentials{"alice", "pw1", false});
        const auto aliceOtherSecret =
            TokenCache::key("https://t/token", "svc", scopes, RegistryCredentials{"alice", "pw2", false});
        QVERIFY(anonymous != alice && alice != aliceOtherSecret);
        QVERIFY(!alice.contains(QLatin1String("pw1"))); // keys hold no secret
        QCOMPARE(TokenCache::key("r", "s", {"b", "a"}, std::nullopt),
                 TokenCache::key("r", "s", {"a", "b"}, std::nullopt));
        cache.insert(alice, QStringLiteral("token-a"), 300);
        QCOMPARE(cache.find(alice), std::optional(QStringLiteral("token-a")));
        QVERIFY(!cache.find(anonymous));
        cache.insert(anonymous, QStringLiteral("short"), 0); // absent or tiny expires_in counts as 60 s
        QVERIFY(cache.find(anonymous));
        cache.remove(alice);
        QVERIFY(!cache.find(alice));
    }
};

QTEST_GUILESS_MAIN(RegistryVerdictTest)
#include "tst_registryverdict.moc"

// What goes into X-Registry-Auth / X-Registry-Config (base64url JSON, "{}" when anonymous), the
// Docker config's credentials, and the push failures explained in the user's terms.
#include "docker/dockerconfigauth.h"
#include "docker/engineclient.h"
#include "docker/pusherror.h"
#include "docker/registryauth.h"
#include "specbuilder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway::docker;

class EngineAuthTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryAuthIsBase64UrlJson() {
        QCOMPARE(encodeRegistryAuth(std::nullopt), QByteArray("e30="));
        // A password whose base64 needs '-' or '_' in the URL alphabet.
        const RegistryAuth auth{
            QStringLiteral("me"), QStringLiteral("p>?~~"), {}, QStringLiteral("127.0.0.1:5001")};
        const QByteArray header = encodeRegistryAuth(auth);
        QVERIFY(!header.contains('+') && !header.contains('/'));
        const QJsonObject object =
            QJsonDocument::fromJson(QByteArray::fromBase64(header, QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(object.value(QStringLiteral("username")).toString(), QStringLiteral("me"));
        QCOMPARE(object.value(QStringLiteral("password")).toString(), QStringLiteral("p>?~~"));
        QCOMPARE(object.value(QStringLiteral("serveraddress")).toString(), QStringLiteral("127.0.0.1:5001"));

        const QByteArray config = encodeRegistryConfig({{QStringLiteral("ghcr.io"), auth}});
        const QJsonObject map =
            QJsonDocument::fromJson(QByteArray::fromBase64(config, QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(map.value(QStringLiteral("ghcr.io")).toObject().value(QStringLiteral("username")).toString(),
                 QStringLiteral("me"));
    }

    void referencesSplit() {
        QCOMPARE(registryHostOf(QStringLiteral("127.0.0.1:5000/a/b:t")), QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(registryHostOf(QStringLiteral("localhost/a:t")), QStringLiteral("localhost"));
        QCOMPARE(registryHostOf(QStringLiteral("team/app:t")), QStringLiteral("docker.io"));
        QVERIFY(!hasRegistryHost(QStringLiteral("flytekit:abc")));
        QCOMPARE(splitTag(QStringLiteral("127.0.0.1:5000/a/b:t")),
                 std::pair(QStringLiteral("127.0.0.1:5000/a/b"), QStringLiteral("t")));
        QCOMPARE(splitTag(QStringLiteral("127.0.0.1:5000/a/b")),
                 std::pair(QStringLiteral("127.0.0.1:5000/a/b"), QStringLiteral("latest")));
    }

    void dockerConfigAuths() {
        QTemporaryDir dir;
        const auto entry = [](const char* key, const QByteArray& value) {
            return QJsonObject{{QString::fromLatin1(key), QString::fromLatin1(value)}};
        };
        const QJsonObject auths{
            {QStringLiteral("127.0.0.1:5001"), entry("auth", QByteArray("alice:s3:cret").toBase64())},
            {QStringLiteral("https://index.docker.io/v1/"), entry("auth", QByteArray("bob:pw").toBase64())},
            {QStringLiteral("https://ghcr.io"), entry("identitytoken", "tok")}};
        const QByteArray config = QJsonDocument(QJsonObject{{QStringLiteral("auths"), auths}}).toJson();
        QVERIFY(slipway::testing::writeFile(dir.path(), QStringLiteral("config.json"), config));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("DOCKER_CONFIG"), dir.path());
        const RegistryAuthLookup lookup = dockerConfigAuthLookup(environment);
        const auto local = lookup(QStringLiteral("127.0.0.1:5001"));
        QVERIFY(local);
        QCOMPARE(local->username, QStringLiteral("alice"));
        QCOMPARE(local->password, QStringLiteral("s3:cret"));
        QCOMPARE(lookup(QStringLiteral("docker.io"))->username, QStringLiteral("bob"));
        QCOMPARE(lookup(QStringLiteral("ghcr.io"))->identityToken, QStringLiteral("tok"));
        QVERIFY(!lookup(QStringLiteral("quay.io")));
    }

    void pushErrorsNameCauseAndFix_data() {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fixWord");
        QTest::newRow("denied") << "denied: requested access to the resource is denied"
                                << "ghcr.io/team/app:1"
                                << "push-denied"
                                << "write";
        QTest::newRow("unauthorized") << "unauthorized: authentication required"
                                      << "127.0.0.1:5001/a:1"
                                      << "push-unauthorized"
                                      << "credentials";
        QTest::newRow("no basic auth") << "no basic auth credentials"
                                       << "127.0.0.1:5001/a:1"
                                       << "push-unauthorized"
                                       << "docker login 127.0.0.1:5001";
        QTest::newRow("ecr") << "name unknown: The repository with name 'app' does not exist in the registry"
                             << "123.dkr.ecr.us-east-1.amazonaws.com/app:1"
                             << "push-unknown-repository"
                             << "aws ecr create-repository --repository-name app";
        QTest::newRow("5xx") << "received unexpected HTTP status: 500 Internal Server Error"
                             << "127.0.0.1:5000/a:1"
                             << "push-registry-error"
                             << "again";
        QTest::newRow("network") << "Get \"https://r.example/v2/\": dial tcp: lookup r.example: no such host"
                                 << "r.example/a:1"
                                 << "push-network"
                                 << "network";
        QTest::newRow("no local image") << "An image does not exist locally with the tag: x/a"
                                        << "x.io/a:1"
                                        << "push-no-image"
                                        << "build";
    }
    void pushErrorsNameCauseAndFix() {
        QFETCH(QString, engine);
        QFETCH(QString, reference);
        QFETCH(QString, code);
        QFETCH(QString, fixWord);
        const slipway::Error error = classifyPushError(engine, reference);
        QCOMPARE(error.code, code);
        QVERIFY2(error.fix.contains(fixWord), qPrintable(error.fix));
        QCOMPARE(error.detail, engine);
    }

    void versionsCompareNumerically() {
        QVERIFY(EngineClient::compareVersions(QStringLiteral("1.9"), QStringLiteral("1.10")) < 0);
        QVERIFY(EngineClient::compareVersions(QStringLiteral("1.41"), QStringLiteral("1.41")) == 0);
        QVERIFY(EngineClient::compareVersions(QStringLiteral("1.51"), QStringLiteral("1.44")) > 0);
        QVERIFY(EngineClient::isVersionRefusal(
            400, QStringLiteral("client version 1.51 is too new. Maximum supported API version is 1.41")));
        QVERIFY(!EngineClient::isVersionRefusal(400, QStringLiteral("bad parameter")));
    }
};

QTEST_GUILESS_MAIN(EngineAuthTest)
#include "tst_engineauth.moc"

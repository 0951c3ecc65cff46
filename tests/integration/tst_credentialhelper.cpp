// docker-credential-slipway, the real binary, against the real Secret Service: the helper protocol
// action by action, the same entries Slipway itself reads and writes, and the real docker CLI with
// "credsStore": "slipway" logging in to and pushing to the htpasswd registry.
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace slipway;
using namespace slipway::credentials;
using namespace credentialtesting;

class CredentialHelperTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    QString m_registry;
    QString m_user;
    QString m_password;

    Run helper(const QString& action, const QByteArray& input) {
        const Run result = run(helperPath(), {action}, input);
        // One action word in argv, never anything of the input.
        if (result.arguments != QStringList{action})
            qFatal("unexpected helper arguments");
        return result;
    }

    // A docker client config of its own ({"credsStore": "slipway"}) and an environment in which
    // `docker` finds docker-credential-slipway on PATH and talks to the test engine.
    QProcessEnvironment dockerEnvironment(const QTemporaryDir& config) {
        QFile file(config.filePath(QStringLiteral("config.json")));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write config.json");
        file.write("{\"credsStore\": \"slipway\"}");
        file.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DOCKER_CONFIG"), config.path());
        environment.insert(QStringLiteral("DOCKER_HOST"),
                           QStringLiteral("unix://") + qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET"));
        environment.insert(QStringLiteral("PATH"),
                           helperDir() + QLatin1Char(':') + qEnvironmentVariable("PATH"));
        return environment;
    }

    Run docker(const QStringList& arguments, const QProcessEnvironment& environment,
               const QByteArray& input = {}) {
        return run(QStringLiteral("docker"), arguments, input, environment);
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        for (const char* name :
             {"SLIPWAY_TEST_DOCKER_SOCKET", "SLIPWAY_TEST_BASIC_REGISTRY", "SLIPWAY_TEST_BASIC_USER",
              "SLIPWAY_TEST_BASIC_PASSWORD", "SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE"}) {
            if (qEnvironmentVariableIsEmpty(name))
                QFAIL(qPrintable(QStringLiteral("%1 is not set: run eval \"$(tests/services/up)\" first")
                                     .arg(QLatin1String(name))));
        }
        QVERIFY2(QFileInfo(helperPath()).isExecutable(), qPrintable(helperPath()));
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService("helper");
        // The helper runs as docker's child: the service name reaches it through the environment.
        qputenv("SLIPWAY_KEYCHAIN_SERVICE", m_service.toUtf8());
        m_registry = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
        m_user = qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER");
        m_password = qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD");
    }

    void cleanupTestCase() { clearService(m_service); }

    void version() {
        const Run reply = helper(QStringLiteral("version"), {});
        QCOMPARE(reply.exitCode, 0);
        QVERIFY2(reply.out.startsWith("docker-credential-slipway (Slipway) "), reply.out.constData());
    }

    void protocolActions() {
        const QByteArray secret = "helper-secret-" + QByteArray::number(QCoreApplication::applicationPid());
        const Run stored =
            helper(QStringLiteral("store"),
                   "{\"ServerURL\":\"https://index.docker.io/v1/\",\"Username\":\"whale\",\"Secret\":\"" +
                       secret + "\"}");
        QCOMPARE(stored.exitCode, 0);
        QCOMPARE(stored.out, QByteArray());

        const Run got = helper(QStringLiteral("get"), "https://index.docker.io/v1/\n");
        QCOMPARE(got.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(got.out).object();
        QCOMPARE(answer.value(QStringLiteral("Username")).toString(), QStringLiteral("whale"));
        QCOMPARE(answer.value(QStringLiteral("Secret")).toString().toUtf8(), secret);

        // Slipway reads what docker stored, under its own key for Docker Hub.
        KeychainCredentialStore store(m_service);
        const auto read = await(store.read(QStringLiteral("docker.io")));
        QVERIFY(read);
        QCOMPARE(read->secret.toUtf8(), secret);
        QVERIFY(secretToolSearch(m_service).contains(secret));

        // And docker reads what Slipway stored.
        QVERIFY(await(store.store({QStringLiteral("quay.io"), QStringLiteral("robot+ci"),
                                   QStringLiteral("quay-token"), SecretKind::PersonalAccessToken})));
        QCOMPARE(QJsonDocument::fromJson(helper(QStringLiteral("get"), "quay.io").out)
                     .object()
                     .value(QStringLiteral("Secret"))
                     .toString(),
                 QStringLiteral("quay-token"));

        const Run listed = helper(QStringLiteral("list"), {});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out).object(),
                 (QJsonObject{{QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("whale")},
                              {QStringLiteral("quay.io"), QStringLiteral("robot+ci")}}));
        QVERIFY(!listed.out.contains(secret));

        QCOMPARE(helper(QStringLiteral("erase"), "https://index.docker.io/v1/").exitCode, 0);
        const Run missing = helper(QStringLiteral("get"), "https://index.docker.io/v1/");
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.out, QByteArray("credentials not found in native keychain\n"));
        QVERIFY(!secretToolSearch(m_service).contains(secret));
        QVERIFY(await(store.remove(QStringLiteral("quay.io"))));
    }

    void protocolErrors() {
        const Run noUrl = helper(QStringLiteral("store"), "{\"Username\":\"a\",\"Secret\":\"b\"}");
        QCOMPARE(noUrl.exitCode, 1);
        QCOMPARE(noUrl.out, QByteArray("no credentials server URL\n"));
        const Run noUser = helper(QStringLiteral("store"), "{\"ServerURL\":\"x.example\",\"Secret\":\"b\"}");
        QCOMPARE(noUser.out, QByteArray("no credentials username\n"));
        QCOMPARE(run(helperPath(), {}, {}).exitCode, 1);
    }

    void dockerLoginLandsInTheKeychainNotInConfigJson() {
        QTemporaryDir config;
        const QProcessEnvironment environment = dockerEnvironment(config);
        const Run login = docker({QStringLiteral("login"), m_registry, QStringLiteral("-u"), m_user,
                                  QStringLiteral("--password-stdin")},
                                 environment, m_password.toUtf8());
        QVERIFY2(login.exitCode == 0, (login.out + login.err).constData());

        KeychainCredentialStore store(m_service);
        const auto read = await(store.read(m_registry));
        QVERIFY2(read, qPrintable(read ? QString() : read.error().describe()));
        QCOMPARE(read->username, m_user);
        QCOMPARE(read->secret, m_password);
        QVERIFY(secretToolSearch(m_service).contains(m_password.toUtf8()));

        const QByteArray basic = (m_user + QLatin1Char(':') + m_password).toUtf8().toBase64();
        QCOMPARE(filesContaining(config.path(), m_password.toUtf8()), QStringList());
        QCOMPARE(filesContaining(config.path(), basic), QStringList());
        QCOMPARE(filesContaining(m_home->path(), m_password.toUtf8()), QStringList());

        const Run logout = docker({QStringLiteral("logout"), m_registry}, environment);
        QVERIFY2(logout.exitCode == 0, (logout.out + logout.err).constData());
        QCOMPARE(await(store.read(m_registry)).error().code, QString(kNotFound));
    }

    void dockerPushesWithTheLoginSlipwayStored() {
        QTemporaryDir config;
        const QProcessEnvironment environment = dockerEnvironment(config);
        const QString image = QStringLiteral("%1/slipway-credtest/busybox:%2")
                                  .arg(m_registry)
                                  .arg(QCoreApplication::applicationPid());
        const Run tag =
            docker({QStringLiteral("tag"), qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE"), image},
                   environment);
        QVERIFY2(tag.exitCode == 0, (tag.out + tag.err).constData());
        const auto untag = qScopeGuard([&] { docker({QStringLiteral("rmi"), image}, environment); });

        // A wrong password stored by Slipway: docker uses it, and the registry refuses the push.
        KeychainCredentialStore store(m_service);
        QVERIFY(await(
            store.store({m_registry, m_user, QStringLiteral("not-the-password"), SecretKind::Password})));
        const Run refused = docker({QStringLiteral("push"), image}, environment);
        QVERIFY2(refused.exitCode != 0, refused.out.constData());
        QVERIFY2((refused.out + refused.err).contains("unauthorized") ||
                     (refused.out + refused.err).contains("no basic auth credentials"),
                 (refused.out + refused.err).constData());

        // The right one, stored through Slipway: the push goes through without any docker login.
        QVERIFY(await(store.store({m_registry, m_user, m_password, SecretKind::Password})));
        const Run pushed = docker({QStringLiteral("push"), image}, environment);
        QVERIFY2(pushed.exitCode == 0, (pushed.out + pushed.err).constData());
        QCOMPARE(filesContaining(config.path(), m_password.toUtf8()), QStringList());
        QVERIFY(await(store.remove(m_registry)));
    }
};

QTEST_GUILESS_MAIN(CredentialHelperTest)
#include "tst_credentialhelper.moc"

// Named cluster pull secrets end to end: `slipway-cli credentials add-pull-secret NAME` keeps the
// .dockerconfigjson (from stdin, or made from a stored login) in the real Secret Service, and
// `slipway-cli check IMAGE --cluster-secret NAME` checks the token registry's private repository with
// it. The secret goes in on stdin only and comes out nowhere: not in argv, output or files.
#include "credentials/pullsecretstore.h"
#include "credentialtesting.h"
#include "registryservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace slipway;
using namespace credentialtesting;

class PullSecretCliTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    testing::RegistryServices m_services;
    QString m_privateImage;

    Run cli(const QStringList& arguments, const QByteArray& input = {}) {
        return run(cliPath(), arguments, input);
    }

    Run addPullSecret(const QString& name, const QByteArray& content) {
        return cli({QStringLiteral("credentials"), QStringLiteral("add-pull-secret"), name}, content);
    }

    Run check(const QString& image, const QStringList& options = {}) {
        return cli(QStringList{QStringLiteral("check"), image, QStringLiteral("--json")} + options);
    }

    static QJsonObject json(const Run& run) { return QJsonDocument::fromJson(run.out).object(); }

    static QByteArray shown(const Run& run) {
        return "exit " + QByteArray::number(run.exitCode) + "\n" + run.out + "\n" + run.err;
    }

    // Neither password of the test registry shows in what a run printed or what `ps` showed of it.
    void verifyNoSecretIn(const Run& run) {
        for (const QString& password : {m_services.tokenPassword, m_services.outsiderPassword}) {
            QVERIFY2(!(run.out + run.err).contains(password.toUtf8()), shown(run).constData());
            QVERIFY(!run.arguments.join(QLatin1Char(' ')).contains(password));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QString problem;
        m_services = testing::RegistryServices::fromEnvironment(problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService("pullsecret");
        qputenv("SLIPWAY_KEYCHAIN_SERVICE", m_service.toUtf8());
        m_privateImage = m_services.token + QStringLiteral("/private/hello:latest");
    }

    void cleanupTestCase() {
        clearService(m_service);
        // Whatever the CLI wrote (settings, caches, logs) holds no secret.
        if (m_home) {
            QCOMPARE(filesContaining(m_home->path(), m_services.tokenPassword.toUtf8()), QStringList());
            QCOMPARE(filesContaining(m_home->path(), m_services.outsiderPassword.toUtf8()), QStringList());
        }
    }

    void withoutAPullSecretThePrivateImageIsNotPullable() {
        const Run result = check(m_privateImage);
        QVERIFY2(result.exitCode == 1, shown(result).constData());
        QCOMPARE(json(result).value("verdict").toString(), QStringLiteral("private-no-access"));
    }

    void addedPullSecretLetsTheCheckPull() {
        const Run added = addPullSecret(
            QStringLiteral("regcred"),
            testing::dockerConfigJson(m_services.token, m_services.tokenUser, m_services.tokenPassword) +
                "\n");
        QVERIFY2(added.exitCode == 0, shown(added).constData());
        QVERIFY(added.out.contains("Stored the pull secret regcred (for " + m_services.token.toUtf8() + ")"));
        verifyNoSecretIn(added);
        // The real Secret Service holds it, under the name the cluster knows it by.
        const QByteArray held = secretToolSearch(m_service);
        QVERIFY(held.contains(credentials::PullSecretStore::entryKey(QStringLiteral("regcred")).toUtf8()));
        QVERIFY(held.contains(
            (m_services.tokenUser + QLatin1Char(':') + m_services.tokenPassword).toUtf8().toBase64()));

        const Run result =
            check(m_privateImage, {QStringLiteral("--cluster-secret"), QStringLiteral("regcred")});
        QVERIFY2(result.exitCode == 0, shown(result).constData());
        QCOMPARE(json(result).value("verdict").toString(), QStringLiteral("private-credentials-work"));
        QVERIFY(json(result).value("digest").toString().startsWith(QLatin1String("sha256:")));
        verifyNoSecretIn(result);
    }

    void outsidersPullSecretIsDenied() {
        const Run added = addPullSecret(
            QStringLiteral("outsider.cred"),
            testing::dockerConfigJson(m_services.token, m_services.outsider, m_services.outsiderPassword));
        QVERIFY2(added.exitCode == 0, shown(added).constData());
        const Run result =
            check(m_privateImage, {QStringLiteral("--cluster-secret"), QStringLiteral("outsider.cred")});
        QVERIFY2(result.exitCode == 1, shown(result).constData());
        QCOMPARE(json(result).value("verdict").toString(), QStringLiteral("private-no-access"));
        // The registry's own reason, and who it refused.
        QVERIFY2(json(result).value("detail").toString().contains(QLatin1String("DENIED")),
                 result.out.constData());
        QVERIFY(json(result).value("fix").toString().contains(m_services.outsider));
        verifyNoSecretIn(result);
    }

    void pullSecretFromAStoredLogin() {
        const Run login = cli({QStringLiteral("login"), m_services.token, QStringLiteral("--username"),
                               m_services.tokenUser, QStringLiteral("--no-verify")},
                              m_services.tokenPassword.toUtf8());
        QVERIFY2(login.exitCode == 0, shown(login).constData());
        const Run added =
            cli({QStringLiteral("credentials"), QStringLiteral("add-pull-secret"),
                 QStringLiteral("from-login"), QStringLiteral("--from-docker-login"), m_services.token});
        QVERIFY2(added.exitCode == 0, shown(added).constData());
        verifyNoSecretIn(added);
        const Run result =
            check(m_privateImage, {QStringLiteral("--cluster-secret"), QStringLiteral("from-login")});
        QVERIFY2(result.exitCode == 0, shown(result).constData());
        QCOMPARE(json(result).value("verdict").toString(), QStringLiteral("private-credentials-work"));

        // No login for the registry: nothing to build a secret from, and the message says how to get one.
        const Run missing =
            cli({QStringLiteral("credentials"), QStringLiteral("add-pull-secret"), QStringLiteral("nologin"),
                 QStringLiteral("--from-docker-login"), QStringLiteral("quay.io")});
        QVERIFY2(missing.exitCode == 2, shown(missing).constData());
        QVERIFY2(missing.err.contains("slipway-cli login quay.io"), missing.err.constData());
    }

    void listShowsNamesAndRegistriesWithoutSecrets() {
        const Run list = cli({QStringLiteral("credentials"), QStringLiteral("list")});
        QVERIFY2(list.exitCode == 0, shown(list).constData());
        QVERIFY(list.out.contains("PULL SECRET"));
        QVERIFY(list.out.contains("regcred"));
        QVERIFY(list.out.contains("outsider.cred"));
        verifyNoSecretIn(list);

        const Run listed =
            cli({QStringLiteral("credentials"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, shown(listed).constData());
        verifyNoSecretIn(listed);
        const QJsonArray secrets = json(listed).value("pullSecrets").toArray();
        QCOMPARE(secrets.size(), 3);
        // Sorted by name.
        QCOMPARE(secrets.at(0).toObject().value("name").toString(), QStringLiteral("from-login"));
        QCOMPARE(secrets.at(2).toObject().value("name").toString(), QStringLiteral("regcred"));
        QCOMPARE(secrets.at(2).toObject().value("registries").toArray(), QJsonArray{m_services.token});
    }

    void unknownNameIsAUsageErrorThatSaysHowToAddIt() {
        const Run result =
            check(m_privateImage, {QStringLiteral("--cluster-secret"), QStringLiteral("no-such")});
        QVERIFY2(result.exitCode == 2, shown(result).constData());
        QVERIFY2(result.err.contains("No pull secret named 'no-such'"), result.err.constData());
        QVERIFY(result.err.contains("slipway-cli credentials add-pull-secret no-such"));
    }

    void withoutAKeychainTheCheckSaysSo() {
        QTemporaryDir nowhere;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + nowhere.filePath(QStringLiteral("no-bus")));
        const Run result = run(cliPath(),
                               {QStringLiteral("check"), m_privateImage, QStringLiteral("--cluster-secret"),
                                QStringLiteral("regcred")},
                               {}, environment);
        // Not "not pullable" (1): the check could not be made.
        QVERIFY2(result.exitCode == 2, shown(result).constData());
        QVERIFY2(result.err.contains("No OS keychain answered"), result.err.constData());
        QVERIFY(result.err.contains("gnome-keyring-daemon --unlock"));
    }

    void badPullSecretsAreRefused_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("not json") << "broken" << QByteArray("not a docker config")
                                  << QByteArray("not a Docker config with an 'auths' object");
        QTest::newRow("a docker config.json with credsStore")
            << "helper-only" << QByteArray(R"({"credsStore":"desktop"})")
            << QByteArray("not a Docker config with an 'auths' object");
        QTest::newRow("auth without a password")
            << "half" << QByteArray(R"({"auths":{"ghcr.io":{"auth":"bm9jb2xvbg=="}}})")
            << QByteArray("not base64 of user:password");
        QTest::newRow("no registry") << "empty" << QByteArray(R"({"auths":{}})")
                                     << QByteArray("holds no registry");
        QTest::newRow("not a secret name") << "Reg_Cred" << testing::dockerConfigJson("ghcr.io", "u", "p")
                                           << QByteArray("not a Kubernetes secret name");
    }

    void badPullSecretsAreRefused() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, message);
        const Run added = addPullSecret(name, content);
        QVERIFY2(added.exitCode == 2, shown(added).constData());
        QVERIFY2(added.err.contains(message), added.err.constData());
        // With the fix: where a pull secret's content comes from.
        QVERIFY2(added.err.contains("kubectl get secret") || added.err.contains("kubectl get secrets"),
                 added.err.constData());
        const Run result = check(m_privateImage, {QStringLiteral("--cluster-secret"), name});
        QVERIFY2(result.exitCode == 2, shown(result).constData());
        QVERIFY(result.err.contains("No pull secret named"));
    }

    void removedPullSecretIsGone() {
        const Run removed = cli(
            {QStringLiteral("credentials"), QStringLiteral("remove-pull-secret"), QStringLiteral("regcred")});
        QVERIFY2(removed.exitCode == 0, shown(removed).constData());
        QVERIFY(removed.out.contains("Removed the pull secret regcred"));
        const Run again = cli(
            {QStringLiteral("credentials"), QStringLiteral("remove-pull-secret"), QStringLiteral("regcred")});
        QVERIFY(again.out.contains("There was no pull secret regcred"));
        QVERIFY(!secretToolSearch(m_service).contains(
            credentials::PullSecretStore::entryKey(QStringLiteral("regcred")).toUtf8()));
        const Run result =
            check(m_privateImage, {QStringLiteral("--cluster-secret"), QStringLiteral("regcred")});
        QVERIFY2(result.exitCode == 2, shown(result).constData());
        QVERIFY(!cli({QStringLiteral("credentials"), QStringLiteral("list")}).out.contains("regcred"));
    }
};

QTEST_GUILESS_MAIN(PullSecretCliTest)
#include "tst_pullsecretcli.moc"

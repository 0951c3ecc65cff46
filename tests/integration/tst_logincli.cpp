// slipway-cli login / logout / credentials against the real Secret Service and the htpasswd
// registry: the login is checked with the registry before it is stored; the secret goes in on
// stdin only and comes out nowhere (not in listings, argv, messages or files); secret-looking
// options are refused; without a keychain the CLI says so and how to get one.
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace slipway;
using namespace slipway::credentials;
using namespace credentialtesting;

class LoginCliTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    QByteArray m_secret;
    QString m_registry;
    QString m_user;
    QByteArray m_password;

    Run cli(const QStringList& arguments, const QByteArray& input = {},
            const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
        return run(cliPath(), arguments, input, environment);
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService("cli");
        qputenv("SLIPWAY_KEYCHAIN_SERVICE", m_service.toUtf8());
        m_secret = "cli-secret-" + QByteArray::number(QCoreApplication::applicationPid());
        for (const char* name :
             {"SLIPWAY_TEST_BASIC_REGISTRY", "SLIPWAY_TEST_BASIC_USER", "SLIPWAY_TEST_BASIC_PASSWORD"}) {
            if (qEnvironmentVariableIsEmpty(name))
                QFAIL(qPrintable(QStringLiteral("%1 is not set: run eval \"$(tests/services/up)\" first")
                                     .arg(QLatin1String(name))));
        }
        m_registry = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
        m_user = qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER");
        m_password = qgetenv("SLIPWAY_TEST_BASIC_PASSWORD");
    }

    void cleanupTestCase() {
        clearService(m_service);
        // Whatever the CLI wrote (settings, caches, logs) holds no secret.
        if (m_home) {
            QCOMPARE(filesContaining(m_home->path(), m_secret), QStringList());
            QCOMPARE(filesContaining(m_home->path(), m_password), QStringList());
        }
    }

    void loginChecksWithTheRegistryThenStores() {
        const Run login = cli({QStringLiteral("login"), m_registry, QStringLiteral("--username"), m_user,
                               QStringLiteral("--repository"), QStringLiteral("slipway/login-cli")},
                              m_password + "\n");
        QVERIFY2(login.exitCode == 0, login.err.constData());
        QVERIFY(login.out.contains(
            QStringLiteral("Stored the password for %1 on %2").arg(m_user, m_registry).toUtf8()));
        QVERIFY2(
            login.out.contains("The registry accepted the login and allows pushing to slipway/login-cli"),
            login.out.constData());
        // What `ps` showed for this process: no secret.
        QVERIFY(!login.arguments.join(QLatin1Char(' ')).contains(QString::fromUtf8(m_password)));
        QVERIFY(!(login.out + login.err).contains(m_password));

        KeychainCredentialStore store(m_service);
        const auto read = await(store.read(m_registry));
        QVERIFY(read);
        QCOMPARE(read->secret.toUtf8(), m_password); // the line break `echo` adds is not part of it
        QCOMPARE(read->username, m_user);
        QVERIFY(secretToolSearch(m_service).contains(m_password));
    }

    void refusedLoginStoresNothing() {
        const QByteArray wrong = "Not-The-Password-" + QByteArray::number(QCoreApplication::applicationPid());
        const Run login = cli({QStringLiteral("login"), m_registry, QStringLiteral("-u"), m_user}, wrong);
        QCOMPARE(login.exitCode, 1);
        // The registry's own reason, and what happened to the keychain.
        QVERIFY2(login.err.contains("UNAUTHORIZED"), login.err.constData());
        QVERIFY(login.err.contains("Nothing was stored."));
        QVERIFY(!login.err.contains(wrong));
        KeychainCredentialStore store(m_service);
        QCOMPARE(await(store.read(m_registry))->secret.toUtf8(), m_password);
    }

    void loginPromptsWithoutEchoOnATerminal() {
        // util-linux `script` gives the CLI a pseudo-terminal as stdin and copies what it shows.
        QProcess terminal;
        terminal.start(QStringLiteral("script"),
                       {QStringLiteral("-qec"),
                        QStringLiteral("'%1' login 127.0.0.1:5997 --username tty --no-verify").arg(cliPath()),
                        QStringLiteral("/dev/null")});
        QVERIFY(terminal.waitForStarted());
        QByteArray shown;
        // The secret is typed only once the prompt is up, as a person would.
        QVERIFY(QTest::qWaitFor(
            [&] {
                terminal.waitForReadyRead(100);
                shown += terminal.readAllStandardOutput();
                return shown.contains("password for tty on 127.0.0.1:5997: ");
            },
            20000));
        terminal.write("typed-" + m_secret + "\n");
        QVERIFY(terminal.waitForFinished(20000));
        shown += terminal.readAllStandardOutput();
        QCOMPARE(terminal.exitCode(), 0);
        QVERIFY2(shown.contains("Stored the password for tty"), shown.constData());
        QVERIFY2(!shown.contains("typed-" + m_secret), shown.constData());
        KeychainCredentialStore store(m_service);
        QCOMPARE(await(store.read(QStringLiteral("127.0.0.1:5997")))->secret.toUtf8(), "typed-" + m_secret);
        QVERIFY(await(store.remove(QStringLiteral("127.0.0.1:5997"))));
    }

    void loginNormalisesTheRegistryAndTakesAKind() {
        const Run login =
            cli({QStringLiteral("login"), QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("-u"),
                 QStringLiteral("whale"), QStringLiteral("--kind"), QStringLiteral("token"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--no-verify")},
                "dckr_pat_cli");
        QVERIFY2(login.exitCode == 0, login.err.constData());
        QVERIFY(login.out.contains("Not checked with the registry (--no-verify)"));
        KeychainCredentialStore store(m_service);
        const auto read = await(store.read(QStringLiteral("docker.io")));
        QVERIFY(read);
        QCOMPARE(read->kind, SecretKind::PersonalAccessToken);
    }

    void listShowsLoginsWithoutSecrets() {
        const Run list = cli({QStringLiteral("credentials"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(m_registry.toUtf8()));
        QVERIFY(list.out.contains(m_user.toUtf8()));
        QVERIFY(list.out.contains("docker.io"));
        QVERIFY(!list.out.contains(m_password));
        QVERIFY(!list.out.contains("dckr_pat_cli"));

        const Run json =
            cli({QStringLiteral("credentials"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(!json.out.contains(m_password));
        const QJsonArray logins =
            QJsonDocument::fromJson(json.out).object().value(QStringLiteral("logins")).toArray();
        QCOMPARE(logins.size(), 2);
        // Sorted by registry key.
        QCOMPARE(logins.at(0).toObject().value(QStringLiteral("username")).toString(), m_user);
        const QJsonObject hub = logins.at(1).toObject();
        QCOMPARE(hub.value(QStringLiteral("registry")).toString(), QStringLiteral("docker.io"));
        QCOMPARE(hub.value(QStringLiteral("serverUrl")).toString(),
                 QStringLiteral("https://index.docker.io/v1/"));
        QCOMPARE(hub.value(QStringLiteral("kind")).toString(), QStringLiteral("token"));
    }

    void secretOptionsAreRefused_data() {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("--password value")
            << QStringList{QStringLiteral("--password"), QStringLiteral("leaked-1")};
        QTest::newRow("--password=value") << QStringList{QStringLiteral("--password=leaked-2")};
        QTest::newRow("-p value") << QStringList{QStringLiteral("-p"), QStringLiteral("leaked-3")};
        QTest::newRow("-pvalue") << QStringList{QStringLiteral("-pleaked-4")};
        QTest::newRow("--token value") << QStringList{QStringLiteral("--token"), QStringLiteral("leaked-5")};
        QTest::newRow("--secret=value") << QStringList{QStringLiteral("--secret=leaked-6")};
    }

    void secretOptionsAreRefused() {
        QFETCH(QStringList, options);
        const Run login = cli(QStringList{QStringLiteral("login"), QStringLiteral("quay.io"),
                                          QStringLiteral("--username"), QStringLiteral("bob")} +
                              options);
        QCOMPARE(login.exitCode, 2);
        QVERIFY2(login.err.contains("never takes a secret on the command line"), login.err.constData());
        QVERIFY(login.err.contains("stdin"));
        // The refusal does not repeat the value it refused.
        QVERIFY(!login.err.contains("leaked-"));
        KeychainCredentialStore store(m_service);
        QCOMPARE(await(store.read(QStringLiteral("quay.io"))).error().code, QString(kNotFound));
    }

    void badInputIsAUsageError_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no username") << QStringList{QStringLiteral("login"), QStringLiteral("quay.io")}
                                     << QByteArray("pw") << QByteArray("missing --username");
        QTest::newRow("image, not registry")
            << QStringList{QStringLiteral("login"), QStringLiteral("ghcr.io/owner/image"),
                           QStringLiteral("-u"), QStringLiteral("o")}
            << QByteArray("pw") << QByteArray("not a registry");
        QTest::newRow("empty secret") << QStringList{QStringLiteral("login"), QStringLiteral("quay.io"),
                                                     QStringLiteral("-u"), QStringLiteral("bob")}
                                      << QByteArray("\n") << QByteArray("is empty");
        QTest::newRow("unknown kind")
            << QStringList{QStringLiteral("login"), QStringLiteral("quay.io"), QStringLiteral("-u"),
                           QStringLiteral("bob"),   QStringLiteral("--kind"),  QStringLiteral("pat")}
            << QByteArray("pw") << QByteArray("--kind is password, token or identity-token");
    }

    void badInputIsAUsageError() {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, message);
        const Run login = cli(arguments, input);
        QCOMPARE(login.exitCode, 2);
        QVERIFY2(login.err.contains(message), login.err.constData());
    }

    void logoutRemoves() {
        const Run logout = cli({QStringLiteral("logout"), m_registry});
        QCOMPARE(logout.exitCode, 0);
        QVERIFY(logout.out.contains(QStringLiteral("Removed the login for %1").arg(m_registry).toUtf8()));
        QVERIFY(!secretToolSearch(m_service).contains(m_password));
        const Run again = cli({QStringLiteral("logout"), m_registry});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QStringLiteral("There was no login for %1").arg(m_registry).toUtf8()));
        QCOMPARE(cli({QStringLiteral("logout"), QStringLiteral("docker.io")}).exitCode, 0);
        QVERIFY(
            cli({QStringLiteral("credentials"), QStringLiteral("list")}).out.contains("No registry logins"));
    }

    void withoutAKeychainLoginSaysSo() {
        QTemporaryDir nowhere;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + nowhere.filePath(QStringLiteral("no-bus")));
        const Run login = cli(
            {QStringLiteral("login"), QStringLiteral("quay.io"), QStringLiteral("-u"), QStringLiteral("bob")},
            m_secret, environment);
        QCOMPARE(login.exitCode, 1);
        QVERIFY2(login.err.contains("No OS keychain answered"), login.err.constData());
        QVERIFY(login.err.contains("Fix: start and unlock your desktop's keyring"));
        QVERIFY(!login.err.contains(m_secret));
    }

    void importDockerThroughTheCli() {
        QTemporaryDir config;
        QFile file(config.filePath(QStringLiteral("config.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("auths"),
                     QJsonObject{{QStringLiteral("127.0.0.1:5998"),
                                  QJsonObject{{QStringLiteral("auth"),
                                               QString::fromLatin1(("carol:" + m_secret).toBase64())}}},
                                 {QStringLiteral("quay.io"), QJsonObject{}}}}})
                .toJson());
        file.close();
        const Run imported =
            cli({QStringLiteral("credentials"), QStringLiteral("import-docker"),
                 QStringLiteral("--docker-config"), config.path(), QStringLiteral("--json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(!imported.out.contains(m_secret));
        const QJsonObject report = QJsonDocument::fromJson(imported.out).object();
        QCOMPARE(report.value(QStringLiteral("imported")).toArray().size(), 1);
        QCOMPARE(report.value(QStringLiteral("imported"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("username")),
                 QStringLiteral("carol"));
        QCOMPARE(
            report.value(QStringLiteral("skipped")).toArray().at(0).toObject().value(QStringLiteral("entry")),
            QStringLiteral("quay.io"));
        KeychainCredentialStore store(m_service);
        QCOMPARE(await(store.read(QStringLiteral("127.0.0.1:5998")))->secret.toUtf8(), m_secret);
        QVERIFY(await(store.remove(QStringLiteral("127.0.0.1:5998"))));
    }

    void enableAndDisableTheHelper() {
        QTemporaryDir config;
        const QString path = config.filePath(QStringLiteral("config.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"credsStore\": \"secretservice\", \"currentContext\": \"remote\"}");
        file.close();
        const Run enabled = cli({QStringLiteral("credentials"), QStringLiteral("enable-helper"),
                                 QStringLiteral("--docker-config"), config.path(), QStringLiteral("--json")});
        QCOMPARE(enabled.exitCode, 0);
        const QJsonObject change = QJsonDocument::fromJson(enabled.out).object();
        QCOMPARE(change.value(QStringLiteral("credsStore")).toString(), QStringLiteral("slipway"));
        QCOMPARE(change.value(QStringLiteral("previousCredsStore")).toString(),
                 QStringLiteral("secretservice"));
        QVERIFY(QFileInfo::exists(change.value(QStringLiteral("backup")).toString()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QCOMPARE(written.value(QStringLiteral("currentContext")).toString(), QStringLiteral("remote"));

        const Run disabled = cli({QStringLiteral("credentials"), QStringLiteral("disable-helper"),
                                  QStringLiteral("--docker-config"), config.path()});
        QCOMPARE(disabled.exitCode, 0);
        QVERIFY2(disabled.out.contains("credsStore is now secretservice (was slipway)"),
                 disabled.out.constData());
    }

    void helperNotOnPathIsWarned() {
        QTemporaryDir config;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        const Run enabled = cli({QStringLiteral("credentials"), QStringLiteral("enable-helper"),
                                 QStringLiteral("--docker-config"), config.path()},
                                {}, environment);
        QCOMPARE(enabled.exitCode, 0);
        QVERIFY2(enabled.err.contains("docker-credential-slipway is not on PATH"), enabled.err.constData());
    }
};

QTEST_GUILESS_MAIN(LoginCliTest)
#include "tst_logincli.moc"

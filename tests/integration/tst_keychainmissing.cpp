// No keychain answering (DBUS_SESSION_BUS_ADDRESS pointing nowhere, as on a headless machine
// without a Secret Service): the specific error with its fix, and the session-only store the user
// may opt into, which writes nothing anywhere.
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialtesting.h"

using namespace slipway;
using namespace slipway::credentials;
using namespace credentialtesting;

class KeychainMissingTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QTemporaryDir m_nowhere;

private Q_SLOTS:
    void initTestCase() {
        // Set before the first keychain call: libsecret connects to the bus once per process.
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + m_nowhere.filePath(QStringLiteral("no-bus")).toLocal8Bit());
        m_home = std::make_unique<IsolatedHome>();
    }

    void everyCallSaysNoKeychainAndHowToGetOne() {
        KeychainCredentialStore store(uniqueService("missing"));
        const auto probed = await(store.probe());
        QVERIFY(!probed);
        QCOMPARE(probed.error().code, QString(kNoKeychain));
        QVERIFY2(probed.error().message.startsWith(QLatin1String("No OS keychain answered: ")),
                 qPrintable(probed.error().message));
        QVERIFY(probed.error().fix.contains(QLatin1String("gnome-keyring-daemon --unlock")));
        QVERIFY(probed.error().fix.contains(QLatin1String("for this session only")));

        const QString secret = QStringLiteral("ghp_never-written");
        const auto stored = await(store.store(
            {QStringLiteral("ghcr.io"), QStringLiteral("octocat"), secret, SecretKind::PersonalAccessToken}));
        QVERIFY(!stored);
        QCOMPARE(stored.error().code, QString(kNoKeychain));
        QVERIFY(!stored.error().describe().contains(secret));
        QCOMPARE(await(store.read(QStringLiteral("ghcr.io"))).error().code, QString(kNoKeychain));
        QCOMPARE(await(store.list()).error().code, QString(kNoKeychain));
        // QtKeychain's plain-text fallback stays off: nothing landed in a settings file instead.
        QCOMPARE(filesContaining(m_home->path(), secret.toUtf8()), QStringList());
    }

    void dockerHearsWhatToDo() {
        // docker prints the helper's stdout as is: the cause, and a fix that works for docker.
        const Run got = run(helperPath(), {QStringLiteral("get")}, "ghcr.io\n");
        QCOMPARE(got.exitCode, 1);
        QVERIFY2(got.out.startsWith("No OS keychain answered: "), got.out.constData());
        QVERIFY(got.out.contains("slipway-cli credentials disable-helper"));
        QVERIFY(!got.out.contains("session only"));
    }

    void sessionStoreIsTheOptInFallback() {
        SessionCredentialStore session;
        QVERIFY(!session.persistent());
        QVERIFY(session.location().contains(QLatin1String("session only")));
        const QString secret = QStringLiteral("session-secret-%1").arg(QCoreApplication::applicationPid());
        const RegistryCredential credential{QStringLiteral("127.0.0.1:5001"), QStringLiteral("alice"), secret,
                                            SecretKind::Password};
        QVERIFY(await(session.store(credential)));
        QCOMPARE(*await(session.read(QStringLiteral("127.0.0.1:5001"))), credential);
        QCOMPARE(await(session.list())->size(), 1);
        QCOMPARE(filesContaining(m_home->path(), secret.toUtf8()), QStringList());
        // A fresh session store (the next run) has nothing: it was memory only.
        SessionCredentialStore nextRun;
        QCOMPARE(await(nextRun.read(QStringLiteral("127.0.0.1:5001"))).error().code, QString(kNotFound));
    }
};

QTEST_GUILESS_MAIN(KeychainMissingTest)
#include "tst_keychainmissing.moc"

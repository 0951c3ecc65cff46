// KeychainCredentialStore against the real Secret Service (gnome-keyring from tests/services/up
// keychain): a login goes into the keychain — secret-tool sees it there — and into no file.
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"

#include <QSignalSpy>

using namespace slipway;
using namespace slipway::credentials;
using namespace credentialtesting;

class KeychainStoreTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY(m_home->isValid());
        m_service = uniqueService("store");
    }

    void cleanupTestCase() { clearService(m_service); }

    void probeAnswers() {
        KeychainCredentialStore store(m_service);
        const auto probed = await(store.probe());
        QVERIFY2(probed, qPrintable(probed ? QString() : probed.error().describe()));
        QVERIFY(store.persistent());
    }

    void roundTripThroughTheSecretService() {
        const QString first = QStringLiteral("ghp_first-%1").arg(QCoreApplication::applicationPid());
        const QString second = QStringLiteral("ghp_second-%1").arg(QCoreApplication::applicationPid());
        KeychainCredentialStore store(m_service);
        QSignalSpy changed(&store, &CredentialStore::changed);

        const RegistryCredential credential{QStringLiteral("ghcr.io"), QStringLiteral("octocat"), first,
                                            SecretKind::PersonalAccessToken};
        auto stored = await(store.store(credential));
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().describe()));
        QCOMPARE(changed.size(), 1);

        // A new store object (another window, the next start) reads what the first wrote.
        KeychainCredentialStore reopened(m_service);
        auto read = await(reopened.read(QStringLiteral("ghcr.io")));
        QVERIFY(read);
        QCOMPARE(*read, credential);
        QVERIFY(secretToolSearch(m_service).contains(first.toUtf8()));

        // Replace: same registry, new secret; the old secret is gone from the keychain.
        RegistryCredential replacement = credential;
        replacement.secret = second;
        QVERIFY(await(store.store(replacement)));
        QCOMPARE(await(reopened.read(QStringLiteral("ghcr.io")))->secret, second);
        const QByteArray inKeychain = secretToolSearch(m_service);
        QVERIFY(inKeychain.contains(second.toUtf8()));
        QVERIFY(!inKeychain.contains(first.toUtf8()));
        QVERIFY(inKeychain.contains("slipway:registry:ghcr.io"));

        // A second registry; the listing holds both, without any secret.
        QVERIFY(await(store.store({QStringLiteral("docker.io"), QStringLiteral("whale"),
                                   QStringLiteral("dckr_pat_x"), SecretKind::PersonalAccessToken})));
        const auto listed = await(reopened.list());
        QVERIFY(listed);
        QCOMPARE(*listed, (QList<CredentialSummary>{{QStringLiteral("docker.io"), QStringLiteral("whale"),
                                                     SecretKind::PersonalAccessToken},
                                                    {QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                                     SecretKind::PersonalAccessToken}}));

        // Remove: gone from reads, the listing and the Secret Service.
        QVERIFY(await(store.remove(QStringLiteral("ghcr.io"))));
        QCOMPARE(await(reopened.read(QStringLiteral("ghcr.io"))).error().code, QString(kNotFound));
        QCOMPARE(await(reopened.list())->size(), 1);
        QVERIFY(!secretToolSearch(m_service).contains(second.toUtf8()));
        // Removing what is not there is no error (the user's intent holds), and no change to show.
        const qsizetype changes = changed.size();
        QVERIFY(await(store.remove(QStringLiteral("ghcr.io"))));
        QCOMPARE(changed.size(), changes);

        // Nothing of it in any file Slipway could have written (settings, data, cache).
        QCOMPARE(filesContaining(m_home->path(), first.toUtf8()), QStringList());
        QCOMPARE(filesContaining(m_home->path(), second.toUtf8()), QStringList());
    }

    void callsRunInOrder() {
        // Three stores fired at once: each is read-index/write-entry/write-index, so without the
        // queue two of them would overwrite each other's index update.
        KeychainCredentialStore store(m_service);
        QList<QFuture<Result<void>>> pending;
        for (int i = 0; i < 3; ++i)
            pending.append(
                store.store({QStringLiteral("registry%1.example").arg(i), QStringLiteral("u%1").arg(i),
                             QStringLiteral("s%1").arg(i), SecretKind::Password}));
        for (const auto& future : pending)
            QVERIFY(await(future));
        const auto listed = await(store.list());
        QVERIFY(listed);
        QStringList registries;
        for (const CredentialSummary& login : *listed)
            registries.append(login.registry);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(registries.contains(QStringLiteral("registry%1.example").arg(i)),
                     qPrintable(registries.join(',')));
    }

    void storeClosedMidCallCancels() {
        auto store = std::make_unique<KeychainCredentialStore>(m_service);
        QFuture<Result<void>> pending = store->store({QStringLiteral("closing.example"), QStringLiteral("u"),
                                                      QStringLiteral("s"), SecretKind::Password});
        store.reset();
        QVERIFY(QTest::qWaitFor([&pending] { return pending.isFinished(); }, 30000));
        QVERIFY(pending.isCanceled());
        // The job the backend was running finished on its own; the keychain keeps answering.
        KeychainCredentialStore next(m_service);
        QVERIFY(await(next.probe()));
    }

    void invalidInputIsRefusedBeforeTheKeychain() {
        KeychainCredentialStore store(m_service);
        const auto stored = await(store.store({QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                               QStringLiteral("two\nlines"), SecretKind::Password}));
        QVERIFY(!stored);
        QCOMPARE(stored.error().code, QStringLiteral("credentials.bad-secret"));
        QCOMPARE(await(store.read(QStringLiteral("ghcr.io"))).error().code, QString(kNotFound));
    }
};

QTEST_GUILESS_MAIN(KeychainStoreTest)
#include "tst_keychainstore.moc"

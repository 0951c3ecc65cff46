// Importing the docker CLI's logins into the real keychain: `auths` (base64 user:password,
// identity tokens), `credHelpers` and `credsStore` through the helper protocol, with a shell
// script standing in for the user's third-party helper (docker-credential-fake), and every entry
// that is not imported reported with its reason.
#include "credentials/dockerimport.h"
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace slipway;
using namespace slipway::credentials;
using namespace credentialtesting;

namespace {

// The user's own credential helper, as far as the protocol goes: argv is the action only, the
// server URL arrives on stdin. It logs its argv so the test can check no secret went there.
const char kFakeHelper[] =
    "#!/bin/sh\n"
    "echo \"$*\" >>\"$FAKE_HELPER_LOG\"\n"
    "case \"$1\" in\n"
    "list) echo '{\"ghcr.io\":\"octocat\",\"registry.fake.example\":\"<token>\"}' ;;\n"
    "get)\n"
    "  read -r url\n"
    "  case \"$url\" in\n"
    "  ghcr.io) echo '{\"ServerURL\":\"ghcr.io\",\"Username\":\"octocat\",\"Secret\":"
    "\"ghp_fromhelper\"}' ;;\n"
    "  registry.fake.example) echo '{\"ServerURL\":\"registry.fake.example\",\"Username\":"
    "\"<token>\",\"Secret\":\"idtok-fake\"}' ;;\n"
    "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
    "  esac ;;\n"
    "*) echo \"unknown action $1\"; exit 1 ;;\n"
    "esac\n";

QString basic(const char* userPassword) {
    return QString::fromLatin1(QByteArray(userPassword).toBase64());
}

void writeConfig(const QTemporaryDir& dir, const QJsonObject& config) {
    QFile file(dir.filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write config.json");
    file.write(QJsonDocument(config).toJson());
}

QString reasonFor(const ImportReport& report, const QString& entry) {
    for (const SkippedLogin& skipped : report.skipped) {
        if (skipped.entry == entry)
            return skipped.reason;
    }
    return QStringLiteral("(not skipped)");
}

QString sourceOf(const ImportReport& report, const QString& registry) {
    for (const ImportedLogin& imported : report.imported) {
        if (imported.registry == registry)
            return imported.source;
    }
    return QStringLiteral("(not imported)");
}

} // namespace

class KeychainImportTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QTemporaryDir m_bin;
    QString m_service;

    QString secretOf(const QString& registry) {
        KeychainCredentialStore store(m_service);
        const auto read = await(store.read(registry));
        return read ? read->secret : read.error().code;
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService("import");
        QFile helper(m_bin.filePath(QStringLiteral("docker-credential-fake")));
        QVERIFY(helper.open(QIODevice::WriteOnly));
        helper.write(kFakeHelper);
        helper.close();
        helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("PATH", (m_bin.path() + QLatin1Char(':') + qEnvironmentVariable("PATH")).toLocal8Bit());
        qputenv("FAKE_HELPER_LOG", m_bin.filePath(QStringLiteral("argv.log")).toLocal8Bit());
    }

    void cleanupTestCase() { clearService(m_service); }

    void authsAndCredHelpers() {
        QTemporaryDir config;
        writeConfig(config,
                    QJsonObject{
                        {QStringLiteral("auths"),
                         QJsonObject{
                             {QStringLiteral("127.0.0.1:5999"),
                              QJsonObject{{QStringLiteral("auth"), basic("alice:pw-auths")}}},
                             {QStringLiteral("https://index.docker.io/v1/"),
                              QJsonObject{{QStringLiteral("auth"), basic("whale:dckr_pat_hub")}}},
                             {QStringLiteral("https://index.docker.io/v1/access-token"),
                              QJsonObject{{QStringLiteral("auth"), basic("whale:oauth-access")}}},
                             {QStringLiteral("quay.io"), QJsonObject{}},
                             {QStringLiteral("ghcr.io"),
                              QJsonObject{{QStringLiteral("auth"), basic("octocat:stale")}}},
                             {QStringLiteral("id.example"),
                              QJsonObject{{QStringLiteral("identitytoken"), QStringLiteral("idtok-auths")}}},
                         }},
                        {QStringLiteral("credHelpers"),
                         QJsonObject{{QStringLiteral("ghcr.io"), QStringLiteral("fake")},
                                     {QStringLiteral("gcr.io"), QStringLiteral("gcloud-not-installed")},
                                     {QStringLiteral("nothere.example"), QStringLiteral("fake")}}},
                        {QStringLiteral("HttpHeaders"),
                         QJsonObject{{QStringLiteral("User-Agent"), QStringLiteral("x")}}},
                    });
        KeychainCredentialStore store(m_service);
        const auto report = await(importDockerCredentials(config.path(), store));
        QVERIFY2(report, qPrintable(report ? QString() : report.error().describe()));

        QCOMPARE(report->imported.size(), 4);
        QCOMPARE(sourceOf(*report, QStringLiteral("127.0.0.1:5999")), QStringLiteral("auths"));
        QCOMPARE(sourceOf(*report, QStringLiteral("docker.io")), QStringLiteral("auths"));
        QCOMPARE(sourceOf(*report, QStringLiteral("ghcr.io")), QStringLiteral("credHelpers (fake)"));
        QCOMPARE(sourceOf(*report, QStringLiteral("id.example")), QStringLiteral("auths"));

        // The secrets are in the keychain; credHelpers won over the stale plain-text entry.
        QCOMPARE(secretOf(QStringLiteral("127.0.0.1:5999")), QStringLiteral("pw-auths"));
        QCOMPARE(secretOf(QStringLiteral("docker.io")), QStringLiteral("dckr_pat_hub"));
        QCOMPARE(secretOf(QStringLiteral("ghcr.io")), QStringLiteral("ghp_fromhelper"));
        QCOMPARE(secretOf(QStringLiteral("id.example")), QStringLiteral("idtok-auths"));
        const auto hub = await(store.read(QStringLiteral("docker.io")));
        QCOMPARE(hub->username, QStringLiteral("whale"));
        QCOMPARE(hub->kind, SecretKind::PersonalAccessToken);
        QCOMPARE(await(store.read(QStringLiteral("id.example")))->kind, SecretKind::IdentityToken);
        QVERIFY(secretToolSearch(m_service).contains("ghp_fromhelper"));

        QCOMPARE(report->skipped.size(), 4);
        QVERIFY(reasonFor(*report, QStringLiteral("https://index.docker.io/v1/access-token"))
                    .contains(QLatin1String("OAuth")));
        QVERIFY(reasonFor(*report, QStringLiteral("quay.io")).contains(QLatin1String("empty")));
        QVERIFY(reasonFor(*report, QStringLiteral("gcr.io")).contains(QLatin1String("not installed")));
        QVERIFY(reasonFor(*report, QStringLiteral("nothere.example")).contains(QLatin1String("no login")));

        // The helper saw actions only in argv; URLs and secrets went through stdin and stdout.
        QFile log(m_bin.filePath(QStringLiteral("argv.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        for (const QByteArray& line : log.readAll().split('\n'))
            QVERIFY2(line.isEmpty() || line == "get" || line == "list", line.constData());
        QCOMPARE(filesContaining(m_home->path(), "ghp_fromhelper"), QStringList());

        // Again: everything is there already, so nothing is overwritten unless asked.
        const auto again = await(importDockerCredentials(config.path(), store));
        QVERIFY(again);
        QVERIFY(again->imported.isEmpty());
        QVERIFY(reasonFor(*again, QStringLiteral("ghcr.io")).contains(QLatin1String("already has a login")));
        const auto replaced = await(importDockerCredentials(config.path(), store, {.replaceExisting = true}));
        QVERIFY(replaced);
        QCOMPARE(replaced->imported.size(), 4);
    }

    void credsStoreListsThroughTheHelper() {
        QTemporaryDir config;
        writeConfig(config, QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("fake")},
                                        {QStringLiteral("auths"),
                                         QJsonObject{{QStringLiteral("ghcr.io"), QJsonObject{}}}}});
        const QString service = uniqueService("import-store");
        const auto clear = qScopeGuard([&service] { clearService(service); });
        KeychainCredentialStore store(service);
        const auto report = await(importDockerCredentials(config.path(), store));
        QVERIFY(report);
        QCOMPARE(report->imported.size(), 2);
        QCOMPARE(sourceOf(*report, QStringLiteral("ghcr.io")), QStringLiteral("credsStore (fake)"));
        const auto token = await(store.read(QStringLiteral("registry.fake.example")));
        QVERIFY(token);
        QCOMPARE(token->kind, SecretKind::IdentityToken);
        QCOMPARE(token->secret, QStringLiteral("idtok-fake"));
        QVERIFY(token->username.isEmpty());
    }

    void slipwaysOwnHelperIsNotImportedFromItself() {
        QTemporaryDir config;
        writeConfig(config, QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("slipway")},
                                        {QStringLiteral("auths"),
                                         QJsonObject{{QStringLiteral("ghcr.io"), QJsonObject{}}}}});
        KeychainCredentialStore store(uniqueService("import-self"));
        const auto report = await(importDockerCredentials(config.path(), store, {.replaceExisting = true}));
        QVERIFY(report);
        QVERIFY(report->imported.isEmpty());
        QVERIFY(
            reasonFor(*report, QStringLiteral("ghcr.io")).contains(QLatin1String("Slipway's own entries")));
    }

    void brokenConfigIsAnError() {
        QTemporaryDir config;
        QFile file(config.filePath(QStringLiteral("config.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        KeychainCredentialStore store(m_service);
        const auto report = await(importDockerCredentials(config.path(), store));
        QVERIFY(!report);
        QCOMPARE(report.error().code, QStringLiteral("credentials.docker-config-invalid"));
    }
};

QTEST_GUILESS_MAIN(KeychainImportTest)
#include "tst_keychainimport.moc"

// The parts of core/credentials that need no keychain: registry keys, the stored blob, input checks,
// registry presets, the session-only store, the helper protocol's answers, and the safe config.json
// edit that makes docker use docker-credential-slipway.
#include "credentials/dockerconfig.h"
#include "credentials/helperaction.h"
#include "credentials/registrykey.h"
#include "credentials/registrylogin.h"
#include "credentials/registrypresets.h"
#include "credentials/sessioncredentialstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::credentials;

namespace {

template <typename T> T take(QFuture<T> future) {
    // The session store and the helper's immediate refusals answer at once.
    if (!future.isFinished())
        qFatal("expected a finished future");
    return future.result();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(readFile(path)).object();
}

} // namespace

class CredentialsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryKeys_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("key");
        QTest::newRow("hub familiar") << "docker.io"
                                      << "docker.io";
        QTest::newRow("hub legacy") << "index.docker.io"
                                    << "docker.io";
        QTest::newRow("hub api host") << "registry-1.docker.io"
                                      << "docker.io";
        QTest::newRow("hub config key") << "https://index.docker.io/v1/"
                                        << "docker.io";
        QTest::newRow("ghcr upper case") << "GHCR.io"
                                         << "ghcr.io";
        QTest::newRow("scheme and slash") << "https://ghcr.io/"
                                          << "ghcr.io";
        QTest::newRow("legacy v2 key") << "http://localhost:5000/v2/"
                                       << "localhost:5000";
        QTest::newRow("ip and port") << "127.0.0.1:5001"
                                     << "127.0.0.1:5001";
        QTest::newRow("hub host with port is not hub") << "docker.io:443"
                                                       << "docker.io:443";
        QTest::newRow("ecr") << "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
                             << "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
        QTest::newRow("surrounding spaces") << "  quay.io \n"
                                            << "quay.io";
    }

    void registryKeys() {
        QFETCH(QString, input);
        QFETCH(QString, key);
        const auto result = registryKey(input);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().describe()));
        QCOMPARE(*result, key);
    }

    void notRegistries_data() {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << "";
        QTest::newRow("image path") << "ghcr.io/owner/image";
        QTest::newRow("hub token bookkeeping") << "https://index.docker.io/v1/access-token";
        QTest::newRow("space inside") << "my registry.io";
        QTest::newRow("port out of range") << "127.0.0.1:70000";
        QTest::newRow("user info") << "user@ghcr.io";
    }

    void notRegistries() {
        QFETCH(QString, input);
        const auto result = registryKey(input);
        QVERIFY(!result);
        QCOMPARE(result.error().code, QStringLiteral("credentials.bad-registry"));
        QVERIFY(!result.error().fix.isEmpty());
    }

    void dockerServerUrls() {
        QCOMPARE(dockerServerUrl(QStringLiteral("docker.io")), QStringLiteral("https://index.docker.io/v1/"));
        QCOMPARE(dockerServerUrl(QStringLiteral("ghcr.io")), QStringLiteral("ghcr.io"));
    }

    void blobRoundTrips() {
        const RegistryCredential credential{QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                            QStringLiteral("ghp_s3cr\"et\\ü"),
                                            SecretKind::PersonalAccessToken};
        const auto back = credentialFromBlob(credentialToBlob(credential));
        QVERIFY(back);
        QCOMPARE(*back, credential);
    }

    void registryClientCredentials() {
        const auto token = toRegistryCredentials(
            {QStringLiteral("quay.io"), QString(), QStringLiteral("refresh"), SecretKind::IdentityToken});
        QVERIFY(token.identityToken);
        QCOMPARE(token.secret, QStringLiteral("refresh"));
        const auto pat = toRegistryCredentials({QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                                QStringLiteral("ghp_x"), SecretKind::PersonalAccessToken});
        QVERIFY(!pat.identityToken);
        QCOMPARE(pat.basicAuthorization(), QByteArray("Basic ") + QByteArray("octocat:ghp_x").toBase64());
    }

    void corruptBlobDoesNotQuoteTheSecret() {
        const QByteArray blob =
            "{\"version\":7,\"registry\":\"ghcr.io\",\"kind\":\"password\",\"secret\":\"hunter2\"}";
        const auto back = credentialFromBlob(blob);
        QVERIFY(!back);
        QCOMPARE(back.error().code, QStringLiteral("credentials.corrupt-entry"));
        QVERIFY(!back.error().describe().contains(QLatin1String("hunter2")));
        QVERIFY(!back.error().detail.contains(QLatin1String("hunter2")));
    }

    void kindNames() {
        for (SecretKind kind :
             {SecretKind::Password, SecretKind::PersonalAccessToken, SecretKind::IdentityToken})
            QCOMPARE(secretKindFromName(secretKindName(kind)), kind);
        QVERIFY(!secretKindFromName(QStringLiteral("pat")));
        QCOMPARE(guessSecretKind(QStringLiteral("ghp_abc")), SecretKind::PersonalAccessToken);
        QCOMPARE(guessSecretKind(QStringLiteral("dckr_pat_abc")), SecretKind::PersonalAccessToken);
        QCOMPARE(guessSecretKind(QStringLiteral("correct horse")), SecretKind::Password);
    }

    void validation_data() {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("ok") << "alice"
                            << "pw" << int(SecretKind::Password) << "";
        QTest::newRow("identity token needs no user") << ""
                                                      << "tok" << int(SecretKind::IdentityToken) << "";
        QTest::newRow("no user") << ""
                                 << "pw" << int(SecretKind::Password) << "credentials.no-username";
        QTest::newRow("no secret") << "alice"
                                   << "" << int(SecretKind::Password) << "credentials.no-secret";
        QTest::newRow("colon in user") << "a:b"
                                       << "pw" << int(SecretKind::Password) << "credentials.bad-username";
        QTest::newRow("two lines pasted")
            << "alice"
            << "line1\nline2" << int(SecretKind::Password) << "credentials.bad-secret";
    }

    void validation() {
        QFETCH(QString, username);
        QFETCH(QString, secret);
        QFETCH(int, kind);
        QFETCH(QString, code);
        const auto valid =
            validateCredential({QStringLiteral("ghcr.io"), username, secret, static_cast<SecretKind>(kind)});
        QCOMPARE(valid ? QString() : valid.error().code, code);
        if (!valid) {
            QVERIFY(!valid.error().fix.isEmpty());
            if (!secret.isEmpty())
                QVERIFY(!valid.error().describe().contains(secret));
        }
    }

    void presets_data() {
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("id");
        QTest::newRow("ghcr") << "ghcr.io"
                              << "ghcr";
        QTest::newRow("hub") << "docker.io"
                             << "dockerhub";
        QTest::newRow("ecr") << "123456789012.dkr.ecr.us-east-1.amazonaws.com"
                             << "ecr";
        QTest::newRow("ecr public") << "public.ecr.aws"
                                    << "ecr";
        QTest::newRow("gar") << "europe-west4-docker.pkg.dev"
                             << "gar";
        QTest::newRow("acr") << "myregistry.azurecr.io"
                             << "acr";
        QTest::newRow("quay") << "quay.io"
                              << "quay";
        QTest::newRow("local") << "127.0.0.1:5001"
                               << "other";
        QTest::newRow("lookalike") << "ghcr.io.evil.example"
                                   << "other";
    }

    void presets() {
        QFETCH(QString, registry);
        QFETCH(QString, id);
        QCOMPARE(presetForRegistry(registry).id, id);
    }

    void presetFacts() {
        const RegistryPreset& ecr = presetForProvider(RegistryProvider::AmazonEcr);
        QCOMPARE(ecr.fixedUsernames, QStringList{QStringLiteral("AWS")});
        QCOMPARE(ecr.expiryHours, 12);
        const RegistryPreset& ghcr = presetForProvider(RegistryProvider::GitHub);
        QVERIFY(ghcr.secretHint.contains(QLatin1String("write:packages")));
        QCOMPARE(ghcr.kinds.first(), SecretKind::PersonalAccessToken);
        QVERIFY(presetForProvider(RegistryProvider::GoogleArtifactRegistry)
                    .fixedUsernames.contains(QLatin1String("oauth2accesstoken")));
        QCOMPARE(registryPresets().constLast().provider, RegistryProvider::Other);
        for (const RegistryPreset& preset : registryPresets())
            QVERIFY2(!preset.kinds.isEmpty() && !preset.secretHint.isEmpty(), qPrintable(preset.id));
    }

    void sessionStoreRoundTrip() {
        SessionCredentialStore store;
        QVERIFY(!store.persistent());
        QCOMPARE(take(store.read(QStringLiteral("ghcr.io"))).error().code, QString(kNotFound));
        const RegistryCredential credential{QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                            QStringLiteral("ghp_one"), SecretKind::PersonalAccessToken};
        QVERIFY(take(store.store(credential)));
        QCOMPARE(*take(store.read(QStringLiteral("ghcr.io"))), credential);
        QCOMPARE(*take(store.list()), QList<CredentialSummary>{summaryOf(credential)});
        QVERIFY(take(store.remove(QStringLiteral("ghcr.io"))));
        QVERIFY(take(store.list())->isEmpty());
        QVERIFY(!take(
            store.store({QStringLiteral("ghcr.io"), QString(), QStringLiteral("x"), SecretKind::Password})));
    }

    void helperProtocolOverAStore() {
        SessionCredentialStore store;
        const auto run = [&store](const char* action, const QByteArray& input) {
            return take(runHelperAction(QString::fromLatin1(action), input, store));
        };
        QCOMPARE(run("store",
                     "{\"ServerURL\":\"https://index.docker.io/v1/\",\"Username\":\"bob\",\"Secret\":\"pw\"}")
                     .exitCode,
                 0);
        // Docker Hub is one login whichever way docker spells it.
        QCOMPARE(take(store.read(QStringLiteral("docker.io")))->username, QStringLiteral("bob"));
        const HelperReply got = run("get", "https://index.docker.io/v1/\n");
        QCOMPARE(got.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(got.output).object();
        QCOMPARE(answer.value(QStringLiteral("Username")).toString(), QStringLiteral("bob"));
        QCOMPARE(answer.value(QStringLiteral("Secret")).toString(), QStringLiteral("pw"));

        QCOMPARE(run("store", "{\"ServerURL\":\"quay.io\",\"Username\":\"<token>\",\"Secret\":\"idtok\"}")
                     .exitCode,
                 0);
        QCOMPARE(take(store.read(QStringLiteral("quay.io")))->kind, SecretKind::IdentityToken);
        QCOMPARE(
            QJsonDocument::fromJson(run("get", "quay.io").output).object().value(QStringLiteral("Username")),
            QStringLiteral("<token>"));

        const QJsonObject listed = QJsonDocument::fromJson(run("list", {}).output).object();
        QCOMPARE(listed, (QJsonObject{{QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("bob")},
                                      {QStringLiteral("quay.io"), QStringLiteral("<token>")}}));

        // Docker Hub's OAuth bookkeeping is not a registry: kept under its URL, apart from the login.
        QCOMPARE(run("store",
                     "{\"ServerURL\":\"https://index.docker.io/v1/access-token\",\"Username\":\"bob\","
                     "\"Secret\":\"oauth\"}")
                     .exitCode,
                 0);
        QCOMPARE(QJsonDocument::fromJson(run("get", "https://index.docker.io/v1/access-token").output)
                     .object()
                     .value(QStringLiteral("Secret")),
                 QStringLiteral("oauth"));
        QCOMPARE(take(store.read(QStringLiteral("docker.io")))->secret, QStringLiteral("pw"));
        QVERIFY(QJsonDocument::fromJson(run("list", {}).output)
                    .object()
                    .contains(QStringLiteral("https://index.docker.io/v1/access-token")));
        QCOMPARE(run("erase", "https://index.docker.io/v1/access-token").exitCode, 0);

        QCOMPARE(run("erase", "quay.io").exitCode, 0);
        const HelperReply missing = run("get", "quay.io");
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.output, QByteArray("credentials not found in native keychain\n"));
        QCOMPARE(run("store", "{\"Username\":\"bob\",\"Secret\":\"pw\"}").output,
                 QByteArray("no credentials server URL\n"));
        QCOMPARE(run("store", "{\"ServerURL\":\"x.io\",\"Secret\":\"pw\"}").output,
                 QByteArray("no credentials username\n"));
        QCOMPARE(run("frobnicate", {}).exitCode, 1);
    }

    void enableHelperKeepsEverythingElseAndBacksUp() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray original =
            "{\n"
            "\t\"auths\": {\"ghcr.io\": {\"auth\": \"b2N0bzpnaHBfeA==\"}, \"quay.io\": {}},\n"
            "\t\"credsStore\": \"desktop\",\n"
            "\t\"proxies\": {\"default\": {\"httpProxy\": \"http://proxy:3128\"}},\n"
            "\t\"someFutureField\": [1, {\"x\": true}]\n"
            "}\n";
        writeFile(path, original);
        const QJsonObject before = readJson(path);

        const auto enabled = enableDockerCredentialHelper(dir.path());
        QVERIFY2(enabled, qPrintable(enabled ? QString() : enabled.error().describe()));
        QVERIFY(enabled->changed);
        QCOMPARE(enabled->previousCredsStore, QStringLiteral("desktop"));
        QCOMPARE(enabled->plaintextLogins, QStringList{QStringLiteral("ghcr.io")});
        QCOMPARE(readFile(enabled->backupPath), original);
        QJsonObject after = readJson(path);
        QCOMPARE(after.value(QStringLiteral("credsStore")).toString(), QStringLiteral("slipway"));
        after.insert(QStringLiteral("credsStore"), QStringLiteral("desktop"));
        QCOMPARE(after, before);

        // Enabling twice changes nothing and takes no second backup.
        const auto again = enableDockerCredentialHelper(dir.path());
        QVERIFY(again && !again->changed && again->backupPath.isEmpty());

        const auto disabled = disableDockerCredentialHelper(dir.path());
        QVERIFY(disabled && disabled->changed);
        QCOMPARE(disabled->credsStore, QStringLiteral("desktop"));
        QCOMPARE(readJson(path), before);
        // Two backups (one per change), config.json, and no temporary file left behind.
        QDir listing(dir.path());
        QCOMPARE(listing.entryList(QDir::Files).size(), 3);
        QCOMPARE(listing.entryList({QStringLiteral("config.json.slipway-backup-*")}, QDir::Files).size(), 2);
    }

    void editsInTheSameMillisecondKeepEveryBackup() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("config.json")), "{\"credsStore\": \"desktop\"}\n");
        // Many changes in a row: several land in one millisecond, none may fail or lose a backup.
        for (int i = 0; i < 20; ++i) {
            const auto enabled = enableDockerCredentialHelper(dir.path());
            QVERIFY2(enabled && enabled->changed,
                     qPrintable(enabled ? QString() : enabled.error().describe()));
            const auto disabled = disableDockerCredentialHelper(dir.path());
            QVERIFY2(disabled && disabled->changed,
                     qPrintable(disabled ? QString() : disabled.error().describe()));
            QCOMPARE(disabled->credsStore, QStringLiteral("desktop"));
        }
        QCOMPARE(
            QDir(dir.path()).entryList({QStringLiteral("config.json.slipway-backup-*")}, QDir::Files).size(),
            40);
    }

    void enableHelperCreatesAPrivateConfig() {
        QTemporaryDir dir;
        const QString configDir = dir.filePath(QStringLiteral("docker"));
        const auto enabled = enableDockerCredentialHelper(configDir);
        QVERIFY(enabled && enabled->changed);
        QVERIFY(enabled->backupPath.isEmpty());
        const QString path = dockerConfigPath(configDir);
        QCOMPARE(readJson(path), (QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("slipway")}}));
        QCOMPARE(QFile::permissions(path) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        const auto disabled = disableDockerCredentialHelper(configDir);
        QVERIFY(disabled && disabled->changed);
        QVERIFY(!readJson(path).contains(QStringLiteral("credsStore")));
    }

    void symlinkedConfigStaysALink() {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("dotfiles"));
        const QString target = dir.filePath(QStringLiteral("dotfiles/docker.json"));
        writeFile(target, "{\"auths\": {}}");
        QDir(dir.path()).mkpath(QStringLiteral("docker"));
        const QString link = dir.filePath(QStringLiteral("docker/config.json"));
        QVERIFY(QFile::link(target, link));
        const auto enabled = enableDockerCredentialHelper(dir.filePath(QStringLiteral("docker")));
        QVERIFY(enabled && enabled->changed);
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readJson(target).value(QStringLiteral("credsStore")).toString(), QStringLiteral("slipway"));
        QCOMPARE(readFile(enabled->backupPath), QByteArray("{\"auths\": {}}"));
    }

    void brokenConfigIsLeftAlone() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        writeFile(path, "{\"auths\": {");
        const auto enabled = enableDockerCredentialHelper(dir.path());
        QVERIFY(!enabled);
        QCOMPARE(enabled.error().code, QStringLiteral("credentials.docker-config-invalid"));
        QCOMPARE(readFile(path), QByteArray("{\"auths\": {"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void dockerConfigDirHonoursTheVariable() {
        qputenv("DOCKER_CONFIG", "/somewhere/docker");
        QCOMPARE(dockerConfigDir(), QStringLiteral("/somewhere/docker"));
        qunsetenv("DOCKER_CONFIG");
        QCOMPARE(dockerConfigDir(), QDir::home().filePath(QStringLiteral(".docker")));
    }
};

QTEST_GUILESS_MAIN(CredentialsTest)
#include "tst_credentials.moc"

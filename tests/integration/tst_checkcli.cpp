// slipway-cli check end to end against the real test registries: the verdict, digest, platforms and
// request count in --json, the exit codes a script relies on (0 pullable, 1 not, 2 usage/network/rate
// limit), and the cluster's pull secret read from a file, never printed.
#include "registryservices.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

namespace {

struct CliRun {
    int exitCode = -1;
    QJsonObject json;
    QString out;
    QString err;
};

// Each test's own cache folder: what earlier checks remembered (registry endpoints) stays out.
QString g_cacheHome;

CliRun check(const QStringList& arguments, const QByteArray& input = {}) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), g_cacheHome);
    // Only matters under the asan preset: OpenSSL's leak after a failed handshake (see the file).
    environment.insert(QStringLiteral("LSAN_OPTIONS"),
                       QStringLiteral("fast_unwind_on_malloc=0:suppressions=" SLIPWAY_FIXTURES_DIR
                                      "/sanitizers/qt-openssl.lsan.supp"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SLIPWAY_CLI_PATH), QStringList{QStringLiteral("check")} + arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return {};
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    run.json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    return run;
}

QString shown(const CliRun& run) {
    return QStringLiteral("exit %1\n%2\n%3").arg(run.exitCode).arg(run.out, run.err);
}

} // namespace

class CheckCliTest : public QObject {
    Q_OBJECT

    QString m_token, m_tokenUser, m_tokenPassword, m_tls, m_tlsCa, m_rateLimited;
    std::unique_ptr<QTemporaryDir> m_cache;

    QString endpointsFile() const { return QDir(g_cacheHome).filePath("slipway/registry-endpoints.json"); }

private Q_SLOTS:
    void init() {
        m_cache = std::make_unique<QTemporaryDir>();
        g_cacheHome = m_cache->path();
    }

    void initTestCase() {
        QString problem;
        using slipway::testing::serviceVariable;
        m_token = serviceVariable("SLIPWAY_TEST_TOKEN_REGISTRY", problem);
        m_tokenUser = serviceVariable("SLIPWAY_TEST_TOKEN_USER", problem);
        m_tokenPassword = serviceVariable("SLIPWAY_TEST_TOKEN_PASSWORD", problem);
        m_tls = serviceVariable("SLIPWAY_TEST_TLS_REGISTRY", problem);
        m_tlsCa = serviceVariable("SLIPWAY_TEST_TLS_CA", problem);
        m_rateLimited = serviceVariable("SLIPWAY_TEST_RATELIMIT_REGISTRY", problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
    }

    void publicImageAsJson() {
        const CliRun run = check({m_token + "/public/hello:latest", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("public"));
        QVERIFY(run.json.value("digest").toString().startsWith(QLatin1String("sha256:")));
        QCOMPARE(run.json.value("platforms").toArray(), QJsonArray{QStringLiteral("linux/amd64")});
        QCOMPARE(run.json.value("fix").toString(), QString());
        QVERIFY(!run.json.value("message").toString().isEmpty());
        const int requests = run.json.value("requests").toInt(-1);
        QVERIFY2(requests >= 4 && requests <= 5, qPrintable(shown(run)));

        // The next check remembers the /v2/ ping and the config's platform (same digest, same bytes):
        // token and manifest.
        const CliRun again = check({m_token + "/public/hello:latest", "--json"});
        QVERIFY2(again.exitCode == 0, qPrintable(shown(again)));
        QCOMPARE(again.json.value("verdict").toString(), QStringLiteral("public"));
        QCOMPARE(again.json.value("digest"), run.json.value("digest"));
        QCOMPARE(again.json.value("platforms"), run.json.value("platforms"));
        QCOMPARE(again.json.value("requests").toInt(), 2);
    }

    void aRememberedConfigPlatformStillFailsTheWrongArchitecture() {
        const QString image = m_token + "/public/armonly:latest";
        const CliRun first = check({image, "--json"});
        const CliRun second = check({image, "--json"});
        for (const CliRun& run : {first, second}) {
            QVERIFY2(run.exitCode == 1, qPrintable(shown(run)));
            QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("wrong-architecture"));
            QCOMPARE(run.json.value("platforms").toArray(), QJsonArray{QStringLiteral("linux/arm64")});
        }
        QCOMPARE(second.json.value("requests").toInt(),
                 first.json.value("requests").toInt() - 2); // ping, config
        // The same image checked for arm64 nodes passes, from what was remembered.
        const CliRun arm = check({image, "--platform", "linux/arm64", "--json"});
        QVERIFY2(arm.exitCode == 0, qPrintable(shown(arm)));
        QCOMPARE(arm.json.value("requests").toInt(), 2);
    }

    void aRememberedEndpointThatMovedIsPingedAgain() {
        // A token server that is gone (nothing listens on port 1): the check pings, finds the real
        // realm, answers as before and remembers the right one.
        const QString apiHost = m_token;
        QVERIFY(QDir().mkpath(QFileInfo(endpointsFile()).absolutePath()));
        QFile file(endpointsFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(
                QJsonObject{
                    {"format", 1},
                    {"endpoints",
                     QJsonObject{{apiHost,
                                  QJsonObject{{"base", "http://" + apiHost},
                                              {"challenge",
                                               QJsonObject{{"scheme", "bearer"},
                                                           {"params",
                                                            QJsonObject{{"realm", "http://127.0.0.1:1/token"},
                                                                        {"service", "gone"}}}}}}}}}})
                .toJson());
        file.close();
        const CliRun run = check({m_token + "/public/hello:latest", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("public"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY2(!stored.contains("127.0.0.1:1/"), stored.constData());
        QCOMPARE(check({m_token + "/public/hello:latest", "--json"}).json.value("requests").toInt(), 2);
    }

    void privateImageWithAndWithoutTheClustersSecret() {
        const QString image = m_token + "/private/hello:latest";
        CliRun run = check({image, "--json"});
        QVERIFY2(run.exitCode == 1, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("private-no-access"));
        QVERIFY(run.json.value("fix").toString().contains(QLatin1String("imagePullSecrets")));

        QTemporaryFile secret;
        QVERIFY(secret.open());
        secret.write(slipway::testing::dockerConfigJson(m_token, m_tokenUser, m_tokenPassword));
        secret.flush();
        run = check({image, "--cluster-secret-file", secret.fileName(), "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("private-credentials-work"));
        QVERIFY(!run.json.value("digest").toString().isEmpty());
        QVERIFY(!run.out.contains(m_tokenPassword) && !run.err.contains(m_tokenPassword));

        // The same secret through stdin, so it need not touch the disk at all.
        run = check({image, "--cluster-secret-file", "-", "--json"},
                    slipway::testing::dockerConfigJson(m_token, m_tokenUser, m_tokenPassword));
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("private-credentials-work"));

        // A secret for another registry: the cluster would pull without credentials, and says so.
        run = check(
            {image, "--cluster-secret-file", "-", "--json"},
            slipway::testing::dockerConfigJson(QStringLiteral("ghcr.io"), m_tokenUser, m_tokenPassword));
        QVERIFY2(run.exitCode == 1, qPrintable(shown(run)));
        QVERIFY(run.err.contains(QLatin1String("no entry for ") + m_token));
    }

    void notPullableVerdictsExitOne_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("missing tag") << "/public/hello:no-such-tag" << QStringList{} << "missing-tag";
        QTest::newRow("missing repository")
            << "/public/no-such-repository" << QStringList{} << "missing-repository";
        QTest::newRow("platform mismatch") << "/public/multi:latest" << QStringList{} << "platform-mismatch";
        QTest::newRow("wrong architecture")
            << "/public/armonly:latest" << QStringList{} << "wrong-architecture";
        QTest::newRow("one of two platforms missing")
            << "/public/multi:latest" << QStringList{"--platform", "linux/arm64,linux/amd64"}
            << "platform-mismatch";
    }
    void notPullableVerdictsExitOne() {
        QFETCH(QString, image);
        QFETCH(QStringList, options);
        QFETCH(QString, verdict);
        const CliRun run = check(QStringList{m_token + image, "--json"} + options);
        QVERIFY2(run.exitCode == 1, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), verdict);
        QVERIFY(!run.json.value("fix").toString().isEmpty());
    }

    void platformOptionChangesTheVerdict() {
        const CliRun run = check({m_token + "/public/armonly:latest", "--platform", "linux/arm64", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("public"));
        QCOMPARE(run.json.value("clusterPlatforms").toArray(), QJsonArray{QStringLiteral("linux/arm64")});
    }

    void tlsNeedsTheCaFile() {
        CliRun run = check({m_tls + "/slipway/hello:latest", "--json"});
        QVERIFY2(run.exitCode == 2, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("unreachable"));
        QVERIFY(run.json.value("fix").toString().contains(QLatin1String("--ca-file")));
        run = check({m_tls + "/slipway/hello:latest", "--ca-file", m_tlsCa});
        QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
        QVERIFY2(run.out.startsWith(QLatin1String("public: ")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("digest:    sha256:")));
        QVERIFY(run.out.contains(QLatin1String("platforms: linux/amd64")));
    }

    void rateLimitAndNetworkExitTwo() {
        CliRun run = check({m_rateLimited + "/library/python:3.11", "--json"});
        QVERIFY2(run.exitCode == 2, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("rate-limited"));
        QCOMPARE(run.json.value("rateLimit").toObject().value("remaining").toInt(-1), 0);
        run = check({"127.0.0.1:1/some/image", "--json"});
        QVERIFY2(run.exitCode == 2, qPrintable(shown(run)));
        QCOMPARE(run.json.value("verdict").toString(), QStringLiteral("unreachable"));
        QVERIFY(run.json.value("requests").toInt() <= 2);
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no image") << QStringList{} << "needs an IMAGE";
        QTest::newRow("bad reference") << QStringList{"Me/App"} << "lower case";
        QTest::newRow("bad platform") << QStringList{"busybox", "--platform", "amd64"} << "os/architecture";
        QTest::newRow("missing secret file")
            << QStringList{"busybox", "--cluster-secret-file", "/nonexistent/secret.json"} << "Cannot read";
        QTest::newRow("unknown option") << QStringList{"busybox", "--password", "x"} << "unknown option";
        QTest::newRow("ca file without certificate")
            << QStringList{"busybox", "--ca-file", "/dev/null"} << "PEM";
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const CliRun run = check(arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(shown(run)));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(CheckCliTest)
#include "tst_checkcli.moc"

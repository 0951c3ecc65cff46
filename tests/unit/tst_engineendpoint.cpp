// Where Slipway looks for a Docker engine, as the docker CLI does: DOCKER_HOST, then the current
// docker context, then the standard Docker and Podman sockets; broken settings say what to fix.
#include "docker/engineendpoint.h"
#include "specbuilder.h"

#include <QCryptographicHash>
#include <QTest>

using namespace slipway::docker;
using slipway::testing::writeFile;

class EngineEndpointTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesDockerHost_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("url");
        QTest::newRow("unix") << "unix:///var/run/docker.sock" << false << "unix:///var/run/docker.sock";
        QTest::newRow("tcp default port") << "tcp://10.0.0.5" << false << "tcp://10.0.0.5:2375";
        QTest::newRow("tcp tls default port")
            << "tcp://docker.example.com" << true << "tcp://docker.example.com:2376";
        QTest::newRow("tcp explicit port") << "tcp://127.0.0.1:12375" << false << "tcp://127.0.0.1:12375";
    }
    void parsesDockerHost() {
        QFETCH(QString, value);
        QFETCH(bool, tls);
        QFETCH(QString, url);
        auto endpoint = parseDockerHost(value, tls);
        QVERIFY2(endpoint, qPrintable(endpoint ? QString() : endpoint.error().describe()));
        QCOMPARE(endpoint->url(), url);
        QCOMPARE(endpoint->tls, tls);
    }

    void refusesWhatItCannotUse_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("ssh") << "ssh://me@host"
                             << "ssh -L";
        QTest::newRow("npipe") << "npipe:////./pipe/docker_engine"
                               << "unix:///";
        QTest::newRow("relative unix") << "unix://docker.sock"
                                       << "absolute";
        QTest::newRow("empty") << " "
                               << "empty";
    }
    void refusesWhatItCannotUse() {
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        auto endpoint = parseDockerHost(value);
        QVERIFY(!endpoint);
        QVERIFY2(endpoint.error().describe().contains(mentions), qPrintable(endpoint.error().describe()));
    }

    void dockerHostWinsWithTlsSettings() {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://engine.internal"));
        environment.insert(QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1"));
        environment.insert(QStringLiteral("DOCKER_CERT_PATH"), QStringLiteral("/certs"));
        auto candidates = candidateEndpoints(environment, QStringLiteral("/home/u"));
        QVERIFY(candidates);
        QCOMPARE(candidates->size(), 1);
        QCOMPARE(candidates->first().url(), QStringLiteral("tcp://engine.internal:2376"));
        QVERIFY(candidates->first().tls);
        QCOMPARE(candidates->first().certPath, QStringLiteral("/certs"));
        QCOMPARE(candidates->first().origin, QStringLiteral("DOCKER_HOST"));
    }

    void currentContextFromDockerConfig() {
        QTemporaryDir home;
        const QByteArray hash = QCryptographicHash::hash("colima", QCryptographicHash::Sha256).toHex();
        QVERIFY(writeFile(home.path(), QStringLiteral(".docker/config.json"),
                          "{\"currentContext\": \"colima\"}"));
        QVERIFY(writeFile(
            home.path(), QStringLiteral(".docker/contexts/meta/%1/meta.json").arg(QString::fromLatin1(hash)),
            "{\"Name\":\"colima\",\"Endpoints\":{\"docker\":{\"Host\":\"unix:///home/u/.colima/docker.sock\","
            "\"SkipTLSVerify\":false}}}"));
        auto candidates = candidateEndpoints(QProcessEnvironment(), home.path());
        QVERIFY2(candidates, qPrintable(candidates ? QString() : candidates.error().describe()));
        QCOMPARE(candidates->size(), 1);
        QCOMPARE(candidates->first().socketPath, QStringLiteral("/home/u/.colima/docker.sock"));
        QCOMPARE(candidates->first().origin, QStringLiteral("docker context \"colima\""));
    }

    void missingContextSaysHowToReset() {
        QTemporaryDir home;
        QVERIFY(
            writeFile(home.path(), QStringLiteral(".docker/config.json"), "{\"currentContext\": \"gone\"}"));
        auto candidates = candidateEndpoints(QProcessEnvironment(), home.path());
        QVERIFY(!candidates);
        QVERIFY(candidates.error().message.contains(QStringLiteral("gone")));
        QVERIFY(candidates.error().fix.contains(QStringLiteral("docker context use default")));
    }

    void brokenConfigIsNamed() {
        QTemporaryDir home;
        QVERIFY(writeFile(home.path(), QStringLiteral(".docker/config.json"), "{not json"));
        auto candidates = candidateEndpoints(QProcessEnvironment(), home.path());
        QVERIFY(!candidates);
        QVERIFY(candidates.error().message.contains(QStringLiteral("config.json")));
    }

    void standardSocketsWithoutSettings() {
        QTemporaryDir home;
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), QStringLiteral("/run/user/1000"));
        auto candidates = candidateEndpoints(environment, home.path());
        QVERIFY(candidates);
        QStringList urls;
        for (const EngineEndpoint& endpoint : *candidates)
            urls.append(endpoint.url());
        QCOMPARE(urls, QStringList({QStringLiteral("unix:///var/run/docker.sock"),
                                    QStringLiteral("unix:///run/user/1000/docker.sock"),
                                    QStringLiteral("unix:///run/user/1000/podman/podman.sock"),
                                    QStringLiteral("unix:///run/podman/podman.sock")}));
    }
};

QTEST_GUILESS_MAIN(EngineEndpointTest)
#include "tst_engineendpoint.moc"

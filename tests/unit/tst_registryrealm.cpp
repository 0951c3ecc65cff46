// Token realms are chosen by the registry (or whoever answers in its name): Slipway sends logins only
// over HTTPS, and never to internal addresses a public registry names (SSRF). Plain HTTP is for
// loopback registries and those marked insecure. All refused before any request is made.
#include "registry/registryerror.h"
#include "registry/registryhost.h"
#include "registry/tokenfetch.h"

#include <QSignalSpy>
#include <QTest>

using namespace slipway;
using namespace slipway::registry;

namespace {

Result<BearerToken> fetch(RegistryTransport& transport, const QString& registry, const QString& realm,
                          std::optional<RegistryCredentials> credentials) {
    AuthChallenge challenge{QStringLiteral("bearer"), {{QStringLiteral("realm"), realm}}};
    TokenFetch job(transport, registry, challenge, {QStringLiteral("repository:me/app:pull")}, credentials);
    QSignalSpy finished(&job, &TokenFetch::finished);
    job.start();
    if (finished.isEmpty())
        return fail(QStringLiteral("test.pending"), QStringLiteral("the realm was accepted"));
    return finished.first().first().value<Result<BearerToken>>();
}

} // namespace

class RegistryRealmTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hostClasses_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::addColumn<bool>("internal");
        QTest::newRow("localhost") << "localhost:5000" << true << true;
        QTest::newRow("127.0.0.1") << "127.0.0.1:5000" << true << true;
        QTest::newRow("127.1.2.3") << "127.1.2.3" << true << true;
        QTest::newRow("ipv6 loopback") << "[::1]:5000" << true << true;
        QTest::newRow("private 10/8") << "10.1.2.3:5000" << false << true;
        QTest::newRow("private 172.16/12") << "172.20.0.1" << false << true;
        QTest::newRow("private 192.168/16") << "192.168.1.10" << false << true;
        QTest::newRow("link local metadata") << "169.254.169.254" << false << true;
        QTest::newRow("ipv6 unique local") << "[fd00::1]:443" << false << true;
        QTest::newRow("public ip") << "8.8.8.8" << false << false;
        QTest::newRow("172.32 is public") << "172.32.0.1" << false << false;
        QTest::newRow("name") << "ghcr.io" << false << false;
        QTest::newRow("name that starts like localhost") << "localhost.example.com" << false << false;
    }
    void hostClasses() {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QFETCH(bool, internal);
        QCOMPARE(isLoopbackHost(host), loopback);
        QCOMPARE(isInternalAddress(host), internal);
    }

    void plainHttpOnlyWhereAllowed() {
        RegistryTransport transport;
        QVERIFY(transport.plainHttpAllowed(QStringLiteral("localhost:5000")));
        QVERIFY(!transport.plainHttpAllowed(QStringLiteral("registry.example.com")));
        RegistryHostOptions insecure;
        insecure.insecure = true;
        transport.setHostOptions(QStringLiteral("registry.example.com"), insecure);
        QVERIFY(transport.plainHttpAllowed(QStringLiteral("registry.example.com")));
        QVERIFY(!transport.plainHttpAllowed(QStringLiteral("other.example.com")));
    }

    void refusesPlainHttpRealmsForRemoteRegistries() {
        RegistryTransport transport;
        const auto token =
            fetch(transport, QStringLiteral("registry.example.com"),
                  QStringLiteral("http://registry.example.com/token"),
                  RegistryCredentials{QStringLiteral("me"), QStringLiteral("Secret-Token-9"), false});
        QVERIFY(!token);
        QCOMPARE(token.error().code, errorcode::kInsecureRefused);
        QVERIFY(token.error().message.contains(QLatin1String("not HTTPS")));
        QVERIFY(!token.error().describe().contains(QLatin1String("Secret-Token-9")));
        QCOMPARE(transport.requestCount(), 0);
    }

    void refusesInternalRealmsOfPublicRegistries_data() {
        QTest::addColumn<QString>("realm");
        QTest::newRow("loopback") << "https://127.0.0.1/token";
        QTest::newRow("cloud metadata") << "https://169.254.169.254/latest/meta-data";
        QTest::newRow("private network") << "https://10.0.0.5/token";
        QTest::newRow("localhost name") << "https://localhost/token";
    }
    void refusesInternalRealmsOfPublicRegistries() {
        QFETCH(QString, realm);
        RegistryTransport transport;
        const auto token = fetch(transport, QStringLiteral("ghcr.io"), realm, std::nullopt);
        QVERIFY(!token);
        QCOMPARE(token.error().code, errorcode::kInsecureRefused);
        QVERIFY(token.error().message.contains(QLatin1String("internal address")));
        QCOMPARE(transport.requestCount(), 0);
    }

    void refusesUnusableRealms() {
        RegistryTransport transport;
        for (const char* realm : {"", "not a url", "/relative/token", "ftp://ghcr.io/token"}) {
            const auto token =
                fetch(transport, QStringLiteral("ghcr.io"), QLatin1String(realm), std::nullopt);
            QVERIFY2(!token && token.error().code != QLatin1String("test.pending"), realm);
        }
        QCOMPARE(transport.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(RegistryRealmTest)
#include "tst_registryrealm.moc"

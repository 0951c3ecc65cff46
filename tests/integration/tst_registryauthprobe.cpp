// Does a registry want a login before a push? Against the real registries of tests/services/up: the
// open one does not, the htpasswd and token ones do, a port where nothing listens is an error (not
// "no login needed"), and a host already pinged is answered without another request.
#include "registry/registryauthprobe.h"
#include "registry/registryclient.h"
#include "registryservices.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace slipway;
using namespace slipway::registry;

namespace {

Result<bool> probe(RegistryClient& client, const QString& registry) {
    RegistryAuthProbe job(client, registry);
    QSignalSpy finished(&job, &RegistryAuthProbe::finished);
    job.start();
    if (!finished.wait(30000))
        return fail(QStringLiteral("test.timeout"), QStringLiteral("the probe did not finish"));
    return finished.first().first().value<Result<bool>>();
}

} // namespace

class TestRegistryAuthProbe : public QObject {
    Q_OBJECT

    testing::RegistryServices m_registries;

private Q_SLOTS:
    void initTestCase() {
        QString problem;
        m_registries = testing::RegistryServices::fromEnvironment(problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
    }

    void openRegistryNeedsNoLogin() {
        RegistryClient client;
        const auto answer = probe(client, m_registries.open);
        QVERIFY2(answer, qPrintable(answer ? QString() : answer.error().describe()));
        QVERIFY(!*answer);
    }

    void basicAndTokenRegistriesWantOne() {
        RegistryClient client;
        for (const QString& registry : {m_registries.basic, m_registries.token}) {
            const auto answer = probe(client, registry);
            QVERIFY2(answer, qPrintable(answer ? QString() : answer.error().describe()));
            QVERIFY2(*answer, qPrintable(registry));
        }
    }

    void secondProbeOfAHostMakesNoRequest() {
        RegistryClient client;
        QVERIFY(probe(client, m_registries.basic).value_or(false));
        const int requests = client.requestCount();
        QVERIFY(probe(client, m_registries.basic).value_or(false));
        QCOMPARE(client.requestCount(), requests);
    }

    void nothingListeningIsAnError() {
        QTcpServer server; // a free port, closed again: nothing answers there
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        RegistryClient client;
        const auto answer = probe(client, QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY(!answer);
        QVERIFY(!answer.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRegistryAuthProbe)
#include "tst_registryauthprobe.moc"

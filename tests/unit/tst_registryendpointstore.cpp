// Registry endpoints remembered between runs: what a ping found comes back as it was, minus one
// answer's scope and error; damaged or foreign files are ignored rather than trusted.
#include "registry/registryendpointstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway::registry;

class TestRegistryEndpointStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripsWhatThePingFound() {
        QTemporaryDir dir;
        const RegistryEndpointStore store(dir.filePath("cache/endpoints.json"));
        AuthChallenge bearer{QStringLiteral("bearer"),
                             {{QStringLiteral("realm"), QStringLiteral("https://ghcr.io/token")},
                              {QStringLiteral("service"), QStringLiteral("ghcr.io")},
                              {QStringLiteral("scope"), QStringLiteral("repository:a/b:pull")},
                              {QStringLiteral("error"), QStringLiteral("insufficient_scope")}}};
        QHash<QString, RegistryEndpoint> endpoints{
            {QStringLiteral("ghcr.io"), {QUrl(QStringLiteral("https://ghcr.io")), bearer}},
            {QStringLiteral("127.0.0.1:5000"), {QUrl(QStringLiteral("http://127.0.0.1:5000")), std::nullopt}},
        };
        store.save(endpoints);
        const auto loaded = store.load();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.value("127.0.0.1:5000"), endpoints.value("127.0.0.1:5000"));
        const RegistryEndpoint ghcr = loaded.value("ghcr.io");
        QCOMPARE(ghcr.base, QUrl(QStringLiteral("https://ghcr.io")));
        QVERIFY(ghcr.challenge && ghcr.challenge->isBearer());
        QCOMPARE(ghcr.challenge->realm(), QStringLiteral("https://ghcr.io/token"));
        QCOMPARE(ghcr.challenge->service(), QStringLiteral("ghcr.io"));
        QCOMPARE(ghcr.challenge->scope(), QString());
        QCOMPARE(ghcr.challenge->error(), QString());
    }

    void damagedOrForeignFilesAreIgnored_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("not json") << QByteArray("{\"format\": 1, \"endpoints\": {");
        QTest::newRow("other format")
            << QByteArray("{\"format\": 2, \"endpoints\": {\"h\": {\"base\": \"https://h\"}}}");
        QTest::newRow("not a url") << QByteArray(
            "{\"format\": 1, \"endpoints\": {\"h\": {\"base\": \"ftp://h\"}}}");
        QTest::newRow("unknown scheme")
            << QByteArray("{\"format\": 1, \"endpoints\": {\"h\": {\"base\": \"https://h\", \"challenge\": "
                          "{\"scheme\": \"negotiate\", \"params\": {}}}}}");
    }

    void damagedOrForeignFilesAreIgnored() {
        QFETCH(QByteArray, contents);
        QTemporaryDir dir;
        QFile file(dir.filePath("endpoints.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        QVERIFY(RegistryEndpointStore(file.fileName()).load().isEmpty());
    }

    void staysBounded() {
        QTemporaryDir dir;
        const RegistryEndpointStore store(dir.filePath("endpoints.json"));
        QHash<QString, RegistryEndpoint> endpoints;
        for (int i = 0; i < RegistryEndpointStore::kMaxHosts + 10; ++i)
            endpoints.insert(QStringLiteral("host%1.example").arg(i),
                             {QUrl(QStringLiteral("https://host%1.example").arg(i)), std::nullopt});
        store.save(endpoints);
        QCOMPARE(store.load().size(), RegistryEndpointStore::kMaxHosts);
    }
};

QTEST_GUILESS_MAIN(TestRegistryEndpointStore)
#include "tst_registryendpointstore.moc"

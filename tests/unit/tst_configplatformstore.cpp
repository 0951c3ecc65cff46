// Platforms of image configs remembered by digest: they come back in a new process, only for
// well-formed digests, the file stays bounded (oldest out first) and a damaged file is ignored.
#include "registry/configplatformstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway::registry;

namespace {

QString digestOf(int i) {
    return QStringLiteral("sha256:%1").arg(i, 64, 16, QLatin1Char('0'));
}

} // namespace

class TestConfigPlatformStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNewProcessFindsWhatWasRead() {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache/config-platforms.json");
        ConfigPlatformStore first(path);
        QVERIFY(!first.find(digestOf(1)));
        first.insert(digestOf(1), Platform::fromFields("linux", "arm64", "v8"));
        first.insert("sha256:not-a-digest", Platform::fromFields("linux", "amd64", {}));
        first.insert(digestOf(2), Platform::fromFields({}, {}, {})); // a config without a platform
        ConfigPlatformStore second(path);
        QCOMPARE(second.find(digestOf(1))->toString(),
                 Platform::fromFields("linux", "arm64", "v8").toString());
        QVERIFY(!second.find("sha256:not-a-digest"));
        QVERIFY(!second.find(digestOf(2)));
    }

    void staysBoundedOldestOutFirst() {
        QTemporaryDir dir;
        const QString path = dir.filePath("config-platforms.json");
        ConfigPlatformStore store(path);
        for (int i = 0; i < ConfigPlatformStore::kMaxEntries + 3; ++i)
            store.insert(digestOf(i), Platform::fromFields("linux", "amd64", {}));
        ConfigPlatformStore reread(path);
        QVERIFY(!reread.find(digestOf(0)));
        QVERIFY(!reread.find(digestOf(2)));
        QVERIFY(reread.find(digestOf(3)));
        QVERIFY(reread.find(digestOf(ConfigPlatformStore::kMaxEntries + 2)));
    }

    void aDamagedFileIsIgnored() {
        QTemporaryDir dir;
        QFile file(dir.filePath("config-platforms.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": 1, \"configs\": [{\"digest\": ");
        file.close();
        ConfigPlatformStore store(file.fileName());
        QVERIFY(!store.find(digestOf(1)));
        store.insert(digestOf(1), Platform::fromFields("linux", "amd64", {}));
        QVERIFY(ConfigPlatformStore(file.fileName()).find(digestOf(1)));
    }
};

QTEST_GUILESS_MAIN(TestConfigPlatformStore)
#include "tst_configplatformstore.moc"

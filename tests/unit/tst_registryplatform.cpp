// Platform matching as containerd does it on a cluster node: names normalised (x86_64, aarch64,
// armhf), default variants, the fallbacks a CPU runs, and attestation entries of an index ignored.
#include "registry/manifest.h"
#include "registry/platform.h"

#include <QTest>

using namespace slipway::registry;

namespace {

Platform platform(const QString& text) {
    return Platform::parse(text).value();
}

} // namespace

class RegistryPlatformTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalises_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("amd64") << "linux/amd64"
                               << "linux/amd64";
        QTest::newRow("x86_64") << "linux/x86_64"
                                << "linux/amd64";
        QTest::newRow("x86-64") << "Linux/X86-64"
                                << "linux/amd64";
        QTest::newRow("amd64 v1 is the default") << "linux/amd64/v1"
                                                 << "linux/amd64";
        QTest::newRow("amd64 v3 kept") << "linux/amd64/v3"
                                       << "linux/amd64/v3";
        QTest::newRow("aarch64") << "linux/aarch64"
                                 << "linux/arm64";
        QTest::newRow("arm64 v8 is the default") << "linux/arm64/v8"
                                                 << "linux/arm64";
        QTest::newRow("arm64 8") << "linux/arm64/8"
                                 << "linux/arm64";
        QTest::newRow("arm64 v9.0") << "linux/arm64/9.0"
                                    << "linux/arm64/v9";
        QTest::newRow("arm defaults to v7") << "linux/arm"
                                            << "linux/arm/v7";
        QTest::newRow("arm 6") << "linux/arm/6"
                               << "linux/arm/v6";
        QTest::newRow("armhf") << "linux/armhf"
                               << "linux/arm/v7";
        QTest::newRow("armel") << "linux/armel"
                               << "linux/arm/v6";
        QTest::newRow("i386") << "linux/i386"
                              << "linux/386";
        QTest::newRow("other arch as is") << "linux/s390x"
                                          << "linux/s390x";
        QTest::newRow("macos") << "macos/arm64"
                               << "darwin/arm64";
    }
    void normalises() {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const auto parsed = Platform::parse(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->toString(), normalised);
    }

    void refusesMalformed() {
        for (const char* text : {"", "linux", "linux/", "/amd64", "linux/arm/v7/extra"}) {
            const auto parsed = Platform::parse(QLatin1String(text));
            QVERIFY2(!parsed, text);
            QVERIFY(parsed.error().fix.contains(QLatin1String("linux/amd64")));
        }
    }

    void matchesLikeContainerd_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("node");
        QTest::addColumn<bool>("runs");
        QTest::newRow("same") << "linux/amd64"
                              << "linux/amd64" << true;
        QTest::newRow("x86_64 image on amd64") << "linux/x86_64"
                                               << "linux/amd64" << true;
        QTest::newRow("arm64 on amd64") << "linux/arm64"
                                        << "linux/amd64" << false;
        QTest::newRow("amd64 on arm64") << "linux/amd64"
                                        << "linux/arm64" << false;
        QTest::newRow("386 on amd64") << "linux/386"
                                      << "linux/amd64" << true;
        QTest::newRow("amd64 on 386") << "linux/amd64"
                                      << "linux/386" << false;
        QTest::newRow("amd64 v2 on v3 node") << "linux/amd64/v2"
                                             << "linux/amd64/v3" << true;
        QTest::newRow("amd64 plain on v3 node") << "linux/amd64"
                                                << "linux/amd64/v3" << true;
        QTest::newRow("amd64 v3 on plain node") << "linux/amd64/v3"
                                                << "linux/amd64" << false;
        QTest::newRow("arm64 v8 image, plain node") << "linux/arm64/v8"
                                                    << "linux/arm64" << true;
        QTest::newRow("aarch64 image on arm64 v8 node") << "linux/aarch64"
                                                        << "linux/arm64/v8" << true;
        QTest::newRow("arm v7 on arm64") << "linux/arm/v7"
                                         << "linux/arm64" << true;
        QTest::newRow("arm v5 on arm64") << "linux/arm/v5"
                                         << "linux/arm64" << true;
        QTest::newRow("arm64 v8.2 on v8 node") << "linux/arm64/v8.2"
                                               << "linux/arm64" << false;
        QTest::newRow("arm64 v8 on v8.2 node") << "linux/arm64"
                                               << "linux/arm64/v8.2" << true;
        QTest::newRow("arm64 v8.1 on v8.2 node") << "linux/arm64/v8.1"
                                                 << "linux/arm64/v8.2" << true;
        QTest::newRow("arm64 v8.4 on v9 node") << "linux/arm64/v8.4"
                                               << "linux/arm64/v9" << true;
        QTest::newRow("arm v6 on arm v7") << "linux/arm/v6"
                                          << "linux/arm/v7" << true;
        QTest::newRow("arm v7 on arm v6") << "linux/arm/v7"
                                          << "linux/arm/v6" << false;
        QTest::newRow("arm (v7) on armhf") << "linux/arm"
                                           << "linux/armhf" << true;
        QTest::newRow("other os") << "windows/amd64"
                                  << "linux/amd64" << false;
        QTest::newRow("s390x on amd64") << "linux/s390x"
                                        << "linux/amd64" << false;
    }
    void matchesLikeContainerd() {
        QFETCH(QString, image);
        QFETCH(QString, node);
        QFETCH(bool, runs);
        QCOMPARE(runsOn(platform(image), platform(node)), runs);
    }

    void prefersTheExactPlatform() {
        const Platform node = platform(QStringLiteral("linux/arm64"));
        QVERIFY(matchRank(platform(QStringLiteral("linux/arm64")), node) <
                matchRank(platform(QStringLiteral("linux/arm/v7")), node));
        QCOMPARE(matchRank(platform(QStringLiteral("linux/amd64")), node), -1);
    }

    void indexEntriesSkipAttestations() {
        const QByteArray index = R"({
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:aa", "size": 10,
             "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:bb", "size": 10,
             "platform": {"architecture": "s390x", "os": "linux"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:cc", "size": 10,
             "platform": {"architecture": "unknown", "os": "unknown"},
             "annotations": {"vnd.docker.reference.type": "attestation-manifest",
                             "vnd.docker.reference.digest": "sha256:aa"}}
          ]})";
        const auto manifest = Manifest::parse(index, QString());
        QVERIFY(manifest);
        QVERIFY(manifest->isIndex);
        QCOMPARE(manifest->manifests.size(), 3);
        const QList<Descriptor> entries = manifest->imageEntries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).platform->toString(), QStringLiteral("linux/arm64"));
        QCOMPARE(entries.at(1).platform->toString(), QStringLiteral("linux/s390x"));
    }

    void parsesManifestsAndRefusesSchema1() {
        const QByteArray image = R"({"schemaVersion": 2,
          "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": "sha256:c1",
                     "size": 7},
          "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "digest": "sha256:l1",
                      "size": 100}]})";
        // No mediaType in the body: the Content-Type header decides (parameters ignored).
        const auto manifest = Manifest::parse(
            image, QStringLiteral("application/vnd.docker.distribution.manifest.v2+json; x=y"));
        QVERIFY(manifest);
        QVERIFY(!manifest->isIndex);
        QCOMPARE(manifest->config.digest, QStringLiteral("sha256:c1"));
        QCOMPARE(manifest->layers.size(), 1);
        QCOMPARE(manifest->layers.first().size, 100);

        const auto schema1 =
            Manifest::parse(R"({"schemaVersion": 1, "name": "x"})",
                            QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws"));
        QVERIFY(!schema1);
        QCOMPARE(schema1.error().code, QStringLiteral("registry.manifest.schema1"));
        QVERIFY(!Manifest::parse("<html>", QString()));
        QVERIFY(manifestAcceptHeader().contains("application/vnd.oci.image.index.v1+json"));
        QVERIFY(manifestAcceptHeader().contains("application/vnd.docker.distribution.manifest.list.v2+json"));
    }

    void verifiesDigests() {
        const QByteArray bytes = "{}";
        const QString digest = sha256Digest(bytes);
        QCOMPARE(digest,
                 QStringLiteral("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
        QVERIFY(verifyDigest(bytes, digest, QStringLiteral("manifest")));
        const auto mismatch = verifyDigest("{ }", digest, QStringLiteral("manifest"));
        QVERIFY(!mismatch);
        QCOMPARE(mismatch.error().code, QStringLiteral("registry.digest.mismatch"));
        QVERIFY(!verifyDigest(bytes, QStringLiteral("sha512:00"), QStringLiteral("manifest")));
    }
};

QTEST_GUILESS_MAIN(RegistryPlatformTest)
#include "tst_registryplatform.moc"

// Image references read the way Docker, containerd and Kubernetes read them (Docker Hub's
// docker.io/library/ rules, ports, digests) and refused with a fix when a cluster would refuse them.
#include "registry/imagereference.h"

#include <QTest>

using namespace slipway::registry;

class RegistryReferenceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalises_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("apiHost");
        const QString d = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        QTest::newRow("official image") << "nginx"
                                        << "docker.io"
                                        << "library/nginx"
                                        << "latest"
                                        << ""
                                        << "registry-1.docker.io";
        QTest::newRow("official with tag") << "python:3.11-slim"
                                           << "docker.io"
                                           << "library/python"
                                           << "3.11-slim"
                                           << ""
                                           << "registry-1.docker.io";
        QTest::newRow("hub user repo") << "me/app:v1"
                                       << "docker.io"
                                       << "me/app"
                                       << "v1"
                                       << ""
                                       << "registry-1.docker.io";
        QTest::newRow("explicit docker.io") << "docker.io/nginx"
                                            << "docker.io"
                                            << "library/nginx"
                                            << "latest"
                                            << ""
                                            << "registry-1.docker.io";
        QTest::newRow("legacy index.docker.io") << "index.docker.io/me/app"
                                                << "docker.io"
                                                << "me/app"
                                                << "latest"
                                                << ""
                                                << "registry-1.docker.io";
        // distribution/reference keeps the API host as written, without library/: that is what a
        // cluster asks for.
        QTest::newRow("api host as written") << "registry-1.docker.io/nginx"
                                             << "registry-1.docker.io"
                                             << "nginx"
                                             << "latest"
                                             << ""
                                             << "registry-1.docker.io";
        QTest::newRow("ghcr nested") << "ghcr.io/org/team/image:1.0"
                                     << "ghcr.io"
                                     << "org/team/image"
                                     << "1.0"
                                     << ""
                                     << "ghcr.io";
        QTest::newRow("host with port") << "127.0.0.1:5000/slipway/busybox"
                                        << "127.0.0.1:5000"
                                        << "slipway/busybox"
                                        << "latest"
                                        << ""
                                        << "127.0.0.1:5000";
        QTest::newRow("localhost") << "localhost/app:dev"
                                   << "localhost"
                                   << "app"
                                   << "dev"
                                   << ""
                                   << "localhost";
        QTest::newRow("localhost port") << "localhost:5000/app"
                                        << "localhost:5000"
                                        << "app"
                                        << "latest"
                                        << ""
                                        << "localhost:5000";
        QTest::newRow("ipv6") << "[::1]:5000/app"
                              << "[::1]:5000"
                              << "app"
                              << "latest"
                              << ""
                              << "[::1]:5000";
        QTest::newRow("digest only") << "ghcr.io/o/i@" + d << "ghcr.io"
                                     << "o/i"
                                     << "" << d << "ghcr.io";
        QTest::newRow("tag and digest") << "nginx:1.25@" + d << "docker.io"
                                        << "library/nginx"
                                        << "1.25" << d << "registry-1.docker.io";
        QTest::newRow("separators") << "quay.io/a_b/c__d/e--f.g:T_1.x-y"
                                    << "quay.io"
                                    << "a_b/c__d/e--f.g"
                                    << "T_1.x-y"
                                    << ""
                                    << "quay.io";
        QTest::newRow("first component without dot is a hub user") << "myorg/tools/app"
                                                                   << "docker.io"
                                                                   << "myorg/tools/app"
                                                                   << "latest"
                                                                   << ""
                                                                   << "registry-1.docker.io";
        QTest::newRow("surrounding spaces") << "  nginx  "
                                            << "docker.io"
                                            << "library/nginx"
                                            << "latest"
                                            << ""
                                            << "registry-1.docker.io";
    }
    void normalises() {
        QFETCH(QString, text);
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        QFETCH(QString, digest);
        QFETCH(QString, apiHost);
        const auto reference = ImageReference::parse(text);
        QVERIFY2(reference, qPrintable(reference ? QString() : reference.error().describe()));
        QCOMPARE(reference->registry, registry);
        QCOMPARE(reference->repository, repository);
        QCOMPARE(reference->tag, tag);
        QCOMPARE(reference->digest, digest);
        QCOMPARE(reference->apiHost(), apiHost);
        // Printing and reading again gives the same reference.
        QCOMPARE(ImageReference::parse(reference->toString()).value(), *reference);
    }

    void digestWinsOverTag() {
        const QString d = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
        const auto reference = ImageReference::parse(QStringLiteral("nginx:1.25@") + d);
        QVERIFY(reference);
        QCOMPARE(reference->manifestReference(), d);
        QCOMPARE(reference->pinned(d), QStringLiteral("docker.io/library/nginx@") + d);
        QCOMPARE(ImageReference::parse(QStringLiteral("nginx:1.25"))->manifestReference(),
                 QStringLiteral("1.25"));
    }

    void refusesWithFix_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fixMentions");
        QTest::newRow("empty") << ""
                               << "registry.reference.empty"
                               << "registry/";
        QTest::newRow("upper case") << "me/MyApp:v1"
                                    << "registry.reference.uppercase"
                                    << "me/myapp";
        QTest::newRow("url") << "https://ghcr.io/me/app"
                             << "registry.reference.url"
                             << "ghcr.io/me/app";
        QTest::newRow("bad tag") << "nginx:-latest"
                                 << "registry.reference.tag"
                                 << "128";
        QTest::newRow("tag too long") << "nginx:" + QString(129, QLatin1Char('a')) << "registry.reference.tag"
                                      << "128";
        QTest::newRow("short digest") << "nginx@sha256:abc"
                                      << "registry.reference.digest"
                                      << "64 hex";
        QTest::newRow("digest of wrong length") << "nginx@sha256:" + QString(63, QLatin1Char('a')) + "aa"
                                                << "registry.reference.digest"
                                                << "whole digest";
        QTest::newRow("double slash") << "ghcr.io/me//app"
                                      << "registry.reference.empty-component"
                                      << "registry/";
        QTest::newRow("trailing separator") << "me/app-"
                                            << "registry.reference.invalid-name"
                                            << "lower-case";
        QTest::newRow("registry only") << "ghcr.io/"
                                       << "registry.reference.no-repository"
                                       << "registry/";
        QTest::newRow("space inside") << "my app"
                                      << "registry.reference.whitespace"
                                      << "registry/";
        QTest::newRow("bad host") << "-bad.example.com/app"
                                  << "registry.reference.host"
                                  << "host:port";
        QTest::newRow("too long") << "ghcr.io/" + QString(250, QLatin1Char('a'))
                                  << "registry.reference.too-long"
                                  << "shorter";
    }
    void refusesWithFix() {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(QString, fixMentions);
        const auto reference = ImageReference::parse(text);
        QVERIFY2(!reference, qPrintable(reference ? reference->toString() : QString()));
        QCOMPARE(reference.error().code, code);
        QVERIFY(!reference.error().message.isEmpty());
        QVERIFY2(reference.error().fix.contains(fixMentions), qPrintable(reference.error().fix));
    }

    void normalisesRegistryKeys_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("host");
        QTest::newRow("hub v1 url") << "https://index.docker.io/v1/"
                                    << "docker.io";
        QTest::newRow("hub api host") << "registry-1.docker.io"
                                      << "docker.io";
        QTest::newRow("plain host") << "ghcr.io"
                                    << "ghcr.io";
        QTest::newRow("http with port and path") << "http://127.0.0.1:5002/v2/"
                                                 << "127.0.0.1:5002";
        QTest::newRow("upper case") << "GHCR.IO"
                                    << "ghcr.io";
    }
    void normalisesRegistryKeys() {
        QFETCH(QString, key);
        QFETCH(QString, host);
        QCOMPARE(normaliseRegistryHost(key), host);
    }
};

QTEST_GUILESS_MAIN(RegistryReferenceTest)
#include "tst_registryreference.moc"

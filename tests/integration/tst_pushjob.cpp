// PushJob against the real test dockerd and docker-registry instances: a push to the open registry
// reports layers and the pushed digest, which the registry then serves; a build with push finds
// itself with the existence check next time; the htpasswd registry with and without credentials
// (401); and a registry failing blob uploads with HTTP 500 (a proxy in front of the real registry).
#include "credentialtesting.h"
#include "docker/buildjob.h"
#include "docker/pushjob.h"
#include "engineapi.h"
#include "socketproxy.h"
#include "specbuilder.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::docker;
using namespace slipway::testing;
using spec::Field;
using spec::PyValue;

namespace {

// Builds and pushes can outlast Qt Test's default five minutes.
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

Result<PushResult> runPush(PushJob& job, QList<PushLayerProgress>* layers = nullptr, int timeoutMs = 300000) {
    QSignalSpy finished(&job, &PushJob::finished);
    if (layers)
        QObject::connect(&job, &PushJob::layerProgress,
                         [layers](const PushLayerProgress& layer) { layers->append(layer); });
    job.start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return fail(QStringLiteral("timeout"), QStringLiteral("the push did not end in time"));
    return finished.first().first().value<Result<PushResult>>();
}

QString describe(const Result<PushResult>& result) {
    return result ? result->digest
                  : result.error().describe() + QStringLiteral(" | ") + result.error().detail;
}

// The registry's own digest for a tag (HEAD of the manifest), to compare with what the push reported.
QString registryDigest(const QString& registry, const QString& repository, const QString& tag) {
    QNetworkAccessManager network;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(registry, repository, tag)));
    request.setRawHeader("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                                   "application/vnd.oci.image.manifest.v1+json");
    QNetworkReply* reply = network.head(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(30000);
    const QString digest = QString::fromLatin1(reply->rawHeader("Docker-Content-Digest"));
    reply->deleteLater();
    return digest;
}

} // namespace

class PushJobTest : public QObject {
    Q_OBJECT

    CreatedImages m_images;
    std::unique_ptr<EngineClient> m_engine;

    // A local image named for `registry`: the busybox test image, tagged.
    QString tagBusybox(const QString& registry, const QString& name) {
        const QString repository = QStringLiteral("%1/slipway-test/%2").arg(registry, name);
        const auto reply =
            engineCall("POST", "/images/" + qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_IMAGE").toLatin1() +
                                   "/tag?repo=" + repository.toLatin1() + "&tag=t1");
        if (!reply || reply->status() != 201)
            return {};
        m_images.append(repository + QStringLiteral(":t1"));
        return repository + QStringLiteral(":t1");
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = credentialtesting::missingServices(
                {"SLIPWAY_TEST_DOCKER_SOCKET", "SLIPWAY_TEST_REGISTRY"}, false);
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_engine = std::make_unique<EngineClient>(QList<EngineEndpoint>{testEngine()});
    }

    void pushesToTheOpenRegistry() {
        const QString registry = qEnvironmentVariable("SLIPWAY_TEST_REGISTRY");
        const QString name = uniqueName(QStringLiteral("push"));
        const QString reference = tagBusybox(registry, name);
        QVERIFY(!reference.isEmpty());
        PushJob job(m_engine.get(), reference, nullptr);
        QList<PushLayerProgress> layers;
        const auto result = runPush(job, &layers);
        QVERIFY2(result, qPrintable(describe(result)));
        QVERIFY(result->digest.startsWith(QStringLiteral("sha256:")));
        QCOMPARE(result->digest,
                 registryDigest(registry, QStringLiteral("slipway-test/") + name, QStringLiteral("t1")));
        QVERIFY(!layers.isEmpty());
        QVERIFY(std::ranges::all_of(layers, [](const PushLayerProgress& l) { return !l.layerId.isEmpty(); }));
        // Every layer ends pushed, or is already there / mounted from the busybox repository.
        QVERIFY(std::ranges::any_of(layers, [](const PushLayerProgress& l) {
            return l.state == PushLayerProgress::State::Pushed ||
                   l.state == PushLayerProgress::State::AlreadyExists ||
                   l.state == PushLayerProgress::State::Mounted;
        }));
    }

    // Build & push a spec to the open registry; the next build of the same spec finds it there.
    void buildPushThenFoundByTheExistenceCheck() {
        const QString registry = qEnvironmentVariable("SLIPWAY_TEST_REGISTRY");
        QTemporaryDir project;
        // The Debian Python base with a command; its image stands in for the (online) micromamba stage.
        const spec::ImageSpec spec =
            makeSpec({{Field::Name, uniqueName(QStringLiteral("slipway-test/buildpush"))},
                      {Field::Registry, registry},
                      {Field::BaseImage, qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE")},
                      {Field::PythonExec, "/usr/bin/python3"},
                      {Field::Commands, strings({"echo pushed > /root/pushed.txt"})},
                      {Field::BuilderConfig,
                       PyValue::dict({{PyValue("micromamba_image"),
                                       PyValue(qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE"))}})}});
        BuildOptions options;
        options.dockerfile.installer = build::Installer::Pip;
        options.dockerfile.addFlytekit = false;
        options.dockerfile.syntaxLine = false;
        options.push = true;
        BuildJob job(m_engine.get(), BuildJob::Parameters{spec, x86Host(project.path()), options, nullptr});
        QSignalSpy finished(&job, &BuildJob::finished);
        QList<PushLayerProgress> layers;
        connect(&job, &BuildJob::pushProgress, this, [&](const PushLayerProgress& l) { layers.append(l); });
        job.start();
        QVERIFY(finished.wait(600000));
        const auto outcome = finished.first().first().value<BuildOutcome>();
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(outcome.error.describe()));
        m_images.append(outcome.imageReference);
        QVERIFY(outcome.digest.startsWith(QStringLiteral("sha256:")));
        QVERIFY(!layers.isEmpty());

        BuildJob again(m_engine.get(), BuildJob::Parameters{spec, x86Host(project.path()), options, nullptr});
        QSignalSpy finishedAgain(&again, &BuildJob::finished);
        again.start();
        QVERIFY(finishedAgain.wait(120000));
        const auto skipped = finishedAgain.first().first().value<BuildOutcome>();
        QCOMPARE(skipped.status, BuildOutcome::Status::SkippedExists);
        QCOMPARE(skipped.digest, outcome.digest);
    }

    void basicRegistryWithAndWithoutCredentials() {
        const QString registry = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
        if (registry.isEmpty())
            QFAIL("SLIPWAY_TEST_BASIC_REGISTRY is not set: run eval \"$(tests/services/up)\" first");
        const QString reference = tagBusybox(registry, uniqueName(QStringLiteral("basic")));
        QVERIFY(!reference.isEmpty());

        PushJob anonymous(m_engine.get(), reference, nullptr);
        const auto refused = runPush(anonymous);
        QVERIFY(!refused);
        QVERIFY2(refused.error().code == QStringLiteral("push-unauthorized"), qPrintable(describe(refused)));
        QVERIFY(refused.error().fix.contains(registry));

        const RegistryAuthLookup lookup = [registry](const QString& host) -> std::optional<RegistryAuth> {
            if (host != registry)
                return std::nullopt;
            return RegistryAuth{qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                                qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD"),
                                {},
                                registry};
        };
        PushJob withCredentials(m_engine.get(), reference, lookup);
        const auto pushed = runPush(withCredentials);
        QVERIFY2(pushed, qPrintable(describe(pushed)));
        QVERIFY(pushed->digest.startsWith(QStringLiteral("sha256:")));
    }

    // The registry answers 500 when an upload starts (a proxy in front of the real registry): the
    // engine retries, then the push fails as a registry-side error with its fix.
    void registryServerErrorOnUpload() {
        SocketProxy proxy(qEnvironmentVariable("SLIPWAY_TEST_REGISTRY"));
        QVERIFY(proxy.listen());
        proxy.setIntercept([](const QByteArray& bytes) -> std::optional<QByteArray> {
            if (!bytes.startsWith("POST /v2/") || !bytes.contains("/blobs/uploads/"))
                return std::nullopt;
            return QByteArray(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        const QString reference = tagBusybox(QStringLiteral("127.0.0.1:%1").arg(proxy.port()),
                                             uniqueName(QStringLiteral("fail500")));
        QVERIFY(!reference.isEmpty());
        PushJob job(m_engine.get(), reference, nullptr);
        const auto result = runPush(job);
        QVERIFY(!result);
        QVERIFY(proxy.interceptedCount() > 0);
        QVERIFY2(result.error().code == QStringLiteral("push-registry-error"), qPrintable(describe(result)));
        QVERIFY(result.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(proxy.port())));
    }
};

QTEST_GUILESS_MAIN(PushJobTest)
#include "tst_pushjob.moc"

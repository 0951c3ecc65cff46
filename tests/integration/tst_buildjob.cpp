// BuildJob against the real test dockerd: real images from specs in the modes that run offline, run
// through the API to prove what is inside; rebuilt from cache; the existence check; and the failure
// paths (a bad apt package, cancel mid-build, the engine connection dropping mid-build).
#include "credentialtesting.h"
#include "docker/buildjob.h"
#include "engineapi.h"
#include "socketproxy.h"
#include "spec/spechash.h"
#include "specbuilder.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::docker;
using namespace slipway::testing;
using spec::Field;
using spec::PyValue;

namespace {

constexpr int kBuildTimeoutMs = 600000;
// Builds that install packages from Debian's mirror outlast Qt Test's default five minutes.
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

PyValue dict(std::initializer_list<std::pair<const char*, QString>> items) {
    PyValue::Dict entries;
    for (const auto& [key, value] : items)
        entries.append({PyValue(key), PyValue(value)});
    return PyValue::dict(entries);
}

// Offline options: pip from the base image's Python, no flytekit, no dockerfile frontend image.
BuildOptions offlineOptions(build::DockerfileDialect dialect = build::DockerfileDialect::BuildKit) {
    BuildOptions options;
    options.dockerfile.dialect = dialect;
    options.dockerfile.installer = build::Installer::Pip;
    options.dockerfile.addFlytekit = false;
    options.dockerfile.syntaxLine = false;
    return options;
}

// A spec on the Debian Python base. The micromamba stage only provides CA certificates here, and the
// Python base has them, so it stands in for the (online) micromamba image.
spec::ImageSpec baseSpec(const QString& name) {
    const QString python = qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE");
    return makeSpec({{Field::Name, name},
                     {Field::BaseImage, python},
                     {Field::PythonExec, "/usr/bin/python3"},
                     {Field::BuilderConfig, dict({{"micromamba_image", python}})}});
}

// A spec on the private base image in the htpasswd registry, and that registry; nullopt without
// the test services.
struct PrivateBase {
    spec::ImageSpec spec;
    QString registry;
};
std::optional<PrivateBase> privateBaseSpec(const QString& name, const char* command) {
    const QString base = qEnvironmentVariable("SLIPWAY_TEST_PRIVATE_BASE_IMAGE");
    const QString registry = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
    if (base.isEmpty() || registry.isEmpty())
        return std::nullopt;
    spec::ImageSpec spec = baseSpec(uniqueName(name));
    spec.setArgument(Field::BaseImage, PyValue(base));
    spec.setArgument(Field::Commands, strings({command}));
    return PrivateBase{spec, registry};
}
// The htpasswd registry's login; notes every host it is asked for in `asked`.
RegistryAuthLookup basicRegistryLogin(const QString& registry, QStringList& asked) {
    return [registry, &asked](const QString& host) -> std::optional<RegistryAuth> {
        asked.append(host);
        if (host != registry)
            return std::nullopt;
        return RegistryAuth{qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                            qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD"),
                            {},
                            registry};
    };
}

BuildOutcome runJob(BuildJob& job, int timeoutMs = kBuildTimeoutMs) {
    QSignalSpy finished(&job, &BuildJob::finished);
    job.start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return BuildOutcome{
            BuildOutcome::Status::Failed, {}, {}, {}, {}, {}, Error{"timeout", "no end in time", {}, {}}};
    return finished.first().first().value<BuildOutcome>();
}

QString describe(const BuildOutcome& outcome) {
    return QStringLiteral("status %1: %2 | step %3 | %4")
        .arg(static_cast<int>(outcome.status))
        .arg(outcome.error.describe(), outcome.failedStep, outcome.lastLogLines.join(QStringLiteral(" / ")));
}

} // namespace

class BuildJobTest : public QObject {
    Q_OBJECT

    CreatedImages m_images;
    std::unique_ptr<EngineClient> m_engine;

    std::unique_ptr<BuildJob> makeJob(const spec::ImageSpec& spec, const QString& dir, BuildOptions options) {
        return std::make_unique<BuildJob>(m_engine.get(),
                                          BuildJob::Parameters{spec, x86Host(dir), options, nullptr});
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = credentialtesting::missingServices(
                {"SLIPWAY_TEST_DOCKER_SOCKET", "SLIPWAY_TEST_PYTHON_IMAGE"}, false);
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_engine = std::make_unique<EngineClient>(QList<EngineEndpoint>{testEngine()});
    }

    // Every offline mode in one image (apt from Debian's mirror, commands, env, copy, source_root,
    // entrypoint, python_exec with pip), run through the API; then the same spec again from cache.
    void buildsEveryOfflineModeAndRebuildsFromCache_data() {
        QTest::addColumn<build::DockerfileDialect>("dialect");
        QTest::newRow("buildkit") << build::DockerfileDialect::BuildKit;
        QTest::newRow("classic") << build::DockerfileDialect::Classic;
    }
    void buildsEveryOfflineModeAndRebuildsFromCache() {
        QFETCH(build::DockerfileDialect, dialect);
        QTemporaryDir project;
        QVERIFY(writeFile(project.path(), QStringLiteral("src/wfmod.py"), "VALUE = 'from source_root'\n"));
        QVERIFY(writeFile(project.path(), QStringLiteral("data/table.csv"), "a,b\n1,2\n"));
        const QString name = uniqueName(QStringLiteral("slipway-test-modes"));
        spec::ImageSpec spec = baseSpec(name);
        spec.setArgument(Field::AptPackages, strings({"jq"}));
        spec.setArgument(Field::Commands, strings({"echo built-by-commands > /root/marker.txt"}));
        spec.setArgument(Field::Env, dict({{"GREETING", QStringLiteral("hello-slipway")}}));
        spec.setArgument(Field::Copy, strings({"data"}));
        spec.setArgument(Field::SourceRoot, PyValue(project.filePath(QStringLiteral("src"))));
        spec.setArgument(Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All));
        spec.setArgument(Field::Entrypoint, strings({"/bin/sh", "-c"}));

        // No cache: the steps really run (an earlier run of this test left them in the build cache).
        BuildOptions fresh = offlineOptions(dialect);
        fresh.noCache = true;
        auto job = makeJob(spec, project.path(), fresh);
        QList<BuildStep> steps;
        connect(job.get(), &BuildJob::stepChanged, this, [&](const BuildStep& step) { steps.append(step); });
        const BuildOutcome outcome = runJob(*job);
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(outcome)));
        m_images.append(outcome.imageReference);
        QVERIFY(outcome.imageId.startsWith(QStringLiteral("sha256:")));
        QCOMPARE(job->usesBuildKit(), dialect == build::DockerfileDialect::BuildKit);
        QVERIFY(std::ranges::any_of(steps, [](const BuildStep& s) {
            return s.state == BuildStep::State::Done && s.name.contains(QStringLiteral("apt-get install"));
        }));

        const auto id = spec::specId(spec, x86Host(project.path()));
        QVERIFY(id);
        QVERIFY(imageEnv(outcome.imageReference).contains(QStringLiteral("_F_IMG_ID=") + *id));
        const ContainerRun run = runContainer(
            outcome.imageReference,
            {QStringLiteral(
                "jq --version && cat /root/marker.txt && echo $GREETING && cat /root/data/table.csv && "
                "python -c 'import wfmod, sys; print(wfmod.VALUE, sys.executable)' && echo $_F_IMG_ID")});
        QVERIFY2(run.exitCode == 0, run.output.constData());
        QVERIFY2(run.output.contains("jq-1."), run.output.constData());
        QVERIFY(run.output.contains("built-by-commands"));
        QVERIFY(run.output.contains("hello-slipway"));
        QVERIFY(run.output.contains("1,2"));
        QVERIFY2(run.output.contains("from source_root /root/.venv/bin/python"), run.output.constData());
        QVERIFY(run.output.contains(id->toUtf8()));

        // Unchanged spec: the image exists, so it is skipped; forced, every step comes from the cache.
        auto again = makeJob(spec, project.path(), offlineOptions(dialect));
        QCOMPARE(runJob(*again).status, BuildOutcome::Status::SkippedExists);
        BuildOptions forced = offlineOptions(dialect);
        forced.force = true;
        auto rebuild = makeJob(spec, project.path(), forced);
        const BuildOutcome cached = runJob(*rebuild);
        QVERIFY2(cached.status == BuildOutcome::Status::Succeeded, qPrintable(describe(cached)));
        QCOMPARE(cached.imageId, outcome.imageId);
        int runSteps = 0;
        for (const BuildStep& step : rebuild->steps()) {
            if (!step.name.contains(QStringLiteral("RUN")))
                continue;
            ++runSteps;
            QVERIFY2(step.state == BuildStep::State::Cached, qPrintable(step.name));
        }
        QVERIFY(runSteps >= 3);
    }

    // pip_index: a wheel made here, served by the test index, installed with pip from the index.
    void pipIndexPackageIsInstalled() {
        const QString indexUrl = qEnvironmentVariable("SLIPWAY_TEST_PIP_INDEX_URL");
        if (indexUrl.isEmpty())
            QFAIL("SLIPWAY_TEST_PIP_INDEX_URL is not set: run eval \"$(tests/services/up)\" first");
        const QString package = uniqueName(QStringLiteral("slipway-wheel"));
        QProcess wheel;
        wheel.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(SLIPWAY_SOURCE_DIR "/tests/services/fixtures/make-wheel.py"), package,
                     QStringLiteral("1.2.3"), qEnvironmentVariable("SLIPWAY_TEST_PIP_INDEX_DIR")});
        QVERIFY(wheel.waitForFinished(60000) && wheel.exitCode() == 0);
        QTemporaryDir project;
        spec::ImageSpec spec = baseSpec(uniqueName(QStringLiteral("slipway-test-pipindex")));
        spec.setArgument(Field::Packages, PyValue::stringList({package + QStringLiteral("==1.2.3")}));
        spec.setArgument(Field::PipIndex, PyValue(indexUrl));
        spec.setArgument(Field::PipExtraArgs, PyValue(QStringLiteral("--trusted-host ") +
                                                      qEnvironmentVariable("SLIPWAY_TEST_PIP_TRUSTED_HOST")));
        auto job = makeJob(spec, project.path(), offlineOptions());
        const BuildOutcome outcome = runJob(*job);
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(outcome)));
        m_images.append(outcome.imageReference);
        const QString module = package.toLower().replace(u'-', u'_');
        const ContainerRun run = runContainer(outcome.imageReference,
                                              {QStringLiteral("python"), QStringLiteral("-c"),
                                               QStringLiteral("import %1; print(%1.hello())").arg(module)});
        QVERIFY2(run.exitCode == 0, run.output.constData());
        QVERIFY2(run.output.contains(QStringLiteral("hello from %1 1.2.3").arg(package).toUtf8()),
                 run.output.constData());
    }

    // A base image in the htpasswd registry: BuildKit asks the session for the login, the classic
    // builder gets it in X-Registry-Config.
    void privateBaseImageWithCredentials_data() {
        QTest::addColumn<build::DockerfileDialect>("dialect");
        QTest::newRow("buildkit session") << build::DockerfileDialect::BuildKit;
        QTest::newRow("classic X-Registry-Config") << build::DockerfileDialect::Classic;
    }
    void privateBaseImageWithCredentials() {
        QFETCH(build::DockerfileDialect, dialect);
        const auto privateBase =
            privateBaseSpec(QStringLiteral("slipway-test-private"), "echo on-private-base");
        if (!privateBase)
            QFAIL("SLIPWAY_TEST_PRIVATE_BASE_IMAGE is not set: run eval \"$(tests/services/up)\" first");
        const auto& [spec, registry] = *privateBase;
        QTemporaryDir project;
        QStringList asked;
        const RegistryAuthLookup lookup = basicRegistryLogin(registry, asked);
        BuildOptions options = offlineOptions(dialect);
        options.pull = true; // ask the registry even when the engine holds a copy of the base
        BuildJob job(m_engine.get(), BuildJob::Parameters{spec, x86Host(project.path()), options, lookup});
        const BuildOutcome outcome = runJob(job);
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(outcome)));
        m_images.append(outcome.imageReference);
        QVERIFY(asked.contains(registry));
    }

    // The CLI reads the keychain while the job connects and plans: the job waits for the logins
    // before anything that may need them (here the private base image, through the session).
    void loginsThatFollowAreWaitedForAfterPlanning() {
        const auto privateBase =
            privateBaseSpec(QStringLiteral("slipway-test-later-login"), "echo logins-came-later");
        if (!privateBase)
            QFAIL("SLIPWAY_TEST_PRIVATE_BASE_IMAGE is not set: run eval \"$(tests/services/up)\" first");
        const auto& [spec, registry] = *privateBase;
        QTemporaryDir project;
        BuildOptions options = offlineOptions();
        options.pull = true;
        options.force = true; // straight to the build after planning: nothing else would wait
        BuildJob job(m_engine.get(),
                     BuildJob::Parameters{spec, x86Host(project.path()), options, nullptr, nullptr, true});
        QSignalSpy planned(&job, &BuildJob::planned);
        QSignalSpy finished(&job, &BuildJob::finished);
        job.start();
        QVERIFY(planned.wait(60000));
        QTest::qWait(300);
        QCOMPARE(job.phase(), BuildJob::Phase::Planning);
        QVERIFY(finished.isEmpty());
        QStringList asked;
        job.provideAuth(basicRegistryLogin(registry, asked));
        QVERIFY(finished.wait(kBuildTimeoutMs));
        const auto outcome = finished.first().first().value<BuildOutcome>();
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(outcome)));
        m_images.append(outcome.imageReference);
        QVERIFY(asked.contains(registry));
    }

    void badAptPackageNamesTheStepAndItsLog() {
        QTemporaryDir project;
        spec::ImageSpec spec = baseSpec(uniqueName(QStringLiteral("slipway-test-badapt")));
        spec.setArgument(Field::AptPackages, strings({"slipway-no-such-package-xyz"}));
        auto job = makeJob(spec, project.path(), offlineOptions());
        const BuildOutcome outcome = runJob(*job);
        QCOMPARE(outcome.status, BuildOutcome::Status::Failed);
        QVERIFY2(outcome.failedStep.contains(QStringLiteral("apt-get")), qPrintable(describe(outcome)));
        QVERIFY2(outcome.lastLogLines.join(u'\n').contains(QStringLiteral("Unable to locate package")),
                 qPrintable(describe(outcome)));
        QVERIFY(outcome.error.message.contains(outcome.failedStep));
        QVERIFY(!outcome.error.fix.isEmpty());
    }

    // A RUN step that connects to this test and waits: cancelling must kill it (the connection
    // closes), leave nothing running in the engine and no temporary file behind.
    void cancelStopsTheBuildInTheEngine_data() {
        QTest::addColumn<build::DockerfileDialect>("dialect");
        QTest::newRow("buildkit") << build::DockerfileDialect::BuildKit;
        QTest::newRow("classic") << build::DockerfileDialect::Classic;
    }
    void cancelStopsTheBuildInTheEngine() {
        QFETCH(build::DockerfileDialect, dialect);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::Any));
        const QString gateway = engineJson("/networks/bridge")
                                    .value(QStringLiteral("IPAM"))
                                    .toObject()
                                    .value(QStringLiteral("Config"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("Gateway"))
                                    .toString();
        QVERIFY(!gateway.isEmpty());
        QTemporaryDir project;
        // Anything the build writes to the temporary folder lands here and must be gone at the end.
        QTemporaryDir tmp;
        qputenv("TMPDIR", tmp.path().toUtf8());
        spec::ImageSpec spec = baseSpec(uniqueName(QStringLiteral("slipway-test-cancel")));
        spec.setArgument(Field::Commands,
                         PyValue::list({PyValue(QStringLiteral("python3 -c \"import socket; "
                                                               "s=socket.create_connection(('%1',%2)); "
                                                               "s.sendall(b'running'); s.recv(1)\"")
                                                    .arg(gateway)
                                                    .arg(server.serverPort()))}));
        auto job = makeJob(spec, project.path(), offlineOptions(dialect));
        QSignalSpy finished(job.get(), &BuildJob::finished);
        job->start();
        QSignalSpy connected(&server, &QTcpServer::newConnection);
        QVERIFY2(connected.wait(kBuildTimeoutMs), "the RUN step never started");
        QTcpSocket* step = server.nextPendingConnection();
        QTRY_VERIFY_WITH_TIMEOUT(step->bytesAvailable() > 0, 60000);
        QCOMPARE(step->readAll(), QByteArray("running"));

        job->cancel();
        QCOMPARE(finished.count(), 1);
        const auto outcome = finished.first().first().value<BuildOutcome>();
        QCOMPARE(outcome.status, BuildOutcome::Status::Cancelled);
        // The step's process is gone: its connection closes.
        QTRY_COMPARE_WITH_TIMEOUT(step->state(), QAbstractSocket::UnconnectedState, 60000);
        // Nothing of the build is left running in the engine: no (intermediate) containers, no
        // build cache record in use.
        QTRY_VERIFY_WITH_TIMEOUT(engineCall("GET", "/containers/json")->body.trimmed() == "[]", 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!buildCacheInUse(), 60000);
        QVERIFY(QDir(tmp.path()).isEmpty());
        qunsetenv("TMPDIR");
    }

    // The engine connection drops mid-build (a proxy in front of the daemon's socket is killed while
    // the stream runs, which is what the client sees when the daemon dies): a clear failure.
    void engineGoneMidBuildFails() {
        SocketProxy proxy(qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET"));
        QVERIFY(proxy.listen());
        EngineClient engine({loopbackTcpEngine(proxy.port())});
        QTemporaryDir project;
        spec::ImageSpec spec = baseSpec(uniqueName(QStringLiteral("slipway-test-gone")));
        spec.setArgument(Field::Commands, strings({"echo waiting-for-the-end && sleep 600"}));
        // The classic builder: the proxy carries plain HTTP streams, not the BuildKit session's HTTP/2.
        BuildJob job(&engine,
                     BuildJob::Parameters{spec, x86Host(project.path()),
                                          offlineOptions(build::DockerfileDialect::Classic), nullptr});
        QSignalSpy finished(&job, &BuildJob::finished);
        bool sleeping = false;
        connect(&job, &BuildJob::logReceived, this, [&](const BuildLogChunk& chunk) {
            sleeping =
                sleeping || chunk.text.startsWith("waiting-for-the-end"); // the output, not the step line
        });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(sleeping || !finished.isEmpty(), kBuildTimeoutMs);
        QVERIFY2(finished.isEmpty(), "the build ended before its step ran");
        proxy.dropAll();
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        const auto outcome = finished.first().first().value<BuildOutcome>();
        QCOMPARE(outcome.status, BuildOutcome::Status::Failed);
        QVERIFY2(outcome.error.message.contains(QStringLiteral("dropped")),
                 qPrintable(outcome.error.describe()));
        QVERIFY(outcome.error.fix.contains(QStringLiteral("docker info")));
    }
};

QTEST_GUILESS_MAIN(BuildJobTest)
#include "tst_buildjob.moc"

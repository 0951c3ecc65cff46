// The build context through the BuildKit session (remote=client-session) against the real test
// dockerd: the engine pulls the files with DiffCopy, so a spec's files land in the image with their
// permissions; a rebuild after one file changed makes the engine ask for that file alone (its copy
// of the rest, kept under the session's shared key, is still current), and the image has the new
// content; an unchanged rebuild asks for nothing. Cancelling while the engine pulls the files stops
// the transfer at once and leaves nothing of the build running.
#include "credentialtesting.h"
#include "docker/buildjob.h"
#include "engineapi.h"
#include "specbuilder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::docker;
using namespace slipway::testing;
using spec::Field;
using spec::PyValue;

namespace {

constexpr int kBuildTimeoutMs = 300000;
constexpr int kSourceFiles = 60;

BuildOptions offlineForcedOptions() {
    BuildOptions options;
    options.dockerfile.installer = build::Installer::Pip;
    options.dockerfile.addFlytekit = false;
    options.dockerfile.syntaxLine = false;
    options.force = true; // always build (the tag changes with the files, but keep it explicit)
    return options;
}

spec::ImageSpec sourceSpec(const QString& name, const QString& sourceRoot) {
    const QString python = qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE");
    PyValue::Dict builderConfig{{PyValue("micromamba_image"), PyValue(python)}};
    return makeSpec({{Field::Name, name},
                     {Field::BaseImage, python},
                     {Field::PythonExec, "/usr/bin/python3"},
                     {Field::BuilderConfig, PyValue::dict(builderConfig)},
                     {Field::SourceRoot, PyValue(sourceRoot)},
                     {Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All)}});
}

struct Build {
    BuildOutcome outcome;
    QList<buildkit::SyncReport> reports;
    QByteArray log;

    // The engine may pull a directory more than once in a build (the frontend reads the context's
    // .dockerignore first): the pulls together.
    buildkit::SyncReport report(const QString& directory) const {
        buildkit::SyncReport all;
        for (const buildkit::SyncReport& report : reports) {
            if (report.directory != directory)
                continue;
            all.entriesListed = std::max(all.entriesListed, report.entriesListed);
            all.requested += report.requested;
            all.bytesSent += report.bytesSent;
            if (all.error.isEmpty())
                all.error = report.error;
        }
        return all;
    }
};

Build runBuild(EngineClient* engine, const spec::ImageSpec& spec, const QString& dir) {
    BuildJob job(engine, BuildJob::Parameters{spec, x86Host(dir), offlineForcedOptions(), nullptr});
    Build build;
    QObject::connect(&job, &BuildJob::contextTransferred,
                     [&](const buildkit::SyncReport& report) { build.reports.append(report); });
    QObject::connect(&job, &BuildJob::logReceived,
                     [&](const BuildLogChunk& chunk) { build.log += chunk.text; });
    QSignalSpy finished(&job, &BuildJob::finished);
    job.start();
    if (!finished.wait(kBuildTimeoutMs)) {
        build.outcome.error = Error{"timeout", "no end in time", {}, {}};
        return build;
    }
    build.outcome = finished.first().first().value<BuildOutcome>();
    return build;
}

QString describe(const Build& build) {
    return QStringLiteral("status %1: %2 | %3")
        .arg(static_cast<int>(build.outcome.status))
        .arg(build.outcome.error.describe(), QString::fromUtf8(build.log.right(2000)));
}

// A file's bytes: its name and a counter, all the same length so a change keeps the size (the
// engine must notice it by its modification time).
QByteArray contents(int index, int version) {
    return QStringLiteral("file %1 version %2\n")
        .arg(index, 4, 10, QChar(u'0'))
        .arg(version, 4, 10, QChar(u'0'))
        .toUtf8();
}

QString sourcePath(int index) {
    return QStringLiteral("pkg%1/mod%2.py").arg(index % 4).arg(index);
}

} // namespace

class BuildKitFileSyncTest : public QObject {
    Q_OBJECT

    CreatedImages m_images;
    std::unique_ptr<EngineClient> m_engine;

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = credentialtesting::missingServices(
                {"SLIPWAY_TEST_DOCKER_SOCKET", "SLIPWAY_TEST_PYTHON_IMAGE"}, false);
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_engine = std::make_unique<EngineClient>(QList<EngineEndpoint>{testEngine()});
    }

    void rebuildPullsOnlyTheChangedFile() {
        QTemporaryDir project;
        const QString src = project.filePath(QStringLiteral("src"));
        for (int i = 0; i < kSourceFiles; ++i)
            QVERIFY(writeFile(src, sourcePath(i), contents(i, 1)));
        // Names whose byte order differs from the walk order, and an executable script.
        QVERIFY(writeFile(src, QStringLiteral("a.txt"), "dot\n"));
        QVERIFY(writeFile(src, QStringLiteral("a-b"), "dash\n"));
        QVERIFY(writeFile(src, QStringLiteral("a/inner.txt"), "inner\n"));
        QVERIFY(writeFile(src, QStringLiteral("run.sh"), "#!/bin/sh\necho ran\n"));
        QVERIFY(QFile::setPermissions(QDir(src).filePath(QStringLiteral("run.sh")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                          QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                          QFile::ExeOther));
        const spec::ImageSpec spec = sourceSpec(uniqueName(QStringLiteral("slipway-test-filesync")), src);
        const int files = kSourceFiles + 4;

        // First build under this spec's shared key: the engine has nothing, and asks for everything.
        const Build first = runBuild(m_engine.get(), spec, project.path());
        QVERIFY2(first.outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(first)));
        m_images.append(first.outcome.imageReference);
        const buildkit::SyncReport firstContext = first.report(QStringLiteral("context"));
        QVERIFY2(firstContext.error.isEmpty(), qPrintable(firstContext.error));
        int sourceRequests = 0;
        for (const QString& path : firstContext.requested)
            sourceRequests += path.startsWith(QLatin1String("src/"));
        QCOMPARE(sourceRequests, files);
        QVERIFY(firstContext.bytesSent > 0);
        // The Dockerfile alone in "dockerfile", as the docker CLI serves it.
        const buildkit::SyncReport dockerfile = first.report(QStringLiteral("dockerfile"));
        QCOMPARE(dockerfile.entriesListed, 1);
        QCOMPARE(dockerfile.requested, QStringList{QStringLiteral("Dockerfile")});
        QVERIFY2(first.log.contains("Build context: the engine asked for"), first.log.constData());

        const ContainerRun run = runContainer(
            first.outcome.imageReference,
            {QStringLiteral(
                "cat /root/a.txt /root/a-b /root/a/inner.txt /root/pkg1/mod5.py && /root/run.sh && "
                "find /root/pkg0 /root/pkg1 /root/pkg2 /root/pkg3 -type f | wc -l")},
            {QStringLiteral("/bin/sh"), QStringLiteral("-c")});
        QVERIFY2(run.exitCode == 0, run.output.constData());
        QVERIFY(run.output.contains("dot\ndash\ninner\n" + contents(5, 1) + "ran\n"));
        QVERIFY2(run.output.trimmed().endsWith(QByteArray::number(kSourceFiles)), run.output.constData());

        // One file changed, same size: the engine asks for that file (and the Dockerfile, whose image
        // id line follows the tag), nothing else, and the image has the new bytes.
        QVERIFY(writeFile(src, sourcePath(7), contents(7, 2)));
        const Build second = runBuild(m_engine.get(), spec, project.path());
        QVERIFY2(second.outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(second)));
        m_images.append(second.outcome.imageReference);
        const buildkit::SyncReport secondContext = second.report(QStringLiteral("context"));
        QCOMPARE(secondContext.entriesListed, firstContext.entriesListed);
        QStringList requested = secondContext.requested;
        requested.removeAll(QStringLiteral("Dockerfile"));
        QCOMPARE(requested, QStringList{QStringLiteral("src/") + sourcePath(7)});
        const ContainerRun changed = runContainer(
            second.outcome.imageReference, {QStringLiteral("/root/pkg3/mod7.py")}, {QStringLiteral("cat")});
        QCOMPARE(changed.output, contents(7, 2));

        // Nothing changed: the engine asks for nothing at all.
        const Build third = runBuild(m_engine.get(), spec, project.path());
        QVERIFY2(third.outcome.status == BuildOutcome::Status::Succeeded, qPrintable(describe(third)));
        QCOMPARE(third.report(QStringLiteral("context")).requested, QStringList{});
        QCOMPARE(third.outcome.imageId, second.outcome.imageId);
    }

    void cancelDuringTheTransferStopsIt() {
        QTemporaryDir project;
        const QString src = project.filePath(QStringLiteral("src"));
        // 128 MiB that do not compress: far more than can travel before the cancel.
        QByteArray block(1024 * 1024, Qt::Uninitialized);
        for (int i = 0; i < 128; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(block.data()),
                                                  block.size() / int(sizeof(quint32)));
            QVERIFY(writeFile(src, QStringLiteral("blob%1.bin").arg(i), block));
        }
        const spec::ImageSpec spec =
            sourceSpec(uniqueName(QStringLiteral("slipway-test-filesync-cancel")), src);
        BuildJob job(m_engine.get(),
                     BuildJob::Parameters{spec, x86Host(project.path()), offlineForcedOptions(), nullptr});
        QSignalSpy finished(&job, &BuildJob::finished);
        qint64 cancelMs = -1;
        connect(&job, &BuildJob::logReceived, this, [&](const BuildLogChunk& chunk) {
            if (cancelMs >= 0 || !chunk.text.startsWith("Build context: the engine compares"))
                return;
            QElapsedTimer timer;
            timer.start();
            job.cancel(); // closes the session: the transfer's call must end, not be waited out
            cancelMs = timer.elapsed();
        });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(cancelMs >= 0, kBuildTimeoutMs);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<BuildOutcome>().status, BuildOutcome::Status::Cancelled);
        // Faster than the session's shutdown grace (500 ms): the transfer stopped between two chunks
        // rather than being waited out.
        QVERIFY2(cancelMs < 400, qPrintable(QStringLiteral("cancel took %1 ms").arg(cancelMs)));
        // The engine let go of the transfer: no build cache record stays in use.
        QTRY_VERIFY_WITH_TIMEOUT(!buildCacheInUse(), 60000);
    }
};

QTEST_GUILESS_MAIN(BuildKitFileSyncTest)
#include "tst_buildkitfilesync.moc"

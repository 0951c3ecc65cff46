#include "docker/engineclient.h"
#include "docker/pushjob.h"
#include "project/buildhistory.h"
#include "project/buildrecord.h"
#include "project/buildrun.h"
#include "project/buildrunconnect.h"
#include "project/secretredaction.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <csignal>
#include <sys/resource.h>

using namespace slipway;
using namespace slipway::project;
using docker::BuildLogChunk;
using docker::BuildOutcome;
using docker::BuildStep;
using docker::PushLayerProgress;

namespace {

const QDateTime kMorning = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());

BuildStep step(const QByteArray& id, const QString& name, BuildStep::State state,
               const QDateTime& started = {}, const QDateTime& completed = {}) {
    BuildStep result;
    result.id = id;
    result.name = name;
    result.state = state;
    result.started = started;
    result.completed = completed;
    return result;
}

PushLayerProgress layer(const QString& id, PushLayerProgress::State state, qint64 current, qint64 total) {
    PushLayerProgress result;
    result.layerId = id;
    result.state = state;
    result.current = current;
    result.total = total;
    return result;
}

BuildRecord makeRecord(const QString& id, const QDateTime& started, const QString& reference,
                       const QString& specFile = QStringLiteral("/home/ada/project/spec.yaml")) {
    BuildRecord record;
    record.id = id;
    record.specFile = specFile;
    record.specName = QStringLiteral("spec.yaml");
    record.specYaml = QStringLiteral("name: trainer\npython_version: \"3.11\"\n");
    record.imageReference = reference;
    record.dockerfile = QStringLiteral("FROM python:3.11-slim\nRUN pip install pandas\n");
    record.options.platform = QStringLiteral("linux/amd64");
    record.options.dockerfile.installer = build::Installer::Pip;
    record.options.dockerfile.addFlytekit = false;
    record.started = started;
    record.finished = started.addSecs(90);
    record.steps = {
        step("sha256:aaa", "[1/2] FROM python:3.11-slim", BuildStep::State::Cached, started, started),
        step("sha256:bbb", "[2/2] RUN pip install pandas", BuildStep::State::Done, started.addSecs(1),
             started.addSecs(80))};
    record.pushLayers = {layer("a1b2c3", PushLayerProgress::State::AlreadyExists, 0, 0),
                         layer("d4e5f6", PushLayerProgress::State::Pushed, 5000, 5000)};
    record.pushLayers[0].detail = "Layer already exists";
    BuildOutcome outcome;
    outcome.status = BuildOutcome::Status::Succeeded;
    outcome.imageReference = reference;
    outcome.imageId = QStringLiteral("sha256:1111");
    outcome.digest = QStringLiteral("sha256:2222");
    record.outcome = outcome;
    return record;
}

// What a BuildRun starts from: what is built, nothing about how it went.
BuildRecord buildToRun(const QString& reference) {
    BuildRecord record = makeRecord({}, {}, reference);
    record.started = {};
    record.finished = {};
    record.outcome.reset();
    record.steps.clear();
    record.pushLayers.clear();
    return record;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& contents) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QStringList ids(const QList<BuildRecord>& records) {
    QStringList result;
    for (const BuildRecord& record : records)
        result.append(record.id);
    return result;
}

BuildLogChunk chunk(const QByteArray& stepId, const QByteArray& text) {
    return BuildLogChunk{stepId, text, BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()};
}

// Restores the file size limit when a test ends, however it ends.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN); // write() fails with EFBIG instead
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_previousHandler);
    }

private:
    rlimit m_saved{};
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace

class TestBuildHistory : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString folder() const { return m_dir.filePath(QStringLiteral("builds")); }

private Q_SLOTS:
    void cleanup() { QDir(folder()).removeRecursively(); }

    void savesAndListsNewestFirstAndLoadsEveryField() {
        BuildHistory history(folder());
        QSignalSpy changed(&history, &BuildHistory::changed);
        const BuildRecord older = makeRecord("a-older", kMorning, "ghcr.io/ada/trainer:v1");
        const BuildRecord newer = makeRecord("b-newer", kMorning.addSecs(3600), "ghcr.io/ada/trainer:v2");
        const BuildRecord middle = makeRecord("c-middle", kMorning.addSecs(60), "ghcr.io/ada/other:v1");
        for (const BuildRecord& record : {older, newer, middle})
            QVERIFY(history.save(record));
        QCOMPARE(changed.size(), 3);
        QVERIFY(QFile::exists(QDir(folder()).filePath("b-newer.json")));

        const BuildHistory::Listing listing = history.list();
        QVERIFY(listing.problems.isEmpty());
        QCOMPARE(ids(listing.records), QStringList({"b-newer", "c-middle", "a-older"}));

        const Result<BuildRecord> loaded = history.load("a-older");
        QVERIFY(loaded);
        QCOMPARE(loaded->specYaml, older.specYaml);
        QCOMPARE(loaded->dockerfile, older.dockerfile);
        QCOMPARE(loaded->options, older.options);
        QCOMPARE(loaded->steps, older.steps);
        QCOMPARE(loaded->pushLayers, older.pushLayers);
        QCOMPARE(loaded->outcome, older.outcome);
        QCOMPARE(loaded->started, older.started);
        QCOMPARE(loaded->durationMs(), qint64(90'000));
        QCOMPARE(loaded->cachedStepCount(), 1);
        QCOMPARE(stepDurationMs(loaded->steps[1]), qint64(79'000));
    }

    void filtersBySpecFileAndImage() {
        BuildHistory history(folder());
        QVERIFY(history.save(makeRecord("one", kMorning, "ghcr.io/ada/trainer:v1")));
        QVERIFY(
            history.save(makeRecord("two", kMorning.addSecs(1), "ghcr.io/ada/trainer:v2", "/p/other.yaml")));
        QVERIFY(history.save(makeRecord("three", kMorning.addSecs(2), "ghcr.io/ada/trainer-gpu:v1")));

        QCOMPARE(ids(history.list({.specFile = "/p/other.yaml", .image = {}}).records), QStringList({"two"}));
        // A repository matches its tags, not a longer repository name that starts the same.
        QCOMPARE(ids(history.list({.specFile = {}, .image = "ghcr.io/ada/trainer"}).records),
                 QStringList({"two", "one"}));
        QCOMPARE(ids(history.list({.specFile = {}, .image = "ghcr.io/ada/trainer:v1"}).records),
                 QStringList({"one"}));
    }

    void damagedRecordsAreReportedAndTheOthersStillListed() {
        BuildHistory history(folder());
        QVERIFY(history.save(makeRecord("good-1", kMorning, "r/a:1")));
        QVERIFY(history.save(makeRecord("good-2", kMorning.addSecs(5), "r/a:2")));
        QVERIFY(writeFile(history.recordPath("truncated"), readFile(history.recordPath("good-1")).left(100)));
        QJsonObject newer = makeRecord("newer", kMorning, "r/a:3").toJson();
        newer.insert("schema", BuildRecord::kSchemaVersion + 1);
        QVERIFY(writeFile(history.recordPath("newer"), QJsonDocument(newer).toJson()));

        const BuildHistory::Listing listing = history.list();
        QCOMPARE(ids(listing.records), QStringList({"good-2", "good-1"}));
        QCOMPARE(listing.problems.size(), 2);
        const QString first = listing.problems[0].message + listing.problems[1].message;
        QVERIFY2(first.contains("newer Slipway") && first.contains("newer.json"), qPrintable(first));
        QVERIFY2(first.contains("damaged") && first.contains("truncated.json"), qPrintable(first));
        for (const Error& problem : listing.problems)
            QVERIFY2(!problem.fix.isEmpty(), qPrintable(problem.message));
        QVERIFY(!history.load("truncated"));
        QVERIFY(!history.load("../escape"));
    }

    void aFailedSaveKeepsThePreviousVersion() {
        BuildHistory history(folder());
        BuildRecord record = makeRecord("kept", kMorning, "r/a:1");
        QVERIFY(history.save(record));
        const QByteArray before = readFile(history.recordPath("kept"));

        // A write that runs out of space (here: over the process's file size limit) half way.
        record.dockerfile = QString(200'000, QLatin1Char('x'));
        {
            FileSizeLimit limit(static_cast<rlim_t>(before.size() + 4096));
            const Result<void> saved = history.save(record);
            QVERIFY(!saved);
            QVERIFY2(saved.error().message.contains("kept.json"), qPrintable(saved.error().message));
        }
        QCOMPARE(readFile(history.recordPath("kept")), before);
        QVERIFY(history.load("kept"));
        QCOMPARE(QDir(folder()).entryList(QDir::Files), QStringList({"kept.json"})); // no temp file left
    }

    void pruneKeepsTheNewestAndDropsTheOldWithTheirLogs() {
        BuildHistory history(folder());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 5; ++i) {
            const QString id = QStringLiteral("r%1").arg(i);
            QVERIFY(history.save(makeRecord(id, now.addDays(-10 * i), "r/a:1")));
            QVERIFY(writeFile(history.logPath(id), "log\n"));
        }
        BuildRecord running = makeRecord("running", now.addSecs(-30), "r/a:1");
        running.outcome.reset();
        running.finished = {};
        QVERIFY(history.save(running));
        QVERIFY(writeFile(history.logPath("orphan"), "no record\n"));

        QSignalSpy changed(&history, &BuildHistory::changed);
        // At most three, none older than 25 days: r0, r1, r2 by count; r3, r4 (30, 40 days) go by both.
        const Result<int> removed = history.prune(3, now.addDays(-25));
        QVERIFY(removed);
        QCOMPARE(*removed, 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ids(history.list().records), QStringList({"r0", "running", "r1", "r2"}));
        QVERIFY(!QFile::exists(history.logPath("r3")));
        QVERIFY(!QFile::exists(history.logPath("orphan")));
        QVERIFY(QFile::exists(history.logPath("r2")));

        QCOMPARE(*history.prune(1), 2); // a running build is neither pruned nor counted
        QCOMPARE(ids(history.list().records), QStringList({"r0", "running"}));
        QVERIFY(history.remove("r0"));
        QVERIFY(!QFile::exists(history.recordPath("r0")) && !QFile::exists(history.logPath("r0")));
    }

    void redactsCredentialsButNotOrdinaryOutput() {
        const QStringList secretLines = {
            "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.sig",
            "X-Registry-Auth: eyJ1c2VybmFtZSI6ImFkYSIsInBhc3N3b3JkIjoiaHVudGVyMiJ9",
            "curl -H 'authorization: Basic YWRhOmh1bnRlcjI=' https://example.com",
            "pip install --extra-index-url https://ada:hunter2@pypi.example.com/simple pandas",
            "password=hunter2 user=ada",
            "{\"auths\": {\"ghcr.io\": {\"auth\": \"YWRhOmh1bnRlcjI=\"}}}",
            "ENV HF_TOKEN=hunter2",
            "  \"identitytoken\": \"hunter2\"",
            "token: hunter2",
            "Sending header: {\"Authorization\": [\"Bearer hunter2\"]}",
        };
        for (const QString& line : secretLines) {
            const QString redacted = redactSecrets(line);
            QVERIFY2(!redacted.contains("hunter2") && !redacted.contains("eyJ") && !redacted.contains("YWRh"),
                     qPrintable(redacted));
            QVERIFY2(redacted.contains(kRedacted), qPrintable(redacted));
        }
        const QStringList harmless = {
            "Collecting tokenizers==0.15.0",
            "Requirement already satisfied: tokenizers>=0.14 in /usr/lib/python3/dist-packages",
            "author: Ada Lovelace",
            "#5 [3/6] RUN apt-get install -y git",
            "Successfully installed pandas-2.1.0 numpy-1.26.0",
        };
        for (const QString& line : harmless)
            QCOMPARE(redactSecrets(line), line);
        QVERIFY(isSecretName("PIP_PASSWORD") && isSecretName("hf_token") &&
                isSecretName("AWS_SECRET_ACCESS_KEY"));
        QVERIFY(!isSecretName("PYTHON_VERSION"));
    }

    void aRunStoresNoSecretsInTheRecordOrTheLog() {
        BuildHistory history(folder());
        BuildRecord header = buildToRun("ghcr.io/ada/trainer:v1");
        header.specYaml = "name: trainer\npip_index: https://ada:hunter2@pypi.example.com/simple\n";
        header.options.buildArgs = {{"PIP_PASSWORD", "hunter2"}, {"MODE", "fast"}};
        BuildRun run(header);
        QVERIFY(run.start(&history));
        run.updateStep(step("s1", "[1/1] RUN pip install pandas", BuildStep::State::Running, kMorning));
        run.appendLog(chunk("s1", "Authorization: Bearer hunter2\nX-Registry-Auth: hunter2\n"));
        run.appendLog(chunk("s1", "password=hunter2\n"));
        BuildOutcome failed;
        failed.status = BuildOutcome::Status::Failed;
        failed.error = Error{"push-denied", "denied for token=hunter2", "log in again", "Bearer hunter2"};
        run.finish(failed);

        const QByteArray json = readFile(history.recordPath(run.record().id));
        const QByteArray log = readFile(history.logPath(run.record().id));
        QVERIFY(json.contains("pypi.example.com") && json.contains("\"MODE\": \"fast\""));
        QVERIFY(log.contains("#1 Authorization: [REDACTED]"));
        QVERIFY2(!json.contains("hunter2"), json.constData());
        QVERIFY2(!log.contains("hunter2"), log.constData());
        for (const BuildLogLine& line : run.logLines())
            QVERIFY2(!line.text.contains("hunter2"), qPrintable(line.text));
    }

    void aRunCollectsStepsLogAndOutcomeAndSavesThem() {
        BuildHistory history(folder());
        BuildRun run(buildToRun("ghcr.io/ada/trainer:v1"));
        QSignalSpy added(&run, &BuildRun::stepAdded);
        QSignalSpy lines(&run, &BuildRun::linesAppended);
        QSignalSpy finished(&run, &BuildRun::finished);
        QVERIFY(run.start(&history));
        const QString id = run.record().id;
        QVERIFY(BuildRecord::isValidId(id));
        // A record without an outcome exists from the start: a crash leaves an interrupted build.
        QVERIFY(history.load(id));
        QVERIFY(!history.load(id)->isFinished());

        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        run.updateStep(step("base", "[1/3] FROM debian:bookworm", BuildStep::State::Waiting));
        run.updateStep(step("apt", "[2/3] RUN apt-get install -y nosuchpackage", BuildStep::State::Waiting));
        run.updateStep(step("copy", "[3/3] COPY . /root", BuildStep::State::Waiting));
        QCOMPARE(run.progress(), 0.0);
        run.updateStep(step("base", "[1/3] FROM debian:bookworm", BuildStep::State::Cached, t0, t0));
        run.updateStep(
            step("apt", "[2/3] RUN apt-get install -y nosuchpackage", BuildStep::State::Running, t0));
        QCOMPARE(added.size(), 3);
        // Finished steps reach the disk while the build runs: a crash keeps them.
        QSignalSpy savedWhileRunning(&history, &BuildHistory::changed);
        QVERIFY(savedWhileRunning.wait(BuildRun::kSaveDelayMs * 3));
        QCOMPARE(history.load(id)->steps.size(), 3);
        QCOMPARE(history.load(id)->steps[0].state, BuildStep::State::Cached);
        QVERIFY(!history.load(id)->isFinished());
        QCOMPARE(run.progress(), 1.0 / 3.0);
        // Output arrives in arbitrary pieces; lines are put together before they are shown or stored.
        run.appendLog(chunk("apt", "Reading package li"));
        run.appendLog(
            chunk("apt", "sts...\nBuilding dependency tree\r50%\r100%\nE: Unable to locate package "));
        // The log is on disk while the build runs.
        QVERIFY(readFile(history.logPath(id)).contains("#2 Reading package lists...\n"));
        run.appendLog(chunk("apt", "nosuchpackage\n"));
        BuildStep failedStep = step("apt", "[2/3] RUN apt-get install -y nosuchpackage",
                                    BuildStep::State::Failed, {}, t0.addMSecs(2500));
        failedStep.error =
            "process \"/bin/sh -c apt-get install -y nosuchpackage\" did not complete: exit code: 100";
        run.updateStep(failedStep);
        QCOMPARE(run.record().steps[1].started, t0); // kept when a later event leaves it out
        run.finish(fail("build-step-failed", "step [2/3] failed", "Check the package name in apt_packages."));
        QCOMPARE(finished.size(), 1);
        run.finish(BuildOutcome{}); // ignored
        QCOMPARE(finished.size(), 1);

        QStringList texts;
        for (const BuildLogLine& line : run.logLines())
            texts.append(line.text);
        QCOMPARE(texts.mid(0, 6),
                 QStringList({"#1 [1/3] FROM debian:bookworm", "#1 CACHED",
                              "#2 [2/3] RUN apt-get install -y nosuchpackage", "#2 Reading package lists...",
                              "#2 100%", "#2 E: Unable to locate package nosuchpackage"}));
        QCOMPARE(texts[6], "#2 ERROR: " + failedStep.error);
        QVERIFY(texts.last().startsWith("[slipway] Failed: step [2/3] failed"));
        QCOMPARE(run.logLines()[3].step, 1);
        QCOMPARE(logLineStep(texts[3]), 1);
        QCOMPARE(logLineStep(texts.last()), -1);
        QVERIFY(!lines.isEmpty());

        const Result<BuildRecord> saved = history.load(id);
        QVERIFY(saved);
        QVERIFY(saved->isFinished());
        QCOMPARE(saved->outcome->status, BuildOutcome::Status::Failed);
        QCOMPARE(saved->outcome->failedStep, "[2/3] RUN apt-get install -y nosuchpackage");
        QCOMPARE(saved->outcome->lastLogLines.last(), "ERROR: " + failedStep.error);
        QVERIFY(saved->outcome->lastLogLines.contains("E: Unable to locate package nosuchpackage"));
        QCOMPARE(saved->outcome->error.fix, "Check the package name in apt_packages.");
        QCOMPARE(stepDurationMs(saved->steps[1]), qint64(2500));
        QCOMPARE(saved->steps[0].state, BuildStep::State::Cached);
        QCOMPARE(saved->logBytes, readFile(history.logPath(id)).size());
        QCOMPARE(saved->imageReference, "ghcr.io/ada/trainer:v1");
    }

    void aPushJobThatCannotReachTheEngineEndsTheRunWithItsError() {
        BuildHistory history(folder());
        docker::EngineEndpoint nowhere;
        nowhere.socketPath = m_dir.filePath("nothing-listens-here.sock");
        docker::EngineClient engine({nowhere});
        docker::PushJob job(&engine, "localhost:5000/ada/trainer:v1", {});
        BuildRun run(buildToRun("localhost:5000/ada/trainer:v1"));
        QVERIFY(run.start(&history));
        followPushJob(&run, &job);
        QSignalSpy finished(&run, &BuildRun::finished);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        const BuildOutcome& outcome = *run.record().outcome;
        QCOMPARE(outcome.status, BuildOutcome::Status::Failed);
        QVERIFY2(!outcome.error.message.isEmpty() && !outcome.error.fix.isEmpty(),
                 qPrintable(outcome.error.describe()));
        QVERIFY(history.load(run.record().id)->isFinished());
        QVERIFY(run.logLines().last().text.startsWith("[slipway] Failed: "));
    }

    void aCancelledRunStopsTheClocksOfRunningSteps() {
        BuildRun run(BuildRecord{});
        QVERIFY(run.start());
        run.updateStep(
            step("s", "[1/1] RUN sleep 600", BuildStep::State::Running, QDateTime::currentDateTimeUtc()));
        run.finish(fail("cancelled", "cancelled"));
        QCOMPARE(run.record().outcome->status, BuildOutcome::Status::Cancelled);
        QVERIFY(run.record().steps[0].completed.isValid());
        QVERIFY(run.logPath().isEmpty());
    }

    void pushProgressCountsBytesAndLayersThatAlreadyExist() {
        BuildRun run(BuildRecord{});
        QVERIFY(run.start());
        QCOMPARE(run.phase(), BuildRun::Phase::Building);
        run.updatePushLayer(layer("aaa", PushLayerProgress::State::AlreadyExists, 0, 0));
        run.updatePushLayer(layer("bbb", PushLayerProgress::State::Pushing, 250, 1000));
        run.updatePushLayer(layer("ccc", PushLayerProgress::State::Pushing, 0, 1000));
        QCOMPARE(run.phase(), BuildRun::Phase::Pushing);
        QCOMPARE(run.progress(), 0.125);
        run.updatePushLayer(layer("bbb", PushLayerProgress::State::Pushed, 1000, 1000));
        QCOMPARE(run.progress(), 0.5);
        QCOMPARE(run.record().pushLayers.size(), 3);
    }

    void theLogKeepsItsLastBytesUnderTheCap() {
        BuildHistory history(folder());
        BuildRun run(BuildRecord{});
        constexpr qint64 kLimit = 64 * 1024;
        run.setLogLimit(kLimit);
        QVERIFY(run.start(&history));
        run.updateStep(
            step("s", "[1/1] RUN make", BuildStep::State::Running, QDateTime::currentDateTimeUtc()));
        QByteArray batch;
        for (int i = 0; i < 20'000; ++i) {
            batch += QByteArray("compiling file number ") + QByteArray::number(i) + '\n';
            if (i % 100 == 99) {
                run.appendLog(chunk("s", batch));
                batch.clear();
            }
        }
        run.finish(BuildOutcome{BuildOutcome::Status::Succeeded, "r/a:1", {}, {}, {}, {}, {}});
        const QByteArray log = readFile(history.logPath(run.record().id));
        QVERIFY2(log.size() <= kLimit + 200, QByteArray::number(log.size()).constData());
        QVERIFY(log.startsWith("[slipway] "));
        QVERIFY(log.left(200).contains("a build log keeps its last 65536 bytes"));
        QVERIFY(log.contains("#1 compiling file number 19999\n"));
        QVERIFY(!log.contains("#1 compiling file number 100\n"));
        const Result<BuildRecord> saved = history.load(run.record().id);
        QVERIFY(saved->logDroppedBytes > 500'000);
        QCOMPARE(saved->logBytes, log.size());
        // Each line is whole: the cut falls on a line break.
        QVERIFY(log.split('\n')[1].startsWith("#1 compiling file number "));
        const Result<QByteArray> tail = history.readLog(run.record().id, 100);
        QVERIFY(tail);
        QVERIFY2(tail->startsWith("#1 compiling file number 1999") &&
                     tail->endsWith("[slipway] Succeeded: r/a:1\n"),
                 tail->constData());
    }
};

QTEST_GUILESS_MAIN(TestBuildHistory)
#include "tst_buildhistory.moc"

#pragma once

#include "build/buildplan.h"
#include "buildkit/syncedtree.h"
#include "common/cancel.h"
#include "docker/buildevents.h"
#include "docker/buildprogress.h"
#include "docker/engineclient.h"
#include "docker/jsonmessagestream.h"
#include "docker/registryauth.h"
#include "spec/imagespec.h"
#include "spec/sourcedigestcache.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace slipway::buildkit {
class SessionServer;
}

namespace slipway::docker {

class ContextStream;
class PushJob;

// Builds one ImageSpec through the engine, and pushes it when asked: connect (negotiate), plan the
// Dockerfile and context (core/build), check whether the image exists already (skipped unless
// `force`; an unknown answer is a warning, never a silent skip), then POST /build. BuildKit
// (version=2) with a session on /session that answers registry logins for base images and serves the
// context (remote=client-session): the engine pulls the files itself and, because the session's
// shared key is stable per project and spec, only the files that changed since its last build of the
// spec; steps from BuildKit's trace. The classic builder (version=1, classic Dockerfile dialect,
// X-Registry-Config) where the engine has no BuildKit, with the context streamed as a tar body (also
// BuildKit's fallback when the engine opens no session). cancel() closes every connection (the engine
// stops the build) and ends the job at once.
class BuildJob : public QObject {
    Q_OBJECT

public:
    enum class Phase { Idle, Connecting, Planning, Checking, Building, Pushing, Finished };
    Q_ENUM(Phase)

    struct Parameters {
        spec::ImageSpec spec;
        spec::HostEnvironment host;
        BuildOptions options;
        RegistryAuthLookup auth; // may be empty: anonymous
        // The source_root digests the caller computed already (the editor's live tag); may be null.
        std::shared_ptr<spec::SourceDigestCache> digests = nullptr;
        // The caller reads the logins (the keychain) while the job connects and plans, and hands
        // them over with provideAuth(); nothing that needs them starts before.
        bool authFollows = false;
    };

    // `engine` is not owned; the job connects it first when it is not ready.
    BuildJob(EngineClient* engine, Parameters parameters, QObject* parent = nullptr);
    ~BuildJob() override;

    void start();
    void cancel();
    // With Parameters::authFollows: the logins, once read. The job waits for them after planning.
    void provideAuth(RegistryAuthLookup auth);

    Phase phase() const { return m_phase; }
    const BuildTimings& timings() const { return m_timings; }
    // After planned(): the Dockerfile and the context's entries (for build records).
    const std::optional<build::BuildPlan>& plan() const { return m_plan; }
    const QList<BuildStep>& steps() const { return m_progress.steps(); }
    // Valid after finished().
    const BuildOutcome& outcome() const { return m_outcome; }
    // Whether the build ran on BuildKit (false: classic builder); valid once Building.
    bool usesBuildKit() const { return m_buildKit; }

Q_SIGNALS:
    void phaseChanged(slipway::docker::BuildJob::Phase phase);
    void planned();
    // Something the user should see that does not stop the build (skip check inconclusive, builder
    // fallback, planning notes).
    void warning(const QString& text);
    void stepChanged(const slipway::docker::BuildStep& step);
    void logReceived(const slipway::docker::BuildLogChunk& chunk);
    // Steps finished (done, cached or failed) of those known so far.
    void progressChanged(int finishedSteps, int knownSteps);
    // BuildKit builds: the engine finished pulling a directory from the session ("context" or
    // "dockerfile"): how many files it asked for of those listed, how many bytes were sent.
    void contextTransferred(const slipway::buildkit::SyncReport& report);
    void pushProgress(const slipway::docker::PushLayerProgress& layer);
    // Exactly once, also for a cancel or a skip.
    void finished(const slipway::docker::BuildOutcome& outcome);

private:
    void setPhase(Phase phase);
    void countPhaseTime();
    void onEngineReady();
    void onPlanned();
    void afterPlanning(); // the existence check, or straight to the build when forced
    void checkExists();
    void openSession();
    void startBuild();
    void onBuildMessage(const JsonMessage& message);
    void onBuildFinished(const Result<void>& result);
    void startPush();
    void afterBuild();
    void tagBuiltImage(const Result<QString>& imageName);
    void fail(Error error);
    void finish(BuildOutcome::Status status, Error error = {});
    void stopEverything();
    QByteArray buildQuery() const;
    QByteArray registryConfig() const;
    QByteArray contextSharedKey() const;
    void onContextTransferred(const buildkit::SyncReport& report);
    void logLine(const QString& text); // one line of the build log, from Slipway itself

    QPointer<EngineClient> m_engine;
    Parameters m_parameters;
    Phase m_phase = Phase::Idle;
    // Shared with planning and the tag's hash, which own everything they use: stopping never waits
    // for them (the hash runs at idle priority, and may not be scheduled soon on a busy machine).
    std::shared_ptr<CancelFlag> m_cancelFlag = std::make_shared<CancelFlag>(false);
    // Planning's result; for BuildKit builds also the context as the session serves it, sorted on
    // the worker too (tens of thousands of files are not sorted on the GUI thread).
    struct Planned {
        build::BuildPlan plan;
        std::shared_ptr<const buildkit::SyncedTree> context;
    };
    QFutureWatcher<Result<Planned>> m_planWatcher;
    // A forced build starts before its tag is known: flytekit's tag hashes all of source_root, which
    // runs here meanwhile; the image gets its tag when both are done.
    QFutureWatcher<Result<QString>> m_tagWatcher;
    bool m_tagPending = false;
    bool m_authReady = true;       // false while Parameters::authFollows and provideAuth() not called
    bool m_waitingForAuth = false; // planned, and provideAuth() not called yet
    std::optional<build::BuildPlan> m_plan;
    std::shared_ptr<const buildkit::SyncedTree> m_contextTree;
    bool m_buildKit = true;
    QByteArray m_buildId;
    std::unique_ptr<buildkit::SessionServer> m_session;
    EngineRequest* m_sessionRequest = nullptr;
    EngineRequest* m_buildRequest = nullptr;
    bool m_sessionContext = false; // the session serves the context (no tar body)
    ContextStream* m_context = nullptr;
    PushJob* m_push = nullptr;
    JsonMessageStream m_stream;
    BuildTimings m_timings;
    QElapsedTimer m_phaseClock;
    BuildProgress m_progress;
    QString m_buildError;
    QByteArray m_errorBody;
    BuildOutcome m_outcome;
};

} // namespace slipway::docker

#include "build/buildcoordinator.h"

#include "credentials/credentialstore.h"
#include "docker/buildjob.h"
#include "docker/buildregistryhosts.h"
#include "docker/dockerconfigauth.h"
#include "docker/engineclient.h"
#include "docker/pushjob.h"
#include "docker/storedregistryauth.h"
#include "project/buildhistory.h"
#include "project/buildrun.h"
#include "project/buildrunconnect.h"
#include "registry/imagereference.h"
#include "registry/registryauthprobe.h"

namespace slipway::ui {

using docker::BuildOutcome;
using docker::RegistryAuthLookup;

namespace {

bool refusedForLogin(const BuildOutcome& outcome) {
    return outcome.status == BuildOutcome::Status::Failed &&
           (outcome.error.code == QLatin1String("push-unauthorized") ||
            outcome.error.code == QLatin1String("push-denied"));
}

QString repositoryOf(const QString& imageReference) {
    const auto parsed = registry::ImageReference::parse(imageReference);
    return parsed ? parsed->repository : QString();
}

} // namespace

BuildCoordinator::BuildCoordinator(const CredentialServices& services, project::BuildHistory* history,
                                   QObject* parent)
    : QObject(parent), m_services(services), m_history(history) {}

BuildCoordinator::~BuildCoordinator() {
    ++m_generation;
    if (m_buildJob)
        m_buildJob->cancel();
    if (m_pushJob)
        m_pushJob->cancel();
}

void BuildCoordinator::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void BuildCoordinator::start(const BuildRequest& request) {
    if (m_busy)
        return;
    ++m_generation;
    m_request = request;
    m_retry.reset();
    setBusy(true);
    const bool pushOnly = request.kind == BuildRequest::Kind::Push;
    QStringList hosts = docker::buildRegistryHosts(request.imageReference, request.spec, request.host);
    if (pushOnly)
        hosts = hosts.mid(0, 1);
    loadAuth(hosts, [this](RegistryAuthLookup auth) { checkLoginThenRun(std::move(auth)); });
}

void BuildCoordinator::retry() {
    if (m_busy || !m_retry || !m_request)
        return;
    const bool pushOnly = *m_retry;
    m_retry.reset();
    if (!pushOnly) {
        start(*m_request);
        return;
    }
    ++m_generation;
    setBusy(true);
    loadAuth({docker::registryHostOf(m_request->imageReference)},
             [this](RegistryAuthLookup auth) { run(std::move(auth), true); });
}

void BuildCoordinator::cancel() {
    if (m_buildJob) {
        m_buildJob->cancel();
    } else if (m_pushJob) {
        m_pushJob->cancel();
    } else if (m_busy) {
        // Still reading logins or asking the registry: nothing runs in the engine yet.
        ++m_generation;
        if (m_probe)
            m_probe->deleteLater();
        setBusy(false);
    }
}

// The logins for `hosts`: the OS keychain's, then this session's, then Docker's config. Read before
// the job starts: the BuildKit session asks from a thread that cannot wait for the keychain.
void BuildCoordinator::loadAuth(const QStringList& hosts, std::function<void(RegistryAuthLookup)> done) {
    const quint64 generation = m_generation;
    const auto finish = [this, generation, done](RegistryAuthLookup lookup, const QString& problem) {
        if (generation != m_generation)
            return;
        if (!problem.isEmpty())
            m_keychainProblem = problem;
        done(std::move(lookup));
    };
    m_keychainProblem.clear();
    docker::loadStoredRegistryAuth(*m_services.session, hosts, docker::dockerConfigAuthLookup(), this,
                                   [this, hosts, finish](RegistryAuthLookup sessionLookup, const QString&) {
                                       docker::loadStoredRegistryAuth(*m_services.keychain, hosts,
                                                                      std::move(sessionLookup), this, finish);
                                   });
}

// Before a push: a registry that wants a login and has none would refuse the push after a build of
// several minutes. Ask it now (an anonymous /v2/ ping) and hand over to the credential wizard.
void BuildCoordinator::checkLoginThenRun(RegistryAuthLookup auth) {
    const BuildRequest& request = *m_request;
    const bool pushing = request.kind != BuildRequest::Kind::Build;
    const QString registry = docker::registryHostOf(request.imageReference);
    if (!pushing || auth(registry)) {
        run(std::move(auth), request.kind == BuildRequest::Kind::Push);
        return;
    }
    const quint64 generation = m_generation;
    auto* probe = new registry::RegistryAuthProbe(*m_services.registryClient, registry, this);
    m_probe = probe;
    connect(
        probe, &registry::RegistryAuthProbe::finished, this,
        [this, probe, generation, registry, auth](const Result<bool>& requiresLogin) {
            probe->deleteLater();
            if (generation != m_generation)
                return;
            if (requiresLogin && *requiresLogin) {
                m_retry = false;
                setBusy(false);
                Q_EMIT loginNeeded(
                    registry, repositoryOf(m_request->imageReference),
                    QStringLiteral("%1 asks for a login before anyone may push to it, and Slipway has none "
                                   "for it yet. Set one up to push %2.")
                        .arg(registry, m_request->imageReference));
                return;
            }
            // Open, or it did not answer: the push itself will say what is wrong.
            run(auth, m_request->kind == BuildRequest::Kind::Push);
        });
    probe->start();
}

docker::EngineClient* BuildCoordinator::engine(Error& error) {
    if (!m_engine) {
        auto candidates = docker::EngineClient::defaultCandidates();
        if (!candidates) {
            error = candidates.error();
            return nullptr;
        }
        m_engine = std::make_unique<docker::EngineClient>(*candidates);
    }
    return m_engine.get();
}

project::BuildRun* BuildCoordinator::newRun(bool pushOnly, const QString& note) {
    const BuildRequest& request = *m_request;
    project::BuildRecord record;
    record.specFile = request.specFile;
    record.specName = request.specName;
    record.specYaml = request.specYaml;
    record.imageReference = request.imageReference;
    record.options = request.options;
    record.options.push = request.kind != BuildRequest::Kind::Build;
    m_run = std::make_unique<project::BuildRun>(std::move(record));
    const Result<void> started = m_run->start(m_history);
    if (!started)
        m_run->appendNote(
            QStringLiteral("This build is not kept in the history: %1").arg(started.error().describe()));
    if (!m_keychainProblem.isEmpty())
        m_run->appendNote(QStringLiteral("%1; using the logins of this session and Docker's config instead.")
                              .arg(m_keychainProblem));
    if (request.unsaved && !pushOnly)
        m_run->appendNote(QStringLiteral("Building the spec as the editor shows it, with edits not saved "
                                         "to %1 yet.")
                              .arg(request.specFile));
    if (!note.isEmpty())
        m_run->appendNote(note);
    connect(m_run.get(), &project::BuildRun::finished, this, [this, run = m_run.get(), pushOnly] {
        if (run != m_run.get())
            return;
        onFinished(*run->record().outcome, pushOnly);
    });
    Q_EMIT runStarted(m_run.get());
    return m_run.get();
}

void BuildCoordinator::failBeforeStart(const Error& error, bool pushOnly) {
    project::BuildRun* run = newRun(pushOnly, {});
    run->finish(std::unexpected(error));
}

void BuildCoordinator::run(RegistryAuthLookup auth, bool pushOnly) {
    Error error;
    docker::EngineClient* client = engine(error);
    if (!client) {
        failBeforeStart(error, pushOnly);
        return;
    }
    const BuildRequest& request = *m_request;
    if (pushOnly) {
        auto* job = new docker::PushJob(client, request.imageReference, std::move(auth), this);
        m_pushJob = job;
        project::followPushJob(newRun(true, {}), job);
        connect(job, &docker::PushJob::finished, job, &QObject::deleteLater);
        job->start();
        return;
    }
    docker::BuildOptions options = request.options;
    options.push = request.kind == BuildRequest::Kind::BuildAndPush;
    auto* job = new docker::BuildJob(
        client,
        docker::BuildJob::Parameters{request.spec, request.host, options, std::move(auth), request.digests},
        this);
    m_buildJob = job;
    project::followBuildJob(newRun(false, {}), job);
    connect(job, &docker::BuildJob::finished, job, &QObject::deleteLater);
    job->start();
}

void BuildCoordinator::onFinished(const BuildOutcome& outcome, bool pushOnly) {
    const bool pushing = pushOnly || (m_request && m_request->kind == BuildRequest::Kind::BuildAndPush);
    if (refusedForLogin(outcome)) {
        // The image is built (the push comes after the build): only the push needs repeating.
        m_retry = true;
    }
    setBusy(false);
    Q_EMIT runFinished(m_run.get());
    if (refusedForLogin(outcome)) {
        const QString registry = docker::registryHostOf(outcome.imageReference);
        Q_EMIT loginNeeded(registry, repositoryOf(outcome.imageReference), outcome.error.message);
    } else if (pushing &&
               (outcome.status == BuildOutcome::Status::SkippedExists ||
                (outcome.status == BuildOutcome::Status::Succeeded && !outcome.digest.isEmpty()))) {
        // Found in its registry already (not built again): as much a pushed image as one pushed now.
        Q_EMIT pushed(outcome.imageReference, outcome.digest);
    }
}

} // namespace slipway::ui

#pragma once

#include "credentials/credentialservices.h"
#include "docker/buildevents.h"
#include "docker/registryauth.h"
#include "spec/imagespec.h"
#include "spec/sourcedigestcache.h"

#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace slipway::docker {
class BuildJob;
class EngineClient;
class PushJob;
} // namespace slipway::docker
namespace slipway::project {
class BuildHistory;
class BuildRun;
} // namespace slipway::project
namespace slipway::registry {
class RegistryAuthProbe;
}

namespace slipway::ui {

// What the user asked to build or push: a spec as the editor shows it (unsaved edits included) and
// the options chosen for it.
struct BuildRequest {
    enum class Kind { Build, Push, BuildAndPush };

    Kind kind = Kind::Build;
    spec::ImageSpec spec;
    spec::HostEnvironment host;
    QString specFile;       // absolute
    QString specName;       // the YAML file's name or the Python variable
    QString specYaml;       // the text on screen, for the build record
    QString imageReference; // the spec's reference as the editor computed it
    docker::BuildOptions options;
    bool unsaved = false; // the editor holds edits that are not on disk
    // The editor's source_root digests: the build plans without reading source_root again.
    std::shared_ptr<spec::SourceDigestCache> digests;
};

// Runs the builds and pushes the main window asks for, one at a time: reads the logins (the
// session store, the OS keychain, then Docker's config) for the registries involved, checks before a
// push that the target registry either needs no login or has one, starts a BuildJob or PushJob on the
// Docker engine and records it as a BuildRun in the history. A push refused for want of a login, or
// a registry that wants one Slipway does not have, is handed to loginNeeded() (the window opens the
// credential wizard); retry() repeats what was refused once the login is saved. No widgets: the
// window shows the runs and asks the questions.
class BuildCoordinator : public QObject {
    Q_OBJECT

public:
    BuildCoordinator(const CredentialServices& services, project::BuildHistory* history,
                     QObject* parent = nullptr);
    ~BuildCoordinator() override;

    void start(const BuildRequest& request);
    // Cancels the running job (its run ends as cancelled) or the preparation before it.
    void cancel();
    // Repeats the request a login was missing for: only the push when the image was built already.
    void retry();
    bool canRetry() const { return m_retry.has_value(); }
    // retry() pushes the image built already (a refused push), rather than starting over.
    bool retryPushesOnly() const { return m_retry.value_or(false); }

    bool isBusy() const { return m_busy; }
    project::BuildRun* currentRun() const { return m_run.get(); }
    const std::optional<BuildRequest>& lastRequest() const { return m_request; }

Q_SIGNALS:
    void busyChanged(bool busy);
    // A run started; it stays current (and alive) until the next one starts.
    void runStarted(slipway::project::BuildRun* run);
    void runFinished(slipway::project::BuildRun* run);
    // The push needs a login for `registry` that Slipway does not have (or that was refused).
    void loginNeeded(const QString& registry, const QString& repository, const QString& reason);
    // A push ended with the image in its registry.
    void pushed(const QString& imageReference, const QString& digest);

private:
    void setBusy(bool busy);
    void loadAuth(const QStringList& hosts, std::function<void(docker::RegistryAuthLookup)> done);
    void checkLoginThenRun(docker::RegistryAuthLookup auth);
    void run(docker::RegistryAuthLookup auth, bool pushOnly);
    project::BuildRun* newRun(bool pushOnly, const QString& note);
    void failBeforeStart(const Error& error, bool pushOnly);
    void onFinished(const docker::BuildOutcome& outcome, bool pushOnly);
    docker::EngineClient* engine(Error& error);

    CredentialServices m_services;
    QPointer<project::BuildHistory> m_history;
    std::unique_ptr<docker::EngineClient> m_engine;
    std::optional<BuildRequest> m_request;
    // What retry() does: the whole request (login missing before it started) or only its push.
    std::optional<bool> m_retry; // true: push only
    std::unique_ptr<project::BuildRun> m_run;
    QPointer<docker::BuildJob> m_buildJob;
    QPointer<docker::PushJob> m_pushJob;
    QPointer<registry::RegistryAuthProbe> m_probe;
    QString m_keychainProblem; // why the OS keychain did not answer, for the run's log
    quint64 m_generation = 0;  // bumps on cancel and start: stale callbacks of earlier requests stop
    bool m_busy = false;
};

} // namespace slipway::ui

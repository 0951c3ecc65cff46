#include "docker/buildjob.h"

#include "buildkit/sessionserver.h"
#include "buildkit/trace.h"
#include "common/threadcputime.h"
#include "docker/contextstream.h"
#include "docker/pushjob.h"
#include "spec/spechash.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThreadPool>
#include <QUrl>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <pthread.h>
#include <sched.h>

namespace slipway::docker {

namespace {

// The tag of a build that has already started is only needed when the build ends, while the context
// transfer and the engine's own work are what the user waits for: hashing source_root (an MD5 of
// every byte) takes the CPU they leave idle (SCHED_IDLE on Linux), so it does not slow them on a
// busy machine. Once the build is over, nothing else competes and it runs at full speed.
// Only runWhenIdle uses this pool, so its threads may keep the lowered policy.
QThreadPool& idlePool() {
    static QThreadPool pool;
    return pool;
}

template <typename Function> auto runWhenIdle(Function function) {
    return QtConcurrent::run(&idlePool(), [function = std::move(function)] {
#if defined(Q_OS_LINUX)
        const sched_param param{};
        pthread_setschedparam(pthread_self(), SCHED_IDLE, &param);
#endif
        return function();
    });
}

QByteArray jsonParameter(const QJsonObject& object) {
    return QUrl::toPercentEncoding(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

// The images a Dockerfile pulls: FROM lines, without stage names that refer to earlier stages.
QStringList baseImages(const QByteArray& dockerfile) {
    static const QRegularExpression from(QStringLiteral("^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)"),
                                         QRegularExpression::MultilineOption |
                                             QRegularExpression::CaseInsensitiveOption);
    QStringList images;
    for (auto it = from.globalMatch(QString::fromUtf8(dockerfile)); it.hasNext();)
        images.append(it.next().captured(1));
    return images;
}

// What the user can do about a failed build, from the builder's words.
QString buildFix(const QString& error) {
    if (error.contains(QLatin1String("no active sessions")))
        return QStringLiteral(
            "a base image needs registry credentials: add them for its registry, then build again");
    if (error.contains(QLatin1String("pull access denied")) ||
        error.contains(QLatin1String("unauthorized")) ||
        error.contains(QLatin1String("authentication required")))
        return QStringLiteral(
            "the base image's registry wants credentials: add them for that registry (or check "
            "the base image name), then build again");
    if (error.contains(QLatin1String("no such host")) || error.contains(QLatin1String("dial tcp")) ||
        error.contains(QLatin1String("i/o timeout")) || error.contains(QLatin1String("failed to do request")))
        return QStringLiteral(
            "the engine could not reach a registry (for a base image, or BuildKit's Dockerfile "
            "frontend named by the #syntax line): check the network and proxy of the machine "
            "running Docker; offline, build without the syntax line and with reachable base images");
    if (error.contains(QLatin1String("requires BuildKit")) || error.contains(QLatin1String("--mount")))
        return QStringLiteral(
            "this engine has no BuildKit: build with the classic dialect (--dialect classic)");
    return QStringLiteral("read the step's last log lines; fix the spec (a misspelled package, a failing "
                          "command) and build again");
}

// "registry/name" of "registry/name:tag" (a port's colon comes before the last '/').
QString repositoryOf(const QString& imageName) {
    const qsizetype colon = imageName.lastIndexOf(u':');
    return colon > imageName.lastIndexOf(u'/') ? imageName.left(colon) : imageName;
}

} // namespace

BuildJob::BuildJob(EngineClient* engine, Parameters parameters, QObject* parent)
    : QObject(parent), m_engine(engine), m_parameters(std::move(parameters)),
      m_progress(BuildProgress::Callbacks{
          [this](const BuildStep& step) {
              Q_EMIT stepChanged(step);
              Q_EMIT progressChanged(m_progress.finishedCount(), static_cast<int>(m_progress.steps().size()));
          },
          [this](const BuildLogChunk& chunk) { Q_EMIT logReceived(chunk); }}) {
    m_authReady = !m_parameters.authFollows;
    connect(&m_planWatcher, &QFutureWatcher<Result<Planned>>::finished, this, &BuildJob::onPlanned);
}

BuildJob::~BuildJob() {
    stopEverything();
}

// Adds the time since the last phase change to the phase that is ending.
void BuildJob::countPhaseTime() {
    const qint64 spent = m_phaseClock.isValid() ? m_phaseClock.restart() : (m_phaseClock.start(), 0);
    if (m_phase == Phase::Planning)
        m_timings.planningMs += spent;
    else if (m_phase == Phase::Checking)
        m_timings.checkingMs += spent;
    else if (m_phase == Phase::Building)
        m_timings.buildingMs += spent;
}

void BuildJob::setPhase(Phase phase) {
    if (m_phase == phase)
        return;
    countPhaseTime();
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void BuildJob::start() {
    if (m_phase != Phase::Idle)
        return;
    if (!m_engine) {
        fail(Error{
            QStringLiteral("engine-unreachable"), QStringLiteral("no Docker engine to build with"), {}, {}});
        return;
    }
    setPhase(Phase::Connecting);
    if (m_engine->isReady()) {
        onEngineReady();
        return;
    }
    connect(
        m_engine, &EngineClient::ready, this,
        [this](const Result<EngineInfo>& info) {
            if (m_phase != Phase::Connecting)
                return;
            if (!info)
                fail(info.error());
            else
                onEngineReady();
        },
        Qt::SingleShotConnection);
    m_engine->connectToEngine();
}

void BuildJob::onEngineReady() {
    build::DockerfileOptions dockerfile = m_parameters.options.dockerfile;
    m_buildKit = dockerfile.dialect == build::DockerfileDialect::BuildKit;
    if (m_buildKit && !m_engine->info().buildKit) {
        m_buildKit = false;
        dockerfile.dialect = build::DockerfileDialect::Classic;
        Q_EMIT warning(
            QStringLiteral("%1 has no BuildKit: building with the classic builder and the classic "
                           "Dockerfile (no cache mounts); the image tag is the same")
                .arg(m_engine->info().podman ? QStringLiteral("Podman") : QStringLiteral("this engine")));
    }
    setPhase(Phase::Planning);
    // No existence check to wait for: the tag may come after the build has started.
    m_tagPending = m_parameters.options.force;
    if (m_tagPending) {
        // A tag that cannot be computed (an unreadable file in source_root) fails the build at once.
        connect(
            &m_tagWatcher, &QFutureWatcher<Result<QString>>::finished, this,
            [this] {
                if (const Result<QString> tag = m_tagWatcher.result(); !tag && m_phase != Phase::Finished)
                    fail(tag.error());
            },
            Qt::SingleShotConnection);
        m_tagWatcher.setFuture(runWhenIdle([spec = m_parameters.spec, host = m_parameters.host,
                                            cancel = m_cancelFlag, digests = m_parameters.digests] {
            return spec::specImageName(spec, host, cancel.get(), digests.get());
        }));
    }
    m_planWatcher.setFuture(
        QtConcurrent::run([spec = m_parameters.spec, host = m_parameters.host, dockerfile,
                           buildKit = m_buildKit, cancel = m_cancelFlag, digests = m_parameters.digests,
                           untagged = m_tagPending]() -> Result<Planned> {
            Result<build::BuildPlan> plan =
                untagged ? build::planUntaggedBuild(spec, host, dockerfile, cancel.get())
                         : build::planBuild(spec, host, dockerfile, cancel.get(), digests.get());
            if (!plan)
                return std::unexpected(plan.error());
            Planned planned{std::move(*plan), nullptr};
            if (buildKit) {
                QList<buildkit::SyncedEntry> context;
                context.reserve(planned.plan.entries.size());
                for (const build::ContextEntry& entry : std::as_const(planned.plan.entries))
                    context.append({entry.archivePath, entry.sourcePath, entry.contents, entry.isDirectory});
                planned.context = std::make_shared<const buildkit::SyncedTree>(std::move(context));
            }
            return planned;
        }));
}

void BuildJob::onPlanned() {
    if (m_phase != Phase::Planning)
        return;
    Result<Planned> result = m_planWatcher.result();
    if (!result) {
        fail(result.error());
        return;
    }
    m_plan = std::move(result->plan);
    m_contextTree = std::move(result->context);
    m_outcome.imageReference = m_plan->imageName;
    Q_EMIT planned();
    for (const QString& text : m_plan->warnings)
        Q_EMIT warning(text);
    if (!m_plan->secrets.isEmpty()) {
        fail(Error{
            QStringLiteral("build-secrets"),
            QStringLiteral("pip_secret_mounts needs BuildKit's secrets service, which Slipway's builds do "
                           "not provide yet"),
            QStringLiteral("remove pip_secret_mounts from the spec, or build this one with pyflyte"),
            {}});
        return;
    }
    if (!m_authReady) {
        m_waitingForAuth = true;
        return;
    }
    afterPlanning();
}

void BuildJob::provideAuth(RegistryAuthLookup auth) {
    if (m_authReady)
        return;
    m_parameters.auth = std::move(auth);
    m_authReady = true;
    if (std::exchange(m_waitingForAuth, false) && m_phase == Phase::Planning)
        afterPlanning();
}

void BuildJob::afterPlanning() {
    if (m_parameters.options.force) {
        openSession();
        return;
    }
    checkExists();
}

// flytekit's exist(): the registry's answer through the engine when the name has a registry, else the
// local image store. Exists -> skipped; an unknown answer -> a visible warning, then build.
void BuildJob::checkExists() {
    setPhase(Phase::Checking);
    const QString reference = m_plan->imageName;
    const bool remote = hasRegistryHost(reference);
    EngineRequest::Request request{"GET", {}, {}, {}, nullptr};
    if (remote) {
        request.path = "/distribution/" + QUrl::toPercentEncoding(reference, "/:@") + "/json";
        const auto auth = m_parameters.auth ? m_parameters.auth(registryHostOf(reference)) : std::nullopt;
        request.headers.append({"X-Registry-Auth", encodeRegistryAuth(auth)});
    } else {
        request.path = "/images/" + QUrl::toPercentEncoding(reference, "/:@") + "/json";
    }
    m_engine->call(request, this, [this, remote, reference](const Result<EngineReply>& reply) {
        if (m_phase != Phase::Checking)
            return;
        static const QRegularExpression notFound(
            QStringLiteral("manifest unknown|not found|No such image|does not exist"),
            QRegularExpression::CaseInsensitiveOption);
        if (reply && reply->status() == 200) {
            m_outcome.digest = remote ? QJsonDocument::fromJson(reply->body)
                                            .object()
                                            .value(QStringLiteral("Descriptor"))
                                            .toObject()
                                            .value(QStringLiteral("digest"))
                                            .toString()
                                      : QString();
            finish(BuildOutcome::Status::SkippedExists);
            return;
        }
        if (reply && (reply->status() == 404 || notFound.match(reply->message()).hasMatch())) {
            openSession();
            return;
        }
        const QString reason = reply
                                   ? QStringLiteral("HTTP %1: %2").arg(reply->status()).arg(reply->message())
                                   : reply.error().message;
        Q_EMIT warning(QStringLiteral("could not tell whether %1 already exists (%2); building it anyway")
                           .arg(reference, reason));
        openSession();
    });
}

void BuildJob::openSession() {
    setPhase(Phase::Building);
    if (!m_buildKit) {
        startBuild();
        return;
    }
    RegistryAuthLookup auth = m_parameters.auth;
    m_session = std::make_unique<buildkit::SessionServer>(
        [auth](const QString& host) -> std::optional<buildkit::SessionCredentials> {
            const auto found = auth ? auth(host) : std::nullopt;
            if (!found)
                return std::nullopt;
            // An identity token goes with an empty username, as the docker CLI answers: BuildKit then
            // exchanges it as a refresh token rather than using it as a password.
            if (!found->identityToken.isEmpty())
                return buildkit::SessionCredentials{{}, found->identityToken};
            return buildkit::SessionCredentials{found->username, found->password};
        });
    // The context travels through the session: the engine pulls what changed since its last pull
    // under this shared key. "dockerfile" is the Dockerfile alone, as the docker CLI serves it.
    m_session->setSharedKey(contextSharedKey());
    m_session->serveDirectory(QStringLiteral("context"), m_contextTree);
    m_session->serveDirectory(QStringLiteral("dockerfile"),
                              std::make_shared<const buildkit::SyncedTree>(QList<buildkit::SyncedEntry>{
                                  {QStringLiteral("Dockerfile"), {}, m_plan->dockerfile, false}}));
    m_sessionContext = true;
    connect(m_session.get(), &buildkit::SessionServer::directoryTransferred, this,
            &BuildJob::onContextTransferred);
    connect(m_session.get(), &buildkit::SessionServer::directoryTransferStarted, this,
            [this](const buildkit::SyncReport& report) {
                if (m_phase != Phase::Building || report.directory != QLatin1String("context") ||
                    report.entriesListed == 0)
                    return;
                logLine(QStringLiteral("Build context: the engine compares %1 entries with its copy from the "
                                       "last build of this spec")
                            .arg(report.entriesListed));
            });
    connect(m_session.get(), &buildkit::SessionServer::credentialsRequested, this,
            [this](const QString& host, bool answered) {
                const QByteArray text =
                    answered ? "Sent credentials for " + host.toUtf8() + "\n"
                             : "No credentials for " + host.toUtf8() + ": pulling anonymously\n";
                Q_EMIT logReceived(
                    BuildLogChunk{{}, text, BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()});
            });
    connect(m_session.get(), &buildkit::SessionServer::failed, this, [this](const QString& message) {
        Q_EMIT warning(QStringLiteral("BuildKit session: %1").arg(message));
    });
    m_sessionRequest =
        m_engine->request({"POST", "/session", m_session->upgradeHeaders(), {}, nullptr}, this);
    connect(m_sessionRequest, &EngineRequest::upgraded, this,
            [this](QIODevice* connection, const QByteArray& rest) {
                m_session->attach(connection, rest);
                startBuild();
            });
    connect(m_sessionRequest, &EngineRequest::finished, this, [this](const Result<void>& result) {
        if (m_buildRequest || m_phase != Phase::Building)
            return; // the session ended with (or after) the build
        // No session: public base images still build; ones behind registry auth will say so.
        Q_EMIT warning(
            QStringLiteral("the engine did not open a BuildKit session (%1); base images that need "
                           "registry credentials will fail")
                .arg(result ? QStringLiteral("HTTP %1").arg(m_sessionRequest->head().status)
                            : result.error().message));
        m_session.reset();
        m_sessionContext = false; // the tar body carries the context instead
        startBuild();
    });
    m_sessionRequest->start();
}

// Stable for a project's spec (its working directory and image repository, not the tag, which
// changes with every edit), so the next build of the spec reuses what the engine pulled last time,
// as the docker CLI keys its session by the context directory.
QByteArray BuildJob::contextSharedKey() const {
    const QString repository = repositoryOf(m_plan->imageName);
    const QByteArray identity =
        "slipway-context:" + m_parameters.host.workingDirectory.toUtf8() + ':' + repository.toUtf8();
    return QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex();
}

void BuildJob::onContextTransferred(const buildkit::SyncReport& report) {
    if (m_phase != Phase::Building)
        return;
    Q_EMIT contextTransferred(report);
    // The frontend's first pull of "context" looks for a .dockerignore alone; only the real one is news.
    if (report.directory != QLatin1String("context") || !report.error.isEmpty() || report.entriesListed == 0)
        return;
    logLine(QStringLiteral("Build context: the engine asked for %1 of %2 entries (%3 KiB)%4")
                .arg(report.requested.size())
                .arg(report.entriesListed)
                .arg((report.bytesSent + 1023) / 1024)
                .arg(report.requested.size() < report.entriesListed
                         ? QStringLiteral("; the rest it had from its last build of this spec")
                         : QString()));
}

void BuildJob::logLine(const QString& text) {
    Q_EMIT logReceived(BuildLogChunk{
        {}, (text + u'\n').toUtf8(), BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()});
}

QByteArray BuildJob::buildQuery() const {
    const BuildOptions& options = m_parameters.options;
    QByteArray query = "/build?dockerfile=Dockerfile&rm=1&forcerm=1";
    if (!m_tagPending)
        query += "&t=" + QUrl::toPercentEncoding(m_plan->imageName);
    query += m_buildKit ? "&version=2" : "&version=1";
    if (m_session)
        query += "&session=" + QUrl::toPercentEncoding(QString::fromLatin1(m_session->sessionId()));
    if (m_sessionContext)
        query += "&remote=client-session";
    query += "&buildid=" + m_buildId;
    QString platform = options.platform;
    if (platform.isEmpty()) {
        const spec::PyValue value =
            m_parameters.spec.resolved(m_parameters.host).value(spec::Field::Platform);
        platform = value.isStr() ? value.str() : QString();
    }
    if (!platform.isEmpty() && !platform.contains(u','))
        query += "&platform=" + QUrl::toPercentEncoding(platform);
    if (!options.buildArgs.isEmpty()) {
        QJsonObject args;
        for (auto it = options.buildArgs.begin(); it != options.buildArgs.end(); ++it)
            args.insert(it.key(), it.value());
        query += "&buildargs=" + jsonParameter(args);
    }
    // The repository, not the tag: the same title whether or not the tag was known when the build
    // started, so the image config (and its id) does not depend on that.
    QJsonObject labels{{QStringLiteral("org.opencontainers.image.title"), repositoryOf(m_plan->imageName)},
                       {QStringLiteral("io.slipway.spec-id"), m_plan->specId}};
    query += "&labels=" + jsonParameter(labels);
    if (options.noCache)
        query += "&nocache=1";
    if (options.pull)
        query += "&pull=1";
    return query;
}

// X-Registry-Config for the classic builder: credentials for each base image's registry.
QByteArray BuildJob::registryConfig() const {
    QMap<QString, RegistryAuth> auths;
    if (m_parameters.auth) {
        for (const QString& image : baseImages(m_plan->dockerfile)) {
            const QString host = registryHostOf(image);
            if (auto auth = m_parameters.auth(host)) {
                auth->serverAddress =
                    host == QLatin1String("docker.io") ? QStringLiteral("https://index.docker.io/v1/") : host;
                auths.insert(auth->serverAddress, *auth);
            }
        }
    }
    return encodeRegistryConfig(auths);
}

void BuildJob::startBuild() {
    if (m_buildRequest || m_phase != Phase::Building)
        return;
    m_buildId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (!m_sessionContext) {
        m_context = new ContextStream(*m_plan, 8 * 1024 * 1024, this);
        connect(m_context, &ContextStream::finished, this, [this](const Result<qint64>& written) {
            if (!written && m_phase == Phase::Building)
                fail(written.error());
        });
    }
    // With the session serving the context the request has no body.
    EngineRequest::Request request{
        "POST", buildQuery(), {{"Content-Type", "application/x-tar"}}, {}, m_context};
    if (!m_buildKit)
        request.headers.append({"X-Registry-Config", registryConfig()});
    m_buildRequest = m_engine->request(std::move(request), this);
    connect(m_buildRequest, &EngineRequest::bodyReceived, this, [this](const QByteArray& data) {
        if (m_buildRequest->head().status != 200) {
            m_errorBody += data;
            return;
        }
        const qint64 decodeStart = threadCpuNs();
        const QList<JsonMessage> messages = m_stream.feed(data);
        m_timings.progressDecodeCpuNs += threadCpuNs() - decodeStart;
        m_timings.progressMessages += int(messages.size());
        for (const JsonMessage& message : messages)
            onBuildMessage(message);
    });
    connect(m_buildRequest, &EngineRequest::finished, this, &BuildJob::onBuildFinished);
    if (m_context)
        m_context->start();
    m_buildRequest->start();
}

void BuildJob::onBuildMessage(const JsonMessage& message) {
    if (message.isError()) {
        if (m_buildError.isEmpty())
            m_buildError = message.error;
        return;
    }
    if (message.hasAux()) {
        if (message.id == QLatin1String("moby.buildkit.trace")) {
            QString error;
            const qint64 decodeStart = threadCpuNs();
            const auto update =
                buildkit::decodeTrace(QByteArray::fromBase64(message.aux.toString().toLatin1()), &error);
            m_timings.progressDecodeCpuNs += threadCpuNs() - decodeStart;
            if (update)
                m_progress.applyTrace(*update);
            return;
        }
        const QString id = message.aux.toObject().value(QStringLiteral("ID")).toString();
        if (!id.isEmpty())
            m_outcome.imageId = id;
        return;
    }
    if (!message.stream.isEmpty()) {
        if (m_buildKit)
            Q_EMIT logReceived(BuildLogChunk{
                {}, message.stream.toUtf8(), BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()});
        else
            m_progress.applyClassicText(message.stream);
        return;
    }
    if (!message.status.isEmpty()) {
        const QString line =
            message.id.isEmpty() ? message.status : message.id + QStringLiteral(": ") + message.status;
        Q_EMIT logReceived(BuildLogChunk{
            {}, (line + u'\n').toUtf8(), BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()});
    }
}

void BuildJob::onBuildFinished(const Result<void>& result) {
    if (m_phase != Phase::Building)
        return;
    if (!result) {
        Error error = result.error();
        if (error.code == QLatin1String("engine-disconnected")) {
            error.message =
                QStringLiteral("the connection to the Docker engine dropped in the middle of the build "
                               "of %1 (%2)")
                    .arg(m_plan->imageName, error.message);
            error.fix =
                QStringLiteral("check that Docker is still running (`docker info`), then build again");
        }
        m_progress.fail(error.message);
        fail(error);
        return;
    }
    for (const JsonMessage& message : m_stream.finish())
        onBuildMessage(message);
    if (m_buildRequest->head().status != 200) {
        const QString message = EngineReply{m_buildRequest->head(), m_errorBody}.message();
        fail(Error{QStringLiteral("build-refused"),
                   QStringLiteral("the engine refused the build (HTTP %1): %2")
                       .arg(m_buildRequest->head().status)
                       .arg(message),
                   buildFix(message),
                   {}});
        return;
    }
    if (!m_buildError.isEmpty() || m_outcome.imageId.isEmpty()) {
        const QString error = m_buildError.isEmpty()
                                  ? QStringLiteral("the engine ended the build without an image")
                                  : m_buildError;
        m_progress.fail(error);
        Error failure{QStringLiteral("build-failed"), {}, buildFix(error), error};
        if (const BuildStep* step = m_progress.failedStep()) {
            m_outcome.failedStep = step->name;
            m_outcome.lastLogLines = m_progress.lastLines(step->id);
            failure.message = QStringLiteral("step %1 failed: %2").arg(step->name, error);
        } else {
            failure.message = QStringLiteral("the build failed: %1").arg(error);
        }
        fail(failure);
        return;
    }
    m_progress.complete();
    if (m_session)
        m_session->close();
    if (!m_tagPending)
        return afterBuild();
    if (m_tagWatcher.isFinished())
        return tagBuiltImage(m_tagWatcher.result());
    logLine(QStringLiteral("Built; computing the image's tag (hashing source_root)"));
    connect(
        &m_tagWatcher, &QFutureWatcher<Result<QString>>::finished, this,
        [this] { tagBuiltImage(m_tagWatcher.result()); }, Qt::SingleShotConnection);
}

// POST /images/{id}/tag: the built image gets the name the spec's tag gives it.
void BuildJob::tagBuiltImage(const Result<QString>& imageName) {
    if (m_phase != Phase::Building)
        return;
    if (!imageName)
        return fail(imageName.error());
    const QString name = *imageName;
    const QString repository = repositoryOf(name);
    const QByteArray path = "/images/" + QUrl::toPercentEncoding(m_outcome.imageId) +
                            "/tag?repo=" + QUrl::toPercentEncoding(repository) +
                            "&tag=" + QUrl::toPercentEncoding(name.mid(repository.size() + 1));
    m_engine->call(EngineRequest::Request{"POST", path, {}, {}, nullptr}, this,
                   [this, name](const Result<EngineReply>& reply) {
                       if (m_phase != Phase::Building)
                           return;
                       if (!reply || reply->status() != 201)
                           return fail(
                               Error{QStringLiteral("tag-failed"),
                                     QStringLiteral("the image was built but could not be named %1: %2")
                                         .arg(name, reply ? reply->message() : reply.error().message),
                                     QStringLiteral("build again; the build itself comes from the cache"),
                                     {}});
                       m_tagPending = false;
                       m_plan->imageName = name;
                       m_outcome.imageReference = name;
                       afterBuild();
                   });
}

void BuildJob::afterBuild() {
    if (m_parameters.options.push) {
        startPush();
        return;
    }
    finish(BuildOutcome::Status::Succeeded);
}

void BuildJob::startPush() {
    setPhase(Phase::Pushing);
    m_push = new PushJob(m_engine, m_plan->imageName, m_parameters.auth, this);
    connect(m_push, &PushJob::layerProgress, this, &BuildJob::pushProgress);
    connect(m_push, &PushJob::statusLine, this, [this](const QString& line) {
        Q_EMIT logReceived(BuildLogChunk{
            {}, (line + u'\n').toUtf8(), BuildLogChunk::Stream::Stdout, QDateTime::currentDateTimeUtc()});
    });
    connect(m_push, &PushJob::finished, this, [this](const Result<PushResult>& result) {
        if (m_phase != Phase::Pushing)
            return;
        if (!result) {
            fail(result.error());
            return;
        }
        m_outcome.digest = result->digest;
        finish(BuildOutcome::Status::Succeeded);
    });
    m_push->start();
}

void BuildJob::cancel() {
    if (m_phase == Phase::Finished)
        return;
    finish(BuildOutcome::Status::Cancelled,
           Error{QStringLiteral("cancelled"), QStringLiteral("the build was cancelled"), {}, {}});
}

void BuildJob::fail(Error error) {
    finish(BuildOutcome::Status::Failed, std::move(error));
}

// Closes every connection (the engine cancels a build whose client went away) and stops the context
// writer, planning and the tag's hash (which end on their own, without this job).
void BuildJob::stopEverything() {
    *m_cancelFlag = true;
    if (m_buildRequest)
        m_buildRequest->cancel();
    if (m_context)
        m_context->abort();
    if (m_push)
        m_push->cancel();
    if (m_session)
        m_session->close();
    if (m_sessionRequest)
        m_sessionRequest->cancel();
}

void BuildJob::finish(BuildOutcome::Status status, Error error) {
    if (m_phase == Phase::Finished)
        return;
    countPhaseTime();
    m_phase = Phase::Finished; // before stopping, so the requests' own endings are ignored
    stopEverything();
    m_outcome.status = status;
    m_outcome.error = std::move(error);
    Q_EMIT phaseChanged(Phase::Finished);
    Q_EMIT finished(m_outcome);
}

} // namespace slipway::docker

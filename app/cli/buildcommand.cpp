#include "command.h"
#include "credentials/keychaincredentialstore.h"
#include "docker/buildjob.h"
#include "docker/buildregistryhosts.h"
#include "docker/dockerconfigauth.h"
#include "docker/engineclient.h"
#include "docker/storedregistryauth.h"
#include "output.h"
#include "spec/sourcedigestcache.h"
#include "spec/spechash.h"
#include "spec/specsource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

using namespace slipway;
using namespace slipway::docker;

namespace {

struct BuildArguments {
    QString file;
    BuildOptions options;
    bool timings = false;
};

int usage(const QString& message) {
    printErr(QStringLiteral("slipway-cli build: %1\nRun 'slipway-cli --help' for usage.\n").arg(message));
    return kExitUsage;
}

std::optional<BuildArguments> parse(QStringList arguments, QString& problem) {
    BuildArguments parsed;
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        const auto value = [&]() -> std::optional<QString> {
            if (arguments.isEmpty()) {
                problem = QStringLiteral("%1 needs a value").arg(argument);
                return std::nullopt;
            }
            return arguments.takeFirst();
        };
        if (argument == QLatin1String("--push")) {
            parsed.options.push = true;
        } else if (argument == QLatin1String("--no-cache")) {
            parsed.options.noCache = true;
        } else if (argument == QLatin1String("--force")) {
            parsed.options.force = true;
        } else if (argument == QLatin1String("--pull")) {
            parsed.options.pull = true;
        } else if (argument == QLatin1String("--timings")) {
            parsed.timings = true;
        } else if (argument == QLatin1String("--no-flytekit")) {
            parsed.options.dockerfile.addFlytekit = false;
        } else if (argument == QLatin1String("--no-syntax-line")) {
            // The syntax line makes BuildKit pull its Dockerfile frontend image: not offline.
            parsed.options.dockerfile.syntaxLine = false;
        } else if (argument == QLatin1String("--platform")) {
            const auto platform = value();
            if (!platform)
                return std::nullopt;
            parsed.options.platform = *platform;
        } else if (argument == QLatin1String("--dialect")) {
            const auto dialect = value();
            if (!dialect)
                return std::nullopt;
            if (*dialect == QLatin1String("buildkit"))
                parsed.options.dockerfile.dialect = build::DockerfileDialect::BuildKit;
            else if (*dialect == QLatin1String("classic"))
                parsed.options.dockerfile.dialect = build::DockerfileDialect::Classic;
            else {
                problem = QStringLiteral("--dialect is buildkit or classic, not '%1'").arg(*dialect);
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--installer")) {
            const auto installer = value();
            if (!installer)
                return std::nullopt;
            if (*installer == QLatin1String("uv"))
                parsed.options.dockerfile.installer = build::Installer::Uv;
            else if (*installer == QLatin1String("pip"))
                parsed.options.dockerfile.installer = build::Installer::Pip;
            else {
                problem = QStringLiteral("--installer is uv or pip, not '%1'").arg(*installer);
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--build-arg")) {
            const auto pair = value();
            if (!pair)
                return std::nullopt;
            if (!pair->contains(u'=')) {
                problem = QStringLiteral("--build-arg takes NAME=VALUE, not '%1'").arg(*pair);
                return std::nullopt;
            }
            parsed.options.buildArgs.insert(pair->section(u'=', 0, 0), pair->section(u'=', 1));
        } else if (argument.startsWith(u'-')) {
            problem = QStringLiteral("unknown option '%1'").arg(argument);
            return std::nullopt;
        } else if (parsed.file.isEmpty()) {
            parsed.file = argument;
        } else {
            problem = QStringLiteral("unexpected argument '%1'").arg(argument);
            return std::nullopt;
        }
    }
    if (parsed.file.isEmpty()) {
        problem = QStringLiteral("'build' needs a SPEC (a .yaml spec or file.py[:variable])");
        return std::nullopt;
    }
    return parsed;
}

QString stateWord(BuildStep::State state) {
    switch (state) {
    case BuildStep::State::Waiting:
        return QStringLiteral("waiting");
    case BuildStep::State::Running:
        return QStringLiteral("running");
    case BuildStep::State::Cached:
        return QStringLiteral("CACHED");
    case BuildStep::State::Done:
        return QStringLiteral("done");
    case BuildStep::State::Failed:
        return QStringLiteral("FAILED");
    }
    return {};
}

QString stepLine(const BuildStep& step) {
    QString line = QStringLiteral("%1 %2").arg(stateWord(step.state), -7).arg(step.name);
    if (step.started.isValid()) {
        const QDateTime end = step.completed.isValid() ? step.completed : QDateTime::currentDateTimeUtc();
        line +=
            QStringLiteral(" (%1s)").arg(static_cast<double>(step.started.msecsTo(end)) / 1000.0, 0, 'f', 1);
    }
    return line;
}

// Live view on a terminal: the steps redrawn in place, the newest log line below them. Elsewhere
// (a pipe, CI): one line per step state change and the logs as they come.
class ProgressPrinter : public QObject {
public:
    ProgressPrinter(BuildJob& job, bool terminal) : m_terminal(terminal) {
        connect(&job, &BuildJob::stepChanged, this, [this](const BuildStep& step) { onStep(step); });
        connect(&job, &BuildJob::logReceived, this, [this](const BuildLogChunk& chunk) { onLog(chunk); });
        connect(&job, &BuildJob::warning, this,
                [this](const QString& text) { above(QStringLiteral("warning: %1\n").arg(text)); });
        connect(&job, &BuildJob::phaseChanged, this, [this](BuildJob::Phase phase) {
            if (phase == BuildJob::Phase::Checking)
                above(QStringLiteral("checking whether the image exists already\n"));
            else if (phase == BuildJob::Phase::Pushing)
                above(QStringLiteral("pushing\n"));
        });
        connect(&job, &BuildJob::pushProgress, this,
                [this](const PushLayerProgress& layer) { onPush(layer); });
        if (m_terminal) {
            m_timer.setInterval(250);
            connect(&m_timer, &QTimer::timeout, this, [this] { redraw(); });
            m_timer.start();
        }
    }

    void done() {
        m_timer.stop();
        redraw();
    }

private:
    void onStep(const BuildStep& step) {
        const auto it =
            std::find_if(m_steps.begin(), m_steps.end(), [&](const BuildStep& s) { return s.id == step.id; });
        const bool changedState = it == m_steps.end() || it->state != step.state;
        if (it == m_steps.end())
            m_steps.append(step);
        else
            *it = step;
        if (!changedState || step.state == BuildStep::State::Waiting)
            return;
        // A state change shows at once on a terminal too: the timer only refreshes running
        // times, and a build served from cache can end before it first fires.
        if (m_terminal)
            redraw();
        else
            printErr(stepLine(step) + u'\n');
    }

    void onLog(const BuildLogChunk& chunk) {
        if (!m_terminal) {
            printErr(QString::fromUtf8(chunk.text));
            return;
        }
        const QStringList lines = QString::fromUtf8(chunk.text).split(u'\n', Qt::SkipEmptyParts);
        if (!lines.isEmpty())
            m_lastLog = lines.last().trimmed().left(120);
    }

    void onPush(const PushLayerProgress& layer) {
        if (m_terminal) {
            m_lastLog = QStringLiteral("layer %1: %2").arg(layer.layerId, pushText(layer));
            return;
        }
        if (layer.state != PushLayerProgress::State::Pushing &&
            layer.state != PushLayerProgress::State::Waiting)
            printErr(QStringLiteral("layer %1: %2\n").arg(layer.layerId, pushText(layer)));
    }

    static QString pushText(const PushLayerProgress& layer) {
        switch (layer.state) {
        case PushLayerProgress::State::Pushing:
            return layer.total > 0 ? QStringLiteral("pushing %1%").arg(layer.current * 100 / layer.total)
                                   : QStringLiteral("pushing");
        case PushLayerProgress::State::Pushed:
            return QStringLiteral("pushed");
        case PushLayerProgress::State::AlreadyExists:
            return QStringLiteral("already exists");
        case PushLayerProgress::State::Mounted:
            return layer.detail.isEmpty() ? QStringLiteral("mounted") : layer.detail;
        case PushLayerProgress::State::Preparing:
            return QStringLiteral("preparing");
        case PushLayerProgress::State::Waiting:
            return QStringLiteral("waiting");
        case PushLayerProgress::State::Failed:
            return QStringLiteral("failed");
        }
        return {};
    }

    // A line printed above the live block, which is drawn again below it.
    void above(const QString& text) {
        if (!m_terminal) {
            printErr(text);
            return;
        }
        clear();
        printErr(text);
        redraw();
    }

    void clear() {
        if (m_drawnLines > 0)
            printErr(QStringLiteral("\x1b[%1F\x1b[J").arg(m_drawnLines));
        m_drawnLines = 0;
    }

    void redraw() {
        if (!m_terminal)
            return;
        clear();
        QString text;
        for (const BuildStep& step : std::as_const(m_steps)) {
            if (step.state != BuildStep::State::Waiting)
                text += stepLine(step).left(160) + u'\n';
        }
        if (!m_lastLog.isEmpty())
            text += QStringLiteral("  > %1\n").arg(m_lastLog);
        m_drawnLines = static_cast<int>(text.count(u'\n'));
        printErr(text);
    }

    bool m_terminal;
    QList<BuildStep> m_steps;
    QString m_lastLog;
    int m_drawnLines = 0;
    QTimer m_timer;
};

int printOutcome(const BuildOutcome& outcome) {
    switch (outcome.status) {
    case BuildOutcome::Status::SkippedExists:
        printErr(QStringLiteral("%1 exists already: not built (use --force to build it anyway)\n")
                     .arg(outcome.imageReference));
        break;
    case BuildOutcome::Status::Succeeded:
        break;
    case BuildOutcome::Status::Failed:
    case BuildOutcome::Status::Cancelled:
        if (!outcome.lastLogLines.isEmpty()) {
            printErr(QStringLiteral("last lines of %1:\n").arg(outcome.failedStep));
            for (const QString& line : outcome.lastLogLines)
                printErr(QStringLiteral("  | %1\n").arg(line));
        }
        printErr(QStringLiteral("error: %1\n").arg(outcome.error.describe()));
        return kExitFailure;
    }
    printOut(QStringLiteral("image: %1\n").arg(outcome.imageReference));
    if (!outcome.imageId.isEmpty())
        printOut(QStringLiteral("id: %1\n").arg(outcome.imageId));
    if (!outcome.digest.isEmpty())
        printOut(QStringLiteral("digest: %1\n").arg(outcome.digest));
    return kExitOk;
}

// Where the time went, on stderr after the outcome: the phases' wall time, then the CPU time spent
// decoding the engine's progress against the whole process's.
void printTimings(const BuildTimings& timings) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double processCpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                                (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    printErr(QStringLiteral("timings: planning %1 ms, existence check %2 ms, building %3 ms\n"
                            "timings: progress decoding %4 ms CPU for %5 messages (process CPU %6 ms)\n")
                 .arg(timings.planningMs)
                 .arg(timings.checkingMs)
                 .arg(timings.buildingMs)
                 .arg(double(timings.progressDecodeCpuNs) / 1e6, 0, 'f', 2)
                 .arg(timings.progressMessages)
                 .arg(processCpuMs, 0, 'f', 0));
}

// `slipway-cli build SPEC [options]`.
int runBuildCommand(const QStringList& arguments) {
    QString problem;
    const auto parsed = parse(arguments, problem);
    if (!parsed)
        return usage(problem);
    const spec::LoadedSpec loaded = spec::loadSpecArgument(parsed->file);
    for (const spec::Diagnostic& diagnostic : loaded.diagnostics)
        printErr(diagnostic.text() + u'\n');
    if (!loaded.spec || spec::hasErrors(loaded.diagnostics))
        return kExitFailure;

    auto candidates = EngineClient::defaultCandidates();
    if (!candidates) {
        printErr(QStringLiteral("error: %1\n").arg(candidates.error().describe()));
        return kExitFailure;
    }
    EngineClient engine(*candidates);
    const spec::HostEnvironment host = spec::HostEnvironment::current();
    // Logins for the image's registry (push, existence check) and the base image's (pull).
    // The image's registry does not depend on its tag: the source_root is read once, by the build.
    const QStringList hosts =
        buildRegistryHosts(spec::specRepository(*loaded.spec, host), *loaded.spec, host);
    auto digests = spec::SourceDigestCache::persistent();
    credentials::KeychainCredentialStore store;
    int exitCode = kExitFailure;
    // The keychain answers while the job connects to the engine and plans: it waits for the logins
    // only before the first request that may need them.
    BuildJob job(&engine, BuildJob::Parameters{*loaded.spec, host, parsed->options, {}, digests, true});
    ProgressPrinter printer(job, isatty(STDERR_FILENO) != 0);
    QObject::connect(&job, &BuildJob::finished, [&](const BuildOutcome& outcome) {
        printer.done();
        exitCode = printOutcome(outcome);
        if (parsed->timings)
            printTimings(job.timings());
        QCoreApplication::exit(exitCode);
    });
    loadStoredRegistryAuth(store, hosts, dockerConfigAuthLookup(), &engine,
                           [&](RegistryAuthLookup auth, const QString& keychainProblem) {
                               if (!keychainProblem.isEmpty())
                                   printErr(QStringLiteral("note: %1; using the logins in the Docker config "
                                                           "instead\n")
                                                .arg(keychainProblem));
                               job.provideAuth(std::move(auth));
                           });
    QTimer::singleShot(0, &job, &BuildJob::start);
    QCoreApplication::exec();
    return exitCode;
}

const CommandRegistration registration{CliCommand{
    QStringLiteral("build"),
    QStringLiteral(
        "  build SPEC             build the spec's image through the Docker engine (BuildKit, or the\n"
        "                         classic builder where there is none); prints image, id, digest\n"
        "                         [--push] [--platform P] [--no-cache] [--pull] [--force]\n"
        "                         [--dialect buildkit|classic] [--installer uv|pip] [--no-flytekit]\n"
        "                         [--build-arg NAME=VALUE] [--no-syntax-line]\n"
        "                         [--timings]  where the time went, and the CPU time spent\n"
        "                         decoding the engine's progress\n"),
    &runBuildCommand, 20}};

} // namespace

#include "build/buildplan.h"
#include "build/contextwriter.h"
#include "command.h"
#include "output.h"
#include "spec/sourcedigestcache.h"
#include "spec/spechash.h"
#include "spec/specjson.h"
#include "spec/specsource.h"
#include "spec/validator.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <optional>

using namespace slipway;
using namespace slipway::spec;

namespace {

struct SpecOptions {
    QString action;
    QString file;
    bool json = false;
    QString output;
    build::DockerfileOptions dockerfile;
};

int usage(const QString& message) {
    printErr(QStringLiteral("slipway-cli spec: %1\nRun 'slipway-cli --help' for usage.\n").arg(message));
    return kExitUsage;
}

std::optional<SpecOptions> parse(QStringList arguments, QString& problem) {
    static const QStringList actions{QStringLiteral("tag"),     QStringLiteral("id"),
                                     QStringLiteral("image"),   QStringLiteral("dockerfile"),
                                     QStringLiteral("context"), QStringLiteral("validate"),
                                     QStringLiteral("show")};
    SpecOptions options;
    if (arguments.isEmpty() || !actions.contains(arguments.first())) {
        problem = arguments.isEmpty()
                      ? QStringLiteral("missing action (one of %1)").arg(actions.join(QStringLiteral(", ")))
                      : QStringLiteral("unknown action '%1' (one of %2)")
                            .arg(arguments.first(), actions.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    options.action = arguments.takeFirst();
    const bool buildAction =
        options.action == QLatin1String("dockerfile") || options.action == QLatin1String("context");
    const bool jsonAction =
        options.action == QLatin1String("show") || options.action == QLatin1String("validate");
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        const auto takeValue = [&](const QString& name) -> std::optional<QString> {
            if (arguments.isEmpty()) {
                problem = QStringLiteral("%1 needs a value").arg(name);
                return std::nullopt;
            }
            return arguments.takeFirst();
        };
        if (argument == QLatin1String("--json") && jsonAction) {
            options.json = true;
        } else if (argument == QLatin1String("--dialect") && buildAction) {
            const auto value = takeValue(argument);
            if (!value)
                return std::nullopt;
            if (*value == QLatin1String("buildkit"))
                options.dockerfile.dialect = build::DockerfileDialect::BuildKit;
            else if (*value == QLatin1String("classic"))
                options.dockerfile.dialect = build::DockerfileDialect::Classic;
            else {
                problem = QStringLiteral("--dialect is buildkit or classic, not '%1'").arg(*value);
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--installer") && buildAction) {
            const auto value = takeValue(argument);
            if (!value)
                return std::nullopt;
            if (*value == QLatin1String("uv"))
                options.dockerfile.installer = build::Installer::Uv;
            else if (*value == QLatin1String("pip"))
                options.dockerfile.installer = build::Installer::Pip;
            else {
                problem = QStringLiteral("--installer is uv or pip, not '%1'").arg(*value);
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--no-flytekit") && buildAction) {
            options.dockerfile.addFlytekit = false;
        } else if (argument == QLatin1String("--flytekit-version") && buildAction) {
            const auto value = takeValue(argument);
            if (!value)
                return std::nullopt;
            options.dockerfile.flytekitVersion = *value;
        } else if (argument == QLatin1String("--no-syntax-line") && buildAction) {
            options.dockerfile.syntaxLine = false;
        } else if ((argument == QLatin1String("-o") || argument == QLatin1String("--output")) &&
                   options.action == QLatin1String("context")) {
            const auto value = takeValue(argument);
            if (!value)
                return std::nullopt;
            options.output = *value;
        } else if (argument.startsWith(QLatin1Char('-')) && argument != QLatin1String("-")) {
            problem = QStringLiteral("unknown option '%1' for 'spec %2'").arg(argument, options.action);
            return std::nullopt;
        } else if (options.file.isEmpty()) {
            options.file = argument;
        } else {
            problem = QStringLiteral("unexpected argument '%1'").arg(argument);
            return std::nullopt;
        }
    }
    if (options.file.isEmpty()) {
        problem =
            QStringLiteral("'spec %1' needs a FILE (a .yaml spec or file.py[:variable])").arg(options.action);
        return std::nullopt;
    }
    if (options.action == QLatin1String("context") && options.output.isEmpty()) {
        problem = QStringLiteral("'spec context' needs -o OUT.tar (or -o - for stdout)");
        return std::nullopt;
    }
    return options;
}

void printDiagnostics(const Diagnostics& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics)
        printErr(diagnostic.text() + QLatin1Char('\n'));
}

int failWith(const Error& error) {
    printErr(QStringLiteral("error: %1\n").arg(error.describe()));
    return kExitFailure;
}

int printValue(const Result<QString>& value) {
    if (!value)
        return failWith(value.error());
    printOut(*value + QLatin1Char('\n'));
    return kExitOk;
}

int validate(const SpecOptions& options, const LoadedSpec& loaded, const HostEnvironment& host) {
    Diagnostics diagnostics = loaded.diagnostics;
    if (loaded.spec)
        diagnostics.append(validateSpec(*loaded.spec, host));
    const bool valid = loaded.spec && !hasErrors(diagnostics);
    if (options.json) {
        QJsonObject object{{QStringLiteral("file"), loaded.displayName},
                           {QStringLiteral("valid"), valid},
                           {QStringLiteral("diagnostics"), diagnosticsToJson(diagnostics)}};
        printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
    } else {
        for (const Diagnostic& diagnostic : diagnostics)
            printOut(diagnostic.text() + QLatin1Char('\n'));
        if (diagnostics.isEmpty())
            printOut(QStringLiteral("%1: no problems found\n").arg(loaded.displayName));
    }
    return valid ? kExitOk : kExitFailure;
}

int show(const SpecOptions& options, const LoadedSpec& loaded, const HostEnvironment& host,
         SourceDigestCache* digests) {
    const ImageSpec& spec = *loaded.spec;
    Diagnostics diagnostics = loaded.diagnostics + validateSpec(spec, host);
    const auto id = specId(spec, host);
    const auto hashInput = tagHashInput(spec, host, nullptr, digests);
    const auto tag = specTag(spec, host, nullptr, digests);
    const auto image = specImageName(spec, host, nullptr, digests);
    const ImageSpec resolvedSpec = spec.resolved(host);

    if (options.json) {
        const auto orNull = [](const Result<QString>& value) {
            return value ? QJsonValue(*value) : QJsonValue();
        };
        QJsonObject object{{QStringLiteral("file"), loaded.displayName},
                           {QStringLiteral("arguments"), specArgumentsToJson(spec)},
                           {QStringLiteral("platform"), pyValueToJson(resolvedSpec.value(Field::Platform))},
                           {QStringLiteral("id"), orNull(id)},
                           {QStringLiteral("tag"), orNull(tag)},
                           {QStringLiteral("image"), orNull(image)},
                           {QStringLiteral("hashInput"), orNull(hashInput)},
                           {QStringLiteral("diagnostics"), diagnosticsToJson(diagnostics)}};
        if (!image)
            object.insert(QStringLiteral("error"), image.error().describe());
        printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return image ? kExitOk : kExitFailure;
    }

    QString text = QStringLiteral("%1\n").arg(loaded.displayName);
    for (const FieldInfo& info : fieldInfos()) {
        if (const auto& argument = spec.argument(info.field))
            text += QStringLiteral("  %1: %2\n").arg(QString::fromLatin1(info.name), argument->repr());
    }
    text += QStringLiteral("platform:   %1\n").arg(resolvedSpec.value(Field::Platform).repr());
    text += QStringLiteral("id:         %1\n").arg(id ? *id : QStringLiteral("(%1)").arg(id.error().message));
    text +=
        QStringLiteral("tag:        %1\n").arg(tag ? *tag : QStringLiteral("(%1)").arg(tag.error().message));
    text += QStringLiteral("image:      %1\n").arg(image ? *image : QStringLiteral("-"));
    if (hashInput)
        text += QStringLiteral("hash input: %1\n").arg(*hashInput);
    printOut(text);
    for (const Diagnostic& diagnostic : diagnostics)
        printOut(diagnostic.text() + QLatin1Char('\n'));
    return image ? kExitOk : kExitFailure;
}

int writeContext(const SpecOptions& options, const ImageSpec& spec, const HostEnvironment& host) {
    auto plan = build::planBuild(spec, host, options.dockerfile);
    if (!plan)
        return failWith(plan.error());
    for (const QString& warning : plan->warnings)
        printErr(QStringLiteral("warning: %1\n").arg(warning));
    if (options.output == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return failWith(Error{QStringLiteral("io"), QStringLiteral("cannot write to stdout"), {}, {}});
        auto written = build::writeBuildContext(*plan, out);
        return written ? kExitOk : failWith(written.error());
    }
    QSaveFile out(options.output);
    if (!out.open(QIODevice::WriteOnly))
        return failWith(Error{QStringLiteral("io"),
                              QStringLiteral("cannot write %1: %2").arg(options.output, out.errorString()),
                              QStringLiteral("choose a writable location"),
                              {}});
    auto written = build::writeBuildContext(*plan, out);
    if (!written) {
        out.cancelWriting();
        return failWith(written.error());
    }
    if (!out.commit())
        return failWith(Error{QStringLiteral("io"),
                              QStringLiteral("cannot write %1: %2").arg(options.output, out.errorString()),
                              {},
                              {}});
    printErr(QStringLiteral("%1: %2 bytes, %3 entries\n")
                 .arg(options.output)
                 .arg(*written)
                 .arg(plan->entries.size()));
    return kExitOk;
}

// `slipway-cli spec tag|id|image|dockerfile|context|validate|show FILE [options]`.
int runSpecCommand(const QStringList& arguments) {
    QString problem;
    const auto options = parse(arguments, problem);
    if (!options)
        return usage(problem);

    const HostEnvironment host = HostEnvironment::current();
    const LoadedSpec loaded = loadSpecArgument(options->file);
    if (options->action == QLatin1String("validate"))
        return validate(*options, loaded, host);
    if (!loaded.spec || hasErrors(loaded.diagnostics)) {
        printDiagnostics(loaded.diagnostics);
        return kExitFailure;
    }
    // Loading warnings (an unquoted version, say) go to stderr so stdout stays the bare value.
    if (options->action != QLatin1String("show"))
        printDiagnostics(loaded.diagnostics);

    const ImageSpec& spec = *loaded.spec;
    // Kept on disk: the next command on an unchanged source_root does not read it again.
    const auto digests = SourceDigestCache::persistent();
    if (options->action == QLatin1String("tag"))
        return printValue(specTag(spec, host, nullptr, digests.get()));
    if (options->action == QLatin1String("id"))
        return printValue(specId(spec, host));
    if (options->action == QLatin1String("image"))
        return printValue(specImageName(spec, host, nullptr, digests.get()));
    if (options->action == QLatin1String("show"))
        return show(*options, loaded, host, digests.get());
    if (options->action == QLatin1String("dockerfile")) {
        auto dockerfile = build::renderDockerfile(spec, host, options->dockerfile);
        if (!dockerfile)
            return failWith(dockerfile.error());
        printOut(QString::fromUtf8(*dockerfile));
        return kExitOk;
    }
    return writeContext(*options, spec, host);
}

const CommandRegistration registration{CliCommand{
    QStringLiteral("spec"),
    QStringLiteral(
        "  spec tag FILE          flytekit's tag for the spec\n"
        "  spec id FILE           flytekit's id (the image's _F_IMG_ID)\n"
        "  spec image FILE        the full image reference registry/name:tag\n"
        "  spec dockerfile FILE   the Dockerfile flytekit's default builder would write\n"
        "                         [--dialect buildkit|classic] [--installer uv|pip] [--no-flytekit]\n"
        "                         [--flytekit-version V] [--no-syntax-line]\n"
        "  spec context FILE -o OUT.tar   the build context as a tar (OUT '-' for stdout), same "
        "options\n"
        "  spec validate FILE [--json]    problems with the spec, each with its fix\n"
        "  spec show FILE [--json]        arguments, resolved values, id, tag, image and problems\n"),
    &runSpecCommand, 10}};

} // namespace

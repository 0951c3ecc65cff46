// slipway-cli check IMAGE: will the cluster be able to pull this image? Runs the registry pull check
// (core/registry/pullcheckjob.h) and prints the verdict, the digest to pin, the platforms and the fix.
#include "command.h"
#include "credentials/pullsecretstore.h"
#include "credentialsupport.h"
#include "output.h"
#include "registry/pullcheckjob.h"
#include "registry/pullsecret.h"
#include "registry/registryclient.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <optional>

using namespace slipway;
using namespace slipway::registry;

namespace {

struct CheckOptions {
    QString image;
    QList<Platform> platforms;
    QString clusterSecretFile;
    QString clusterSecret; // a pull secret's name in the keychain (credentials add-pull-secret)
    QString caFile;
    bool insecure = false;
    bool json = false;
};

int usage(const QString& message) {
    printErr(QStringLiteral("slipway-cli check: %1\nRun 'slipway-cli --help' for usage.\n").arg(message));
    return kExitUsage;
}

std::optional<CheckOptions> parse(QStringList arguments, QString& problem) {
    CheckOptions options;
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        const auto takeValue = [&]() -> std::optional<QString> {
            if (arguments.isEmpty()) {
                problem = QStringLiteral("%1 needs a value").arg(argument);
                return std::nullopt;
            }
            return arguments.takeFirst();
        };
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--insecure")) {
            options.insecure = true;
        } else if (argument == QLatin1String("--platform")) {
            const auto value = takeValue();
            if (!value)
                return std::nullopt;
            for (const QString& text : value->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const auto platform = Platform::parse(text);
                if (!platform) {
                    problem = platform.error().describe();
                    return std::nullopt;
                }
                options.platforms.append(*platform);
            }
        } else if (argument == QLatin1String("--cluster-secret-file") ||
                   argument == QLatin1String("--ca-file")) {
            const auto value = takeValue();
            if (!value)
                return std::nullopt;
            (argument == QLatin1String("--ca-file") ? options.caFile : options.clusterSecretFile) = *value;
        } else if (argument == QLatin1String("--cluster-secret")) {
            const auto value = takeValue();
            if (!value)
                return std::nullopt;
            options.clusterSecret = *value;
        } else if (argument.startsWith(QLatin1Char('-'))) {
            problem = QStringLiteral("unknown option '%1'").arg(argument);
            return std::nullopt;
        } else if (options.image.isEmpty()) {
            options.image = argument;
        } else {
            problem = QStringLiteral("unexpected argument '%1' (one IMAGE per check)").arg(argument);
            return std::nullopt;
        }
    }
    if (options.image.isEmpty()) {
        problem = QStringLiteral("'check' needs an IMAGE, e.g. ghcr.io/me/app:v1");
        return std::nullopt;
    }
    if (!options.clusterSecret.isEmpty() && !options.clusterSecretFile.isEmpty()) {
        problem =
            QStringLiteral("give the cluster's pull secret once: --cluster-secret or --cluster-secret-file");
        return std::nullopt;
    }
    return options;
}

// The cluster's pull secret: by name from the keychain, or from a file or stdin, never from argv, so
// the secret does not show up in process lists or shell history. None given: std::nullopt.
Result<std::optional<QByteArray>> clusterSecretContent(const CheckOptions& options) {
    if (!options.clusterSecret.isEmpty()) {
        credentials::PullSecretStore store;
        return awaitResult(store.read(options.clusterSecret));
    }
    if (options.clusterSecretFile.isEmpty())
        return std::optional<QByteArray>();
    QFile file(options.clusterSecretFile);
    const bool opened = options.clusterSecretFile == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : file.open(QIODevice::ReadOnly);
    if (!opened)
        return fail(
            QStringLiteral("cli.check.secret-file"),
            QStringLiteral("Cannot read the pull secret file %1: %2.")
                .arg(options.clusterSecretFile, file.errorString()),
            QStringLiteral("Give the path of a file holding the secret's .dockerconfigjson content."));
    return file.readAll();
}

// The cluster's credentials for the image's registry, from its pull secret.
Result<std::optional<RegistryCredentials>> clusterCredentials(const CheckOptions& options,
                                                              const ImageReference& reference) {
    const auto content = clusterSecretContent(options);
    if (!content)
        return std::unexpected(content.error());
    if (!content->has_value())
        return std::optional<RegistryCredentials>();
    auto credentials = credentialsFromPullSecret(**content, reference.registry, reference.repository);
    if (credentials && !credentials->has_value())
        printErr(
            QStringLiteral("note: the pull secret has no entry for %1; checking as the cluster would pull: "
                           "without credentials.\n")
                .arg(reference.registry));
    return credentials;
}

QJsonArray platformArray(const QList<Platform>& platforms) {
    QJsonArray array;
    for (const Platform& platform : platforms)
        array.append(platform.toString());
    return array;
}

QString platformText(const QList<Platform>& platforms) {
    QStringList names;
    for (const Platform& platform : platforms)
        names.append(platform.toString());
    return names.join(QStringLiteral(", "));
}

void printJson(const PullCheckResult& result) {
    QJsonObject object{
        {QStringLiteral("verdict"), verdictName(result.verdict)},
        {QStringLiteral("reference"), result.reference.toString()},
        {QStringLiteral("digest"), result.digest.isEmpty() ? QJsonValue() : QJsonValue(result.digest)},
        {QStringLiteral("pinned"),
         result.digest.isEmpty() ? QJsonValue() : QJsonValue(result.pinnedReference())},
        {QStringLiteral("platforms"), platformArray(result.imagePlatforms)},
        {QStringLiteral("clusterPlatforms"), platformArray(result.clusterPlatforms)},
        {QStringLiteral("pullable"), clusterCanPull(result.verdict)},
        {QStringLiteral("anonymousPull"), result.anonymousPull},
        {QStringLiteral("credentialsPull"),
         result.credentialsPull ? QJsonValue(*result.credentialsPull) : QJsonValue()},
        {QStringLiteral("requests"), result.requests},
        {QStringLiteral("message"), result.message},
        {QStringLiteral("fix"), result.fix},
        {QStringLiteral("detail"), result.detail},
    };
    if (result.rateLimit.known())
        object.insert(QStringLiteral("rateLimit"),
                      QJsonObject{{QStringLiteral("limit"), result.rateLimit.limit},
                                  {QStringLiteral("remaining"), result.rateLimit.remaining},
                                  {QStringLiteral("windowSeconds"), result.rateLimit.windowSeconds},
                                  {QStringLiteral("retryAfterSeconds"), result.rateLimit.retryAfterSeconds}});
    printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void printHuman(const PullCheckResult& result) {
    QString text = QStringLiteral("%1: %2\n").arg(verdictName(result.verdict), result.reference.toString());
    text += QStringLiteral("  %1\n").arg(result.message);
    if (!result.digest.isEmpty())
        text +=
            QStringLiteral("  digest:    %1\n  pin as:    %2\n").arg(result.digest, result.pinnedReference());
    if (!result.imagePlatforms.isEmpty())
        text += QStringLiteral("  platforms: %1 (cluster: %2)\n")
                    .arg(platformText(result.imagePlatforms), platformText(result.clusterPlatforms));
    if (!result.fix.isEmpty())
        text += QStringLiteral("  fix:       %1\n").arg(result.fix);
    if (!result.detail.isEmpty())
        text += QStringLiteral("  registry:  %1\n").arg(result.detail);
    text += QStringLiteral("  requests:  %1\n").arg(result.requests);
    printOut(text);
}

int exitCodeFor(PullVerdict verdict) {
    if (clusterCanPull(verdict))
        return kExitOk;
    // No verdict about the image itself: the network or the registry's limits stood in the way.
    if (verdict == PullVerdict::Unreachable || verdict == PullVerdict::RateLimited)
        return kExitUsage;
    return kExitFailure;
}

int runCheckCommand(const QStringList& arguments) {
    QString problem;
    const auto options = parse(arguments, problem);
    if (!options)
        return usage(problem);
    const auto reference = ImageReference::parse(options->image);
    if (!reference)
        return usage(reference.error().describe());
    RegistryHostOptions hostOptions;
    hostOptions.insecure = options->insecure;
    if (!options->caFile.isEmpty()) {
        hostOptions.extraCaCertificates = QSslCertificate::fromPath(options->caFile, QSsl::Pem);
        if (hostOptions.extraCaCertificates.isEmpty())
            return usage(QStringLiteral("--ca-file %1 holds no PEM certificate").arg(options->caFile));
    }
    const auto credentials = clusterCredentials(*options, *reference);
    if (!credentials && credentials.error().code == slipway::credentials::kNoKeychain) {
        // Says how to get a keychain; the exit code stays check's "could not check", not "not pullable".
        failWithCredentialError(credentials.error());
        return kExitUsage;
    }
    if (!credentials)
        return usage(credentials.error().describe());

    RegistryClient client;
    client.setHostOptions(reference->registry, hostOptions);
    // Earlier checks' /v2/ pings (an anonymous check of a known registry starts with its token) and
    // the platforms of configs read before (by digest).
    client.rememberEndpointsIn(
        slipway::registry::RegistryEndpointStore(slipway::registry::RegistryEndpointStore::defaultPath()));
    client.rememberConfigPlatformsIn(
        slipway::registry::ConfigPlatformStore(slipway::registry::ConfigPlatformStore::defaultPath()));
    PullCheckJob job(client, PullCheckRequest{*reference, options->platforms, *credentials});
    std::optional<Result<PullCheckResult>> outcome;
    QEventLoop loop;
    QObject::connect(&job, &PullCheckJob::finished, &loop, [&](const Result<PullCheckResult>& result) {
        outcome = result;
        loop.quit();
    });
    job.start();
    if (!outcome)
        loop.exec();
    if (!*outcome) {
        printErr(QStringLiteral("error: %1\n").arg(outcome->error().describe()));
        return kExitUsage;
    }
    if (options->json)
        printJson(**outcome);
    else
        printHuman(**outcome);
    return exitCodeFor((*outcome)->verdict);
}

const CommandRegistration registration{CliCommand{
    QStringLiteral("check"),
    QStringLiteral(
        "  check IMAGE [--json]   can the cluster pull IMAGE? verdict, digest to pin, platforms, fix\n"
        "                         [--platform os/arch[/variant]]... (default linux/amd64)\n"
        "                         [--cluster-secret NAME]  check with the cluster's pull secret\n"
        "                         NAME from the keychain (credentials add-pull-secret NAME)\n"
        "                         [--cluster-secret-file FILE]  the cluster's pull secret "
        "(.dockerconfigjson; - reads stdin)\n"
        "                         [--ca-file PEM] [--insecure]  a private CA; plain HTTP if "
        "HTTPS fails\n"
        "                         exit 0 pullable, 1 not pullable, 2 usage, network or rate "
        "limit\n"),
    &runCheckCommand, 40}};

} // namespace

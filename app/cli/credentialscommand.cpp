// `slipway-cli credentials list|import-docker|enable-helper|disable-helper|add-pull-secret|
// remove-pull-secret`: the registry logins and the cluster's pull secrets in the OS keychain (never
// their secrets) and the bridge to the docker CLI's config.json.
#include "command.h"
#include "credentials/dockerconfig.h"
#include "credentials/dockerimport.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/pullsecretstore.h"
#include "credentials/registrykey.h"
#include "credentials/registrylogin.h"
#include "credentialsupport.h"
#include "output.h"
#include "registry/pullsecret.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <unistd.h>

using namespace slipway;
using namespace slipway::credentials;

namespace {

struct CredentialsOptions {
    QString action;
    bool json = false;
    bool replace = false;
    QString configDir;
    QString pullSecretName;
    QString fromDockerLogin; // add-pull-secret: build the secret from this registry's stored login
};

int usage(const QString& message) {
    printErr(
        QStringLiteral("slipway-cli credentials: %1\nRun 'slipway-cli --help' for usage.\n").arg(message));
    return kExitUsage;
}

std::optional<CredentialsOptions> parse(QStringList arguments, QString& problem) {
    static const QStringList actions{QStringLiteral("list"),
                                     QStringLiteral("import-docker"),
                                     QStringLiteral("enable-helper"),
                                     QStringLiteral("disable-helper"),
                                     QStringLiteral("add-pull-secret"),
                                     QStringLiteral("remove-pull-secret")};
    if (arguments.isEmpty() || !actions.contains(arguments.first())) {
        problem = QStringLiteral("expected one of %1").arg(actions.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    CredentialsOptions options;
    options.action = arguments.takeFirst();
    options.configDir = dockerConfigDir();
    const bool pullSecret = options.action.endsWith(QLatin1String("-pull-secret"));
    const bool usesConfig = options.action != QLatin1String("list") && !pullSecret;
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--replace") &&
                   options.action == QLatin1String("import-docker")) {
            options.replace = true;
        } else if (argument == QLatin1String("--docker-config") && usesConfig && !arguments.isEmpty()) {
            options.configDir = arguments.takeFirst();
        } else if (argument == QLatin1String("--from-docker-login") &&
                   options.action == QLatin1String("add-pull-secret") && !arguments.isEmpty()) {
            options.fromDockerLogin = arguments.takeFirst();
        } else if (pullSecret && options.pullSecretName.isEmpty() && !argument.startsWith(QLatin1Char('-'))) {
            options.pullSecretName = argument;
        } else {
            problem = QStringLiteral("unexpected argument '%1'").arg(argument);
            return std::nullopt;
        }
    }
    if (pullSecret && options.pullSecretName.isEmpty()) {
        problem =
            QStringLiteral("%1 needs the secret's NAME in the cluster, e.g. regcred").arg(options.action);
        return std::nullopt;
    }
    return options;
}

void printJson(const QJsonObject& object) {
    printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

QString pullSecretsText(const QList<PullSecretSummary>& secrets) {
    if (secrets.isEmpty())
        return QStringLiteral(
            "No pull secrets. Declare the cluster's with: slipway-cli credentials add-pull-secret NAME\n");
    QString text =
        QStringLiteral("%1  %2\n").arg(QStringLiteral("PULL SECRET"), -30).arg(QStringLiteral("REGISTRIES"));
    for (const PullSecretSummary& secret : secrets)
        text += QStringLiteral("%1  %2\n")
                    .arg(secret.name, -30)
                    .arg(secret.registries.join(QStringLiteral(", ")));
    return text;
}

int list(const CredentialsOptions& options) {
    KeychainCredentialStore store;
    auto logins = awaitResult(store.list());
    if (!logins)
        return failWithCredentialError(logins.error());
    PullSecretStore pullSecretStore;
    auto pullSecrets = awaitResult(pullSecretStore.list());
    if (!pullSecrets)
        return failWithCredentialError(pullSecrets.error());
    if (options.json) {
        QJsonArray array;
        for (const CredentialSummary& login : *logins)
            array.append(QJsonObject{{QStringLiteral("registry"), login.registry},
                                     {QStringLiteral("serverUrl"), dockerServerUrl(login.registry)},
                                     {QStringLiteral("username"), login.username},
                                     {QStringLiteral("kind"), secretKindName(login.kind)}});
        QJsonArray secrets;
        for (const PullSecretSummary& secret : *pullSecrets)
            secrets.append(
                QJsonObject{{QStringLiteral("name"), secret.name},
                            {QStringLiteral("registries"), QJsonArray::fromStringList(secret.registries)}});
        printJson({{QStringLiteral("store"), store.location()},
                   {QStringLiteral("logins"), array},
                   {QStringLiteral("pullSecrets"), secrets}});
        return kExitOk;
    }
    if (logins->isEmpty()) {
        printOut(QStringLiteral(
                     "No registry logins in %1. Add one with: slipway-cli login REGISTRY --username U\n")
                     .arg(store.location()) +
                 pullSecretsText(*pullSecrets));
        return kExitOk;
    }
    QString text = QStringLiteral("%1  %2  %3\n")
                       .arg(QStringLiteral("REGISTRY"), -30)
                       .arg(QStringLiteral("USERNAME"), -24)
                       .arg(QStringLiteral("KIND"));
    for (const CredentialSummary& login : *logins)
        text += QStringLiteral("%1  %2  %3\n")
                    .arg(login.registry, -30)
                    .arg(login.username.isEmpty() ? QStringLiteral("-") : login.username, -24)
                    .arg(secretKindName(login.kind));
    printOut(text + QStringLiteral("\n") + pullSecretsText(*pullSecrets));
    return kExitOk;
}

// The .dockerconfigjson from stdin (never argv: every user can read that with `ps`), or made from
// Slipway's stored login for --from-docker-login REGISTRY.
Result<QByteArray> pullSecretContent(const CredentialsOptions& options) {
    if (options.fromDockerLogin.isEmpty()) {
        if (isatty(STDIN_FILENO))
            printErr(QStringLiteral("Paste the secret's .dockerconfigjson, then press Ctrl-D:\n"));
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return fail(QStringLiteral("cli.credentials.stdin"), QStringLiteral("Cannot read stdin."),
                        QStringLiteral("Pipe the secret's .dockerconfigjson into the command."));
        return input.readAll().trimmed();
    }
    const auto key = registryKey(options.fromDockerLogin);
    if (!key)
        return std::unexpected(key.error());
    KeychainCredentialStore store;
    const auto login = awaitResult(store.read(*key));
    if (!login)
        return std::unexpected(login.error());
    if (login->kind == SecretKind::IdentityToken)
        return fail(QStringLiteral("cli.credentials.identity-token"),
                    QStringLiteral("The login for %1 is an identity token, which a cluster cannot pull with "
                                   "(kubelet ignores identity tokens).")
                        .arg(*key),
                    QStringLiteral("Log in to %1 with a username and a password or access token, then try "
                                   "again.")
                        .arg(*key));
    return registry::dockerConfigJsonFor(dockerServerUrl(*key), toRegistryCredentials(*login));
}

int addPullSecret(const CredentialsOptions& options) {
    // The name first: a typo should not cost the user pasting the secret.
    if (auto valid = PullSecretStore::validateName(options.pullSecretName); !valid)
        return usage(valid.error().describe());
    const auto content = pullSecretContent(options);
    if (!content)
        return content.error().code == kNoKeychain ? failWithCredentialError(content.error())
                                                   : usage(content.error().describe());
    PullSecretStore store;
    const auto stored = awaitResult(store.store(options.pullSecretName, *content));
    if (!stored) {
        if (stored.error().code.startsWith(QLatin1String("credentials.")))
            return failWithCredentialError(stored.error());
        return usage(stored.error().describe());
    }
    if (options.json) {
        printJson({{QStringLiteral("name"), stored->name},
                   {QStringLiteral("registries"), QJsonArray::fromStringList(stored->registries)}});
        return kExitOk;
    }
    printOut(QStringLiteral("Stored the pull secret %1 (for %2) in the OS keychain. Check an image with it: "
                            "slipway-cli check IMAGE --cluster-secret %1\n")
                 .arg(stored->name, stored->registries.join(QStringLiteral(", "))));
    return kExitOk;
}

int removePullSecret(const CredentialsOptions& options) {
    PullSecretStore store;
    const auto removed = awaitResult(store.remove(options.pullSecretName));
    if (!removed)
        return failWithCredentialError(removed.error());
    if (options.json)
        printJson({{QStringLiteral("name"), options.pullSecretName}, {QStringLiteral("removed"), *removed}});
    else
        printOut(
            *removed
                ? QStringLiteral("Removed the pull secret %1.\n").arg(options.pullSecretName)
                : QStringLiteral("There was no pull secret %1 to remove.\n").arg(options.pullSecretName));
    return kExitOk;
}

int importDocker(const CredentialsOptions& options) {
    KeychainCredentialStore store;
    // Ask the keychain first: without one every entry would be skipped with the same error.
    if (auto probed = awaitResult(store.probe()); !probed)
        return failWithCredentialError(probed.error());
    auto report = awaitResult(importDockerCredentials(options.configDir, store, {options.replace}));
    if (!report)
        return failWithCredentialError(report.error());
    if (options.json) {
        QJsonArray imported;
        for (const ImportedLogin& login : report->imported)
            imported.append(QJsonObject{{QStringLiteral("registry"), login.registry},
                                        {QStringLiteral("username"), login.username},
                                        {QStringLiteral("kind"), secretKindName(login.kind)},
                                        {QStringLiteral("source"), login.source}});
        QJsonArray skipped;
        for (const SkippedLogin& login : report->skipped)
            skipped.append(QJsonObject{{QStringLiteral("entry"), login.entry},
                                       {QStringLiteral("reason"), login.reason}});
        printJson({{QStringLiteral("config"), report->configPath},
                   {QStringLiteral("imported"), imported},
                   {QStringLiteral("skipped"), skipped}});
        return kExitOk;
    }
    printOut(QStringLiteral("From %1:\n").arg(report->configPath));
    for (const ImportedLogin& login : report->imported)
        printOut(QStringLiteral("  imported %1 (%2, %3) from %4\n")
                     .arg(login.registry,
                          login.username.isEmpty() ? QStringLiteral("identity token") : login.username,
                          secretKindLabel(login.kind), login.source));
    for (const SkippedLogin& login : report->skipped)
        printOut(QStringLiteral("  skipped  %1: %2\n").arg(login.entry, login.reason));
    if (report->imported.isEmpty() && report->skipped.isEmpty())
        printOut(QStringLiteral("  no logins found\n"));
    return kExitOk;
}

int changeHelper(const CredentialsOptions& options) {
    const bool enable = options.action == QLatin1String("enable-helper");
    auto change = enable ? enableDockerCredentialHelper(options.configDir)
                         : disableDockerCredentialHelper(options.configDir);
    if (!change)
        return failWithCredentialError(change.error());
    if (options.json) {
        printJson({{QStringLiteral("config"), change->configPath},
                   {QStringLiteral("changed"), change->changed},
                   {QStringLiteral("backup"), change->backupPath},
                   {QStringLiteral("previousCredsStore"), change->previousCredsStore},
                   {QStringLiteral("credsStore"), change->credsStore},
                   {QStringLiteral("plaintextLogins"), QJsonArray::fromStringList(change->plaintextLogins)},
                   {QStringLiteral("helperOnPath"), change->helperOnPath}});
        return kExitOk;
    }
    const QString store = change->credsStore.isEmpty() ? QStringLiteral("(none)") : change->credsStore;
    if (!change->changed)
        printOut(QStringLiteral("%1 already has credsStore %2; nothing changed.\n")
                     .arg(change->configPath, store));
    else
        printOut(QStringLiteral("%1: credsStore is now %2 (was %3). Backup: %4\n")
                     .arg(change->configPath, store,
                          change->previousCredsStore.isEmpty() ? QStringLiteral("(none)")
                                                               : change->previousCredsStore,
                          change->backupPath.isEmpty() ? QStringLiteral("(there was no file)")
                                                       : change->backupPath));
    if (enable && !change->helperOnPath)
        printErr(QStringLiteral(
            "warning: docker-credential-slipway is not on PATH, so docker cannot run it and every "
            "docker login will fail. Fix: put the folder that holds it on PATH, or run "
            "`slipway-cli credentials disable-helper`.\n"));
    if (enable && !change->plaintextLogins.isEmpty())
        printErr(QStringLiteral(
                     "warning: config.json still holds plain-text logins for %1, which docker keeps "
                     "using. Fix: `slipway-cli credentials import-docker`, then `docker logout` each of "
                     "them and log in again.\n")
                     .arg(change->plaintextLogins.join(QStringLiteral(", "))));
    return kExitOk;
}

int runCredentialsCommand(const QStringList& arguments) {
    QString problem;
    const auto options = parse(arguments, problem);
    if (!options)
        return usage(problem);
    if (options->action == QLatin1String("list"))
        return list(*options);
    if (options->action == QLatin1String("import-docker"))
        return importDocker(*options);
    if (options->action == QLatin1String("add-pull-secret"))
        return addPullSecret(*options);
    if (options->action == QLatin1String("remove-pull-secret"))
        return removePullSecret(*options);
    return changeHelper(*options);
}

const CommandRegistration registration{CliCommand{
    QStringLiteral("credentials"),
    QStringLiteral(
        "  credentials list [--json]      registry logins and pull secrets in the OS keychain\n"
        "                         (never their secrets; pull secrets with the registries they cover)\n"
        "  credentials add-pull-secret NAME [--from-docker-login REGISTRY] [--json]\n"
        "                         keep the cluster's pull secret NAME (e.g. regcred) in the OS\n"
        "                         keychain for check --cluster-secret NAME; its .dockerconfigjson\n"
        "                         is read from stdin, never argv, e.g. kubectl get secret NAME -o\n"
        "                         jsonpath='{.data.\\.dockerconfigjson}' | base64 -d | slipway-cli ...;\n"
        "                         or made from Slipway's login for REGISTRY\n"
        "  credentials remove-pull-secret NAME [--json]\n"
        "                         forget the pull secret NAME\n"
        "  credentials import-docker [--replace] [--docker-config DIR] [--json]\n"
        "                         copy the docker CLI's logins (auths, credsStore, credHelpers)\n"
        "  credentials enable-helper|disable-helper [--docker-config DIR] [--json]\n"
        "                         make docker keep its logins in Slipway's keychain entries\n"
        "                         (credsStore \"slipway\"; config.json backed up first)\n"),
    &runCredentialsCommand, 42}};

} // namespace

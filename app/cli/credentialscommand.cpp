// `slipway-cli credentials list|import-docker|enable-helper|disable-helper`: the registry logins in
// the OS keychain (never their secrets) and the bridge to the docker CLI's config.json.
#include "command.h"
#include "credentials/dockerconfig.h"
#include "credentials/dockerimport.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/registrykey.h"
#include "credentialsupport.h"
#include "output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace slipway;
using namespace slipway::credentials;

namespace {

struct CredentialsOptions {
    QString action;
    bool json = false;
    bool replace = false;
    QString configDir;
};

int usage(const QString& message) {
    printErr(
        QStringLiteral("slipway-cli credentials: %1\nRun 'slipway-cli --help' for usage.\n").arg(message));
    return kExitUsage;
}

std::optional<CredentialsOptions> parse(QStringList arguments, QString& problem) {
    static const QStringList actions{QStringLiteral("list"), QStringLiteral("import-docker"),
                                     QStringLiteral("enable-helper"), QStringLiteral("disable-helper")};
    if (arguments.isEmpty() || !actions.contains(arguments.first())) {
        problem = QStringLiteral("expected one of %1").arg(actions.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    CredentialsOptions options;
    options.action = arguments.takeFirst();
    options.configDir = dockerConfigDir();
    const bool usesConfig = options.action != QLatin1String("list");
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--replace") &&
                   options.action == QLatin1String("import-docker")) {
            options.replace = true;
        } else if (argument == QLatin1String("--docker-config") && usesConfig && !arguments.isEmpty()) {
            options.configDir = arguments.takeFirst();
        } else {
            problem = QStringLiteral("unexpected argument '%1'").arg(argument);
            return std::nullopt;
        }
    }
    return options;
}

void printJson(const QJsonObject& object) {
    printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

int list(const CredentialsOptions& options) {
    KeychainCredentialStore store;
    auto logins = awaitResult(store.list());
    if (!logins)
        return failWithCredentialError(logins.error());
    if (options.json) {
        QJsonArray array;
        for (const CredentialSummary& login : *logins)
            array.append(QJsonObject{{QStringLiteral("registry"), login.registry},
                                     {QStringLiteral("serverUrl"), dockerServerUrl(login.registry)},
                                     {QStringLiteral("username"), login.username},
                                     {QStringLiteral("kind"), secretKindName(login.kind)}});
        printJson({{QStringLiteral("store"), store.location()}, {QStringLiteral("logins"), array}});
        return kExitOk;
    }
    if (logins->isEmpty()) {
        printOut(QStringLiteral(
                     "No registry logins in %1. Add one with: slipway-cli login REGISTRY --username U\n")
                     .arg(store.location()));
        return kExitOk;
    }
    printOut(QStringLiteral("%1  %2  %3\n")
                 .arg(QStringLiteral("REGISTRY"), -30)
                 .arg(QStringLiteral("USERNAME"), -24)
                 .arg(QStringLiteral("KIND")));
    for (const CredentialSummary& login : *logins)
        printOut(QStringLiteral("%1  %2  %3\n")
                     .arg(login.registry, -30)
                     .arg(login.username.isEmpty() ? QStringLiteral("-") : login.username, -24)
                     .arg(secretKindName(login.kind)));
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
    return changeHelper(*options);
}

const CommandRegistration registration{CliCommand{
    QStringLiteral("credentials"),
    QStringLiteral(
        "  credentials list [--json]      registry logins in the OS keychain (never their secrets)\n"
        "  credentials import-docker [--replace] [--docker-config DIR] [--json]\n"
        "                         copy the docker CLI's logins (auths, credsStore, credHelpers)\n"
        "  credentials enable-helper|disable-helper [--docker-config DIR] [--json]\n"
        "                         make docker keep its logins in Slipway's keychain entries\n"
        "                         (credsStore \"slipway\"; config.json backed up first)\n"),
    &runCredentialsCommand, 42}};

} // namespace
